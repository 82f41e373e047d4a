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

/** Values per reading in `ReadingColumns`: kind, seq, ts, compartment, sensor, and two values. */
export const LINE_COLUMNS = 7;

const KINDS: readonly ReadingKind[] = ['temperature', 'door', 'battery', 'position', 'reefer'];
const KIND_CODES = new Map(KINDS.map((kind, code) => [kind, code]));
/** No compartment, no sensor, no second value. */
const NONE = -1;

/**
 * Readings as numbers, `LINE_COLUMNS` per reading: the kind's code, seq, ts, compartment and
 * sensor (indexes into `strings`, or -1), then the kind's values — celsius; open (1 or 0);
 * percent; lat, lon; state (an index into `strings`), setpoint. Every kind is a strict object
 * (core/readings.ts), so this is all of a reading; seq and ts are integers below 2^53, exact in a
 * double. The spool's thread makes its lines from these (issue 14): one `Float64Array` crosses
 * between threads as one block of memory, where the readings as objects (or a mixed array)
 * are cloned value by value.
 */
export interface ReadingColumns {
  readonly values: Float64Array<ArrayBuffer>;
  readonly strings: readonly string[];
}

/** Lays readings out as `ReadingColumns`, `count` of them at most. */
export class ColumnsBuilder implements ReadingColumns {
  readonly values: Float64Array<ArrayBuffer>;
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();
  private at = 0;

  constructor(count: number) {
    this.values = new Float64Array(count * LINE_COLUMNS);
  }

  push(r: Reading): void {
    const v = this.values;
    const at = this.at;
    this.at += LINE_COLUMNS;
    v[at] = KIND_CODES.get(r.kind) as number;
    v[at + 1] = r.seq;
    v[at + 2] = r.ts;
    v[at + 3] = 'compartment' in r ? this.intern(r.compartment) : NONE;
    v[at + 4] = r.kind === 'temperature' ? this.intern(r.sensor) : NONE;
    v[at + 6] = NONE;
    switch (r.kind) {
      case 'temperature':
        v[at + 5] = r.celsius;
        return;
      case 'door':
        v[at + 5] = r.open ? 1 : 0;
        return;
      case 'battery':
        v[at + 5] = r.percent;
        return;
      case 'position':
        v[at + 5] = r.lat;
        v[at + 6] = r.lon;
        return;
      case 'reefer':
        v[at + 5] = this.intern(r.state);
        v[at + 6] = r.setpoint;
    }
  }

  private intern(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.push(s) - 1;
      this.index.set(s, i);
    }
    return i;
  }
}

/**
 * The series of the reading at `at` (measurement + tags), without its timestamp. The tags in
 * the order InfluxDB sorts them by key (compartment < sensor < van), built without a sort or an
 * array: this runs for every reading (issue 14).
 */
export function seriesKeyAt(van: string, { values, strings }: ReadingColumns, at: number): string {
  const compartment = values[at + 3] as number;
  const sensor = values[at + 4] as number;
  const measurement = MEASUREMENTS[KINDS[values[at] as number] as ReadingKind];
  const c = compartment === NONE ? '' : `,compartment=${tag(strings[compartment] as string)}`;
  const s = sensor === NONE ? '' : `,sensor=${tag(strings[sensor] as string)}`;
  return `${measurement}${c}${s},van=${tag(van)}`;
}

/** One line of line protocol for the reading at `at` of the series `key`, no trailing newline. */
export function lineAt(key: string, columns: ReadingColumns, at: number): string {
  const { values } = columns;
  return `${key} ${fieldsAt(columns, at)},seq=${values[at + 1] as number}i ${values[at + 2] as number}`;
}

/** The series a reading belongs to (`seriesKeyAt`). */
export function seriesKey(van: string, r: Reading): string {
  const columns = new ColumnsBuilder(1);
  columns.push(r);
  return seriesKeyAt(van, columns, 0);
}

/** One line of line protocol for a reading (no trailing newline). */
export function toLine(van: string, r: Reading): string {
  const columns = new ColumnsBuilder(1);
  columns.push(r);
  return lineAt(seriesKeyAt(van, columns, 0), columns, 0);
}

function fieldsAt({ values, strings }: ReadingColumns, at: number): string {
  const x = values[at + 5] as number;
  const y = values[at + 6] as number;
  switch (KINDS[values[at] as number]) {
    case 'temperature':
      return `celsius=${float(x)}`;
    case 'door':
      return `open=${x === 1}`;
    case 'battery':
      return `percent=${float(x)}`;
    case 'position':
      return `lat=${float(x)},lon=${float(y)}`;
    default: // reefer
      return `state="${strings[x] as string}",setpoint=${float(y)}`;
  }
}

/**
 * A float field. `String(3)` is `3`, which InfluxDB also takes as a float (only `3i` is an
 * integer), so a whole-degree first reading cannot fix the field's type to integer.
 */
function float(n: number): string {
  return String(n);
}
