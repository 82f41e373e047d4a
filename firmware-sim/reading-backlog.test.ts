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

describe('reading backlog on disk (store-and-forward, issue 13)', () => {
  const dirs: string[] = [];
  const file = () => {
    const dir = mkdtempSync(join(tmpdir(), 'givre-backlog-'));
    dirs.push(dir);
    return join(dir, 'VAN-01.outbox.jsonl');
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

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
