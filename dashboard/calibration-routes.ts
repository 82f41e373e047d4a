import { Router } from 'express';
import {
  NewCalibrationBody,
  type FleetCalibrations,
  type VanCalibrations,
} from '../core/api/calibrations.ts';
import { brusselsDate, recordsInForce, vanStanding, type CalibrationRecord } from '../core/calibration.ts';
import { VanId } from '../core/ids.ts';
import { can } from '../core/people/authz.ts';
import { GivreError } from '../platform/errors.ts';
import type { CalibrationRepository } from '../state/calibration-repository.ts';
import type { AuditTrail } from './auth/audit-trail.ts';
import { principalOf } from './auth/principal-of.ts';
import type { FleetReader } from './deps.ts';
import { parseFields } from './field-errors.ts';
import { methodNotAllowed } from './http-errors.ts';

/**
 * Recorder evidence (issue 16, EN 13486). `GET /api/vans/{van}/calibrations`: whoever may see
 * the van (admins and coordinators: every van; a driver: their own). `POST`: admins only, who
 * also manage the vans' devices (`devices:manage`), audited as `calibration-add`.
 * `GET /api/fleet/calibrations`: the standing now of every van the person sees that has a
 * record or is in the fleet. A dashboard without a state store (`calibrations` absent) has only
 * the fleet route, answering an empty list, so the fleet page reads it alike everywhere.
 */
export function calibrationRoutes(
  calibrations: CalibrationRepository | undefined,
  fleet: FleetReader,
  audit: AuditTrail,
  now: () => number,
): Router {
  const router = Router();
  const vanOf = (raw: unknown) => {
    const parsed = VanId.safeParse(raw);
    if (!parsed.success) throw new GivreError('GIVRE_ERR_BAD_REQUEST', 'invalid van id');
    return parsed.data;
  };
  router
    .route('/fleet/calibrations')
    .get((req, res) => {
      const user = principalOf(req);
      const at = now();
      const byVan = new Map<string, CalibrationRecord[]>();
      for (const r of calibrations?.all() ?? []) byVan.set(r.van, [...(byVan.get(r.van) ?? []), r]);
      const vans = calibrations ? new Set([...fleet.list().map((s) => s.van), ...byVan.keys()]) : [];
      const list: FleetCalibrations = [...vans]
        .filter((van) => can(user, 'van:read', { van }))
        .sort()
        .map((van) => ({ van, ...vanStanding(byVan.get(van) ?? [], at) }));
      res.json(list);
    })
    .all(methodNotAllowed);
  if (!calibrations) return router;
  const answer = (van: string): VanCalibrations => {
    const history = calibrations.of(van);
    const at = now();
    return { van, ...vanStanding(history, at), inForce: recordsInForce(history, brusselsDate(at)), history };
  };
  router
    .route('/vans/:van/calibrations')
    .get((req, res) => {
      const van = vanOf(req.params.van);
      // A van outside the person's scope is answered exactly as an unknown one.
      if (!can(principalOf(req), 'van:read', { van }))
        throw new GivreError('GIVRE_ERR_NOT_FOUND', `unknown van ${van}`);
      res.json(answer(van));
    })
    .post((req, res) => {
      const van = vanOf(req.params.van);
      if (!can(principalOf(req), 'devices:manage')) throw new GivreError('GIVRE_ERR_FORBIDDEN');
      const body = parseFields(NewCalibrationBody, req.body ?? {});
      const record = calibrations.add({
        van,
        ...body,
        enteredBy: principalOf(req).username,
        enteredAt: now(),
      });
      audit(req, 'calibration-add', van, {
        id: record.id,
        target: record.target,
        verifiedOn: record.verifiedOn,
        reference: record.reference,
        nextDueOn: record.nextDueOn,
      });
      res.status(201).json(answer(van));
    })
    .all(methodNotAllowed);
  return router;
}
