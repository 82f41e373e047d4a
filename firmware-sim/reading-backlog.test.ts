import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Reading } from '../core/readings.ts';
import { openReadingBacklog } from './reading-backlog.ts';

const reading = (seq: number): Reading => ({
  kind: 'battery',
  percent: 90,
  seq,
  ts: 1_764_000_000_000 + seq,
});
const seqs = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => reading(from + i));

/** A backlog file in a directory of its own, removed after each test. */
const dirs: string[] = [];
const file = () => {
  const dir = mkdtempSync(join(tmpdir(), 'givre-backlog-'));
  dirs.push(dir);
  return join(dir, 'VAN-01.outbox.jsonl');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('reading backlog on disk (store-and-forward, issue 13)', () => {
  it('keeps every recording through a restart, oldest first, with the next seq', () => {
    const path = file();
    const first = openReadingBacklog({ maxReadings: 100, file: path });
    expect(first.nextSeq()).toBeUndefined();
    first.add(seqs(10, 14));
    first.add(seqs(15, 19));
    // No close(): what a SIGKILL leaves behind.
    const again = openReadingBacklog({ maxReadings: 100, file: path });
    expect(again.nextSeq()).toBe(20);
    expect(again.batch(1000)).toEqual({ readings: seqs(10, 19), lost: [] });
    expect(again.batch(3)!.readings.map((r) => r.seq)).toEqual([10, 11, 12]);
  });

  it('lets readings leave only when acknowledged, and remembers the next seq once empty', () => {
    const path = file();
    const box = openReadingBacklog({ maxReadings: 100, file: path });
    box.add(seqs(1, 8));
    box.acknowledge(5);
    expect(box.batch(100)!.readings.map((r) => r.seq)).toEqual([6, 7, 8]);
    expect(openReadingBacklog({ maxReadings: 100, file: path }).batch(100)!.readings).toEqual(seqs(6, 8));
    box.acknowledge(8);
    expect(box.size()).toBe(0);
    const reopened = openReadingBacklog({ maxReadings: 100, file: path });
    expect(reopened.batch(100)).toBeUndefined();
    expect(reopened.nextSeq()).toBe(9);
    expect(readFileSync(path, 'utf8')).toBe('{"next":9}\n'); // compacted: an online van's file stays tiny
  });

  it('at the bound drops the oldest and declares them lost until a message carrying that is acknowledged', () => {
    const path = file();
    const box = openReadingBacklog({ maxReadings: 5, file: path });
    box.add(seqs(1, 4));
    box.add(seqs(5, 7)); // 7 > 5: 1 and 2 go
    box.add(seqs(8, 8)); // 3 goes, one range with 1–2
    expect(box.dropped()).toBe(3);
    expect(box.batch(100)).toEqual({ readings: seqs(4, 8), lost: [{ first: 1, last: 3 }] });
    expect(openReadingBacklog({ maxReadings: 5, file: path }).batch(100)).toEqual({
      readings: seqs(4, 8),
      lost: [{ first: 1, last: 3 }],
    });
    box.acknowledge(6);
    expect(box.batch(100)).toEqual({ readings: seqs(7, 8), lost: [] });
  });

  it('ignores a last line torn by a crash, and goes on appending after it', () => {
    const path = file();
    const box = openReadingBacklog({ maxReadings: 100, file: path });
    box.add(seqs(1, 3));
    appendFileSync(path, '{"r":{"kind":"battery","perc');
    const reopened = openReadingBacklog({ maxReadings: 100, file: path });
    expect(reopened.batch(100)!.readings).toEqual(seqs(1, 3));
    expect(reopened.nextSeq()).toBe(4);
    reopened.add(seqs(4, 4));
    expect(openReadingBacklog({ maxReadings: 100, file: path }).batch(100)!.readings).toEqual(seqs(1, 4));
  });

  it('refuses a file damaged in the middle, naming the line', () => {
    const path = file();
    writeFileSync(path, '{"next":3}\nnot json\n{"next":4}\n');
    expect(() => openReadingBacklog({ maxReadings: 100, file: path })).toThrow(/outbox\.jsonl:2: .*damaged/);
  });

  it('without a file keeps the same rules in memory', () => {
    const box = openReadingBacklog({ maxReadings: 2 });
    box.add(seqs(1, 3));
    expect(box.batch(10)).toEqual({ readings: seqs(2, 3), lost: [{ first: 1, last: 1 }] });
    expect(box.nextSeq()).toBe(4);
  });
});

describe('reading backlog with ingest’s receipts (issue 13)', () => {
  const seqsOf = (batch: { readings: Reading[] } | undefined) => batch?.readings.map((r) => r.seq) ?? [];

  it('keeps a reading the broker acknowledged until its receipt, through a restart', () => {
    const path = file();
    const box = openReadingBacklog({ maxReadings: 100, file: path });
    box.add(seqs(1, 8));
    box.sent(box.batch(100)!, 1_000);
    expect(box.size()).toBe(8);
    expect(box.batch(100)).toBeUndefined(); // sent, awaiting: nothing to send now
    expect(box.receipt([[1, 5]])).toBe(5);
    // Killed: the readings the broker acknowledged without a receipt are still there, to send again.
    const again = openReadingBacklog({ maxReadings: 100, file: path });
    expect(again.batch(100)).toEqual({ readings: seqs(6, 8), lost: [] });
    again.receipt([[6, 8]]);
    expect(readFileSync(path, 'utf8')).toBe('{"next":9}\n');
  });

  it('takes a receipt that comes before the PUBACK', () => {
    const box = openReadingBacklog({ maxReadings: 100 });
    box.add(seqs(1, 4));
    const batch = box.batch(100)!;
    box.receipt([[1, 4]]);
    box.sent(batch, 1_000);
    expect(box.size()).toBe(0);
    expect(box.oldestSent()).toBeUndefined();
  });

  it('removes exactly the seqs a receipt names, in any order, overlapping or already gone', () => {
    const path = file();
    const box = openReadingBacklog({ maxReadings: 100, file: path });
    box.add(seqs(1, 10));
    box.sent(box.batch(100)!, 1_000);
    expect(
      box.receipt([
        [6, 6],
        [2, 3],
        [3, 4],
      ]),
    ).toBe(4);
    expect(box.receipt([[2, 2]])).toBe(0); // a repeat changes nothing, and writes nothing
    const left = [1, 5, 7, 8, 9, 10];
    expect(box.resend(Number.POSITIVE_INFINITY)).toBe(left.length);
    expect(seqsOf(box.batch(100))).toEqual(left);
    expect(seqsOf(openReadingBacklog({ maxReadings: 100, file: path }).batch(100))).toEqual(left);
  });

  it('puts back in line, oldest first, what was sent by a given time and has no receipt', () => {
    const box = openReadingBacklog({ maxReadings: 100 });
    box.add(seqs(1, 4));
    box.sent(box.batch(100)!, 1_000);
    box.add(seqs(5, 6));
    box.sent(box.batch(100)!, 2_000);
    box.add(seqs(7, 7));
    expect(box.oldestSent()).toBe(1_000);
    expect(box.resend(999)).toBe(0);
    expect(box.resend(1_500)).toBe(4);
    expect(seqsOf(box.batch(100))).toEqual([1, 2, 3, 4, 7]);
    expect(seqsOf(box.batch(2))).toEqual([1, 2]);
    expect(box.oldestSent()).toBe(2_000);
  });

  it('counts readings awaiting their receipt against the bound, and declares the dropped lost', () => {
    const box = openReadingBacklog({ maxReadings: 5 });
    box.add(seqs(1, 4));
    box.sent(box.batch(100)!, 1_000);
    box.add(seqs(5, 7));
    expect(box.dropped()).toBe(2);
    expect(box.size()).toBe(5);
    expect(box.batch(100)).toEqual({ readings: seqs(5, 7), lost: [{ first: 1, last: 2 }] });
  });

  it('stops declaring a loss once a receipt covers a reading sent with the declaration', () => {
    const path = file();
    const box = openReadingBacklog({ maxReadings: 3, file: path });
    box.add(seqs(1, 5)); // 1 and 2 dropped
    const first = box.batch(100)!;
    // A receipt for readings sent before the declaration went out proves nothing of it.
    box.receipt([[3, 3]]);
    expect(box.batch(100)!.lost).toEqual([{ first: 1, last: 2 }]);
    box.sent({ ...first, readings: first.readings.filter((r) => r.seq !== 3) }, 1_000);
    box.receipt([[4, 4]]);
    expect(box.batch(100)).toBeUndefined();
    box.resend(Number.POSITIVE_INFINITY);
    expect(box.batch(100)).toEqual({ readings: seqs(5, 5), lost: [] });
    expect(openReadingBacklog({ maxReadings: 3, file: path }).batch(100)).toEqual({
      readings: seqs(5, 5),
      lost: [],
    });
  });
});
