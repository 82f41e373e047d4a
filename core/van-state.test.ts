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

  it('shows the warmest current probe of a compartment, and each probe on its own', () => {
    const t = (seq: number, ms: number, sensor: string, celsius: number) =>
      ({ seq, ts: t0 + ms, kind: 'temperature', compartment: 'chilled', sensor, celsius }) as const;
    const both = applyReadings(emptyVanState('VAN-01'), [t(1, 0, 'FRONT', 4), t(2, 0, 'REAR', 9)]);
    expect(both.compartments.chilled).toMatchObject({ celsius: 9, sensor: 'REAR' });
    // The front probe reports again, cooler: the rear one's record is still current.
    const later = applyReadings(both, [t(3, 30_000, 'FRONT', 3.9)]);
    expect(later.compartments.chilled).toMatchObject({ celsius: 9, sensor: 'REAR', temperatureTs: t0 });
    expect(later.compartments.chilled?.sensors).toEqual({
      FRONT: { celsius: 3.9, ts: t0 + 30_000 },
      REAR: { celsius: 9, ts: t0 },
    });
    // The rear probe silent for longer than 5 min: the front one is the compartment's now.
    const quiet = applyReadings(later, [t(4, 6 * 60_000, 'FRONT', 4.1)]);
    expect(quiet.compartments.chilled).toMatchObject({ celsius: 4.1, sensor: 'FRONT' });
    // The same records in one batch say the same, and leave the state they started from as it was.
    const oneBatch = applyReadings(emptyVanState('VAN-01'), [
      t(1, 0, 'FRONT', 4),
      t(2, 0, 'REAR', 9),
      t(3, 30_000, 'FRONT', 3.9),
      t(4, 6 * 60_000, 'FRONT', 4.1),
    ]);
    expect(oneBatch.compartments.chilled).toEqual(quiet.compartments.chilled);
    expect(both.compartments.chilled?.sensors).toEqual({
      FRONT: { celsius: 4, ts: t0 },
      REAR: { celsius: 9, ts: t0 },
    });
  });

  it('of probes equally warm shows the first by name, whichever reported first', () => {
    const t = (seq: number, sensor: string) =>
      ({ seq, ts: t0, kind: 'temperature', compartment: 'chilled', sensor, celsius: 5 }) as const;
    for (const order of [
      ['REAR', 'FRONT', 'MIDDLE'],
      ['FRONT', 'MIDDLE', 'REAR'],
      ['MIDDLE', 'REAR', 'FRONT'],
    ]) {
      const state = applyReadings(
        emptyVanState('VAN-01'),
        order.map((sensor, i) => t(i + 1, sensor)),
      );
      expect(state.compartments.chilled).toMatchObject({ celsius: 5, sensor: 'FRONT' });
    }
  });
});
