// Dashboard staleness (issue 14): a reading published → that reading (or a newer one of its
// van) shown in each of 200 browsers on the fleet page's live channel of `givre start`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import type { VanState } from '../core/van-state.ts';
import { startFleet } from './measure-fleet.ts';
import { startGivre } from './measure-givre.ts';
import { summariseLatencies } from './measure-percentiles.ts';
import { staleness, type Seen } from './measure-staleness.ts';

const SOCKETS = 200;
/**
 * Sessions of one coordinator: each sign-in costs a scrypt check (~50 ms), so the 200 browsers
 * are 10 sessions of 20 tabs each. Every socket is its own connection, snapshot and broadcast.
 */
const SESSIONS = 10;
/**
 * The fleet: vans publishing one reading a second each (a van records every 30 s, so 50 such
 * vans send what 1 500 real ones do); 20 in quick mode, whose vans take less to provision.
 */
const FLEET = { vans: 50, quickVans: 20, periodMs: 1_000 };
/** After the last publish, how long the last updates have to arrive before a reading counts as never shown, ms. */
const SETTLE_MS = 3_000;

const wallNow = () => performance.timeOrigin + performance.now();

export async function measureDashboardStaleness(options: {
  quick: boolean;
  log: (line: string) => void;
}): Promise<Record<string, unknown>> {
  const { log } = options;
  const seconds = options.quick ? 10 : 60;
  const loadAverage = loadavg()[0];
  const vans = Array.from(
    { length: options.quick ? FLEET.quickVans : FLEET.vans },
    (_, i) => `FLEET-${String(i + 1).padStart(2, '0')}`,
  );
  const givre = await startGivre({ vans, log });
  const scratch = mkdtempSync(join(tmpdir(), 'givre-bench-staleness-'));
  const sockets: Socket[] = [];
  try {
    const cookies = [(await givre.addCoordinator('coord')).cookie];
    while (cookies.length < SESSIONS) cookies.push((await givre.signIn('coord')).cookie);
    const seen: Seen[] = [];
    await Promise.all(
      Array.from({ length: SOCKETS }, (_, i) => {
        const socket = io(givre.httpUrl, {
          extraHeaders: { cookie: cookies[i % SESSIONS] as string },
          transports: ['websocket'],
          forceNew: true,
        });
        sockets.push(socket);
        const mine: Seen = [];
        seen.push(mine);
        socket.on('van:update', (state: VanState) => mine.push([state.van, state.lastSeq ?? 0, wallNow()]));
        return new Promise<void>((r) => socket.once('fleet:snapshot', () => r()));
      }),
    );
    log(`${SOCKETS} sockets on the live channel; ${vans.length} vans publishing for ${seconds} s`);
    const publishLog = join(scratch, 'published.log');
    const from = givre.usage().cpuSeconds;
    // The browsers' own CPU: if this process is saturated, its receive times are late, not Givre's.
    const clientsFrom = process.cpuUsage();
    const clientsAt = performance.now();
    const fleet = await startFleet(
      {
        url: givre.mqttUrl,
        credentialsFile: givre.credentialsFile,
        vans,
        periodMs: FLEET.periodMs,
        readingsPerMessage: 1,
        compartment: 'chilled',
        celsius: 4.2,
        publishLog,
      },
      log,
    );
    await new Promise((r) => setTimeout(r, seconds * 1_000));
    const sent = await fleet.stop();
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const cpuSeconds = givre.usage().cpuSeconds - from;
    const clientsCpu = process.cpuUsage(clientsFrom);
    const clientsCpuPercent = Math.round(
      ((clientsCpu.user + clientsCpu.system) / 1e3 / (performance.now() - clientsAt)) * 100,
    );
    const published = new Map<string, number[]>();
    for (const line of readFileSync(publishLog, 'utf8').split('\n')) {
      const [van = '', seq, at] = line.split(' ');
      const times = published.get(van) ?? [];
      times[Number(seq)] = Number(at);
      published.set(van, times);
    }
    const { samples, unshown } = staleness(seen, published);
    const summary = summariseLatencies(samples);
    const updates = seen.reduce((n, s) => n + s.length, 0);
    log(
      `staleness p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms over ${summary.count} (socket, reading) pairs`,
    );
    return {
      sockets: SOCKETS,
      sessions: SESSIONS,
      vans: vans.length,
      readingsPerVanPerSecond: 1_000 / FLEET.periodMs,
      readingsPublished: sent.readings,
      pairs: summary.count,
      unshownPairs: unshown,
      ...summary,
      targetP99Ms: 1_500,
      vanUpdatesReceived: updates,
      // Load-independent: what each update delivered to one socket cost givre start, all in.
      givreCpuUsPerSocketUpdate: Math.round((cpuSeconds * 1e6) / Math.max(1, updates)),
      givreCpuPercent: Math.round((cpuSeconds / (seconds + SETTLE_MS / 1000)) * 100),
      givreHwmMb: Math.round(givre.usage().hwmMb),
      clientsCpuPercent,
      loadAverage1mAtStart: loadAverage,
    };
  } finally {
    for (const socket of sockets) socket.close();
    await givre.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}
