import { describe, expect, it } from 'vitest';
import { applyReadings, applyStatus, emptyVanState } from './van-state.ts';

const t0 = Date.UTC(2026, 10, 26, 20, 0, 0);

describe('van state', () => {
  it('shows the newest reading by device time, not by arrival', () => {
    const fresh = applyReadings(emptyVanState('VAN-01'), [
      { seq: 10, ts: t0 + 60_000, kind: 'temperature', compartment: 'chilled', sensor: 'T1', celsius: 3.1 },
    ]);
    const late = applyReadings(fresh, [
      { seq: 5, ts: t0, kind: 'temperature', compartment: 'chilled', sensor: 'T1', celsius: 9.9 },
      { seq: 6, ts: t0, kind: 'door', compartment: 'chilled', open: true },
    ]);
    expect(late.compartments.chilled?.celsius).toBe(3.1);
    expect(late.compartments.chilled?.doorOpen).toBe(true);
    expect(late.lastSeq).toBe(10);
    expect(late.lastReadingTs).toBe(t0 + 60_000);
    expect(fresh.compartments.chilled?.doorOpen).toBeNull();
  });

  it('tracks online and offline from the status topic', () => {
    const online = applyStatus(emptyVanState('VAN-01'), { v: 1, van: 'VAN-01', state: 'online', ts: t0 });
    expect(online.online).toBe(true);
    expect(applyStatus(online, { v: 1, van: 'VAN-01', state: 'offline' }).online).toBe(false);
  });
});
