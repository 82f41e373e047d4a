import { Router } from 'express';
import { z } from 'zod';
import { LoadEventType, LoadInput, LoadStatus, PartyId, ReceptionCheck } from '../../core/loads/load.ts';
import { VanId } from '../../core/ids.ts';
import { GivreError } from '../../platform/errors.ts';
import { methodNotAllowed } from '../http-errors.ts';
import type { LoadsFeature } from './loads-feature.ts';

const LoadQuery = z.strictObject({
  recipient: PartyId.optional(),
  van: VanId.optional(),
  status: LoadStatus.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** No authentication yet (issue 4): `by` is who the person says they are, kept on record. */
const EventBody = z.strictObject({
  type: LoadEventType,
  /** When it happened, ms since 1970 UTC; default now. */
  at: z
    .number()
    .int()
    .min(Date.UTC(2020, 0, 1))
    .max(Date.UTC(2100, 0, 1))
    .optional(),
  by: z.string().trim().min(1).max(100).optional(),
  reception: ReceptionCheck.optional(),
});
const Who = z.strictObject({ by: z.string().trim().min(1).max(100).optional() });

export const LoadIdParam = z.string().regex(/^LD-[A-Z0-9]{1,32}$/, 'load id');

export function parse<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new GivreError(
    'GIVRE_ERR_BAD_REQUEST',
    `${issue?.path.join('.') || what}: ${issue?.message ?? 'invalid'}`,
  );
}

/** `/api/loads`: coordinators create, list and edit loads; drivers and associations mark hand-overs. */
export function loadRoutes(f: LoadsFeature): Router {
  const router = Router();
  router
    .route('/loads')
    .get((req, res) => {
      const q = parse(LoadQuery, req.query, 'query');
      res.json(
        f.loads.list(Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as typeof q),
      );
    })
    .post((req, res) => {
      const { by, ...input } = (req.body ?? {}) as Record<string, unknown>;
      const who = parse(Who, { by }, 'by');
      res.status(201).json(f.loads.create(parse(LoadInput, input, 'body'), who.by ?? 'coordinator'));
    })
    .all(methodNotAllowed);
  router
    .route('/loads/:id')
    .get((req, res) => {
      res.json(f.loads.get(parse(LoadIdParam, req.params.id, 'id')));
    })
    .put((req, res) => {
      const { by, ...input } = (req.body ?? {}) as Record<string, unknown>;
      const who = parse(Who, { by }, 'by');
      res.json(
        f.loads.edit(
          parse(LoadIdParam, req.params.id, 'id'),
          parse(LoadInput, input, 'body'),
          who.by ?? 'coordinator',
        ),
      );
    })
    .all(methodNotAllowed);
  router
    .route('/loads/:id/events')
    .post(async (req, res) => {
      const id = parse(LoadIdParam, req.params.id, 'id');
      const e = parse(EventBody, req.body ?? {}, 'body');
      const { load, certificate } = await f.loads.mark(id, {
        type: e.type,
        by: e.by ?? 'dashboard',
        ...(e.at !== undefined ? { at: e.at } : {}),
        ...(e.reception ? { reception: e.reception } : {}),
      });
      res.json({ load, ...(certificate ? { certificate: certificate.certificate.id } : {}) });
    })
    .all(methodNotAllowed);
  router
    .route('/profiles')
    .get((_req, res) => {
      res.json(f.profiles);
    })
    .all(methodNotAllowed);
  return router;
}
