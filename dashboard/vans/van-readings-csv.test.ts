import { describe, expect, it } from 'vitest';
import { csvWindows, VAN_CSV_HEADER, vanCsvLine } from './van-readings-csv.ts';

const T = Date.UTC(2026, 10, 26, 20, 0, 0);

describe('a van’s readings as CSV', () => {
  it('writes temperatures and doors with their compartment, device time in UTC and ms', () => {
    expect(VAN_CSV_HEADER).toBe('time_utc,ts_ms,seq,kind,compartment,sensor,celsius,door_open\r\n');
    const temp = {
      kind: 'temperature',
      seq: 7,
      ts: T,
      compartment: 'chilled',
      sensor: 'T1',
      celsius: 3.4,
    } as const;
    expect(vanCsvLine(temp)).toBe(`2026-11-26T20:00:00.000Z,${T},7,temperature,chilled,T1,3.4,\r\n`);
    expect(vanCsvLine({ kind: 'door', seq: 8, ts: T, compartment: 'frozen', open: true })).toBe(
      `2026-11-26T20:00:00.000Z,${T},8,door,frozen,,,true\r\n`,
    );
  });

  it('leaves out other kinds, and other compartments when one is asked for', () => {
    expect(vanCsvLine({ kind: 'battery', seq: 1, ts: T, percent: 80 })).toBe('');
    expect(
      vanCsvLine({ kind: 'reefer', seq: 2, ts: T, compartment: 'chilled', state: 'running', setpoint: 2 }),
    ).toBe('');
    expect(vanCsvLine({ kind: 'door', seq: 3, ts: T, compartment: 'frozen', open: false }, 'chilled')).toBe(
      '',
    );
  });

  it('reads a range in windows that cover it exactly, the last one short', () => {
    expect(csvWindows(0, 25, 10)).toEqual([
      [0, 10],
      [10, 20],
      [20, 25],
    ]);
    expect(csvWindows(5, 5, 10)).toEqual([]);
  });
});
