import type { AlertEpisode, AlertTransition } from '../core/alert-episode.ts';
import type { AlertNotice } from '../core/alerts/alert-notice.ts';
import type { AlertKind, AlertSeverity, AlertState } from '../core/messages.ts';
import type { StateDb } from './state-db.ts';

/** One stored transition with its place in the global order (the live channel's replay cursor). */
export interface StoredTransition {
  seq: number;
  alertId: string;
  transition: AlertTransition;
}

/** What the engine keeps beside an episode: SERVER wall times, for escalation (escalation.ts). */
export interface EscalationBook {
  raisedAt: number;
  escalations: number;
}

export interface AlertFilter {
  van?: string;
  state?: AlertState;
  severity?: AlertSeverity;
  kind?: AlertKind;
  /** Device time bounds on `startedAt`, ms. */
  from?: number;
  to?: number;
  limit: number;
}

/** Alert episodes and their transitions. Written by ingest (its alert engine) only; dashboards read. */
export interface AlertRepository {
  /** Stores the episode as it now is and appends its transition; returns the transition's seq. */
  record(episode: AlertEpisode, transition: AlertTransition, book: EscalationBook): number;
  get(id: string): AlertEpisode | undefined;
  book(id: string): EscalationBook | undefined;
  list(filter: AlertFilter): AlertEpisode[];
  /** Episodes not yet resolved (open or acknowledged), oldest first: reloaded at start-up. */
  unresolved(): AlertEpisode[];
  /** Transitions after `seq`, oldest first, at most `limit`. */
  transitionsAfter(seq: number, limit: number): StoredTransition[];
  lastSeq(): number;
}

interface Row {
  id: string;
  episode: string;
  raised_at: number;
  escalations: number;
}

/**
 * Alerts in the state database: one row per episode (its current shape as JSON plus the
 * columns the API filters on) and one row per transition, never updated — the history
 * a certificate quotes (issue 6) and what a reconnecting browser replays.
 */
export function createAlertRepository(
  db: StateDb,
  options: {
    /**
     * Runs inside the transaction that stores each transition (issue 13): what it writes (the
     * outbox's owed deliveries) is committed with the transition or not at all.
     */
    onRecord?: (notice: AlertNotice) => void;
  } = {},
): AlertRepository {
  const upsert = db.prepare(`
    INSERT INTO alerts (id, van, compartment, kind, severity, state, started_at, episode, raised_at, escalations)
    VALUES (@id, @van, @compartment, @kind, @severity, @state, @startedAt, @episode, @raisedAt, @escalations)
    ON CONFLICT (id) DO UPDATE SET state = excluded.state, episode = excluded.episode, escalations = excluded.escalations`);
  const append = db.prepare('INSERT INTO alert_transitions (alert_id, transition) VALUES (?, ?)');
  const byId = db.prepare<[string], Row>(
    'SELECT id, episode, raised_at, escalations FROM alerts WHERE id = ?',
  );
  const open = db.prepare<[], Row>(
    "SELECT id, episode, raised_at, escalations FROM alerts WHERE state != 'resolved' ORDER BY started_at",
  );
  const after = db.prepare<[number, number], { seq: number; alert_id: string; transition: string }>(
    'SELECT seq, alert_id, transition FROM alert_transitions WHERE seq > ? ORDER BY seq LIMIT ?',
  );
  const maxSeq = db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM alert_transitions');

  const record = db.transaction(
    (episode: AlertEpisode, transition: AlertTransition, book: EscalationBook) => {
      upsert.run({
        id: episode.id,
        van: episode.van,
        compartment: episode.compartment,
        kind: episode.kind,
        severity: episode.severity,
        state: episode.state,
        startedAt: episode.startedAt,
        episode: JSON.stringify(episode),
        raisedAt: book.raisedAt,
        escalations: book.escalations,
      });
      const seq = Number(append.run(episode.id, JSON.stringify(transition)).lastInsertRowid);
      options.onRecord?.({ seq, episode, transition });
      return seq;
    },
  );

  return {
    record: (episode, transition, book) => record(episode, transition, book),
    get: (id) => {
      const row = byId.get(id);
      return row ? (JSON.parse(row.episode) as AlertEpisode) : undefined;
    },
    book: (id) => {
      const row = byId.get(id);
      return row ? { raisedAt: row.raised_at, escalations: row.escalations } : undefined;
    },
    list(filter) {
      const where: string[] = [];
      const params: Record<string, string | number> = { limit: filter.limit };
      for (const key of ['van', 'state', 'severity', 'kind'] as const) {
        const value = filter[key];
        if (value !== undefined) {
          where.push(`${key} = @${key}`);
          params[key] = value;
        }
      }
      if (filter.from !== undefined) {
        where.push('started_at >= @from');
        params.from = filter.from;
      }
      if (filter.to !== undefined) {
        where.push('started_at <= @to');
        params.to = filter.to;
      }
      const sql = `SELECT episode FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY started_at DESC, id LIMIT @limit`;
      return db
        .prepare<Record<string, string | number>, { episode: string }>(sql)
        .all(params)
        .map((r) => JSON.parse(r.episode) as AlertEpisode);
    },
    unresolved: () => open.all().map((r) => JSON.parse(r.episode) as AlertEpisode),
    transitionsAfter: (seq, limit) =>
      after.all(seq, limit).map((r) => ({
        seq: r.seq,
        alertId: r.alert_id,
        transition: JSON.parse(r.transition) as AlertTransition,
      })),
    lastSeq: () => maxSeq.get()?.seq ?? 0,
  };
}
