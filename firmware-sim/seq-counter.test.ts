import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bootSeq, createSeqCounter } from './seq-counter.ts';
import { readSeqState, writeSeqState } from './seq-state-file.ts';

describe('seq counter', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('counts +1 per reading', () => {
    const seq = createSeqCounter(10);
    expect([seq.next(), seq.next(), seq.next(), seq.peek()]).toEqual([10, 11, 12, 13]);
  });

  it('starts a restarted van above every seq of the previous run', () => {
    const firstBoot = Date.UTC(2026, 0, 1, 18, 0);
    const run1 = createSeqCounter(bootSeq(firstBoot));
    for (let i = 0; i < 100_000; i++) run1.next();
    const restart = firstBoot + 1000; // one second later, no state file
    expect(bootSeq(restart)).toBeGreaterThan(run1.peek());
    expect(bootSeq(restart)).toBeLessThan(Number.MAX_SAFE_INTEGER);
  });

  it('continues from the state file, never below the clock', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'givre-seq-'));
    dirs.push(dir);
    const file = join(dir, 'vans', 'VAN-01.seq.json');
    expect(await readSeqState(file)).toBeUndefined();
    await writeSeqState(file, 9e15);
    expect(bootSeq(Date.now(), await readSeqState(file))).toBe(9e15);
    await writeSeqState(file, 5);
    const now = Date.UTC(2026, 0, 1);
    expect(bootSeq(now, await readSeqState(file))).toBe(now * 1000);
    await writeFile(file, '{"nextSeq":-1}');
    await expect(readSeqState(file)).rejects.toThrow(/nextSeq/);
  });
});
