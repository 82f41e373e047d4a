import { z } from 'zod';

/** One open gap: the van's readings numbered `first`…`last` (inclusive) are not stored yet. */
export const SeqGap = z.strictObject({
  first: z.number().int(),
  last: z.number().int(),
  /** Readings missing in it. */
  count: z.number().int().min(1),
});
export type SeqGap = z.infer<typeof SeqGap>;

/**
 * `GET /api/vans/{van}/gaps` (issue 13): the open gaps in the van's sequence, oldest first,
 * as ingest keeps them (core/gaps/seq-gaps.ts). Empty once every late reading is stored.
 */
export const VanGaps = z.strictObject({
  van: z.string(),
  /** Readings missing in all the open gaps. */
  missing: z.number().int().min(0),
  gaps: z.array(SeqGap),
});
export type VanGaps = z.infer<typeof VanGaps>;
