// The InfluxDB spool's thread (influx-spool-thread.ts): it alone opens the spool file, and
// answers appends, heads, commits and seq questions in the order asked.
import { parentPort, workerData } from 'node:worker_threads';
import { GivreError } from '../platform/errors.ts';
import { InfluxSpool, type SpoolOptions } from './influx-spool.ts';
import type { SpoolReply, SpoolRequest, SpoolTotals } from './influx-spool-thread.ts';

const port = parentPort!;
const totals = (s: InfluxSpool): SpoolTotals => ({
  bytes: s.pendingBytes,
  lines: s.pendingLines,
  lastId: s.headId,
});
const failure = (err: unknown): Extract<SpoolReply, { ok: false }>['error'] =>
  err instanceof GivreError
    ? { message: err.message, code: err.code }
    : { message: String((err as Error)?.message ?? err) };

let opened: InfluxSpool | undefined;
try {
  opened = new InfluxSpool(workerData as SpoolOptions);
} catch (err) {
  // Told, and the thread ends (nothing else keeps it alive): the store reports it.
  port.postMessage({ id: 0, ok: false, error: failure(err) } satisfies SpoolReply);
  port.close();
}
if (opened) serve(opened);

function serve(spool: InfluxSpool): void {
  port.postMessage({ id: 0, ok: true, value: null, totals: totals(spool) } satisfies SpoolReply);
  port.on('message', (request: SpoolRequest) => {
    if (request.type === 'close') {
      spool.close();
      port.close();
      return;
    }
    let reply: SpoolReply;
    try {
      reply = { id: request.id, ok: true, value: answer(spool, request), totals: totals(spool) };
    } catch (err) {
      reply = { id: request.id, ok: false, error: failure(err), totals: totals(spool) };
    }
    port.postMessage(reply);
  });
}

function answer(spool: InfluxSpool, request: Exclude<SpoolRequest, { type: 'close' }>): unknown {
  switch (request.type) {
    case 'append':
      return spool.appendRows(request.rows);
    case 'head':
      return spool.head(request.maxLines, request.afterId);
    case 'commit':
      spool.commit(request.lastId);
      return null;
    case 'has':
      return spool.hasSeq(request.van, request.seq);
  }
}
