import { z } from 'zod';

/** Who issued a van's credentials: `givre device add`, the admin page, or the demo. */
export const DeviceOrigin = z.enum(['cli', 'admin', 'demo']);
export type DeviceOrigin = z.infer<typeof DeviceOrigin>;

/** A van's MQTT credentials as `GET /api/devices` lists them: never the secret nor its hash. */
export const DeviceSummary = z.strictObject({
  van: z.string(),
  origin: DeviceOrigin,
  /** Wall time the current secret was issued, ms. */
  createdAt: z.number(),
  /** Wall time of revocation, ms; null while the credentials are valid. */
  revokedAt: z.number().nullable(),
  /**
   * When Givre last heard from the van (its latest record's device time, or its last online
   * or offline status), ms; null when it never has. Only on `GET /api/devices`.
   */
  lastSeenAt: z.number().nullable().optional(),
});
export type DeviceSummary = z.infer<typeof DeviceSummary>;
export const DeviceList = z.array(DeviceSummary);

/** `POST /api/devices`: the credentials, with the secret shown this once (only its hash is kept). */
export const NewDeviceAnswer = z.strictObject({
  device: DeviceSummary,
  /** The MQTT username is the van id; the client id `{van}` or `givre-{van}`. */
  secret: z.string(),
});
export type NewDeviceAnswer = z.infer<typeof NewDeviceAnswer>;
