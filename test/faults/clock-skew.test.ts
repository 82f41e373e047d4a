import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertMessage, type TelemetryBatch } from '../../core/messages.ts';
import { vanTopic } from '../../core/topics.ts';
import { VanState } from '../../core/van-state.ts';
import { freePort } from '../harness/free-port.ts';
import { startMosquitto, type Mosquitto } from '../harness/mosquitto.ts';
import { connectClient } from '../harness/mqtt-client.ts';
import { addAndSignIn, type SignedInClient } from '../harness/people.ts';
import { spawnGivre, waitReady, type ServiceProcess } from '../harness/services.ts';
import { waitFor } from '../harness/wait-for.ts';

const MIN = 60_000;
/** Each van's clock against the real one, ms: positive is fast (issue 13, fault 7). */
const VANS = { 'VAN-FAST': 10 * MIN, 'VAN-SLOW': -3 * 60 * MIN } as const;
type Van = keyof typeof VANS;
/** Messages each van sends live, one reading each: 5 cool, then warm (chilled limit 7 °C). */
const LIVE = 30;
const COOL = 5;
/** How close the API's offset must be to the true skew, ms: publish-to-ingest latency on a busy machine. */
const OFFSET_TOLERANCE_MS = 2_000;

/**
 * Issue 13, fault 7: two vans whose clocks are wrong, 10 min fast and 3 h slow, publish live
 * over Mosquitto to `givre ingest` and `givre dashboard` running as OS processes. Givre keeps
 * every reading as the van dated it, raises the breach once, reports each van's offset in
 * `GET /api/vans/{van}` and counts the fast van's readings dated beyond the 5 min tolerance.
 * The excursion delay is 0 here so that the breach is judged within the test's seconds: a
 * 40-minute breach on a skewed clock is checked in core/alerts/clock-skew-rules.test.ts.
 */
describe('vans whose clocks are wrong (issue 13, fault 7)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'givre-skew-'));
  let mosquitto: Mosquitto;
  let ingest: ServiceProcess;
  let dashboard: ServiceProcess;
  let coordinator: SignedInClient;
  let cab: MqttClient;
  const vans = new Map<Van, MqttClient>();
  const cabMessages: AlertMessage[] = [];
  let ingestUrl = '';
  /** Every batch each van sent, in order. */
  const sent = new Map<Van, TelemetryBatch[]>();

  beforeAll(async () => {
    mosquitto = await startMosquitto();
    const [ingestPort, dashPort] = [await freePort(), await freePort()];
    const env = {
      GIVRE_DATA_DIR: dataDir,
      GIVRE_MQTT_URL: mosquitto.url,
      GIVRE_BIND_HOST: '127.0.0.1',
      GIVRE_ALLOWED_HOSTS: 'localhost',
      GIVRE_LOG_LEVEL: 'warn',
      GIVRE_ALERT_EXCURSION_DELAY_S: '0',
    };
    ingest = spawnGivre('ingest', ['ingest'], { ...env, GIVRE_HTTP_PORT: String(ingestPort) });
    dashboard = spawnGivre('dashboard', ['dashboard'], { ...env, GIVRE_HTTP_PORT: String(dashPort) });
    ingestUrl = `http://127.0.0.1:${ingestPort}`;
    const dashboardUrl = `http://127.0.0.1:${dashPort}`;
    await Promise.all([waitReady(ingestUrl, ingest), waitReady(dashboardUrl, dashboard)]);
    coordinator = await addAndSignIn(dashboardUrl, env, 'coord', ['--role', 'coordinator']);
    cab = await connectClient(mosquitto.url, 'cab-displays');
    cab.on('message', (_t, payload) => cabMessages.push(AlertMessage.parse(JSON.parse(payload.toString()))));
    await cab.subscribeAsync('givre/v1/vans/+/alerts', { qos: 1 });
    for (const van of Object.keys(VANS) as Van[]) {
      const client = await connectClient(mosquitto.url, van);
      await client.publishAsync(
        vanTopic(van, 'status'),
        JSON.stringify({ v: 1, van, state: 'online', ts: Date.now() + VANS[van] }),
        { qos: 1, retain: true },
      );
      vans.set(van, client);
    }
  }, 60_000);

  afterAll(async () => {
    for (const client of vans.values()) await client.endAsync(true);
    await cab?.endAsync(true);
    await dashboard?.kill('SIGTERM');
    await ingest?.kill('SIGTERM');
    await mosquitto?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** `GET /api/vans/{van}`; `undefined` while the dashboard has not heard of the van. */
  const maybeState = async (van: Van) => {
    const res = await coordinator.json(`/api/vans/${van}`);
    return res.status === 200 ? VanState.parse(res.body) : undefined;
  };
  const vanState = async (van: Van) => (await maybeState(van))!;

  /** One live recording, dated by the van's clock, published when it is made. */
  const record = async (van: Van, seq: number, celsius: number) => {
    const batch: TelemetryBatch = {
      v: 1,
      van,
      readings: [
        {
          seq,
          ts: Date.now() + VANS[van],
          kind: 'temperature',
          compartment: 'chilled',
          sensor: 'T1',
          celsius,
        },
      ],
    };
    sent.set(van, [...(sent.get(van) ?? []), batch]);
    await vans.get(van)!.publishAsync(vanTopic(van, 'telemetry'), JSON.stringify(batch), { qos: 1 });
  };

  it('stores every reading once, as dated, raises the breach once, and reports each clock', async () => {
    for (let i = 1; i <= LIVE; i++) {
      for (const van of Object.keys(VANS) as Van[]) {
        await record(van, i, i <= COOL ? 4 : 9.5);
        // Each message is live: the next is made only once ingest has this one.
        await waitFor(async () => (await maybeState(van))?.lastSeq === i, {
          what: `${van} seq ${i} ingested`,
        });
      }
    }
    // The same batches again, as a van resending unacknowledged messages would.
    for (const van of Object.keys(VANS) as Van[])
      for (const batch of sent.get(van)!.slice(0, 5))
        await vans.get(van)!.publishAsync(vanTopic(van, 'telemetry'), JSON.stringify(batch), { qos: 1 });

    const metrics = async () => (await fetch(`${ingestUrl}/metrics`)).text();
    await waitFor(
      async () => /givre_ingest_readings_total\{result="duplicate"\} 10\b/.test(await metrics()),
      {
        what: 'the replays judged duplicates',
      },
    );
    // Every reading the fast van sent, replays included, was dated beyond the 5 min tolerance.
    expect(await metrics()).toContain(`givre_ingest_future_readings_total ${LIVE + 5}`);

    const store = new Database(join(dataDir, 'givre.db'), { readonly: true, fileMustExist: true });
    try {
      for (const van of Object.keys(VANS) as Van[]) {
        const stored = () =>
          store
            .prepare<[string], { seq: number; ts: number }>(
              'SELECT seq, ts FROM readings WHERE van = ? ORDER BY seq',
            )
            .all(van);
        // Stored = generated, by seq, with the van's own times, and no duplicate.
        const generated = sent.get(van)!.flatMap((b) => b.readings.map((r) => ({ seq: r.seq, ts: r.ts })));
        expect(stored()).toEqual(generated);

        // The van's state counts what the metric counts, once the dashboard has heard it.
        const future = VANS[van] > 0 ? LIVE + 5 : 0;
        const state = await waitFor(
          async () => {
            const s = await vanState(van);
            return s.clock?.futureReadings === future ? s : undefined;
          },
          { what: `${van}'s future readings` },
        );
        expect(Math.abs(state.clock!.offsetMs - VANS[van])).toBeLessThan(OFFSET_TOLERANCE_MS);
        expect(state.clock!.flagged).toBe(true);

        await waitFor(
          () => cabMessages.some((m) => m.van === van && m.kind === 'excursion' && m.state === 'open'),
          {
            what: `${van}'s excursion in the cab`,
          },
        );
        const opened = cabMessages.filter(
          (m) => m.van === van && m.kind === 'excursion' && m.state === 'open',
        );
        expect(new Set(opened.map((m) => m.id)).size).toBe(1);
        // Dated by the van: the first warm reading's time, whatever the server's clock said.
        expect(opened[0]!.startedAt).toBe(generated[COOL]!.ts);
      }
    } finally {
      store.close();
    }
  }, 120_000);
});
