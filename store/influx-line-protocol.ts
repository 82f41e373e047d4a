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

/** What a tag value must escape (line protocol: comma, equals sign, space). */
const TAG_SPECIAL = /[,= ]/;
const tag = (value: string) => (TAG_SPECIAL.test(value) ? escape.tag(value) : value);

/**
 * The series a reading belongs to (measurement + tags), without its timestamp. The tags in
 * the order InfluxDB sorts them by key (compartment < sensor < van), built without a sort or an
 * array: this runs for every reading (issue 14).
 */
export function seriesKey(van: string, r: Reading): string {
  const compartment = 'compartment' in r ? `,compartment=${tag(r.compartment)}` : '';
  const sensor = r.kind === 'temperature' ? `,sensor=${tag(r.sensor)}` : '';
  return `${MEASUREMENTS[r.kind]}${compartment}${sensor},van=${tag(van)}`;
}

/** One line of line protocol for a reading of the series `key` (seriesKey), no trailing newline. */
export function lineOf(key: string, r: Reading): string {
  return `${key} ${fieldsOf(r)},seq=${r.seq}i ${r.ts}`;
}

/** One line of line protocol for a reading (no trailing newline). */
export function toLine(van: string, r: Reading): string {
  return lineOf(seriesKey(van, r), r);
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
