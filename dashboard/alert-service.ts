import type { AlertEpisode } from '../core/alert-episode.ts';
import type { AckReason } from '../core/messages.ts';
import type { AlertFilter, StoredTransition } from '../state/alert-repository.ts';

/** What the dashboard needs of alerts: read the state store; acknowledge as a command to ingest (issue 9). */
export interface AlertService {
  list(filter: AlertFilter): AlertEpisode[];
  get(id: string): AlertEpisode | undefined;
  unresolved(): AlertEpisode[];
  transitionsAfter(seq: number, limit: number): StoredTransition[];
  lastSeq(): number;
  acknowledge(id: string, ack: { by: string; reason: AckReason; text?: string }): Promise<AlertEpisode>;
}
