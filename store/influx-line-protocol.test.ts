import { describe, expect, it } from 'vitest';
import type { Reading } from '../core/readings.ts';
import { seriesKey, toLine } from './influx-line-protocol.ts';

const ts = Date.UTC(2026, 10, 26, 6, 0, 0);

describe('line protocol of each reading kind (schema of docs/influxdb.md)', () => {
  it.each<[Reading, string]>([
    [
      { seq: 1, ts, kind: 'temperature', compartment: 'chilled', sensor: 'T1', celsius: 3 },
      `temperature,compartment=chilled,sensor=T1,van=VAN-01 celsius=3,seq=1i ${ts}`,
    ],
    [
      { seq: 2, ts, kind: 'door', compartment: 'chilled', open: true },
      `door,compartment=chilled,van=VAN-01 open=true,seq=2i ${ts}`,
    ],
    [{ seq: 3, ts, kind: 'battery', percent: 87.5 }, `battery,van=VAN-01 percent=87.5,seq=3i ${ts}`],
    [
      { seq: 4, ts, kind: 'position', lat: 50.4542, lon: 3.9567 },
      `position,van=VAN-01 lat=50.4542,lon=3.9567,seq=4i ${ts}`,
    ],
    [
      { seq: 5, ts, kind: 'reefer', compartment: 'frozen', state: 'defrost', setpoint: -20 },
      `reefer,compartment=frozen,van=VAN-01 state="defrost",setpoint=-20,seq=5i ${ts}`,
    ],
  ])('%o', (reading, line) => {
    expect(toLine('VAN-01', reading)).toBe(line);
  });
});

describe('tags', () => {
  it('escapes a comma, an equals sign and a space in a tag value, and only those', () => {
    const r: Reading = {
      seq: 1,
      ts,
      kind: 'temperature',
      compartment: 'chilled',
      sensor: 'T 1,a=b',
      celsius: 3,
    };
    expect(toLine('VAN-01', r)).toBe(
      `temperature,compartment=chilled,sensor=T\\ 1\\,a\\=b,van=VAN-01 celsius=3,seq=1i ${ts}`,
    );
    expect(seriesKey('VAN_01.x', { seq: 2, ts, kind: 'battery', percent: 50 })).toBe('battery,van=VAN_01.x');
  });
});
