import type { AlertEpisode } from '../alert-episode.ts';
import type { RuleSettings } from '../rule-settings.ts';

/**
 * When a critical alert is next escalated. Escalation is about *people* not reacting, so it
 * runs on SERVER wall time from when the alert reached them (`raisedAt`), not on device
 * time: a backlog replayed hours late must still give the driver the full delay to act.
 * `escalations` is how many escalations and reminders were already sent.
 * Returns `null` when nothing is due ever (warning, acknowledged or resolved).
 */
export function nextEscalationAt(
  ep: AlertEpisode,
  raisedAt: number,
  escalations: number,
  s: Pick<RuleSettings, 'escalationDelayMs' | 'escalationReminderMs'>,
): number | null {
  if (ep.severity !== 'critical' || ep.acknowledgement !== null || ep.state !== 'open') return null;
  return raisedAt + s.escalationDelayMs + escalations * s.escalationReminderMs;
}
