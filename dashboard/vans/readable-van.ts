import type { Request } from 'express';
import { VanId } from '../../core/ids.ts';
import { can } from '../../core/people/authz.ts';
import { GivreError } from '../../platform/errors.ts';
import { principalOf } from '../auth/principal-of.ts';

/**
 * The `:van` of a request, if the person may read that van ('van:read'): else 400 for a
 * malformed id, and for a van outside their scope the 404 an unknown van gets (issue 4).
 */
export function readableVan(req: Request): string {
  const van = VanId.safeParse(req.params.van);
  if (!van.success) throw new GivreError('GIVRE_ERR_BAD_REQUEST', 'invalid van id');
  if (!can(principalOf(req), 'van:read', { van: van.data }))
    throw new GivreError('GIVRE_ERR_NOT_FOUND', `unknown van ${van.data}`);
  return van.data;
}
