import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { DeviceSummary, NewDeviceAnswer } from '../../core/api/devices.ts';
import { deviceIdProblem } from '../../core/device-id.ts';
import { can } from '../../core/people/authz.ts';
import { GivreError } from '../../platform/errors.ts';
import type { DeviceRepository } from '../../state/device-repository.ts';
import { DeviceError, issueDeviceSecret } from '../../state/device-provisioning.ts';
import type { AuditTrail } from '../auth/audit-trail.ts';
import { principalOf } from '../auth/principal-of.ts';
import type { FleetReader } from '../deps.ts';
import { fieldError, parseFields } from '../field-errors.ts';
import { methodNotAllowed } from '../http-errors.ts';

const NewDeviceBody = z.strictObject({ van: z.string().max(64) });

const admins: RequestHandler = (req, _res, next) =>
  next(can(principalOf(req), 'devices:manage') ? undefined : new GivreError('GIVRE_ERR_FORBIDDEN'));

/** When Givre last heard from the van: its latest record or its last status, whichever is later. */
function lastSeenAt(fleet: FleetReader, van: string): number | null {
  const state = fleet.get(van);
  const times = [state?.lastReadingTs, state?.statusTs].filter((t): t is number => typeof t === 'number');
  return times.length ? Math.max(...times) : null;
}

/**
 * `/api/devices` (issue 12), admins only: the vans' MQTT credentials, as `givre device`
 * manages them and through the same code (state/device-provisioning.ts). The broker reads
 * the devices table at every connection, so a van added here connects at once; a revocation
 * disconnects it within a second (broker/device-security.ts).
 */
export function deviceRoutes(
  devices: DeviceRepository,
  fleet: FleetReader,
  audit: AuditTrail,
  now: () => number,
): Router {
  const router = Router();
  const summary = (van: string): DeviceSummary => {
    const found = devices.list().find((d) => d.van === van);
    if (!found) throw new GivreError('GIVRE_ERR_NOT_FOUND', `no credentials for ${van}`);
    return { ...found, lastSeenAt: lastSeenAt(fleet, van) };
  };
  router
    .route('/devices')
    .get(admins, (_req, res) => {
      const list: DeviceSummary[] = devices
        .list()
        .map((d) => ({ ...d, lastSeenAt: lastSeenAt(fleet, d.van) }));
      res.json(list);
    })
    .post(admins, async (req, res) => {
      const { van } = parseFields(NewDeviceBody, req.body ?? {});
      const problem = deviceIdProblem(van);
      if (problem) throw fieldError('van', problem);
      if (devices.get(van)?.revokedAt === null)
        throw new GivreError(
          'GIVRE_ERR_CONFLICT',
          `van: ${van} already has credentials; revoke them first`,
          'van',
        );
      let secret: string;
      try {
        secret = await issueDeviceSecret(devices, van, { mode: 'add', by: 'admin', now: now() });
      } catch (err) {
        // Another admin (or `givre device add`) issued them during the hash.
        if (err instanceof DeviceError) throw new GivreError('GIVRE_ERR_CONFLICT', err.message, 'van');
        throw err;
      }
      audit(req, 'device-add', van);
      // Shown once, to the admin who sets the van up; only its hash is kept.
      const answer: NewDeviceAnswer = { device: summary(van), secret };
      res.status(201).json(answer);
    })
    .all(methodNotAllowed);
  router
    .route('/devices/:van/revoke')
    .post(admins, (req, res) => {
      const van = String(req.params.van);
      if (!devices.revoke(van, now())) {
        if (devices.get(van)) throw new GivreError('GIVRE_ERR_CONFLICT', `${van} is already revoked`);
        throw new GivreError('GIVRE_ERR_NOT_FOUND', `no credentials for ${van}`);
      }
      audit(req, 'device-revoke', van);
      res.json(summary(van));
    })
    .all(methodNotAllowed);
  return router;
}
