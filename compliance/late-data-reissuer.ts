import type { Load } from '../core/loads/load.ts';
import type { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import type { Logger } from '../platform/logger.ts';
import type { CertificateRepository } from '../state/certificate-repository.ts';
import type { CertificateIssuer } from './certificate-issuer.ts';

export interface LateDataReissuerDeps {
  bus: EventBus<GivreEvents>;
  /** Delivered or rejected loads of a van whose current certificate is provisional. */
  closedLoads: (van: string) => Load[];
  certificates: CertificateRepository;
  issuer: CertificateIssuer;
  logger: Logger;
  /** Wall ms to gather a backlog arriving in several batches into one new version. */
  settleMs?: number;
}

/**
 * Late data re-opens the evaluation (DESIGN.md §6): when readings of a delivered load's
 * compartment arrive dated inside its period and its certificate is provisional, the load is
 * re-evaluated; if the gap filled, a new version is issued and the old one marked superseded.
 */
export function createLateDataReissuer(deps: LateDataReissuerDeps) {
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  let off: (() => void) | undefined;
  const reissue = (load: Load) => {
    pending.delete(load.id);
    deps.issuer
      .reissueIfChanged(load)
      .then(
        (c) =>
          c && deps.logger.info(`certificate ${c.certificate.id} supersedes ${c.certificate.supersedes}`),
      )
      .catch((err: Error) =>
        deps.logger.error('re-evaluation failed', { load: load.id, error: err.message }),
      );
  };
  const onReadings = ({ van, readings }: GivreEvents['readings-stored']) => {
    for (const load of deps.closedLoads(van)) {
      if (pending.has(load.id) || load.pickedUpAt === null || load.deliveredAt === null) continue;
      const inside = readings.some(
        (r) =>
          'compartment' in r &&
          r.compartment === load.compartment &&
          r.ts >= load.pickedUpAt! &&
          r.ts <= load.deliveredAt!,
      );
      if (!inside || !deps.certificates.latest(load.id)?.signed.certificate.provisional) continue;
      pending.set(
        load.id,
        setTimeout(() => reissue(load), deps.settleMs ?? 500),
      );
    }
  };
  return {
    start() {
      off ??= deps.bus.on('readings-stored', onReadings);
    },
    stop() {
      off?.();
      off = undefined;
      for (const t of pending.values()) clearTimeout(t);
      pending.clear();
    },
  };
}
