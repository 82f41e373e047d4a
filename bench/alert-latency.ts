// Alert latency (issue 14): reading published → the alert on a coordinator's live channel,
// while a generator process keeps `givre start` (SQLite) busy at a fixed 10 000 readings/s.
import mqtt from 'mqtt';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { io } from 'socket.io-client';
import type { AlertNotice } from '../core/alerts/alert-notice.ts';
import { vanTopic } from '../core/topics.ts';
import { startFleet } from './measure-fleet.ts';
import { startGivre } from './measure-givre.ts';
import { summariseLatencies } from './measure-percentiles.ts';

/** The background: 20 vans × 50 messages/s × 10 in-limit readings = 10 000 readings/s. */
const BACKGROUND = { vans: 20, periodMs: 20, readingsPerMessage: 10 };
const PROBE = 'PROBE-01';
/**
 * The rule that fires on one reading: `severe` on a frozen compartment (warmer than the
 * profile's −15 °C transport tolerance, Directive 89/108/EEC) raises at once. Between probes
 * two cold readings GIVRE_ALERT_CLEAR_HOLD_S (1 s here) apart resolve it, so the next breach
 * opens a new episode. Device time runs 10 s per probe from 2 h ago (a van's backlog is judged
 * as recorded), so a hundred probes never date readings ahead of the server's clock.
 */
const FROZEN_COLD = -20;
const FROZEN_BREACH = -10;
const PROBE_STEP_MS = 10_000;
/** Mean gap between two probes, ms (each gap drawn from 0.5–1.5 × this). */
const PROBE_GAP_MS = 250;
/** A probe whose alert has not come this long after its breach was published counts as missed, ms. */
const ALERT_TIMEOUT_MS = 30_000;

export async function measureAlertLatency(options: {
  quick: boolean;
  log: (line: string) => void;
}): Promise<Record<string, unknown>> {
  const { log } = options;
  const probes = options.quick ? 25 : 120;
  const loadAverage = loadavg()[0];
  const background = Array.from(
    { length: BACKGROUND.vans },
    (_, i) => `LOAD-${String(i + 1).padStart(2, '0')}`,
  );
  const givre = await startGivre({
    vans: [...background, PROBE],
    env: { GIVRE_ALERT_CLEAR_HOLD_S: '1' },
    log,
  });
  const closers: Array<() => unknown> = [];
  try {
    const coordinator = await givre.addCoordinator('coord');
    const socket = io(givre.httpUrl, {
      extraHeaders: { cookie: coordinator.cookie },
      transports: ['websocket'],
    });
    closers.push(() => socket.close());
    await new Promise<void>((r) => socket.once('alerts:snapshot', () => r()));
    const waiting = new Map<number, (at: number) => void>();
    socket.on('alert:transition', (n: AlertNotice) => {
      const at = performance.now();
      if (n.episode.van === PROBE && n.episode.kind === 'severe' && n.transition.to === 'open')
        waiting.get(n.episode.startedAt)?.(at);
    });

    const secrets = JSON.parse(readFileSync(givre.credentialsFile, 'utf8')) as Record<string, string>;
    const probe = await mqtt.connectAsync(givre.mqttUrl, {
      clientId: PROBE,
      username: PROBE,
      password: secrets[PROBE] ?? '',
      reconnectPeriod: 0,
    });
    closers.push(() => probe.end(true));
    const fleet = await startFleet(
      {
        url: givre.mqttUrl,
        credentialsFile: givre.credentialsFile,
        vans: background,
        periodMs: BACKGROUND.periodMs,
        readingsPerMessage: BACKGROUND.readingsPerMessage,
        compartment: 'chilled',
        celsius: 3.1,
      },
      log,
    );
    closers.push(() => fleet.stop());
    log(`background load running (${BACKGROUND.vans} vans, target 10 000 readings/s); warming up 3 s`);
    await new Promise((r) => setTimeout(r, 3_000));

    let seq = 0;
    const base = Date.now() - 2 * 3_600_000;
    const send = (ts: number, celsius: number) => {
      const reading = {
        seq: ++seq,
        ts,
        kind: 'temperature',
        compartment: 'frozen',
        sensor: `${PROBE}-T1`,
        celsius,
      };
      probe.publish(vanTopic(PROBE, 'telemetry'), JSON.stringify({ v: 1, van: PROBE, readings: [reading] }), {
        qos: 1,
      });
    };
    send(base, FROZEN_COLD);
    const from = { stored: givre.stored(), cpu: givre.usage().cpuSeconds, at: performance.now() };
    // Probes go out on their own schedule, not after the previous alert: a slow alert must not
    // slow the probing down, or the run would hide how far behind Givre falls.
    const raised: Array<Promise<number | null>> = [];
    for (let k = 1; k <= probes; k++) {
      const ts = base + k * PROBE_STEP_MS;
      const sentAt = performance.now();
      raised.push(
        new Promise<number | null>((r) => {
          const timer = setTimeout(() => r(null), ALERT_TIMEOUT_MS);
          waiting.set(ts, (at) => (clearTimeout(timer), r(at - sentAt)));
        }),
      );
      send(ts, FROZEN_BREACH);
      send(ts + 1_000, FROZEN_COLD);
      send(ts + 3_000, FROZEN_COLD);
      // Not in step with the generator's 20 ms ticks.
      await new Promise((r) => setTimeout(r, PROBE_GAP_MS * (0.5 + Math.random())));
      if (k % 20 === 0) log(`  ${k}/${probes} probes sent`);
    }
    const outcomes = await Promise.all(raised);
    const latencies = outcomes.filter((ms) => ms !== null);
    const missed = outcomes.length - latencies.length;
    const seconds = (performance.now() - from.at) / 1000;
    const storedReadings = givre.stored() - from.stored;
    const cpuSeconds = givre.usage().cpuSeconds - from.cpu;
    const sent = await fleet.stop();
    const summary = summariseLatencies(latencies);
    log(`alert latency p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms over ${summary.count} alerts`);
    return {
      rule: 'severe (frozen compartment warmer than −15 °C: raised on one reading)',
      alerts: summary.count,
      missedAlerts: missed,
      ...summary,
      targetP99Ms: 50,
      backgroundTargetReadingsPerSecond: 10_000,
      backgroundStoredReadingsPerSecond: Math.round(storedReadings / seconds),
      backgroundReadingsSent: sent.readings,
      givreCpuPercent: Math.round((cpuSeconds / seconds) * 100),
      givreCpuUsPerReading: Math.round(((cpuSeconds * 1e6) / Math.max(1, storedReadings)) * 10) / 10,
      givreHwmMb: Math.round(givre.usage().hwmMb),
      seconds: Math.round(seconds * 10) / 10,
      loadAverage1mAtStart: loadAverage,
    };
  } finally {
    for (const close of closers.reverse()) await close();
    await givre.stop();
  }
}
