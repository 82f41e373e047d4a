import { escape } from 'influx';
import type { Reading, ReadingKind } from '../core/readings.ts';

/**
 * Givre's InfluxDB schema (docs/influxdb.md): one measurement per reading kind, tags for
 * what a chart groups by (van, compartment, sensor: few distinct values, so few series),
 * fields for values plus `seq`, and the **device** timestamp at millisecond precision.
 *
 * A point's identity in InfluxDB is measurement + tag set + timestamp, so writing the same
 * reading twice overwrites it: replays are idempotent. `seq` is a field, not a tag: as a tag
 * it would make one series per reading and blow up the series index. The price: two readings
 * of one series in the same millisecond would be one point. EN 12830 recorders sample every
 * few seconds at most and a door cannot open and close within 1 ms, so this cannot happen
 * with real devices; `seriesKey` lets the store count it if it ever does.
 */
export const MEASUREMENTS: Readonly<Record<ReadingKind, string>> = {
  temperature: 'temperature',
  door: 'door',
  battery: 'battery',
  position: 'position',
  reefer: 'reefer',
};

/** `precision` parameter of `/write`: timestamps are device ms. */
export const WRITE_PRECISION = 'ms';

/** The series a reading belongs to (measurement + tags), without its timestamp. */
export function seriesKey(van: string, r: Reading): string {
  const tags = [`van=${escape.tag(van)}`];
  if ('compartment' in r) tags.push(`compartment=${escape.tag(r.compartment)}`);
  if (r.kind === 'temperature') tags.push(`sensor=${escape.tag(r.sensor)}`);
  // Tags sorted by key, as InfluxDB stores them (compartment < sensor < van).
  return `${MEASUREMENTS[r.kind]},${tags.sort().join(',')}`;
}

/** One line of line protocol for a reading (no trailing newline). */
export function toLine(van: string, r: Reading): string {
  return `${seriesKey(van, r)} ${fieldsOf(r)},seq=${r.seq}i ${r.ts}`;
}

function fieldsOf(r: Reading): string {
  switch (r.kind) {
    case 'temperature':
      return `celsius=${float(r.celsius)}`;
    case 'door':
      return `open=${r.open}`;
    case 'battery':
      return `percent=${float(r.percent)}`;
    case 'position':
      return `lat=${float(r.lat)},lon=${float(r.lon)}`;
    case 'reefer':
      return `state="${r.state}",setpoint=${float(r.setpoint)}`;
  }
}

/**
 * A float field. `String(3)` is `3`, which InfluxDB also takes as a float (only `3i` is an
 * integer), so a whole-degree first reading cannot fix the field's type to integer.
 */
function float(n: number): string {
  return String(n);
}
