import type { z } from 'zod';

/**
 * A message for this van on one of the topics ingest publishes to it (alerts, receipts), or
 * `null` for anything else: bad JSON, outside the contract, or another van's (ignored).
 */
export function decodeForVan<T extends { van: string }>(
  schema: z.ZodType<T>,
  van: string,
  payload: Buffer,
): T | null {
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  return parsed.success && parsed.data.van === van ? parsed.data : null;
}
