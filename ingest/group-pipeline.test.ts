import { describe, expect, it } from 'vitest';
import { createLogger } from '../platform/logger.ts';
import { MetricsRegistry } from '../platform/metrics.ts';
import { createGroupPipeline, type Queued } from './group-pipeline.ts';
import type { Inbound } from './intake.ts';
import { createStoreRetry } from './store-retry.ts';

/** A handler whose calls settle when the test says so. */
function gatedHandler() {
  const calls: Array<{ group: readonly Inbound[]; resolve: () => void; reject: (e: Error) => void }> = [];
  const handle = (group: readonly Inbound[]) =>
    new Promise<void>((resolve, reject) => calls.push({ group, resolve, reject }));
  return { calls, handle };
}

const message = (messageId: number | undefined): Queued => ({
  topic: `givre/v1/vans/VAN-01/telemetry`,
  payload: new Uint8Array([messageId ?? 0]),
  ...(messageId === undefined ? {} : { messageId }),
});
const settle = () => new Promise((r) => setImmediate(r));

function setup(maxGroup = 1_000) {
  const acked: number[][] = [];
  const pipeline = createGroupPipeline({
    maxGroup,
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
    expect(calls[1]!.group.map((m) => m.payload[0])).toEqual([2, 3, 4]);
    expect(acked).toEqual([[1]]);
    calls[1]!.resolve();
    await settle();
    expect(acked).toEqual([[1], [2, 3, 4]]);
  });

  it('bounds a group at maxGroup', async () => {
    const { pipeline, calls, handle } = setup(2);
    for (const id of [1, 2, 3, 4, 5]) pipeline.push(message(id));
    pipeline.start(handle);
    await settle();
    expect(calls[0]!.group).toHaveLength(2);
    expect(pipeline.queued()).toBe(3);
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
