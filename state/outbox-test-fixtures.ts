import { openEpisode, resolveEpisode } from '../core/alerts/alert-lifecycle.ts';
import { owedChannels } from '../core/alerts/alert-delivery.ts';
import { createAlertRepository, type AlertRepository } from './alert-repository.ts';
import { createOutboxRepository, type OutboxRepository } from './outbox-repository.ts';
import type { StateDb } from './state-db.ts';

const T0 = Date.UTC(2026, 11, 2, 6, 0);

/** The alert and outbox repositories wired as ingest wires them (build-ingest.ts), for tests. */
export function alertsWithOutbox(
  db: StateDb,
  webhook = true,
): { alerts: AlertRepository; outbox: OutboxRepository } {
  const outbox = createOutboxRepository(db);
  const alerts = createAlertRepository(db, {
    onRecord: (notice) => outbox.owe(notice, owedChannels(notice.transition, { webhook }), T0),
  });
  return { alerts, outbox };
}

/** Stores a van-offline episode of `van` opened and then resolved: two transitions. */
export function recordOpenedAndResolved(alerts: AlertRepository, van: string, minute = 0): number[] {
  const at = T0 + minute * 60_000;
  const opened = openEpisode(`al-${van}-${minute}`, {
    type: 'raise',
    van,
    compartment: null,
    kind: 'van-offline',
    severity: 'warning',
    startedAt: at,
    detectedAt: at,
    limit: null,
    peak: null,
  });
  const book = { raisedAt: at, escalations: 0 };
  const first = alerts.record(opened.episode, opened.transition, book);
  const resolved = resolveEpisode(opened.episode, {
    type: 'clear',
    van,
    compartment: null,
    kind: 'van-offline',
    startedAt: at,
    clearedAt: at + 60_000,
    peak: null,
  })!;
  return [first, alerts.record(resolved.episode, resolved.transition, book)];
}
