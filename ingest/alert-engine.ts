import { createHash } from 'node:crypto';
import type { AlertEpisode, AlertTransition } from '../core/alert-episode.ts';
import {
  acknowledgeEpisode,
  escalateEpisode,
  openEpisode,
  resolveEpisode,
  type AckInput,
} from '../core/alerts/alert-lifecycle.ts';
import { causeOf, joinedCause } from '../core/alerts/alert-causes.ts';
import { nextEscalationAt } from '../core/alerts/escalation.ts';
import type { LateEpisode } from '../core/alerts/late-segment.ts';
import type { AlertRaised, RuleEvent } from '../core/alerts/rule-event.ts';
import { seedFromEpisode, seedFromTrack } from '../core/alerts/seed-rules.ts';
import { tripPeriod } from '../core/alerts/trip-period.ts';
import {
  applyBatch,
  applyStatus,
  emptyVanRules,
  releaseHeld,
  tickVan,
  type VanContext,
  type VanRuleState,
} from '../core/alerts/van-rules.ts';
import type { SeqTrack } from '../core/gaps/seq-gaps.ts';
import type { LimitSource } from '../core/limit-source.ts';
import type { RuleSettings } from '../core/rule-settings.ts';
import type { EventBus } from '../platform/event-bus.ts';
import { GivreError } from '../platform/errors.ts';
import type { GivreEvents } from '../platform/events.ts';
import type { Logger } from '../platform/logger.ts';
import type { MetricsRegistry } from '../platform/metrics.ts';
import type { AlertRepository, EscalationBook } from '../state/alert-repository.ts';

/** The server's wall clock and a repeating timer, injectable so escalation is tested without waiting. */
export interface WallClock {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const systemWallClock: WallClock = {
  now: () => Date.now(),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
};

export interface AlertEngineOptions {
  bus: EventBus<GivreEvents>;
  repository: AlertRepository;
  limitSource: LimitSource;
  settings: RuleSettings;
  /** The cumulative rule's period; default a trip (trip-period.ts); `givre start` passes loads-period.ts. */
  periodOf?: VanContext['periodOf'];
  /** UTC hour of the default trip period's daily boundary. */
  resetHourUtc?: number;
  metrics: MetricsRegistry;
  logger: Logger;
  clock?: WallClock;
  /** How often the engine looks at the wall clock (van silence, escalations), ms. */
  tickMs?: number;
  /**
   * What the state store knows of each van's numbering when the engine starts
   * (state/seq-track-repository.ts): the readings stored before a restart were judged then
   * (core/alerts/seed-rules.ts, `seedFromTrack`).
   */
  numbering?: () => Iterable<{ van: string; track: SeqTrack }>;
}

/** What the API acknowledges with: who, why; `at` defaults to the server's clock. */
export type AckRequest = Omit<AckInput, 'at'> & { at?: number };

export interface AlertEngine {
  start(): void;
  stop(): void;
  acknowledge(id: string, ack: AckRequest): AlertEpisode;
}

/** An episode's id: the same condition (van, compartment, kind, device start) always gets the same id, so replays are idempotent. */
export function alertId(e: Pick<AlertRaised, 'van' | 'compartment' | 'kind' | 'startedAt'>): string {
  const digest = createHash('sha256').update(`${e.van}|${e.compartment ?? ''}|${e.kind}|${e.startedAt}`);
  return `al-${digest.digest('hex').slice(0, 16)}`;
}

const keyOf = (e: { van: string; compartment: string | null; kind: string }) =>
  `${e.van}|${e.compartment ?? ''}|${e.kind}`;

/**
 * The alert engine (DESIGN.md §5): feeds readings, statuses and acks from the bus to the pure
 * rules and lifecycle in core/alerts, stores every transition, and announces it on the bus as
 * `alert` for the delivery channels. At most one unresolved episode per (van, compartment, kind).
 */
export function createAlertEngine(o: AlertEngineOptions): AlertEngine {
  const clock = o.clock ?? systemWallClock;
  const log = o.logger.child('alerts');
  const raised = o.metrics.counter(
    'givre_alerts_raised_total',
    'Alert episodes opened, by kind and severity.',
  );
  const escalations = o.metrics.counter(
    'givre_alert_escalations_total',
    'Escalations and reminders sent to coordinators.',
  );
  const acks = o.metrics.counter(
    'givre_alert_acks_total',
    'Acknowledgements, by source (cab, dashboard) and result.',
  );
  const vans = new Map<string, VanRuleState>();
  const open = new Map<string, AlertEpisode>(); // keyOf → unresolved episode
  const books = new Map<string, EscalationBook>();
  const offs: Array<() => void> = [];
  let timer: unknown;
  o.metrics.collectedGauge('givre_alerts_open', 'Unresolved alerts, by severity.', () =>
    (['warning', 'critical'] as const).map((severity) => ({
      labels: { severity },
      value: [...open.values()].filter((e) => e.severity === severity).length,
    })),
  );

  const ctx: VanContext = {
    settings: o.settings,
    profileFor: () => undefined, // replaced per van below
    periodOf: o.periodOf ?? ((_v, _c, ts, trip) => tripPeriod(trip, ts, o.resetHourUtc ?? 12)),
  };
  const contextFor = (van: string): VanContext => ({
    ...ctx,
    profileFor: (c) => o.limitSource.profileFor(van, c),
  });
  const vanState = (van: string) => vans.get(van) ?? emptyVanRules(van);

  const commit = (episode: AlertEpisode, transition: AlertTransition) => {
    const book = books.get(episode.id) ?? { raisedAt: clock.now(), escalations: 0 };
    books.set(episode.id, book);
    const seq = o.repository.record(episode, transition, book);
    if (episode.state === 'resolved') {
      if (open.get(keyOf(episode))?.id === episode.id) open.delete(keyOf(episode));
      books.delete(episode.id);
    } else open.set(keyOf(episode), episode);
    o.bus.emit('alert', { seq, episode, transition });
  };

  const raise = (e: AlertRaised): AlertEpisode | undefined => {
    const id = alertId(e);
    if (open.has(keyOf(e)) || o.repository.get(id)) return undefined;
    const sibling = joinedCause(e, open.values());
    const { episode, transition } = openEpisode(id, e, sibling ? causeOf(sibling) : id);
    raised.inc({ kind: e.kind, severity: e.severity });
    log.info('alert raised', {
      id,
      van: e.van,
      kind: e.kind,
      compartment: e.compartment ?? '-',
      startedAt: e.startedAt,
    });
    commit(episode, transition);
    // Its cause was already acknowledged: the same action covers it, recorded on it too.
    const ack = sibling?.acknowledgement;
    if (ack) {
      const step = acknowledgeEpisode(episode, ack);
      if (!('refused' in step)) {
        commit(step.episode, step.transition);
        return step.episode;
      }
    }
    return episode;
  };

  const apply = (events: readonly RuleEvent[], late: readonly LateEpisode[] = []) => {
    for (const e of events) {
      if (e.type === 'raise') raise(e);
      else {
        const current = open.get(keyOf(e));
        const resolved = current && resolveEpisode(current, e);
        if (resolved) commit(resolved.episode, resolved.transition);
      }
    }
    for (const l of late) {
      if (o.repository.get(alertId(l.raise))) continue;
      const { episode, transition } = openEpisode(alertId(l.raise), l.raise);
      raised.inc({ kind: l.raise.kind, severity: l.raise.severity });
      // Already resolved by the time it is known: stored and announced, never escalated.
      const seq = o.repository.record(episode, transition, { raisedAt: clock.now(), escalations: 0 });
      o.bus.emit('alert', { seq, episode, transition });
      const resolved = resolveEpisode(episode, l.clear);
      if (resolved) {
        const rseq = o.repository.record(resolved.episode, resolved.transition, {
          raisedAt: clock.now(),
          escalations: 0,
        });
        o.bus.emit('alert', { seq: rseq, ...resolved });
      }
    }
  };

  const tick = () => {
    const now = clock.now();
    for (const [van, state] of vans) {
      const released = releaseHeld(state, contextFor(van), now);
      if (released.events.length > 0 || released.late.length > 0) apply(released.events, released.late);
      const step = tickVan(released.state, now, o.settings);
      vans.set(van, step.state);
      apply(step.events);
    }
    for (const episode of [...open.values()]) {
      const book = books.get(episode.id);
      if (!book) continue;
      const due = nextEscalationAt(episode, book.raisedAt, book.escalations, o.settings);
      if (due === null || now < due) continue;
      books.set(episode.id, { ...book, escalations: book.escalations + 1 });
      const step = escalateEpisode(episode, now);
      escalations.inc({ kind: step.transition.to });
      log.warn(`alert ${step.transition.to}: nobody acknowledged`, { id: episode.id, van: episode.van });
      commit(step.episode, step.transition);
    }
  };

  const acknowledge = (id: string, ack: AckRequest, source: 'cab' | 'dashboard'): AlertEpisode => {
    const episode = [...open.values()].find((e) => e.id === id) ?? o.repository.get(id);
    if (!episode) {
      acks.inc({ source, result: 'unknown' });
      throw new GivreError('GIVRE_ERR_NOT_FOUND', `unknown alert ${id}`);
    }
    if (!books.has(id)) books.set(id, o.repository.book(id) ?? { raisedAt: clock.now(), escalations: 0 });
    const step = acknowledgeEpisode(episode, { ...ack, at: ack.at ?? clock.now() });
    if ('refused' in step) {
      acks.inc({ source, result: step.refused });
      throw new GivreError('GIVRE_ERR_BAD_REQUEST', `alert ${id}: ${step.refused}`);
    }
    acks.inc({ source, result: 'ok' });
    commit(step.episode, step.transition);
    // One acknowledgement per cause: the other unresolved episodes of the same breach get it too.
    for (const other of [...open.values()]) {
      if (other.id === id || other.acknowledgement || causeOf(other) !== causeOf(episode)) continue;
      const same = acknowledgeEpisode(other, { ...ack, at: ack.at ?? clock.now() });
      if (!('refused' in same)) commit(same.episode, same.transition);
    }
    return step.episode;
  };

  return {
    start() {
      for (const { van, track } of o.numbering?.() ?? []) vans.set(van, seedFromTrack(vanState(van), track));
      for (const episode of o.repository.unresolved()) {
        open.set(keyOf(episode), episode);
        const book = o.repository.book(episode.id);
        if (book) books.set(episode.id, book);
        vans.set(episode.van, seedFromEpisode(vanState(episode.van), episode));
      }
      offs.push(
        o.bus.on('readings-stored', ({ van, readings, lost }) => {
          const step = applyBatch(vanState(van), readings, contextFor(van), clock.now(), lost);
          vans.set(van, step.state);
          apply(step.events, step.late);
        }),
        o.bus.on('van-status', (status) => {
          const step = applyStatus(vanState(status.van), status);
          vans.set(status.van, step.state);
          apply(step.events);
          // A boot announced after its first readings arrived: they need not wait any more.
          if (status.bootSeq !== undefined && step.state.held.length > 0) {
            const released = applyBatch(step.state, [], contextFor(status.van), clock.now());
            vans.set(status.van, released.state);
            apply(released.events, released.late);
          }
        }),
        o.bus.on('van-ack', (ack) => {
          try {
            acknowledge(
              ack.alertId,
              {
                by: `cab:${ack.van}`,
                at: ack.ts,
                reason: ack.reason,
                van: ack.van,
                ...(ack.text ? { text: ack.text } : {}),
              },
              'cab',
            );
          } catch (err) {
            log.rateLimited('cab-ack-refused', 'warn', 'refused an acknowledgement from a van', {
              van: ack.van,
              error: (err as Error).message,
            });
          }
        }),
      );
      timer = clock.setInterval(tick, o.tickMs ?? 1000);
    },
    stop() {
      for (const off of offs.splice(0)) off();
      if (timer !== undefined) clock.clearInterval(timer);
      timer = undefined;
    },
    acknowledge: (id, ack) => acknowledge(id, ack, 'dashboard'),
  };
}
