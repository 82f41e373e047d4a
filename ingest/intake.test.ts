import { describe, expect, it } from 'vitest';
import { OPS_COMMANDS_TOPIC } from '../core/ops-topics.ts';
import { vanTopic } from '../core/topics.ts';
import { createGroupQueue, isCommandTopic, isIntakeTopic, type Inbound } from './intake.ts';

describe('the topics ingest takes (INTAKE_FILTERS)', () => {
  it.each([
    ['givre/v1/vans/VAN-01/telemetry', true],
    ['givre/v1/vans/VAN-01/status', true],
    ['givre/v1/vans/VAN-01/acks', true],
    ['givre/v1/ops/commands', true],
    // What ingest itself publishes passes the broker at once.
    ['givre/v1/vans/VAN-01/alerts', false],
    ['givre/v1/ops/alerts', false],
    ['givre/v1/ops/fleet/VAN-01', false],
    ['givre/v1/ops/replies/dash-1', false],
    // `+` is one whole level: neither two levels nor a prefix or suffix of one.
    ['givre/v1/vans/VAN-01/x/telemetry', false],
    ['givre/v1/vans/VAN-01/telemetry/more', false],
    ['givre/v1/vans/VAN-01/telemetryx', false],
    ['givre/v1/vans/telemetry', false],
    ['givre/v1/ops/commands/x', false],
    ['givre/v1/ops/command', false],
    ['', false],
  ])('%s → %s', (topic, taken) => {
    expect(isIntakeTopic(topic)).toBe(taken);
  });
});

describe('the queue an intake takes its groups from (issue 14)', () => {
  const telemetry = (n: number): Inbound => ({
    topic: vanTopic('VAN-01', 'telemetry'),
    payload: Buffer.from(String(n)),
  });
  const command = (n: number): Inbound => ({ topic: OPS_COMMANDS_TOPIC, payload: Buffer.from(String(n)) });
  const label = (m: Inbound) => Number(Buffer.from(m.payload).toString());

  it('hands every message once, in arrival order, across many groups, and leaves the rest to clear', () => {
    const queue = createGroupQueue<Inbound>();
    const pushed = Array.from({ length: 5_000 }, (_, n) => (n % 700 === 0 ? command(n) : telemetry(n)));
    for (const m of pushed) queue.push(m);
    const taken: number[] = [];
    while (taken.length < 4_000) {
      const group = queue.take();
      expect(group.length).toBeGreaterThan(0);
      // A command is never beside another message.
      if (group.some((m) => isCommandTopic(m.topic))) expect(group).toHaveLength(1);
      taken.push(...group.map(label));
    }
    expect(queue.length).toBe(5_000 - taken.length);
    const rest = queue.clear().map(label);
    expect([...taken, ...rest]).toEqual(pushed.map(label));
    expect(queue.length).toBe(0);
    expect(queue.take()).toEqual([]);
  });

  it('takes half of a group only when that group would empty the queue', () => {
    const queue = createGroupQueue<Inbound>();
    for (let n = 0; n < 1_500; n++) queue.push(telemetry(n));
    expect(queue.takeHalf()).toHaveLength(1_000); // GROUP_MAX_MESSAGES: 500 stay behind it
    expect(queue.takeHalf().map(label)).toEqual(Array.from({ length: 250 }, (_, i) => 1_000 + i));
    queue.push(command(2_000));
    expect(queue.takeHalf()).toHaveLength(250); // the command ends the group: it does not empty the queue
    expect(queue.takeHalf().map(label)).toEqual([2_000]);
    queue.push(telemetry(3_000));
    expect(queue.takeHalf().map(label)).toEqual([3_000]);
    expect(queue.takeHalf()).toEqual([]);
  });
});
