import { Router } from 'express';
import { z } from 'zod';
import { CompartmentId, DeviceTime, SensorId } from '../core/ids.ts';
import { checkHistoryQuery } from '../store/history-query.ts';
import type { ReadingStore } from '../store/reading-store.ts';
import { GivreError } from '../platform/errors.ts';
import { methodNotAllowed } from './http-errors.ts';
import { readableVan } from './vans/readable-van.ts';

const HistoryParams = z.strictObject({
  compartment: CompartmentId.optional(),
  sensor: SensorId.optional(),
  /** Device time, ms since 1970 UTC. */
  from: z.coerce.number().pipe(DeviceTime),
  to: z.coerce.number().pipe(DeviceTime),
  /** Bucket width, ms; default: the range in about 300 buckets, at least one recording interval (30 s). */
  bucketMs: z.coerce.number().int().min(1).optional(),
  /** `true`: each sensor's buckets too (`sensors`), for a chart with one line per probe. */
  bySensor: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

/**
 * `GET /api/vans/{van}/history?compartment=&sensor=&from=&to=&bucketMs=&bySensor=`: a compartment's
 * temperatures downsampled to min / mean / max per bucket, and its door events — from
 * whichever store holds the time series (SQLite or InfluxDB).
 */
export function historyRoutes(store: Pick<ReadingStore, 'history'>): Router {
  const router = Router();
  router
    .route('/vans/:van/history')
    .get(async (req, res) => {
      const van = readableVan(req);
      const params = HistoryParams.safeParse(req.query);
      if (!params.success) {
        const issue = params.error.issues[0];
        throw new GivreError(
          'GIVRE_ERR_BAD_REQUEST',
          `${issue?.path.join('.') || 'query'}: ${issue?.message ?? 'invalid'}`,
        );
      }
      const { from, to, compartment, sensor } = params.data;
      const bucketMs = params.data.bucketMs ?? Math.max(30_000, Math.ceil((to - from) / 300));
      const query = {
        van,
        from,
        to,
        bucketMs,
        ...(compartment ? { compartment } : {}),
        ...(sensor ? { sensor } : {}),
        ...(params.data.bySensor ? { bySensor: true } : {}),
      };
      checkHistoryQuery(query);
      res.json({ ...query, ...(await store.history(query)) });
    })
    .all(methodNotAllowed);
  return router;
}
