import { randomBytes } from 'node:crypto';
import type { DeliveryRecord, PickupRecord } from '../core/loads/date-marking.ts';
import type { SignedCertificate } from '../core/certificates/certificate.ts';
import {
  applyLoadEvent,
  type Load,
  type LoadEventType,
  type LoadInput,
  type ReceptionCheck,
} from '../core/loads/load.ts';
import { findProfile, type ProductProfile } from '../core/product-profiles.ts';
import { GivreError } from '../platform/errors.ts';
import type { LoadFilter, LoadRepository } from '../state/load-repository.ts';
import type { CertificateIssuer } from './certificate-issuer.ts';

export interface LoadService {
  create(input: LoadInput, by: string): Load;
  /** A coordinator corrects a load; only before pickup (after, the certificate quotes it). */
  edit(id: string, input: LoadInput, by: string): Load;
  /**
   * Pickup, delivery or rejection; delivery and rejection issue the certificate. The pickup
   * record goes with a pickup, the delivery record with a delivery or rejection; either on
   * the other event is refused (`applyLoadEvent`).
   */
  mark(
    id: string,
    event: {
      type: LoadEventType;
      at?: number;
      by: string;
      reception?: ReceptionCheck;
      pickup?: PickupRecord;
      delivery?: DeliveryRecord;
    },
  ): Promise<{ load: Load; certificate?: SignedCertificate }>;
  get(id: string): Load;
  list(filter: LoadFilter): Load[];
  /** The missing records of a delivered load will never come: its provisional certificate becomes final. */
  declareGapsLost(id: string, who: { by: string; reason: string }): Promise<SignedCertificate>;
}

/** Load ids: `LD-` and 10 random base-32 characters; short enough to read over the phone. */
const newLoadId = () =>
  `LD-${[...randomBytes(10)].map((b) => 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'[b % 32]).join('')}`;

export function createLoadService(deps: {
  loads: LoadRepository;
  issuer: CertificateIssuer;
  profiles: readonly ProductProfile[];
  /** Wall clock, ms: when an event carries no time of its own. */
  now: () => number;
}): LoadService {
  const { loads } = deps;
  const checkProfile = (input: LoadInput) => {
    if (!findProfile(deps.profiles, input.profile))
      throw new GivreError('GIVRE_ERR_BAD_REQUEST', `profile: unknown product profile "${input.profile}"`);
  };
  const get = (id: string) => {
    const load = loads.get(id);
    if (!load) throw new GivreError('GIVRE_ERR_NOT_FOUND', `unknown load ${id}`);
    return load;
  };
  return {
    get,
    list: (filter) => loads.list(filter),
    create(input, by) {
      checkProfile(input);
      const at = deps.now();
      const event = { type: 'created' as const, at, by };
      const load: Load = {
        ...input,
        id: newLoadId(),
        status: 'planned',
        createdAt: at,
        pickedUpAt: null,
        deliveredAt: null,
        reception: null,
        events: [event],
      };
      loads.save(load, event);
      return load;
    },
    edit(id, input, by) {
      checkProfile(input);
      const load = get(id);
      if (load.status !== 'planned')
        throw new GivreError(
          'GIVRE_ERR_BAD_REQUEST',
          `load ${id} is ${load.status}: only a planned load can be edited`,
        );
      const event = { type: 'edited' as const, at: deps.now(), by };
      const next: Load = { ...load, ...input, events: [...load.events, event] };
      loads.save(next, event);
      return next;
    },
    async mark(id, e) {
      const load = get(id);
      const event = {
        type: e.type,
        at: e.at ?? deps.now(),
        by: e.by,
        ...(e.reception ? { reception: e.reception } : {}),
        ...(e.pickup ? { pickup: e.pickup } : {}),
        ...(e.delivery ? { delivery: e.delivery } : {}),
      };
      const outcome = applyLoadEvent(load, event);
      if (!outcome.ok) throw new GivreError('GIVRE_ERR_BAD_REQUEST', outcome.reason);
      loads.save(outcome.load, event);
      if (outcome.load.status === 'picked-up') return { load: outcome.load };
      return { load: outcome.load, certificate: await deps.issuer.issue(outcome.load) };
    },
    declareGapsLost: (id, who) => deps.issuer.declareGapsLost(get(id), { ...who, at: deps.now() }),
  };
}
