import { InfluxDB } from 'influx';
import type { IBackoffStrategy } from 'influx/lib/src/backoff/backoff.js';
import { Pool } from 'influx/lib/src/pool.js';

/** Where InfluxDB is and who Givre is to it (GIVRE_INFLUX_*). */
export interface InfluxTarget {
  /** Base URL, e.g. `http://influxdb:8086` (a path prefix behind a reverse proxy is kept). */
  url: string;
  database: string;
  username?: string;
  password?: string;
  /** Longest wait for one HTTP request, ms. */
  requestTimeoutMs?: number;
}

/**
 * node-influx's pool takes a host out of rotation after a connection error for up to 10 s
 * and retries on its own; Givre's writer has its own backoff and spool, and must see every
 * failure at once. A backoff of zero keeps the host in the pool (`Pool._disableHost` only
 * disables on a positive delay).
 */
const KEEP_HOST: IBackoffStrategy = { getDelay: () => 0, next: () => KEEP_HOST, reset: () => KEEP_HOST };

function poolOptions(target: InfluxTarget) {
  return { maxRetries: 0, backoff: KEEP_HOST, requestTimeout: target.requestTimeoutMs ?? 30_000 };
}

/** node-influx client for InfluxQL on `/query`: database set-up and reads. */
export function influxClient(target: InfluxTarget): InfluxDB {
  const url = new URL(target.url);
  return new InfluxDB({
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
    protocol: url.protocol === 'https:' ? 'https' : 'http',
    path: url.pathname.replace(/\/$/, ''),
    database: target.database,
    ...(target.username !== undefined ? { username: target.username, password: target.password ?? '' } : {}),
    pool: poolOptions(target),
  });
}

/** node-influx's HTTP pool for `/write`: the writer sends its own gzip'd line protocol through it. */
export function influxWritePool(target: InfluxTarget): Pool {
  const pool = new Pool(poolOptions(target));
  pool.addHost(target.url.replace(/\/$/, ''));
  return pool;
}

/** `user:password` for the pool's Basic auth, when credentials are configured. */
export function basicAuthOf(target: InfluxTarget): string | undefined {
  return target.username !== undefined ? `${target.username}:${target.password ?? ''}` : undefined;
}
