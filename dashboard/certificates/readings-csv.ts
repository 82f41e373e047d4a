import type { Reading } from '../../core/readings.ts';

/**
 * The compartment's records during the load as CSV (RFC 4180, CRLF), device time in ISO 8601
 * UTC and in ms: what an inspector loads into a spreadsheet to check the certificate's figures.
 */
export function readingsCsv(
  readings: readonly Reading[],
  compartment: string,
  from: number,
  to: number,
): string {
  const rows = ['time_utc,ts_ms,seq,kind,sensor,celsius,door_open'];
  for (const r of readings) {
    if (!('compartment' in r) || r.compartment !== compartment || r.ts < from || r.ts > to) continue;
    if (r.kind === 'temperature')
      rows.push(`${new Date(r.ts).toISOString()},${r.ts},${r.seq},temperature,${r.sensor},${r.celsius},`);
    else if (r.kind === 'door')
      rows.push(`${new Date(r.ts).toISOString()},${r.ts},${r.seq},door,,,${r.open}`);
  }
  return `${rows.join('\r\n')}\r\n`;
}
