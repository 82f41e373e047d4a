import { z } from 'zod';
import { CompartmentId, DeviceTime, SensorId } from './ids.ts';

/**
 * Every reading carries the device's own timestamp `ts` (ms, UTC) and `seq`, a per-van
 * counter that increases by one for every reading the van records and survives reboots.
 * `(van, seq)` is a reading's identity: a replayed reading is stored once, and a jump in
 * `seq` reveals readings that never arrived.
 */
const base = {
  seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  ts: DeviceTime,
};

/** Air temperature in a compartment, °C at 0.1 °C resolution (EN 12830 recorders). */
export const TemperatureReading = z.strictObject({
  ...base,
  kind: z.literal('temperature'),
  compartment: CompartmentId,
  sensor: SensorId,
  /** °C. Outside −60…+80 no refrigerated-van sensor is telling the truth. */
  celsius: z.number().min(-60).max(80),
});

export const DoorReading = z.strictObject({
  ...base,
  kind: z.literal('door'),
  compartment: CompartmentId,
  open: z.boolean(),
});

export const BatteryReading = z.strictObject({
  ...base,
  kind: z.literal('battery'),
  /** State of charge, percent. */
  percent: z.number().min(0).max(100),
});

export const PositionReading = z.strictObject({
  ...base,
  kind: z.literal('position'),
  /** WGS 84 degrees. */
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});

export const ReeferState = z.enum(['running', 'off', 'defrost']);
export type ReeferState = z.infer<typeof ReeferState>;

export const ReeferReading = z.strictObject({
  ...base,
  kind: z.literal('reefer'),
  compartment: CompartmentId,
  state: ReeferState,
  /** Setpoint, °C. */
  setpoint: z.number().min(-40).max(30),
});

export const Reading = z.discriminatedUnion('kind', [
  TemperatureReading,
  DoorReading,
  BatteryReading,
  PositionReading,
  ReeferReading,
]);

export type TemperatureReading = z.infer<typeof TemperatureReading>;
export type DoorReading = z.infer<typeof DoorReading>;
export type BatteryReading = z.infer<typeof BatteryReading>;
export type PositionReading = z.infer<typeof PositionReading>;
export type ReeferReading = z.infer<typeof ReeferReading>;
export type Reading = z.infer<typeof Reading>;
export type ReadingKind = Reading['kind'];
export const READING_KINDS: readonly ReadingKind[] = ['temperature', 'door', 'battery', 'position', 'reefer'];
