import type { AlertEpisode } from '../../core/alert-episode.ts';
import { isEscalated } from '../../core/alerts/alert-lifecycle.ts';

/** The state a person should read: escalated (nobody acted) outranks open. */
export function displayState(a: AlertEpisode): 'open' | 'acknowledged' | 'escalated' | 'resolved' {
  return isEscalated(a) ? 'escalated' : a.state;
}
