import { z } from 'zod';

/**
 * A van id is one MQTT topic level: letters, digits, `-` and `_`, at most 32 characters.
 * It never contains `/`, `+` or `#`, so it cannot widen a subscription or escape its topic.
 */
export const VanId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, 'van id: letters, digits, - or _, 1–32');
export type VanId = z.infer<typeof VanId>;

/** A compartment of a van, e.g. `chilled` or `frozen`. */
export const CompartmentId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'compartment id: lower-case letters, digits, - or _, 1–32');
export type CompartmentId = z.infer<typeof CompartmentId>;

/** A sensor's id as its recorder knows it (printed on certificates, EN 12830). */
export const SensorId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, 'sensor id');
export type SensorId = z.infer<typeof SensorId>;

/**
 * Device time in milliseconds since the Unix epoch (UTC). Bounded to 2020–2100 so that an
 * unset RTC (1970) or a garbage value is refused instead of stored.
 */
export const DeviceTime = z
  .number()
  .int()
  .min(Date.UTC(2020, 0, 1), 'device time before 2020: is the clock set?')
  .max(Date.UTC(2100, 0, 1), 'device time after 2100');
export type DeviceTime = z.infer<typeof DeviceTime>;
