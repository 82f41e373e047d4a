import { describe, expect, it, vi } from 'vitest';
import { OPS_COMMANDS_TOPIC } from '../core/ops-topics.ts';
import { vanTopic } from '../core/topics.ts';
import { createLogger } from '../platform/logger.ts';
import { MetricsRegistry } from '../platform/metrics.ts';
import { createGroupPipeline, type Queued } from './group-pipeline.ts';
import { GROUP_MAX_BYTES, GROUP_MAX_MESSAGES, isCommandTopic, type Inbound } from './intake.ts';
import { createStoreRetry } from './store-retry.ts';

/** A handler whose calls settle when the test says so. */
function gatedHandler() {
  const calls: Array<{ group: readonly Inbound[]; resolve: () => void; reject: (e: Error) => void }> = [];
  const handle = (group: readonly Inbound[]) =>
    new Promise<void>((resolve, reject) => calls.push({ group, resolve, reject }));
  return { calls, handle };
}

/** A van's telemetry (or with `topic`, any message) labelled by its first payload byte. */
const message = (
  messageId: number | undefined,
  bytes = 1,
  topic = vanTopic('VAN-01', 'telemetry'),
): Queued => {
  const payload = new Uint8Array(bytes);
  payload[0] = messageId ?? 0;
  return { topic, payload, ...(messageId === undefined ? {} : { messageId }) };
};
const command = (messageId: number) => message(messageId, 1, OPS_COMMANDS_TOPIC);
const labels = (group: readonly Inbound[]) => group.map((m) => m.payload[0]);
const settle = () => new Promise((r) => setImmediate(r));
const MiB = 1024 * 1024;

/** Resolves the handler's first `count` calls as they come: the groups it was handed, labelled. */
async function resolveInTurn(calls: ReturnType<typeof gatedHandler>['calls'], count: number) {
  const groups: Array<Array<number | undefined>> = [];
  for (let i = 0; i < count; i++) {
    // The pipeline lets the event loop turn between two groups: wait a few turns for the next.
    for (let turn = 0; turn < 10 && !calls[i]; turn++) await settle();
    groups.push(labels(calls[i]!.group));
    calls[i]!.resolve();
  }
  return groups;
}

function setup() {
  const acked: number[][] = [];
  const pipeline = createGroupPipeline({
    retry: createStoreRetry({
      metrics: new MetricsRegistry(),
      logger: createLogger({ level: 'silent' }),
      retryDelayMs: 1,
      maxRetryDelayMs: 1,
    }),
    acknowledge: (ids) => acked.push([...ids]),
  });
  return { pipeline, acked, ...gatedHandler() };
}

/** Message 1 in flight, message 2 queued behind it. */
async function oneInFlightOneQueued() {
  const s = setup();
  s.pipeline.start(s.handle);
  s.pipeline.push(message(1));
  await settle();
  s.pipeline.push(message(2));
  return s;
}

describe('group pipeline (issue 14: group commit behind an external broker)', () => {
  it('queues what arrives while a group commits, hands it over as the next group, and acknowledges each group only once it resolved, in order', async () => {
    const { pipeline, acked, calls, handle } = setup();
    pipeline.start(handle);
    pipeline.push(message(1));
    await settle();
    for (const id of [2, 3, 4]) pipeline.push(message(id));
    await settle();
    expect(calls.map((c) => c.group.length)).toEqual([1]);
    expect(acked).toEqual([]);
    calls[0]!.resolve();
    await settle();
    expect(acked).toEqual([[1]]);
    for (let turn = 0; turn < 10 && !calls[1]; turn++) await settle();
    expect(calls[1]!.group.map((m) => m.payload[0])).toEqual([2, 3, 4]);
    expect(acked).toEqual([[1]]);
    calls[1]!.resolve();
    await settle();
    expect(acked).toEqual([[1], [2, 3, 4]]);
  });

  it(`bounds a group at ${GROUP_MAX_MESSAGES} messages`, async () => {
    const { pipeline, calls, handle } = setup();
    for (let id = 0; id < GROUP_MAX_MESSAGES + 5; id++) pipeline.push(message(id));
    pipeline.start(handle);
    await settle();
    expect(calls[0]!.group).toHaveLength(GROUP_MAX_MESSAGES);
    expect(pipeline.queued()).toBe(5);
  });

  it(`bounds a group at ${GROUP_MAX_BYTES / MiB} MiB of payload, but hands a larger message alone`, async () => {
    const { pipeline, calls, handle } = setup();
    // Two halves are the bound exactly; the byte beyond it starts the next group.
    const half = GROUP_MAX_BYTES / 2;
    for (const [id, bytes] of [
      [1, half],
      [2, half],
      [3, 1],
      [4, GROUP_MAX_BYTES + MiB],
      [5, 1],
    ] as const)
      pipeline.push(message(id, bytes));
    pipeline.start(handle);
    const groups = await resolveInTurn(calls, 4);
    expect(groups).toEqual([[1, 2], [3], [4], [5]]);
  });

  it('hands a dashboard’s command as a group of its own, and the messages around it in their order', async () => {
    const { pipeline, acked, calls, handle } = setup();
    for (const m of [
      message(1),
      message(2),
      command(3),
      message(4),
      message(5),
      command(6),
      command(7),
      message(8),
    ])
      pipeline.push(m);
    pipeline.start(handle);
    const groups = await resolveInTurn(calls, 6);
    await settle();
    expect(groups).toEqual([[1, 2], [3], [4, 5], [6], [7], [8]]);
    expect(acked).toEqual([[1, 2], [3], [4, 5], [6], [7], [8]]);
  });

  it('does not carry a command out again when the group after it fails to store and is retried', async () => {
    const { pipeline, acked } = setup();
    // The handler as ingest's: a command is carried out (its effect recorded, as an alert's
    // acknowledgement would be), a group of vans' messages stored, the first attempt after the
    // command failing to store.
    const recorded: number[] = [];
    const attempts: Array<Array<number | undefined>> = [];
    let failures = 0;
    const handle = async (group: readonly Inbound[]) => {
      attempts.push(labels(group));
      if (group.length === 1 && isCommandTopic(group[0]!.topic))
        return void recorded.push(group[0]!.payload[0]!);
      for (const m of group) if (isCommandTopic(m.topic)) recorded.push(m.payload[0]!);
      if (recorded.length > 0 && failures++ === 0) throw new Error('disk full');
    };
    for (const m of [message(1), command(2), message(3), message(4)]) pipeline.push(m);
    pipeline.start(handle);
    await vi.waitFor(() => expect(acked).toHaveLength(3));
    expect(recorded).toEqual([2]);
    expect(attempts).toEqual([[1], [2], [3, 4], [3, 4]]);
    expect(acked).toEqual([[1], [2], [3, 4]]);
  });

  it('retries the whole group after a storage failure and acknowledges nothing until it succeeds', async () => {
    const { pipeline, acked, calls, handle } = setup();
    pipeline.push(message(7));
    pipeline.push(message(8));
    pipeline.start(handle);
    await settle();
    calls[0]!.reject(new Error('disk full'));
    await new Promise((r) => setTimeout(r, 10));
    expect(acked).toEqual([]);
    expect((calls[1]!.group as Queued[]).map((m) => m.messageId)).toEqual([7, 8]);
    calls[1]!.resolve();
    await settle();
    expect(acked).toEqual([[7, 8]]);
  });

  it('hands QoS 0 publishes over too, with no acknowledgement', async () => {
    const { pipeline, acked, calls, handle } = setup();
    pipeline.push(message(undefined));
    pipeline.push(message(9));
    pipeline.start(handle);
    await settle();
    expect(calls[0]!.group).toHaveLength(2);
    calls[0]!.resolve();
    await settle();
    expect(acked).toEqual([[9]]);
  });

  it('after a lost connection drops the queue and does not acknowledge the group in flight', async () => {
    const { pipeline, acked, calls } = await oneInFlightOneQueued();
    pipeline.reset();
    expect(pipeline.queued()).toBe(0);
    calls[0]!.resolve();
    await settle();
    expect(acked).toEqual([]);
    expect(calls).toHaveLength(1);
    // The redelivery on the next connection is handled and acknowledged there.
    pipeline.push(message(1));
    await settle();
    calls[1]!.resolve();
    await settle();
    expect(acked).toEqual([[1]]);
  });

  it('on stop lets the group in flight finish and acknowledges it, and takes nothing more', async () => {
    const { pipeline, acked, calls } = await oneInFlightOneQueued();
    const stopped = pipeline.stop();
    calls[0]!.resolve();
    await stopped;
    expect(acked).toEqual([[1]]);
    expect(calls).toHaveLength(1);
  });
});
