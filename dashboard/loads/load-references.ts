import type { KnownVan, LoadChoices } from '../../core/loads/load-choices.ts';
import type { LoadInput } from '../../core/loads/load.ts';
import { LoadRequest } from '../../core/loads/load-request.ts';
import { findProfile, type ProductProfile } from '../../core/product-profiles.ts';
import type { AssociationRepository } from '../../state/association-repository.ts';
import type { DeviceRepository } from '../../state/device-repository.ts';
import type { FleetReader } from '../deps.ts';
import { fieldError, parseFields } from '../field-errors.ts';

/** What a load may refer to: known vans and their compartments, active associations, profiles (issue 12). */
export interface LoadReferences {
  choices(): LoadChoices;
  /** The request as a load, the recipient's name from its record; a field error (400) for anything unknown. */
  check(body: unknown): LoadInput;
}

/**
 * The vans the fleet knows are those with credentials that are not revoked (`givre device
 * add`) and those that have reported (the fleet page's vans). A van's compartments are those
 * it reports; until it has reported any (a new van before its first night), the compartments
 * the installation configures (GIVRE_COMPARTMENT_PROFILES), which its firmware reports.
 */
export function createLoadReferences(deps: {
  fleet: Pick<FleetReader, 'list'>;
  devices: Pick<DeviceRepository, 'list'>;
  associations: Pick<AssociationRepository, 'list' | 'get'>;
  profiles: readonly ProductProfile[];
  configuredCompartments: readonly string[];
}): LoadReferences {
  const vans = (): KnownVan[] => {
    const byId = new Map<string, string[]>();
    for (const d of deps.devices.list()) if (d.revokedAt === null) byId.set(d.van, []);
    for (const s of deps.fleet.list()) byId.set(s.van, Object.keys(s.compartments).sort());
    return [...byId]
      .map(([id, reported]) => ({
        id,
        compartments: reported.length > 0 ? reported : [...deps.configuredCompartments],
      }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  };
  return {
    choices: () => ({
      vans: vans(),
      associations: deps.associations
        .list()
        .filter((a) => a.active)
        .map(({ id, name }) => ({ id, name })),
      profiles: [...deps.profiles],
    }),
    check(body) {
      const request = parseFields(LoadRequest, body);
      if (!findProfile(deps.profiles, request.profile))
        throw fieldError('profile', `unknown product profile ${request.profile}`);
      const van = vans().find((v) => v.id === request.van);
      if (!van) throw fieldError('van', `the fleet knows no van ${request.van}`);
      if (!van.compartments.includes(request.compartment))
        throw fieldError(
          'compartment',
          `${van.id} has no compartment ${request.compartment} (it has ${van.compartments.join(', ')})`,
        );
      const association = deps.associations.get(request.recipient.id);
      if (!association) throw fieldError('recipient.id', `unknown association ${request.recipient.id}`);
      if (!association.active)
        throw fieldError('recipient.id', `association ${association.id} is deactivated`);
      return { ...request, recipient: { id: association.id, name: association.name } };
    },
  };
}
