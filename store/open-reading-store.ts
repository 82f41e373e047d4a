import { dataFile } from '../platform/data-dir.ts';
import type { Config } from '../platform/config.ts';
import type { Logger } from '../platform/logger.ts';
import type { MetricsRegistry } from '../platform/metrics.ts';
import { openInfluxReadingStore } from './influx-reading-store.ts';
import type { ReadingStore } from './reading-store.ts';
import { openSqliteReadingStore } from './sqlite-reading-store.ts';

export interface OpenStoreOptions {
  /** The dashboard only reads: it then runs no writer (no writer thread on SQLite; no spool and no writer on InfluxDB). */
  readOnly?: boolean;
}

/**
 * The one place that picks the time-series store: InfluxDB when GIVRE_INFLUX_URL is set
 * (spool and dead letters under GIVRE_DATA_DIR), else SQLite at `${GIVRE_DATA_DIR}/givre.db`.
 */
export async function openReadingStore(
  config: Config,
  deps: { metrics: MetricsRegistry; logger: Logger },
  options: OpenStoreOptions = {},
): Promise<ReadingStore> {
  if (!config.GIVRE_INFLUX_URL)
    return openSqliteReadingStore(dataFile(config, 'givre.db'), { writeInWorker: !options.readOnly });
  deps.logger.info('time series in InfluxDB', {
    url: config.GIVRE_INFLUX_URL,
    database: config.GIVRE_INFLUX_DB,
  });
  return openInfluxReadingStore({
    url: config.GIVRE_INFLUX_URL,
    database: config.GIVRE_INFLUX_DB,
    ...(config.GIVRE_INFLUX_USERNAME !== undefined ? { username: config.GIVRE_INFLUX_USERNAME } : {}),
    ...(config.GIVRE_INFLUX_PASSWORD !== undefined ? { password: config.GIVRE_INFLUX_PASSWORD } : {}),
    dataDir: config.GIVRE_DATA_DIR,
    retention: config.GIVRE_INFLUX_RETENTION,
    spoolMaxBytes: config.GIVRE_INFLUX_SPOOL_MAX_BYTES,
    metrics: deps.metrics,
    logger: deps.logger,
    readOnly: options.readOnly ?? false,
  });
}
