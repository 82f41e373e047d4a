import type { Reading } from '../../core/readings.ts';

/**
 * A van's records as CSV (RFC 4180, CRLF), the shape of a load's `readings.csv`
 * (certificates/readings-csv.ts) with the compartment added, since a van has several: device
 * time in ISO 8601 UTC and in ms, so a spreadsheet sorts and an inspector can check the chart.
 */
export const VAN_CSV_HEADER = 'time_utc,ts_ms,seq,kind,compartment,sensor,celsius,door_open\r\n';

/** One record's line, or `''` for the kinds a temperature record does not list (battery, position, reefer). */
export function vanCsvLine(r: Reading, compartment?: string): string {
  if (!('compartment' in r) || (compartment !== undefined && r.compartment !== compartment)) return '';
  const head = `${new Date(r.ts).toISOString()},${r.ts},${r.seq},${r.kind},${r.compartment}`;
  if (r.kind === 'temperature') return `${head},${r.sensor},${r.celsius},\r\n`;
  if (r.kind === 'door') return `${head},,,${r.open}\r\n`;
  return '';
}

/**
 * The windows `[from, to)` is read in, so that a year of records streams out a few hours
 * at a time instead of sitting in memory at once. `windowMs` in ms.
 */
export function csvWindows(from: number, to: number, windowMs: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let start = from; start < to; start += windowMs) out.push([start, Math.min(to, start + windowMs)]);
  return out;
}
