import { describe, expect, it } from 'vitest';
import { doorBands, withDoorSample } from './door-bands.ts';

const closed = (ts: number) => ({ ts, open: false });
const open = (ts: number) => ({ ts, open: true });

describe('door bands on the van page', () => {
  it('runs a band from the first open record to the first closed one, however often the state repeats', () => {
    expect(
      doorBands([closed(0), open(10), open(20), open(30), closed(40), closed(50), open(60), closed(70)]),
    ).toEqual([
      { start: 10, end: 40 },
      { start: 60, end: 70 },
    ]);
  });

  it('leaves the last band open while the door is, and draws nothing for a closed door', () => {
    expect(doorBands([open(5), closed(8), open(12), open(14)])).toEqual([
      { start: 5, end: 8 },
      { start: 12, end: null },
    ]);
    expect(doorBands([closed(1), closed(2)])).toEqual([]);
    expect(doorBands([])).toEqual([]);
  });

  it('folds live door records in: opens a band, keeps it open, closes it', () => {
    let bands = withDoorSample([{ start: 1, end: 2 }], open(10));
    expect(bands).toEqual([
      { start: 1, end: 2 },
      { start: 10, end: null },
    ]);
    bands = withDoorSample(bands, open(11));
    expect(bands).toHaveLength(2);
    bands = withDoorSample(bands, closed(15));
    expect(bands.at(-1)).toEqual({ start: 10, end: 15 });
    expect(withDoorSample(bands, closed(20))).toEqual(bands);
  });
});
