import { join } from 'node:path';
import type { Logger } from '../platform/logger.ts';
import type { MetricsRegistry } from '../platform/metrics.ts';
import type { BackoffOptions } from './influx-backoff.ts';
import { influxClient, type InfluxTarget } from './influx-connection.ts';
import { DeadLetterFile } from './influx-dead-letter.ts';
import { influxCounters, registerInfluxGauges } from './influx-metrics.ts';
import { InfluxQueries } from './influx-queries.ts';
import { ensureInfluxDatabase } from './influx-setup.ts';
import { SpoolThread } from './influx-spool-thread.ts';
import { influxWriteClient } from './influx-write-client.ts';
import { InfluxWriter } from './influx-writer.ts';
import type { AppendResult, ReadingStore, StoreReadiness, VanReadings } from './reading-store.ts';

export interface InfluxStoreOptions extends InfluxTarget {
  /** GIVRE_DATA_DIR: the spool and the dead-letter file live here. */
  dataDir: string;
  /** GIVRE_INFLUX_RETENTION. */
  retention: string;
  /** GIVRE_INFLUX_SPOOL_MAX_BYTES. */
  spoolMaxBytes: number;
  metrics: MetricsRegistry;
  logger: Logger;
  /** A reader (the dashboard) never writes: no spool, no writer, so it can share a data dir with ingest. */
  readOnly?: boolean;
  batchLines?: number;
  flushIntervalMs?: number;
  backoff?: BackoffOptions;
}

export const SPOOL_FILE = 'influx-spool.db';
export const DEAD_LETTER_FILE = 'influx-dead-letters.jsonl';

/**
 * The InfluxDB store. `append` commits the readings to the disk spool (on the spool's thread)
 * and resolves then, which is when ingest may acknowledge the MQTT message; the writer sends
 * them on in batches. Reads go to InfluxDB and see what the writer has sent (`flush`). Resolves
 * once the spool is open: a `GivreError` if another Givre process holds it.
 */
export async function openInfluxReadingStore(options: InfluxStoreOptions): Promise<ReadingStore> {
  const logger = options.logger;
  const client = influxClient(options);
  const queries = new InfluxQueries(client);
  let setupNote: string | null = null;
  let closed = false;

  if (options.readOnly) {
    return {
      append: () => Promise.reject(new Error('this InfluxDB store is read-only')),
      appendMany: () => Promise.reject(new Error('this InfluxDB store is read-only')),
      count: (filter) => queries.count(filter),
      readings: (van, from, to) => queries.readings(van, from, to),
      hasSeq: (van, seq) => queries.hasSeq(van, seq),
      history: (query) => queries.history(query),
      flush: async () => {},
      readiness: () => (closed ? { ready: false, detail: 'closed' } : { ready: true }),
      close: async () => {
        closed = true;
      },
    };
  }

  const spool = await SpoolThread.open({
    path: join(options.dataDir, SPOOL_FILE),
    maxBytes: options.spoolMaxBytes,
  });
  const deadLetters = new DeadLetterFile(join(options.dataDir, DEAD_LETTER_FILE));
  const counters = influxCounters(options.metrics);
  const writer = new InfluxWriter({
    spool,
    write: influxWriteClient(options),
    deadLetters,
    counters,
    logger,
    prepare: () =>
      ensureInfluxDatabase({
        client,
        database: options.database,
        retention: options.retention,
        logger,
        onNote: (note) => (setupNote = note),
      }),
    ...(options.batchLines !== undefined ? { batchLines: options.batchLines } : {}),
    ...(options.flushIntervalMs !== undefined ? { flushIntervalMs: options.flushIntervalMs } : {}),
    ...(options.backoff !== undefined ? { backoff: options.backoff } : {}),
  });
  registerInfluxGauges(options.metrics, {
    pendingBytes: () => spool.pendingBytes,
    pendingLines: () => spool.pendingLines,
    reachable: () => writer.status().reachable,
  });
  if (spool.pendingLines > 0) {
    logger.info('replaying readings spooled before the last stop', { pending: spool.pendingLines });
  }
  writer.start();

  return {
    async append(van, readings) {
      return (await accepted([{ van, readings }]))[0]!;
    },
    async appendMany(batches) {
      return accepted(batches);
    },
    count: (filter) => queries.count(filter),
    readings: (van, from, to) => queries.readings(van, from, to),
    // The spool's seen seqs are every seq accepted, sent on to InfluxDB or not yet.
    hasSeq: (van, seq) => spool.hasSeq(van, seq),
    history: (query) => queries.history(query),
    flush: () => writer.flush(),
    readiness: () => readiness(),
    async close() {
      if (closed) return;
      closed = true;
      await writer.close();
      await spool.close();
    },
  };

  /** Spools a group in one transaction, then counts collisions and tells the writer once. */
  async function accepted(batches: readonly VanReadings[]): Promise<AppendResult[]> {
    if (closed) throw new Error('InfluxDB store closed');
    const results = await spool.appendMany(batches);
    results.forEach((result, i) => {
      if (result.collisions === 0) return;
      counters.collisions.inc({}, result.collisions);
      logger.rateLimited(
        'influx-collision',
        'warn',
        'two readings of one series in the same ms: InfluxDB keeps one',
        {
          van: batches[i]!.van,
        },
      );
    });
    writer.notify();
    return results.map((r) => ({ inserted: r.inserted, duplicates: r.duplicates }));
  }

  function readiness(): StoreReadiness {
    if (closed) return { ready: false, detail: 'closed' };
    const { outage } = writer.status();
    const pending = spool.pendingLines;
    const spooled = `${pending} readings (${(spool.pendingBytes / 1e6).toFixed(1)} MB) spooled in ${spool.path}`;
    const dead = counters.deadLetters.get();
    const notes = [
      ...(dead > 0 ? [`${dead} readings refused by InfluxDB, see ${deadLetters.path}`] : []),
      ...(setupNote ? [setupNote] : []),
    ];
    if (spool.pendingBytes >= options.spoolMaxBytes) {
      return {
        ready: false,
        detail: [`spool full: ${spooled}; new readings are refused`, ...notes].join('; '),
      };
    }
    if (outage) {
      const since = new Date(outage.since).toISOString();
      const detail = `InfluxDB unreachable since ${since} (${outage.reason}); ${spooled}, replayed when it returns`;
      return { ready: false, detail: [detail, ...notes].join('; ') };
    }
    const backlog = pending > 0 ? [`${spooled}, being written`] : [];
    const all = [...backlog, ...notes];
    return all.length > 0 ? { ready: true, detail: all.join('; ') } : { ready: true };
  }
}
