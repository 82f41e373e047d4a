// Profiles ingest's per-message cost in process (issue 14): builds ingest as `givre start` does
// (SQLite store, state.db, every rule, loads on board) on a temporary data dir, then feeds
// telemetry straight to its message handler, no MQTT in between, and prints CPU µs per message
// and per reading from process.cpuUsage(). With GIVRE_PROFILE_OUT=file.cpuprofile it also
// records a CPU profile of the measured messages only (read it with scripts/cpuprofile-summary.ts
// for the cost of each part).
// argv: readingsPerMessage messages [vans] [messages per group, 1 by default]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Aedes } from 'aedes';
import { vanTopic } from '../core/topics.ts';
import { buildIngest } from '../ingest/build-ingest.ts';
import type { BatchHandler } from '../ingest/intake.ts';
import { wholeHandler } from '../ingest/group-runner.ts';
import { loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { MetricsRegistry } from '../platform/metrics.ts';

const [perMessageArg = '10', messagesArg = '20000', vansArg = '20', groupArg = '1'] = process.argv.slice(2);
const perMessage = Number(perMessageArg);
const messages = Number(messagesArg);
const vans = Number(vansArg);
const groupSize = Number(groupArg);
const T0 = Date.now() - 30 * 24 * 3600_000;

const dir = mkdtempSync(join(tmpdir(), 'givre-profile-'));
const aedes = await Aedes.createBroker();
const server = createServer(aedes.handle);
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as { port: number }).port;

let handle: BatchHandler | undefined;
const config = loadConfig({ GIVRE_DATA_DIR: dir });
const ingest = await buildIngest(config, {
  metrics: new MetricsRegistry(),
  logger: createLogger({ level: 'error' }),
  mqttUrl: `mqtt://127.0.0.1:${port}`,
  intake: {
    start: async (h) => void (handle = wholeHandler(h)),
    stop: async () => undefined,
  },
});
await ingest.start();

const ids = Array.from({ length: vans }, (_, i) => `PROF-${String(i + 1).padStart(2, '0')}`);
// Half the vans carry loads: one chilled load each, a second one on every fourth van.
for (const [i, van] of ids.entries()) {
  if (i % 2 === 1) continue;
  for (const profile of i % 4 === 0 ? ['dairy', 'fresh-meat'] : ['dairy']) {
    const load = ingest.compliance.loads.create(
      {
        profile,
        weightKg: 100,
        donor: { name: 'Donor', place: 'Lyon', pickupAt: T0 },
        recipient: { id: 'restos', name: 'Restos' },
        van,
        compartment: 'chilled',
      },
      'profile',
    );
    await ingest.compliance.loads.mark(load.id, { type: 'picked-up', at: T0 - 60_000, by: 'profile' });
  }
}

// Each van records two chilled probes and one frozen probe every 30 s; a door reading now and then.
const seqs = new Map<string, number>();
const payloadFor = (van: string) => {
  let seq = seqs.get(van) ?? 0;
  const readings: object[] = [];
  while (readings.length < perMessage) {
    seq++;
    const ts = T0 + Math.floor(seq / 3) * 30_000;
    const which = seq % 3;
    if (seq % 97 === 0) readings.push({ seq, ts, kind: 'door', compartment: 'chilled', open: false });
    else
      readings.push({
        seq,
        ts,
        kind: 'temperature',
        compartment: which === 2 ? 'frozen' : 'chilled',
        sensor: `${van}-T${which}`,
        celsius:
          which === 2 ? -20 + Math.round(Math.sin(seq) * 10) / 10 : 3 + Math.round(Math.sin(seq) * 10) / 10,
      });
  }
  seqs.set(van, seq);
  return new TextEncoder().encode(JSON.stringify({ v: 1, van, readings }));
};
const topics = ids.map((van) => vanTopic(van, 'telemetry'));
const batches = Array.from({ length: messages }, (_, m) => ({
  topic: topics[m % vans]!,
  payload: payloadFor(ids[m % vans]!),
}));

const run = async (from: number, to: number) => {
  // One message per group by default, as a van alone gets: the cost per message, commit
  // included; under load the intakes hand over larger groups.
  for (let m = from; m < to; m += groupSize) await handle!(batches.slice(m, Math.min(to, m + groupSize)));
};
const warm = Math.min(2_000, Math.floor(messages / 5));
await run(0, warm);
const profileOut = process.env.GIVRE_PROFILE_OUT;
const session = profileOut ? new Session() : undefined;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}
const cpu0 = process.cpuUsage();
const wall0 = process.hrtime.bigint();
await run(warm, messages);
const cpu = process.cpuUsage(cpu0);
const wall = Number(process.hrtime.bigint() - wall0) / 1e3;
const n = messages - warm;
if (session && profileOut) {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(profileOut, JSON.stringify(profile));
  session.disconnect();
}
const us = (cpu.user + cpu.system) / n;
console.log(
  JSON.stringify({
    readingsPerMessage: perMessage,
    messages: n,
    cpuUsPerMessage: Number(us.toFixed(1)),
    cpuUsPerReading: Number((us / perMessage).toFixed(2)),
    wallUsPerMessage: Number((wall / n).toFixed(1)),
  }),
);
await ingest.stop();
await new Promise<void>((r) => aedes.close(() => r()));
server.close();
rmSync(dir, { recursive: true, force: true });
