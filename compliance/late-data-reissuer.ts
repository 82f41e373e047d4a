import type { Load } from '../core/loads/load.ts';
import type { EventBus } from '../platform/event-bus.ts';
import type { GivreEvents } from '../platform/events.ts';
import type { Logger } from '../platform/logger.ts';
import type { AwaitingLoad } from './awaiting-late-data.ts';
import type { CertificateIssuer } from './certificate-issuer.ts';

export interface LateDataReissuerDeps {
  bus: EventBus<GivreEvents>;
  /** Delivered or rejected loads of a van whose current certificate is provisional (awaiting-late-data.ts). */
  awaiting: (van: string) => readonly AwaitingLoad[];
  issuer: CertificateIssuer;
  logger: Logger;
  /** Wall ms to gather a backlog arriving in several batches into one new version. */
  settleMs?: number;
}

/**
 * Late data re-opens the evaluation (DESIGN.md §6, issue 10): while a delivered load's
 * certificate is provisional, any of its van's records dated inside the period (of any
 * compartment: they fill the van's numbering) or, while the record after the period is
 * awaited, any record dated after delivery, re-evaluates the load; if anything in the report
 * changed, a new version is issued and the old one marked superseded.
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
    for (const { load, waitingForTail } of deps.awaiting(van)) {
      if (pending.has(load.id)) continue;
      const concerns = readings.some(
        (r) =>
          (r.ts >= load.pickedUpAt && r.ts <= load.deliveredAt) ||
          (r.ts > load.deliveredAt && waitingForTail),
      );
      if (!concerns) continue;
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
