import type { InfluxDB } from 'influx';
import { RequestError, ServiceNotAvailableError } from 'influx/lib/src/pool.js';
import type { Logger } from '../platform/logger.ts';
import type { WriteOutcome } from './influx-write-client.ts';

/** Name of the retention policy Givre creates and makes the database's default. */
export const RETENTION_POLICY = 'givre_records';

export interface SetupOptions {
  client: InfluxDB;
  database: string;
  /** `INF`, `400d`, `60w` (GIVRE_INFLUX_RETENTION: at least one year, Reg. 37/2005). */
  retention: string;
  logger: Logger;
  /** Told what an administrator must do when Givre may not do it itself (readiness detail). */
  onNote: (note: string | null) => void;
}

/**
 * Creates the database and a default retention policy of at least one year (Reg. 37/2005
 * keeps temperature records one year) when InfluxDB lets Givre do so. Without the rights
 * (a non-admin 1.x user; 2.x/3.x, where databases are buckets), it says once what to ask an
 * administrator for and carries on writing: writes tell soon enough whether the database is
 * there. Returns `retry` only when InfluxDB cannot be reached.
 */
export async function ensureInfluxDatabase(options: SetupOptions): Promise<WriteOutcome> {
  const { client, database, retention, logger } = options;
  try {
    await client.createDatabase(database);
    const policies = await client.showRetentionPolicies(database);
    const ours = policies.find((p) => p.name === RETENTION_POLICY);
    const rp = { database, duration: retention, replication: 1, isDefault: true };
    if (!ours) await client.createRetentionPolicy(RETENTION_POLICY, rp);
    else if (!ours.default || durationHours(ours.duration) !== durationHours(retention)) {
      await client.alterRetentionPolicy(RETENTION_POLICY, rp);
    }
    options.onNote(null);
    logger.info('InfluxDB database ready', {
      database,
      retentionPolicy: RETENTION_POLICY,
      duration: retention,
    });
    return { kind: 'written' };
  } catch (err) {
    if (isUnreachable(err)) return { kind: 'retry', label: 'connection', reason: describe(err) };
    const note =
      `cannot set up InfluxDB database "${database}" (${describe(err)}): ask an administrator to run ` +
      `CREATE DATABASE "${database}"; CREATE RETENTION POLICY "${RETENTION_POLICY}" ON "${database}" ` +
      `DURATION ${retention} REPLICATION 1 DEFAULT — or, on InfluxDB 2.x/3.x, to create a bucket kept ` +
      `at least one year (Reg. 37/2005) mapped to database "${database}"; writing into what exists meanwhile`;
    logger.warn(note);
    options.onNote(note);
    return { kind: 'written' };
  }
}

function isUnreachable(err: unknown): boolean {
  if (err instanceof ServiceNotAvailableError) return true;
  if (err instanceof RequestError) return false;
  return typeof (err as { code?: unknown }).code === 'string';
}

function describe(err: unknown): string {
  if (err instanceof RequestError)
    return err.message.replace(/^A (\d+) .*? error occurred: /, '$1 ').slice(0, 300);
  return (err as { code?: string }).code ?? (err as Error).message ?? String(err);
}

/** Hours of an InfluxQL duration as configured (`400d`, `60w`, `INF`) or shown (`9600h0m0s`, `0s` = INF). */
export function durationHours(text: string): number {
  if (text === 'INF' || text === '0s') return Infinity;
  const days = /^(\d+)d$/.exec(text);
  if (days) return Number(days[1]) * 24;
  const weeks = /^(\d+)w$/.exec(text);
  if (weeks) return Number(weeks[1]) * 24 * 7;
  const shown = /^(\d+)h/.exec(text);
  return shown ? Number(shown[1]) : NaN;
}
