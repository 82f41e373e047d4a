import type { MqttClient } from 'mqtt';
import type { TelemetryBatch } from '../../core/messages.ts';
import { vanTopic } from '../../core/topics.ts';

/** A van's two probes of its chilled compartment take turns: odd seqs on T2, even on T1. */
export const sensorOf = (van: string, seq: number): string => `${van}-T${(seq % 2) + 1}`;

/** The temperature a van records unless told otherwise, °C: well inside the chilled limit (7 °C). */
export const COLD_CELSIUS = 3.2;

/** The seqs of one van's sensor, in order. */
export interface SensorSeqs {
  van: string;
  sensor: string;
  seqs: number[];
}

/** How many readings of `expected` a store lacks, asking it for each van's sensor in turn. */
export async function missingReadings(
  expected: readonly SensorSeqs[],
  storedSeqs: (van: string, sensor: string) => number[] | Promise<number[]>,
): Promise<number> {
  let missing = 0;
  for (const { van, sensor, seqs } of expected) {
    const have = new Set(await storedSeqs(van, sensor));
    missing += seqs.filter((seq) => !have.has(seq)).length;
  }
  return missing;
}

export interface VanStreamOptions {
  /** Readings in each van's batch, one seq each. */
  readingsPerBatch: number;
  /** One batch per van every `tickMs`, ms. */
  tickMs: number;
}

/**
 * Test vans streaming telemetry at QoS 1, as their firmware would: each van numbers its
 * readings from 1 (`seq`) and records them at a steady pace on its own clock (`tickMs /
 * readingsPerBatch` apart from the stream's start, as a recorder samples: never ahead of the
 * real clock, and evenly spaced, so the rules see no gap), and counts the broker's PUBACKs.
 * What a test compares the store with is `generated`.
 */
export interface VanStream {
  /** Readings published so far, and those whose message the broker acknowledged (PUBACK). */
  readonly sent: number;
  readonly acknowledged: number;
  /** Readings whose publish failed (the client was ended before its PUBACK). */
  readonly failed: number;
  /** Every seq generated so far, by van and sensor. */
  generated(): SensorSeqs[];
  /** The temperature of a van's readings from its next batch on, °C (above 7: a breach). */
  setCelsius(van: string, celsius: number): void;
  /** Stops making readings, then waits until every publish made is acknowledged or failed. */
  stop(): Promise<void>;
}

export function streamVans(clients: ReadonlyMap<string, MqttClient>, options: VanStreamOptions): VanStream {
  const vans = [...clients.keys()];
  const nextSeq = new Map(vans.map((v) => [v, 1]));
  const t0 = Date.now();
  const spacingMs = options.tickMs / options.readingsPerBatch;
  const celsius = new Map(vans.map((v) => [v, COLD_CELSIUS]));
  const seqs = new Map(vans.map((v) => [v, [] as number[]]));
  const inFlight = new Set<Promise<void>>();
  let sent = 0;
  let acknowledged = 0;
  let failed = 0;

  const batchOf = (van: string): TelemetryBatch => {
    const first = nextSeq.get(van)!;
    nextSeq.set(van, first + options.readingsPerBatch);
    const readings = Array.from({ length: options.readingsPerBatch }, (_, i) => {
      const seq = first + i;
      const ts = Math.round(t0 + (seq - 1) * spacingMs);
      seqs.get(van)!.push(seq);
      return {
        seq,
        ts,
        kind: 'temperature' as const,
        compartment: 'chilled',
        sensor: sensorOf(van, seq),
        celsius: celsius.get(van)!,
      };
    });
    return { v: 1, van, readings };
  };

  const tick = () => {
    for (const [van, client] of clients) {
      const batch = batchOf(van);
      const n = batch.readings.length;
      sent += n;
      const p = client.publishAsync(vanTopic(van, 'telemetry'), JSON.stringify(batch), { qos: 1 }).then(
        () => void (acknowledged += n),
        () => void (failed += n),
      );
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
  };
  // The vans record on their own clock, whatever happens to the services meanwhile.
  const timer = setInterval(tick, options.tickMs);

  return {
    get sent() {
      return sent;
    },
    get acknowledged() {
      return acknowledged;
    },
    get failed() {
      return failed;
    },
    generated: () =>
      vans.flatMap((van) => {
        const bySensor = new Map<string, number[]>();
        for (const seq of seqs.get(van)!) {
          const sensor = sensorOf(van, seq);
          if (!bySensor.has(sensor)) bySensor.set(sensor, []);
          bySensor.get(sensor)!.push(seq);
        }
        return [...bySensor]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([sensor, list]) => ({ van, sensor, seqs: list }));
      }),
    setCelsius: (van, c) => void celsius.set(van, c),
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
    },
  };
}
