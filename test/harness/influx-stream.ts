import type { Reading } from '../../core/readings.ts';

/**
 * A steady stream of valid readings for one van, as ingest would hand them to a store:
 * `perMessage` readings every `intervalMs`, each message awaited before the next (MQTT.js
 * handles one message at a time). Temperatures 10 ms apart in device time, with a door
 * reading every 100th, so that no two readings share a series and a millisecond.
 */
export interface ReadingStream {
  /** Readings handed over and accepted so far. */
  readonly sent: number;
  /** Longest a single `append` took, ms. */
  readonly slowestAppendMs: number;
  stop(): Promise<void>;
}

export const STREAM_T0 = Date.UTC(2026, 10, 26, 6, 0, 0);

export function readingAt(seq: number): Reading {
  const ts = STREAM_T0 + seq * 10;
  if (seq % 100 === 0) return { seq, ts, kind: 'door', compartment: 'chilled', open: seq % 200 === 0 };
  return { seq, ts, kind: 'temperature', compartment: 'chilled', sensor: 'T1', celsius: 2 + (seq % 40) / 10 };
}

export function streamReadings(
  append: (readings: Reading[]) => Promise<unknown>,
  options: { perMessage: number; intervalMs: number },
): ReadingStream {
  let sent = 0;
  let slowest = 0;
  let stopped = false;
  const loop = (async () => {
    const start = Date.now();
    for (let tick = 0; !stopped; tick++) {
      const batch = Array.from({ length: options.perMessage }, (_, i) => readingAt(sent + i + 1));
      const began = performance.now();
      await append(batch);
      slowest = Math.max(slowest, performance.now() - began);
      sent += batch.length;
      // Pacing is the point here: the rate is what the test is about.
      const next = start + (tick + 1) * options.intervalMs;
      await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
    }
  })();
  return {
    get sent() {
      return sent;
    },
    get slowestAppendMs() {
      return slowest;
    },
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
