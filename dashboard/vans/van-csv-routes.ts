import { once } from 'node:events';
import { Router } from 'express';
import { z } from 'zod';
import { CompartmentId, DeviceTime } from '../../core/ids.ts';
import { GivreError } from '../../platform/errors.ts';
import type { ReadingStore } from '../../store/reading-store.ts';
import { methodNotAllowed } from '../http-errors.ts';
import { parse } from '../loads/load-routes.ts';
import { readableVan } from './readable-van.ts';
import { csvWindows, VAN_CSV_HEADER, vanCsvLine } from './van-readings-csv.ts';

const CsvParams = z.strictObject({
  /** Device time, ms since 1970 UTC; `from` inclusive, `to` exclusive, as the history. */
  from: z.coerce.number().int().pipe(DeviceTime),
  to: z.coerce.number().int().pipe(DeviceTime),
  compartment: CompartmentId.optional(),
});

/** Records read from the store at a time: 6 h (at 5 s and two compartments, about 17 000 rows). */
const WINDOW_MS = 6 * 3_600_000;

/**
 * `GET /api/vans/{van}/readings.csv?from=&to=&compartment=`: the van page's export of its
 * range, streamed window by window. Authorized as the history: a van the person may not see
 * is answered exactly as an unknown one (404).
 */
export function vanCsvRoutes(store: Pick<ReadingStore, 'readings'>): Router {
  const router = Router();
  router
    .route('/vans/:van/readings.csv')
    .get(async (req, res) => {
      const van = readableVan(req);
      const { from, to, compartment } = parse(CsvParams, req.query, 'query');
      if (from >= to) throw new GivreError('GIVRE_ERR_BAD_REQUEST', 'from must be before to');
      res
        .type('text/csv; charset=utf-8')
        .setHeader('Content-Disposition', `attachment; filename="${van}-${from}-${to}.csv"`);
      for (const [start, end] of csvWindows(from, to, WINDOW_MS)) {
        // The first window is read before the headers go, so a store failure is still a JSON error.
        const readings = await store.readings(van, start, end);
        if (start === from) res.write(VAN_CSV_HEADER);
        const text = readings.map((r) => vanCsvLine(r, compartment)).join('');
        // Backpressure: a slow download holds the reads back instead of filling memory.
        if (text && !res.write(text)) await once(res, 'drain');
        if (res.destroyed) return;
      }
      res.end();
    })
    .all(methodNotAllowed);
  return router;
}
