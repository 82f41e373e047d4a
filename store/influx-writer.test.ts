import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Reading } from '../core/readings.ts';
import { createLogger } from '../platform/logger.ts';
import { MetricsRegistry } from '../platform/metrics.ts';
import { DeadLetterFile } from './influx-dead-letter.ts';
import { influxCounters } from './influx-metrics.ts';
import { InfluxSpool } from './influx-spool.ts';
import type { WriteLines, WriteOutcome } from './influx-write-client.ts';
import { InfluxWriter } from './influx-writer.ts';

const t0 = Date.UTC(2026, 10, 26, 6, 0, 0);
const reading = (seq: number): Reading => ({
  seq,
  ts: t0 + seq * 1000,
  kind: 'temperature',
  compartment: 'chilled',
  sensor: 'T1',
  celsius: 3,
});

/** A writer over a real spool in a temp dir and a scripted `/write`. */
function setup(
  write: WriteLines,
  options: { batchLines?: number; flushIntervalMs?: number; concurrency?: number } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'givre-writer-'));
  const spool = new InfluxSpool({ path: join(dir, 'spool.db'), maxBytes: 1e9 });
  const deadLetters = new DeadLetterFile(join(dir, 'dead.jsonl'));
  const counters = influxCounters(new MetricsRegistry());
  const writer = new InfluxWriter({
    spool,
    write,
    deadLetters,
    counters,
    logger: createLogger({ level: 'silent' }),
    prepare: async () => ({ kind: 'written' }),
    backoff: { initialMs: 1, maxMs: 5 },
    ...options,
  });
  writer.start();
  const append = (readings: Reading[]) => {
    spool.append('VAN-01', readings);
    writer.notify();
  };
  const close = async () => {
    await writer.close();
    spool.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { spool, writer, counters, deadLetters, append, close };
}

describe('InfluxWriter', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of closers.splice(0)) await c();
  });

  it('dead-letters the one line InfluxDB refuses, with its reason, and writes all the others', async () => {
    const written = new Set<string>();
    let requests = 0;
    const w = setup(async (lines): Promise<WriteOutcome> => {
      requests++;
      // InfluxDB 1.x semantics: the good points of a refused batch are written anyway.
      for (const l of lines) if (!l.includes('seq=42i')) written.add(l);
      return lines.some((l) => l.includes('seq=42i'))
        ? { kind: 'refused', status: 400, reason: 'partial write: bad point dropped=1' }
        : { kind: 'written' };
    });
    closers.push(w.close);
    w.append(Array.from({ length: 100 }, (_, i) => reading(i + 1)));
    await w.writer.flush();

    expect(written.size).toBe(99);
    const letters = readFileSync(w.deadLetters.path, 'utf8').trim().split('\n');
    expect(letters).toHaveLength(1);
    expect(JSON.parse(letters[0] as string)).toMatchObject({
      status: 400,
      reason: expect.stringMatching(/bad point/),
    });
    expect(requests).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(100)) + 1);
    expect(w.counters.deadLetters.get()).toBe(1);
    expect(w.spool.pendingLines).toBe(0);
  });

  it('keeps the batch through a 429 and waits as long as Retry-After says', async () => {
    const answers: WriteOutcome[] = [
      { kind: 'retry', label: '429', reason: '429: too many requests', retryAfterMs: 300 },
      { kind: 'written' },
    ];
    const times: number[] = [];
    const w = setup(async () => {
      times.push(Date.now());
      return answers.shift() ?? { kind: 'written' };
    });
    closers.push(w.close);
    w.append([reading(1), reading(2)]);
    await w.writer.flush();
    expect(times).toHaveLength(2);
    expect((times[1] as number) - (times[0] as number)).toBeGreaterThanOrEqual(290);
    expect(w.counters.retries.get({ reason: '429' })).toBe(1);
    expect(w.writer.status().reachable).toBe(true);
  });

  it('sends a full batch at once without waiting for the flush interval', async () => {
    const batches: number[] = [];
    const w = setup(
      async (lines) => {
        batches.push(lines.length);
        return { kind: 'written' };
      },
      { batchLines: 10, flushIntervalMs: 60_000 },
    );
    closers.push(w.close);
    for (let seq = 1; seq <= 25; seq++) w.append([reading(seq)]);
    const deadline = Date.now() + 5_000;
    while (batches.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(batches).toEqual([10, 10]);
    expect(w.spool.pendingLines).toBe(5);
  });

  it('keeps two requests in flight, and cuts the spool only after the oldest batch is written', async () => {
    const answers: Array<{ lines: readonly string[]; answer: (o: WriteOutcome) => void }> = [];
    let inFlight = 0;
    let most = 0;
    const w = setup(
      (lines) => {
        inFlight++;
        most = Math.max(most, inFlight);
        return new Promise<WriteOutcome>((resolve) =>
          answers.push({
            lines,
            answer: (o) => {
              inFlight--;
              resolve(o);
            },
          }),
        );
      },
      { batchLines: 10, flushIntervalMs: 60_000, concurrency: 2 },
    );
    closers.push(w.close);
    // Three messages of ten readings: a batch never splits one.
    for (let m = 0; m < 3; m++) w.append(Array.from({ length: 10 }, (_, i) => reading(m * 10 + i + 1)));
    const until = async (what: () => boolean) => {
      const deadline = Date.now() + 5_000;
      while (!what() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    };
    await until(() => answers.length === 2);
    expect(answers.map((a) => a.lines.length)).toEqual([10, 10]);
    // The newer batch is written first: nothing may leave the spool while the older one is not.
    answers[1]!.answer({ kind: 'written' });
    await until(() => answers.length === 3);
    expect(w.spool.pendingLines).toBe(30);
    expect(answers[2]!.lines[0]).toContain('seq=21i');
    answers[0]!.answer({ kind: 'written' });
    await until(() => w.spool.pendingLines === 10);
    expect(w.spool.pendingLines).toBe(10);
    answers[2]!.answer({ kind: 'written' });
    await w.writer.flush();
    expect(w.spool.pendingLines).toBe(0);
    expect(most).toBe(2);
    expect(w.counters.batches.get()).toBe(3);
  });

  it('takes no new batch while one backs off after a failure, and writes it again', async () => {
    const requests: string[] = [];
    let failures = 0;
    const w = setup(
      async (lines) => {
        requests.push(lines[0]!.match(/seq=(\d+)i/)![1]!);
        if (lines[0]!.includes('seq=1i') && failures < 2) {
          failures++;
          return { kind: 'retry', label: 'connection', reason: 'ECONNREFUSED' };
        }
        return { kind: 'written' };
      },
      { batchLines: 10, flushIntervalMs: 60_000, concurrency: 2 },
    );
    closers.push(w.close);
    for (let m = 0; m < 4; m++) w.append(Array.from({ length: 10 }, (_, i) => reading(m * 10 + i + 1)));
    await w.writer.flush();
    // The second batch was already in flight; the third and fourth wait for the first to succeed.
    expect(requests.slice(0, 2).sort()).toEqual(['1', '11']);
    expect(requests.filter((r) => r === '1')).toHaveLength(3);
    expect(requests.indexOf('21')).toBeGreaterThan(requests.lastIndexOf('1'));
    expect(w.spool.pendingLines).toBe(0);
    expect(w.writer.status().reachable).toBe(true);
  });
});
