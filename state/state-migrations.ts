import { baseline } from './migrations/001-baseline.ts';
import { alertOutbox } from './migrations/002-alert-outbox.ts';
import { vanLostRecords } from './migrations/003-van-lost-records.ts';
import { seqGaps } from './migrations/004-seq-gaps.ts';
import { pushNotifications } from './migrations/005-push-notifications.ts';
import { calibrationRecords } from './migrations/006-calibration-records.ts';
import type { Migration } from './migrator.ts';

/**
 * The state store's schema, oldest first: the one place that owns it (issue 13). A change to
 * a table is a new file in `migrations/` appended here, never an edit of a released one, and
 * never a `CREATE` or `ALTER` in a repository. (A repository that still creates its own table
 * with `IF NOT EXISTS` works beside this, until its table is folded in here as a migration that
 * keeps `IF NOT EXISTS`, for the files that already have it.)
 */
export const STATE_MIGRATIONS: readonly Migration[] = [
  baseline,
  alertOutbox,
  vanLostRecords,
  seqGaps,
  pushNotifications,
  calibrationRecords,
];
