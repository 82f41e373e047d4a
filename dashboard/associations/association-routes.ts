import { Router, type Request } from 'express';
import { AssociationInput, AssociationPatch, type Association } from '../../core/associations/association.ts';
import { PartyId } from '../../core/loads/load.ts';
import { can } from '../../core/people/authz.ts';
import { GivreError } from '../../platform/errors.ts';
import type { AuditAction } from '../../state/audit-log.ts';
import type { AssociationRepository } from '../../state/association-repository.ts';
import type { AuditTrail } from '../auth/audit-trail.ts';
import { principalOf } from '../auth/principal-of.ts';
import { parseFields } from '../field-errors.ts';
import { methodNotAllowed } from '../http-errors.ts';

const manages = (req: Request) => can(principalOf(req), 'associations:manage');

/** Which audit action an edit is: switching `active` is what an admin looks for in the log. */
function editAction(before: Association, patch: AssociationPatch): AuditAction {
  if (patch.active === false && before.active) return 'association-deactivate';
  if (patch.active === true && !before.active) return 'association-reactivate';
  return 'association-edit';
}

/**
 * `/api/associations` (issue 12): administrators add, edit, deactivate and reactivate the
 * associations; whoever plans loads reads the active ones (the load form's list); an
 * association's own people read their record (their page's heading). Anything else: 404 as
 * for an id that does not exist (issue 4).
 */
export function associationRoutes(
  associations: AssociationRepository,
  audit: AuditTrail,
  now: () => number,
): Router {
  const router = Router();
  router
    .route('/associations')
    .get((req, res) => {
      if (manages(req)) return void res.json(associations.list());
      if (!can(principalOf(req), 'load:write')) throw new GivreError('GIVRE_ERR_FORBIDDEN');
      res.json(associations.list().filter((a) => a.active));
    })
    .post((req, res) => {
      if (!manages(req)) throw new GivreError('GIVRE_ERR_FORBIDDEN');
      const input = parseFields(AssociationInput, req.body ?? {});
      if (!associations.add(input, now()))
        throw new GivreError('GIVRE_ERR_CONFLICT', `id: an association ${input.id} already exists`, 'id');
      audit(req, 'association-add', input.id, { name: input.name });
      res.status(201).json(associations.get(input.id));
    })
    .all(methodNotAllowed);
  router
    .route('/associations/:id')
    .get((req, res) => {
      const id = PartyId.safeParse(req.params.id);
      const found = id.success ? associations.get(id.data) : undefined;
      if (!found || !can(principalOf(req), 'association:read', { association: found.id }))
        throw new GivreError('GIVRE_ERR_NOT_FOUND', `unknown association ${String(req.params.id)}`);
      res.json(found);
    })
    .patch((req, res) => {
      if (!manages(req)) throw new GivreError('GIVRE_ERR_FORBIDDEN');
      const id = PartyId.safeParse(req.params.id);
      const before = id.success ? associations.get(id.data) : undefined;
      if (!before)
        throw new GivreError('GIVRE_ERR_NOT_FOUND', `unknown association ${String(req.params.id)}`);
      const patch = parseFields(AssociationPatch, req.body ?? {});
      const after = associations.update(before.id, patch, now());
      if (!after) throw new GivreError('GIVRE_ERR_NOT_FOUND', `unknown association ${before.id}`);
      audit(req, editAction(before, patch), before.id, patch);
      res.json(after);
    })
    .all(methodNotAllowed);
  return router;
}
