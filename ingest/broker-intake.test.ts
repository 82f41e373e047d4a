import { describe, expect, it } from 'vitest';
import { OPS_COMMANDS_TOPIC } from '../core/ops-topics.ts';
import { vanTopic } from '../core/topics.ts';
import { createLogger } from '../platform/logger.ts';
import { MetricsRegistry } from '../platform/metrics.ts';
import { createBrokerIntake } from './broker-intake.ts';
import { GROUP_MAX_MESSAGES, type Inbound } from './intake.ts';

/**
 * The broker intake's groups (issue 14), through the very hook aedes calls
 * (`beforeAcknowledge`); test/broker-intake.test.ts runs it behind a real aedes.
 */
function setup() {
  const metrics = new MetricsRegistry();
  const intake = createBrokerIntake({ metrics, logger: createLogger({ level: 'silent' }), retryDelayMs: 1 });
  const settled: string[] = [];
  const send = (topic: string, label: string) =>
    intake.beforeAcknowledge({ topic, payload: label }).then(
      () => settled.push(`acked ${label}`),
      () => settled.push(`refused ${label}`),
    );
  return { intake, metrics, settled, send };
}
const labels = (group: readonly Inbound[]) => group.map((m) => Buffer.from(m.payload).toString());
const telemetry = vanTopic('VAN-01', 'telemetry');

describe('broker intake: groups for one commit each (issue 14)', () => {
  it('hands over everything queued as one group, but a dashboard’s command alone, in the one order of intake', async () => {
    const { intake, send } = setup();
    const sent = ['a', 'b', 'c', 'd', 'e'].map((l, i) => send(i === 2 ? OPS_COMMANDS_TOPIC : telemetry, l));
    const groups: string[][] = [];
    await intake.start(async (group) => {
      groups.push(labels(group));
    });
    await Promise.all(sent);
    expect(groups).toEqual([['a', 'b'], ['c'], ['d', 'e']]);
    await intake.stop();
  });

  it(`takes at most ${GROUP_MAX_MESSAGES} messages in a group`, async () => {
    const { intake, send } = setup();
    const sent = Array.from({ length: GROUP_MAX_MESSAGES + 1 }, (_, i) => send(telemetry, String(i)));
    const sizes: number[] = [];
    await intake.start(async (group) => {
      sizes.push(group.length);
    });
    await Promise.all(sent);
    expect(sizes).toEqual([GROUP_MAX_MESSAGES, 1]);
    await intake.stop();
  });

  it('acknowledges none of a group before its storage failure is retried and stored, then all', async () => {
    const { intake, metrics, settled, send } = setup();
    const sent = ['a', 'b', 'c'].map((l) => send(telemetry, l));
    const attempts: string[][] = [];
    await intake.start(async (group) => {
      attempts.push(labels(group));
      // What was settled when the handler was called: nothing of its group.
      expect(settled).toEqual([]);
      if (attempts.length < 3) throw new Error('disk I/O error');
    });
    await Promise.all(sent);
    expect(attempts).toEqual([
      ['a', 'b', 'c'],
      ['a', 'b', 'c'],
      ['a', 'b', 'c'],
    ]);
    expect(settled).toEqual(['acked a', 'acked b', 'acked c']);
    expect(metrics.counter('givre_ingest_store_errors_total', '').get()).toBe(2);
    await intake.stop();
  });

  it('stops after the group being handled: its messages are acknowledged, those queued behind refused', async () => {
    const { intake, settled, send } = setup();
    let release = () => {};
    const released = new Promise<void>((r) => (release = r));
    let entered = () => {};
    const handling = new Promise<void>((r) => (entered = r));
    await intake.start(async () => {
      entered();
      await released;
    });
    const first = [send(telemetry, 'a'), send(telemetry, 'b')];
    await handling;
    const queued = [send(telemetry, 'c'), send(telemetry, 'd')];
    const stopped = intake.stop();
    release();
    await stopped;
    await Promise.all([...first, ...queued]);
    expect(settled).toEqual(['acked a', 'acked b', 'refused c', 'refused d']);
    await send(telemetry, 'e');
    expect(settled.at(-1)).toBe('refused e');
  });
});
