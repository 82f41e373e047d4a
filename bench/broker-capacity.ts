// Broker capacity (issue 14): how many connected vans, each publishing every 30 s, the
// embedded broker of `givre start` holds with the whole process under 600 MB RSS.
import { loadavg } from 'node:os';
import { startFleet, type RunningFleet } from './measure-fleet.ts';
import { startGivre } from './measure-givre.ts';

const RSS_LIMIT_MB = 600;
/** A van records and publishes every 30 s (DESIGN.md's default interval), one reading a message. */
const PERIOD_MS = 30_000;
/** Vans per generator process: MQTT.js holds a socket, timers and buffers per client. */
const VANS_PER_GENERATOR = 2_500;
/** After a step's window, how long what its vans published has to be stored, ms. */
const SETTLE_MS = 10_000;

const vanId = (n: number) => `CAP-${String(n).padStart(5, '0')}`;
const mb = (x: number) => Math.round(x);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function measureBrokerCapacity(options: {
  quick: boolean;
  log: (line: string) => void;
}): Promise<Record<string, unknown>> {
  const { log } = options;
  const steps = options.quick ? [100, 200] : [1_000, 2_000, 5_000, 10_000];
  const windowMs = options.quick ? 10_000 : 60_000;
  const loadAverage = loadavg()[0];
  const givre = await startGivre({ vans: [], log });
  // Before any van: what starting costs (the peak may come from start-up, not from the vans).
  const idle = givre.usage();
  const fleets: RunningFleet[] = [];
  const published = () => fleets.reduce((n, f) => n + f.latest().readings, 0);
  const results: Array<Record<string, unknown>> = [];
  try {
    let connected = 0;
    for (const vans of steps) {
      const ids = Array.from({ length: vans - connected }, (_, i) => vanId(connected + i + 1));
      const credentialsFile = await givre.addVans(ids);
      const connectFrom = performance.now();
      const added: Array<Promise<RunningFleet>> = [];
      for (let i = 0; i < ids.length; i += VANS_PER_GENERATOR) {
        const plan = { url: givre.mqttUrl, credentialsFile, periodMs: PERIOD_MS, readingsPerMessage: 1 };
        added.push(
          startFleet(
            { ...plan, vans: ids.slice(i, i + VANS_PER_GENERATOR), compartment: 'chilled', celsius: 3.1 },
            log,
          ),
        );
      }
      fleets.push(...(await Promise.all(added)));
      const connectSeconds = (performance.now() - connectFrom) / 1000;
      connected = vans;
      log(
        `${vans} vans connected (${ids.length} new in ${connectSeconds.toFixed(1)} s); measuring ${windowMs / 1000} s`,
      );
      const from = { usage: givre.usage(), stored: givre.stored(), at: performance.now() };
      await sleep(windowMs);
      const to = { usage: givre.usage(), stored: givre.stored(), at: performance.now() };
      const seconds = (to.at - from.at) / 1000;
      const due = published();
      const deadline = Date.now() + SETTLE_MS;
      while (givre.stored() < due && Date.now() < deadline) await sleep(200);
      const stored = givre.stored();
      const step = {
        vans,
        connectSecondsOfNewVans: Math.round(connectSeconds * 10) / 10,
        rssMb: mb(to.usage.rssMb),
        hwmMb: mb(to.usage.hwmMb),
        cpuPercent: Math.round(((to.usage.cpuSeconds - from.usage.cpuSeconds) / seconds) * 100),
        messagesPerSecondStored: Math.round(((to.stored - from.stored) / seconds) * 10) / 10,
        messagesPerSecondExpected: Math.round((vans / (PERIOD_MS / 1000)) * 10) / 10,
        publishedSoFar: due,
        storedSoFar: stored,
        allStored: stored >= due,
      };
      results.push(step);
      log(`  ${JSON.stringify(step)}`);
      if (to.usage.hwmMb >= RSS_LIMIT_MB) {
        log(`  peak RSS ${mb(to.usage.hwmMb)} MB ≥ ${RSS_LIMIT_MB} MB: no further step`);
        break;
      }
    }
    const sent = (await Promise.all(fleets.splice(0).map((f) => f.stop()))).reduce(
      (n, c) => n + c.readings,
      0,
    );
    const deadline = Date.now() + SETTLE_MS;
    while (givre.stored() < sent && Date.now() < deadline) await sleep(200);
    const held = results.filter((r) => (r.hwmMb as number) < RSS_LIMIT_MB && r.allStored).at(-1);
    return {
      publishPeriodS: PERIOD_MS / 1000,
      rssLimitMb: RSS_LIMIT_MB,
      idleRssMb: mb(idle.rssMb),
      idleHwmMb: mb(idle.hwmMb),
      targetVans: 5_000,
      vansHeldUnderLimit: held?.vans ?? 0,
      steps: results,
      readingsSent: sent,
      readingsStored: givre.stored(),
      lost: Math.max(0, sent - givre.stored()),
      loadAverage1mAtStart: loadAverage,
    };
  } finally {
    await Promise.all(fleets.map((f) => f.stop()));
    await givre.stop();
  }
}
