import Database from 'better-sqlite3';
import type { MqttClient } from 'mqtt';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelemetryBatch, VanStatus } from '../../core/messages.ts';
import { fleetFilter } from '../../core/topics.ts';
import { reportFault } from '../harness/fault-summary.ts';
import { freePort } from '../harness/free-port.ts';
import { scrapeMetrics } from '../harness/givre.ts';
import { startMosquitto, type Mosquitto } from '../harness/mosquitto.ts';
import { connectClient } from '../harness/mqtt-client.ts';
import { spawnGivre, waitReady, type ServiceProcess } from '../harness/services.ts';
import { backlogReadings } from '../harness/van-backlog.ts';
import { waitFor } from '../harness/wait-for.ts';

const VANS = ['VAN-01', 'VAN-02', 'VAN-03'] as const;
/** ×600 with a recording every 10 s: 60 recordings of 8 readings a second per van, in one message each. */
const SPEED = 600;
const KILLS = 2;
/** Readings ingest stores between two SIGKILLs of Mosquitto: about 3 s of the vans' stream. */
const READINGS_BETWEEN_KILLS = 4_000;
/** Mosquitto saves its database every 5 s: a kill loses what it took since, never older. */
const AUTOSAVE_S = 5;
/**
 * Before each kill ingest is held back (SIGSTOP, as a stalled disk or a long pause would)
 * until Mosquitto has taken this many more telemetry messages (about 1.5 s of the stream):
 * what a broker holds for a subscriber that is behind, acknowledged to the vans and on no disk.
 */
const QUEUED_AT_KILL = 250;

interface Row {
  seq: number;
  ts: number;
  kind: string;
  compartment: string | null;
  sensor: string | null;
}

/** A reading's series: a temperature sensor, a compartment's door or reefer, the battery, the position. */
const seriesOf = (r: Row) =>
  r.kind === 'temperature' ? r.sensor! : `${r.kind}${r.compartment ? `:${r.compartment}` : ''}`;

/**
 * Issue 13, fault 1 on Mosquitto: the external broker SIGKILLed twice in the middle of a stream
 * and started again on its port and its persistence directory, as an operator's supervisor
 * would. Real processes: Mosquitto run as the README recommends (persistence, autosave, no
 * queue limit), `givre ingest` storing into SQLite, and a `givre sim` process of three vans with
 * a backlog file each. Mosquitto acknowledges a van's message once it has it in memory, so each
 * kill loses what it held for ingest since its last save — here a queue, ingest having been
 * held back just before; the vans keep every reading until ingest's receipt says it is stored,
 * and send again whatever has none after reconnecting.
 */
describe('Mosquitto SIGKILLed twice in mid-stream (issue 13)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'givre-mosquitto-kill-'));
  const stateDir = mkdtempSync(join(tmpdir(), 'givre-mosquitto-kill-vans-'));
  let mosquitto: Mosquitto;
  let ingest: ServiceProcess | undefined;
  let sim: ServiceProcess | undefined;
  let watcher: MqttClient | undefined;
  /** Telemetry messages Mosquitto relayed to the watcher (what it took from the vans), and the highest seq in them. */
  let relayed = 0;
  let highestRelayed = 0;
  let readings: Database.Database | undefined;
  let ingestUrl = '';
  /** Each van's first seq of this boot, from its retained `online` status. */
  const bootSeqs = new Map<string, number>();

  const stored = () => {
    readings ??= new Database(join(dataDir, 'givre.db'), { readonly: true, fileMustExist: true });
    return readings.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM readings').get()!.n;
  };

  const highestStored = () =>
    readings!.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM readings').get()!.seq ?? 0;

  beforeAll(async () => {
    mosquitto = await startMosquitto({ persistent: { autosaveIntervalS: AUTOSAVE_S } });
    const port = await freePort();
    ingestUrl = `http://127.0.0.1:${port}`;
    ingest = spawnGivre('ingest', ['ingest'], {
      GIVRE_DATA_DIR: dataDir,
      GIVRE_MQTT_URL: mosquitto.url,
      GIVRE_HTTP_PORT: String(port),
      GIVRE_BIND_HOST: '127.0.0.1',
      GIVRE_LOG_LEVEL: 'warn',
    });
    await waitReady(ingestUrl, ingest);
    await watch();
  }, 60_000);

  /** A client of Mosquitto's that sees what it takes (again after each restart: a kill ends it). */
  async function watch(): Promise<void> {
    const w = await connectClient(mosquitto.url);
    w.on('message', (topic, payload) => {
      if (topic.endsWith('/telemetry')) {
        relayed++;
        const { readings: batch } = TelemetryBatch.parse(JSON.parse(payload.toString()));
        highestRelayed = Math.max(highestRelayed, batch.at(-1)!.seq);
        return;
      }
      const status = VanStatus.parse(JSON.parse(payload.toString()));
      if (status.bootSeq !== undefined && !bootSeqs.has(status.van)) bootSeqs.set(status.van, status.bootSeq);
    });
    await w.subscribeAsync({ [fleetFilter('status')]: { qos: 1 }, [fleetFilter('telemetry')]: { qos: 0 } });
    watcher = w;
  }

  afterAll(async () => {
    readings?.close();
    await sim?.kill('SIGKILL');
    await watcher?.endAsync(true);
    ingest?.signal('SIGCONT');
    await ingest?.kill('SIGTERM');
    await mosquitto?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('stores every reading the vans recorded, once, and the vans end with empty backlogs', async () => {
    sim = spawnGivre(
      'sim',
      [
        'sim',
        '--vans',
        String(VANS.length),
        '--url',
        mosquitto.url,
        '--speed',
        String(SPEED),
        '--interval',
        '10',
        '--seed',
        '3',
        '--state-dir',
        stateDir,
      ],
      { GIVRE_DATA_DIR: stateDir, GIVRE_LOG_LEVEL: 'info' },
    );
    const running = sim;
    await waitFor(() => bootSeqs.size === VANS.length && stored() > 0, {
      what: `the vans online and storing: ${running.output()}`,
    });

    let longestRecoveryMs = 0;
    for (let k = 0; k < KILLS; k++) {
      const before = stored();
      await waitFor(() => stored() >= before + READINGS_BETWEEN_KILLS, {
        what: `ingest to store ${READINGS_BETWEEN_KILLS} more readings`,
        timeoutMs: 30_000,
      });
      ingest!.signal('SIGSTOP');
      const seen = relayed;
      await waitFor(() => relayed >= seen + QUEUED_AT_KILL, { what: 'Mosquitto to take the vans’ messages' });
      const killedAt = Date.now();
      await mosquitto.kill();
      const takenBeforeKill = highestRelayed;
      await mosquitto.restart();
      ingest!.signal('SIGCONT');
      await watch();
      // Recovered: ingest stores readings recorded after all Mosquitto had taken before the kill.
      await waitFor(() => highestStored() > takenBeforeKill, {
        what: `ingest to store new readings after Mosquitto's restart: ${running.output().slice(-2000)}`,
      });
      longestRecoveryMs = Math.max(longestRecoveryMs, Date.now() - killedAt);
    }
    const before = stored();
    await waitFor(() => stored() >= before + READINGS_BETWEEN_KILLS, { what: 'the stream to go on' });

    // A clean stop: each van sends what it holds and waits for its receipts.
    await running.kill('SIGTERM');
    sim = undefined;
    const totals = /stopped (\{.*\})/.exec(running.output());
    expect(totals, running.output().slice(-2000)).not.toBeNull();
    const vanTotals = JSON.parse(totals![1]!) as { readings: number; recorded: number; buffered: number };

    // Generated, per van: every seq from its boot's first to the one before its next, as its
    // state file says at stop (it numbers each reading it records by one).
    const rows = readings!.prepare<[string], Row>(
      'SELECT seq, ts, kind, compartment, sensor FROM readings WHERE van = ? ORDER BY seq',
    );
    let generated = 0;
    const missing: Record<string, number> = {};
    for (const van of VANS) {
      const first = bootSeqs.get(van)!;
      const { nextSeq } = JSON.parse(readFileSync(join(stateDir, `${van}.seq.json`), 'utf8')) as {
        nextSeq: number;
      };
      generated += nextSeq - first;
      const vanRows = rows.all(van);
      missing[van] = nextSeq - first - vanRows.length; // (van, seq) is the key: none is there twice
      if (missing[van] !== 0) continue;
      expect([vanRows[0]!.seq, vanRows.at(-1)!.seq]).toEqual([first, nextSeq - 1]);
      // Per series: one reading at every recording (the battery's times), none twice.
      const bySeries = new Map<string, number[]>();
      for (const r of vanRows) {
        if (r.kind === 'door') continue; // door changes come between recordings too
        const series = seriesOf(r);
        const times = bySeries.get(series) ?? [];
        times.push(r.ts);
        bySeries.set(series, times);
      }
      expect([...bySeries.keys()].sort()).toEqual(
        [`${van}-T1`, `${van}-T2`, 'battery', 'position', 'reefer:chilled', 'reefer:frozen'].sort(),
      );
      const recordings = bySeries.get('battery')!;
      for (const [series, times] of bySeries) expect(times, `${van} ${series}`).toEqual(recordings);
      expect(backlogReadings(join(stateDir, `${van}.outbox.jsonl`)), `${van}'s backlog`).toEqual([]);
    }
    expect(missing, 'readings generated and never stored, per van').toEqual(
      Object.fromEntries(VANS.map((van) => [van, 0])),
    );
    expect(vanTotals.recorded).toBe(generated);
    expect(vanTotals.buffered).toBe(0);
    const total = stored();
    expect(total).toBe(generated);

    const metrics = await scrapeMetrics(ingestUrl);
    const duplicated = metrics.get('givre_ingest_readings_total{result="duplicate"}') ?? 0;
    reportFault({
      fault: `Mosquitto (autosave ${AUTOSAVE_S} s) SIGKILLed ${KILLS} times under 3 vans`,
      sent: generated,
      acknowledged: vanTotals.readings,
      stored: total,
      duplicated,
      longestRecoveryMs,
      more:
        `ingest held back before each kill until Mosquitto had taken ${QUEUED_AT_KILL} messages; ` +
        `acknowledged (by Mosquitto) counts the vans' re-sends after a reconnect or an overdue receipt`,
    });
  }, 120_000);
});
