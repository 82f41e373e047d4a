import type { AlertNotice } from '../core/alerts/alert-notice.ts';
import type { AckMessage, VanStatus } from '../core/messages.ts';
import type { Reading } from '../core/readings.ts';
import type { VanState } from '../core/van-state.ts';

/**
 * Events between the features of one service, inside its process (ingest's engine and
 * channels, the dashboard's live channel). Between services, events travel on the broker
 * (core/ops-topics.ts), never only here.
 */
export interface GivreEvents {
  /**
   * A van's message durably stored: its readings, replays included (every consumer is
   * idempotent by seq or device time); `lost`, the numbers it declared lost (its storage was
   * full), absent when none; `arrivedAt`, SERVER time the message reached ingest, ms (measures
   * the van's clock, issue 13).
   */
  'readings-stored': {
    van: string;
    readings: readonly Reading[];
    lost?: ReadonlyArray<{ first: number; last: number }>;
    arrivedAt?: number;
  };
  /** A van's retained status changed (online, or offline by its last will). */
  'van-status': VanStatus;
  /** A driver acknowledged an alert from the cab. */
  'van-ack': AckMessage;
  /** A van's latest state changed (readings or status). */
  'van-state': VanState;
  /** An alert changed: opened, acknowledged, escalated, reminded or resolved (issue 5). */
  alert: AlertNotice;
}
