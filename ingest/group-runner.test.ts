import { describe, expect, it } from 'vitest';
import { OPS_COMMANDS_TOPIC } from '../core/ops-topics.ts';
import { vanTopic } from '../core/topics.ts';
import { createLogger } from '../platform/logger.ts';
import { MetricsRegistry } from '../platform/metrics.ts';
import { runGroups } from './group-runner.ts';
import type { Inbound, StagedHandler } from './intake.ts';
import { createStoreRetry } from './store-retry.ts';

const telemetry = (label: string): Inbound => ({
  topic: vanTopic('VAN-01', 'telemetry'),
  payload: Buffer.from(label),
});
const command = (label: string): Inbound => ({ topic: OPS_COMMANDS_TOPIC, payload: Buffer.from(label) });
const labelOf = (group: readonly Inbound[]) => group.map((m) => Buffer.from(m.payload).toString()).join('');
const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

/**
 * A staged handler whose writes the test completes (or fails) by hand, and which logs every
 * stage: `begin x`, `finish x`. Groups come from a list of groups handed over one per take.
 */
function setup(groups: Inbound[][]) {
  const log: string[] = [];
  // Judging of these groups throws once (a listener failing), or waits until released.
  const failOnce = new Set<string>();
  const held = new Map<string, Promise<void>>();
  const writes = new Map<string, { resolve: () => void; reject: (e: Error) => void }[]>();
  const handler: StagedHandler = {
    begin(group) {
      const label = labelOf(group);
      log.push(`begin ${label}`);
      const stored = new Promise<void>((resolve, reject) => {
        const pending = writes.get(label) ?? [];
        pending.push({ resolve, reject });
        writes.set(label, pending);
      });
      return {
        stored,
        async finish() {
          log.push(`finish ${label}`);
          await held.get(label);
          if (failOnce.delete(label)) throw new Error('a listener failed');
        },
      };
    },
  };
  const write = (label: string) => writes.get(label)?.shift();
  const abort = new AbortController();
  const run = runGroups({
    handler,
    retry: createStoreRetry({
      metrics: new MetricsRegistry(),
      logger: createLogger({ level: 'silent' }),
      retryDelayMs: 1,
      maxRetryDelayMs: 1,
    }),
    signal: abort.signal,
    take: () => groups.shift() ?? [],
    // Each listed group is what queued by then: the last one listed would empty the queue.
    takeHalf: () => {
      const head = groups[0];
      if (!head || groups.length > 1) return groups.shift() ?? [];
      return head.length > 1 ? head.splice(0, Math.ceil(head.length / 2)) : groups.shift()!;
    },
    settled: (group, handled) => log.push(`${handled ? 'acked' : 'refused'} ${labelOf(group)}`),
  });
  const hold = (label: string) => {
    let release!: () => void;
    held.set(label, new Promise<void>((r) => (release = r)));
    return release;
  };
  return { log, write, abort, run, failOnce, hold };
}

describe('group runner (issue 14: a group judged while the next is written)', () => {
  it('begins the next group once a write is durable and before that group is judged; judges and acknowledges in order', async () => {
    const { log, write, run } = setup([[telemetry('a')], [telemetry('b')], [telemetry('c')]]);
    await turns();
    expect(log).toEqual(['begin a']);
    write('a')!.resolve();
    await turns();
    // b's write is under way while a is judged; c waits for b's write.
    expect(log).toEqual(['begin a', 'begin b', 'finish a', 'acked a']);
    write('b')!.resolve();
    await turns();
    write('c')!.resolve();
    await run;
    expect(log).toEqual([
      'begin a',
      'begin b',
      'finish a',
      'acked a',
      'begin c',
      'finish b',
      'acked b',
      'finish c',
      'acked c',
    ]);
  });

  it('takes half of what queued when nothing is in flight, so the other half is written while the first is judged', async () => {
    // Six messages queued at once, nothing in flight: a burst after every van was acknowledged together.
    const { log, write, run } = setup([['a', 'b', 'c', 'd', 'e', 'f'].map(telemetry)]);
    await turns();
    expect(log).toEqual(['begin abc']);
    write('abc')!.resolve();
    await turns();
    expect(log).toEqual(['begin abc', 'begin def', 'finish abc', 'acked abc']);
    write('def')!.resolve();
    await run;
    expect(log).toEqual(['begin abc', 'begin def', 'finish abc', 'acked abc', 'finish def', 'acked def']);
  });

  it('takes a whole group behind one in flight, and one message alone when that is all', async () => {
    const { log, write, run } = setup([[telemetry('a')], ['b', 'c', 'd', 'e'].map(telemetry)]);
    await turns();
    expect(log).toEqual(['begin a']);
    write('a')!.resolve();
    await turns();
    expect(log).toEqual(['begin a', 'begin bcde', 'finish a', 'acked a']);
    write('bcde')!.resolve();
    await run;
    expect(log.slice(-2)).toEqual(['finish bcde', 'acked bcde']);
  });

  it('judges nothing behind a group whose write failed until that group is written again and judged', async () => {
    const { log, write, run } = setup([[telemetry('a')], [telemetry('b')]]);
    await turns();
    write('a')!.resolve();
    await turns();
    // b was begun behind a; its write fails: b is begun again (whole) and judged after.
    write('b')!.reject(new Error('disk I/O error'));
    await new Promise((r) => setTimeout(r, 20));
    expect(log).toEqual(['begin a', 'begin b', 'finish a', 'acked a', 'begin b']);
    write('b')!.resolve();
    await run;
    expect(log.slice(5)).toEqual(['finish b', 'acked b']);
  });

  it('holds a group whose judging failed ahead of the one begun behind it: that one is judged only after it', async () => {
    const { log, write, run, failOnce } = setup([[telemetry('a')], [telemetry('b')]]);
    failOnce.add('a');
    await turns();
    write('a')!.resolve();
    await turns();
    // a's judging threw: a is begun again, whole, while b's write is already durable.
    write('b')!.resolve();
    await new Promise((r) => setTimeout(r, 20));
    expect(log).toEqual(['begin a', 'begin b', 'finish a', 'begin a']);
    write('a')!.resolve();
    await run;
    expect(log.slice(4)).toEqual(['finish a', 'acked a', 'finish b', 'acked b']);
  });

  it('begins a command only once nothing is in flight, and nothing beside it', async () => {
    const { log, write, run } = setup([[telemetry('a')], [command('K')], [telemetry('b')]]);
    await turns();
    write('a')!.resolve();
    await turns();
    // The command was taken while a was in flight, and waited for a to be acknowledged.
    expect(log).toEqual(['begin a', 'finish a', 'acked a', 'begin K']);
    write('K')!.resolve();
    await turns();
    expect(log).toEqual(['begin a', 'finish a', 'acked a', 'begin K', 'finish K', 'acked K', 'begin b']);
    write('b')!.resolve();
    await run;
  });

  it('when stopping, finishes the group being judged and refuses the one begun behind it', async () => {
    const { log, write, abort, run, hold } = setup([[telemetry('a')], [telemetry('b')], [telemetry('c')]]);
    const release = hold('a');
    await turns();
    write('a')!.resolve();
    await turns();
    expect(log).toEqual(['begin a', 'begin b', 'finish a']);
    abort.abort();
    write('b')!.resolve();
    release();
    await run;
    expect(log).toEqual(['begin a', 'begin b', 'finish a', 'acked a', 'refused b']);
  });
});
