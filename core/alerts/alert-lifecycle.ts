import type { Acknowledgement, AlertEpisode, AlertTransition } from '../alert-episode.ts';
import type { AckReason } from '../messages.ts';
import type { AlertCleared, AlertRaised } from './rule-event.ts';

/**
 * The lifecycle of an episode: open → acknowledged → resolved, plus escalations and
 * reminders, each kept as a transition (the corrective-action record). Pure: every function
 * returns a new episode and the transition it added, or a refusal.
 */
export interface Transitioned {
  episode: AlertEpisode;
  transition: AlertTransition;
}

export type AckRefusal = 'already-acknowledged' | 'wrong-van';

export function openEpisode(id: string, e: AlertRaised, cause: string = id): Transitioned {
  const transition: AlertTransition = { to: 'open', at: e.detectedAt };
  return {
    episode: {
      id,
      van: e.van,
      compartment: e.compartment,
      kind: e.kind,
      severity: e.severity,
      state: 'open',
      startedAt: e.startedAt,
      detectedAt: e.detectedAt,
      resolvedAt: null,
      limit: e.limit,
      peak: e.peak,
      acknowledgement: null,
      transitions: [transition],
      cause,
    },
    transition,
  };
}

export interface AckInput {
  /** Who: `cab:VAN-01` from the van's button, or the name a dashboard user gave. */
  by: string;
  /** When, ms: the van's device time for a cab ack, the server's for a dashboard ack. */
  at: number;
  reason: AckReason;
  text?: string;
  /** Set when the ack came from a van: it may acknowledge only its own alerts. */
  van?: string;
}

/**
 * Records who acted and why. A resolved episode may still be acknowledged (the driver acted,
 * the condition cleared first: the action belongs on record); it stays resolved.
 */
export function acknowledgeEpisode(ep: AlertEpisode, ack: AckInput): Transitioned | { refused: AckRefusal } {
  if (ack.van !== undefined && ack.van !== ep.van) return { refused: 'wrong-van' };
  if (ep.acknowledgement) return { refused: 'already-acknowledged' };
  const acknowledgement: Acknowledgement = {
    by: ack.by,
    at: ack.at,
    reason: ack.reason,
    ...(ack.text ? { text: ack.text } : {}),
  };
  const transition: AlertTransition = { to: 'acknowledged', ...acknowledgement };
  return {
    episode: {
      ...ep,
      state: ep.state === 'resolved' ? 'resolved' : 'acknowledged',
      acknowledgement,
      transitions: [...ep.transitions, transition],
    },
    transition,
  };
}

export function resolveEpisode(ep: AlertEpisode, e: AlertCleared): Transitioned | null {
  if (ep.state === 'resolved') return null;
  const transition: AlertTransition = { to: 'resolved', at: e.clearedAt };
  const peak = e.peak === null ? ep.peak : Math.max(ep.peak ?? e.peak, e.peak);
  return {
    episode: {
      ...ep,
      state: 'resolved',
      resolvedAt: e.clearedAt,
      peak,
      transitions: [...ep.transitions, transition],
    },
    transition,
  };
}

/** Escalation to coordinators, then reminders; `at` is SERVER wall time (people not reacting). */
export function escalateEpisode(ep: AlertEpisode, at: number): Transitioned {
  const to = ep.transitions.some((t) => t.to === 'escalated') ? 'reminded' : 'escalated';
  const transition: AlertTransition = { to, at };
  return { episode: { ...ep, transitions: [...ep.transitions, transition] }, transition };
}

/** Escalated and still nobody acknowledged: what the coordinator's view flags. */
export function isEscalated(ep: AlertEpisode): boolean {
  return ep.acknowledgement === null && ep.transitions.some((t) => t.to === 'escalated');
}
