import { describe, expect, it } from 'vitest';
import type { AlertEpisode } from '../core/alert-episode.ts';
import type { LoadService } from '../compliance/load-service.ts';
import { CommandMessage, type CommandReply } from '../core/ops-messages.ts';
import { GivreError } from '../platform/errors.ts';
import { createLogger } from '../platform/logger.ts';
import { MetricsRegistry } from '../platform/metrics.ts';
import { createCommandRepository } from '../state/command-repository.ts';
import { openStateDb } from '../state/state-db.ts';
import type { AlertEngine } from './alert-engine.ts';
import { createCommandHandler } from './command-handler.ts';

const at = Date.UTC(2026, 10, 26, 20, 0, 0);
const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const ack = (id: string, alertId = 'al-1') => ({
  v: 1,
  id,
  replyTo: 'givre-dashboard-1',
  sentAt: at,
  command: { type: 'alert-ack', alertId, by: 'marie', reason: 'defrost' },
});

function setUp(acknowledge: AlertEngine['acknowledge'], loads = {} as LoadService) {
  const published: Array<{ topic: string; payload: unknown }> = [];
  const metrics = new MetricsRegistry();
  const commands = createCommandRepository(openStateDb(':memory:'));
  const handler = createCommandHandler({
    alerts: { acknowledge },
    loads, // not reached by acknowledgements unless a test passes one
    certificates: { latest: () => undefined },
    commands,
    publisher: {
      publish: async (topic, payload) => void published.push({ topic, payload: JSON.parse(payload) }),
    },
    onLoadChanged: () => undefined,
    metrics,
    logger: createLogger({ level: 'silent' }),
    maxPayloadBytes: 64 * 1024,
    now: () => at,
  });
  const replies = () =>
    published
      .filter((p) => p.topic === 'givre/v1/ops/replies/givre-dashboard-1')
      .map((p) => p.payload as CommandReply);
  // Handles one message, then waits for what it set under way.
  const handle = async (topic: string, payload: Uint8Array) => {
    await handler.handle(topic, payload);
    await handler.stop();
  };
  return { handler, handle, published, replies, metrics, commands };
}

describe('command handler (issue 9)', () => {
  it('carries out a command once: a redelivery is answered again, not applied again', async () => {
    const calls: string[] = [];
    const { handle, replies, metrics } = setUp((id, a) => {
      calls.push(`${id} by ${a.by} (${a.reason})`);
      return { id } as AlertEpisode;
    });
    await handle('givre/v1/ops/commands', bytes(ack('cmd-000000001')));
    await handle('givre/v1/ops/commands', bytes(ack('cmd-000000001')));
    expect(calls).toEqual(['al-1 by marie (defrost)']);
    expect(replies()).toEqual([
      { v: 1, id: 'cmd-000000001', ok: true, result: { alertId: 'al-1' } },
      { v: 1, id: 'cmd-000000001', ok: true, result: { alertId: 'al-1' } },
    ]);
    expect(
      metrics.counter('givre_ingest_commands_total', '').get({ type: 'alert-ack', result: 'repeated' }),
    ).toBe(1);
  });

  it('never carries out a command its dashboard abandoned (it told the person 503)', async () => {
    const calls: string[] = [];
    const { handle, published, commands } = setUp((id) => {
      calls.push(id);
      return { id } as AlertEpisode;
    });
    expect(commands.abandon('cmd-000000009', at)).toBe(true);
    await handle('givre/v1/ops/commands', bytes(ack('cmd-000000009')));
    expect(calls).toEqual([]);
    expect(published).toEqual([]);
  });

  it('carries out at start-up what it had taken and not answered when it stopped', async () => {
    const calls: string[] = [];
    const { handler, replies, commands } = setUp((id) => {
      calls.push(id);
      return { id } as AlertEpisode;
    });
    const message = CommandMessage.parse(ack('cmd-000000010', 'al-7'));
    expect(commands.take(message, at)).toBe('taken'); // then ingest was killed
    await handler.start();
    await handler.stop();
    expect(calls).toEqual(['al-7']);
    expect(replies()).toEqual([{ v: 1, id: 'cmd-000000010', ok: true, result: { alertId: 'al-7' } }]);
    expect(commands.running()).toEqual([]);
  });

  it('answers an acknowledgement while a delivery still waits for its certificate', async () => {
    let release: () => void = () => undefined;
    const waiting = new Promise<void>((r) => (release = r));
    const load = { id: 'LD-A', van: 'VAN-01', recipient: { id: 'resto' }, status: 'delivered' };
    const loads = {
      mark: async () => {
        await waiting; // the store flush InfluxDB has not answered yet
        return { load };
      },
    } as unknown as LoadService;
    const { handler, replies } = setUp((id) => ({ id }) as AlertEpisode, loads);
    const delivery = CommandMessage.parse({
      ...ack('cmd-000000020'),
      command: { type: 'load-event', loadId: 'LD-A', event: 'delivered', by: 'marie' },
    });
    await handler.handle('givre/v1/ops/commands', bytes(delivery));
    await handler.handle('givre/v1/ops/commands', bytes(ack('cmd-000000021')));
    await new Promise((r) => setTimeout(r, 10));
    expect(replies().map((r) => r.id)).toEqual(['cmd-000000021']);
    release();
    await handler.stop();
    expect(replies().map((r) => r.id)).toEqual(['cmd-000000021', 'cmd-000000020']);
  });

  it('answers a refusal with its code, and anything else as unavailable without its detail', async () => {
    const { handle, replies } = setUp((id) => {
      if (id === 'al-known')
        throw new GivreError('GIVRE_ERR_BAD_REQUEST', `alert ${id}: already-acknowledged`);
      throw new Error('SQLITE_BUSY: database is locked at /srv/givre/state.db');
    });
    await handle('givre/v1/ops/commands', bytes(ack('cmd-000000002', 'al-known')));
    await handle('givre/v1/ops/commands', bytes(ack('cmd-000000003', 'al-other')));
    expect(replies()).toEqual([
      {
        v: 1,
        id: 'cmd-000000002',
        ok: false,
        error: { code: 'GIVRE_ERR_BAD_REQUEST', message: 'alert al-known: already-acknowledged' },
      },
      {
        v: 1,
        id: 'cmd-000000003',
        ok: false,
        error: { code: 'GIVRE_ERR_UNAVAILABLE', message: 'ingest could not carry out alert-ack' },
      },
    ]);
  });

  it('counts a bad command by reason and carries nothing out', async () => {
    const calls: string[] = [];
    const { handle, published, metrics } = setUp((id) => {
      calls.push(id);
      return { id } as AlertEpisode;
    });
    await handle('givre/v1/ops/commands', new TextEncoder().encode('{"v":1'));
    await handle('givre/v1/ops/commands', bytes({ ...ack('cmd-000000004'), replyTo: 'a/b' }));
    await handle('givre/v1/ops/alerts', bytes(ack('cmd-000000005')));
    expect(calls).toEqual([]);
    expect(published).toEqual([]);
    const rejected = metrics.counter('givre_ops_rejected_total', '');
    expect([rejected.get({ reason: 'bad-json' }), rejected.get({ reason: 'schema' })]).toEqual([1, 2]);
  });
});
