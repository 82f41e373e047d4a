import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { SqlitePersistence } from './sqlite-persistence.ts';

const dirs: string[] = [];
const opened: SqlitePersistence[] = [];
function brokerDbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'givre-broker-db-'));
  dirs.push(dir);
  return join(dir, 'broker.db');
}
afterEach(async () => {
  for (const p of opened.splice(0)) await p.destroy();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const open = async (path: string, brokerId = 'broker-1') => {
  const p = new SqlitePersistence(path);
  opened.push(p);
  await p.setup({ id: brokerId });
  return p;
};
const all = async (stream: Readable) => {
  const items: Record<string, unknown>[] = [];
  for await (const item of stream) items.push(item as Record<string, unknown>);
  return items;
};
let counter = 0;
const publish = (topic: string, payload: string, more: Record<string, unknown> = {}) => ({
  cmd: 'publish',
  topic,
  payload: Buffer.from(payload),
  qos: 1,
  retain: false,
  dup: false,
  brokerId: 'broker-1',
  brokerCounter: ++counter,
  ...more,
});

/**
 * What aedes finds in broker.db after the broker process died and started again (issue 13):
 * a new persistence on the same file, no `destroy` of the first one, as after a SIGKILL.
 */
describe('broker.db after a restart', () => {
  it('keeps persistent sessions: subscriptions by client and by topic, and the counts', async () => {
    const path = brokerDbPath();
    const before = await open(path);
    await before.addSubscriptions({ id: 'givre-ingest' }, [
      { topic: 'givre/v1/vans/+/telemetry', qos: 1, rh: 0, rap: false, nl: false },
      { topic: 'givre/v1/vans/+/status', qos: 1, rh: 0, rap: false, nl: false },
    ]);
    await before.addSubscriptions({ id: 'VAN-04' }, [{ topic: 'givre/v1/vans/VAN-04/alerts', qos: 1 }]);
    await before.removeSubscriptions({ id: 'givre-ingest' }, ['givre/v1/vans/+/status']);

    const after = await open(path, 'broker-2');
    expect(await after.subscriptionsByClient({ id: 'givre-ingest' })).toEqual([
      { topic: 'givre/v1/vans/+/telemetry', qos: 1, rh: 0, rap: false, nl: false },
    ]);
    expect(await after.subscriptionsByTopic('givre/v1/vans/VAN-04/alerts')).toEqual([
      expect.objectContaining({ clientId: 'VAN-04', qos: 1 }),
    ]);
    expect(await after.subscriptionsByTopic('givre/v1/vans/VAN-01/status')).toEqual([]);
    expect(await after.countOffline()).toEqual({ subsCount: 2, clientsCount: 2 });
  });

  it('keeps each queue in order, with the message ids already given, until each is acknowledged', async () => {
    const path = brokerDbPath();
    const before = await open(path);
    const subs = [{ clientId: 'givre-ingest' }, { clientId: 'VAN-04' }];
    const sent = publish('givre/v1/vans/VAN-01/telemetry', 'first');
    await before.outgoingEnqueueCombi(subs, sent);
    await before.outgoingEnqueueCombi(subs, publish('givre/v1/vans/VAN-01/telemetry', 'second'));
    // The first was on its way to ingest (message id 7) when the broker died.
    await before.outgoingUpdate({ id: 'givre-ingest' }, { ...sent, messageId: 7 });

    const after = await open(path, 'broker-2');
    const queue = await all(after.outgoingStream({ id: 'givre-ingest' }));
    expect(queue.map((p) => [String(p['payload']), p['messageId']])).toEqual([
      ['first', 7],
      ['second', undefined],
    ]);
    expect(queue[0]).toMatchObject({ brokerId: 'broker-1', qos: 1, retain: false, dup: false });
    expect((await all(after.outgoingStream({ id: 'VAN-04' }))).map((p) => String(p['payload']))).toEqual([
      'first',
      'second',
    ]);

    // Ingest's PUBACK for message 7 removes that one only, and it stays removed.
    const acked = await after.outgoingClearMessageId({ id: 'givre-ingest' }, { cmd: 'puback', messageId: 7 });
    expect(String(acked?.['payload'])).toBe('first');
    const again = await open(path, 'broker-3');
    expect(
      (await all(again.outgoingStream({ id: 'givre-ingest' }))).map((p) => String(p['payload'])),
    ).toEqual(['second']);
  });

  it('streams a long queue a page at a time, without what was queued after the stream began', async () => {
    const p = await open(brokerDbPath());
    for (let i = 0; i < 600; i++)
      await p.outgoingEnqueue({ clientId: 'givre-ingest' }, publish('t', `m${i}`));
    const stream = p.outgoingStream({ id: 'givre-ingest' });
    await p.outgoingEnqueue({ clientId: 'givre-ingest' }, publish('t', 'later'));
    const payloads = (await all(stream)).map((m) => String(m['payload']));
    expect(payloads).toEqual(Array.from({ length: 600 }, (_, i) => `m${i}`));
  });

  it('keeps retained messages, and the removal of one', async () => {
    const path = brokerDbPath();
    const before = await open(path);
    const online = { ...publish('givre/v1/vans/VAN-01/status', '{"state":"online"}'), retain: true };
    await before.storeRetained(online);
    await before.storeRetained({ ...publish('givre/v1/vans/VAN-02/status', 'x'), retain: true });
    await before.storeRetained({ ...publish('givre/v1/vans/VAN-02/status', ''), retain: true });

    const after = await open(path, 'broker-2');
    expect(await all(after.createRetainedStreamCombi(['givre/v1/vans/+/status']))).toEqual([online]);
  });

  it('keeps wills, which the next broker publishes for a broker that is gone', async () => {
    const path = brokerDbPath();
    const before = await open(path);
    const will = {
      topic: 'givre/v1/vans/VAN-01/status',
      payload: Buffer.from('offline'),
      qos: 1,
      retain: true,
    };
    await before.putWill({ id: 'givre-VAN-01' }, will);

    const after = await open(path, 'broker-2');
    expect(await all(after.streamWill({ 'broker-2': Date.now() }))).toEqual([
      { ...will, clientId: 'givre-VAN-01', brokerId: 'broker-1' },
    ]);
    expect(await all(after.streamWill({ 'broker-1': Date.now() }))).toEqual([]);
  });

  it('keeps a QoS 2 packet between its PUBREC and its PUBREL', async () => {
    const path = brokerDbPath();
    const before = await open(path);
    await before.incomingStorePacket({ id: 'VAN-01' }, { ...publish('t', 'once'), qos: 2, messageId: 12 });

    const after = await open(path, 'broker-2');
    const kept = await after.incomingGetPacket({ id: 'VAN-01' }, { messageId: 12 });
    expect(kept).toMatchObject({ topic: 't', qos: 2, messageId: 12 });
    expect(String(kept['payload'])).toBe('once');
  });

  it('refuses a broker.db written by a newer Givre', () => {
    const path = brokerDbPath();
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    expect(() => new SqlitePersistence(path)).toThrow(/schema version 99 is newer than this Givre knows/);
  });
});
