import type { AlertEpisode, AlertTransition } from '../alert-episode.ts';

/**
 * One transition of one alert as it travels (bus, socket.io, webhook): the episode as it now
 * is, the transition that made it so, and `seq`, the transition's place in the stored order,
 * which a reconnecting browser sends back to receive what it missed.
 */
export interface AlertNotice {
  seq: number;
  episode: AlertEpisode;
  transition: AlertTransition;
}
