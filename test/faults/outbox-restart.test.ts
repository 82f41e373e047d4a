import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertMessage } from '../../core/messages.ts';
import { vanTopic } from '../../core/topics.ts';
import { freePort } from '../harness/free-port.ts';
import { startMosquitto, type Mosquitto } from '../harness/mosquitto.ts';
import { connectClient } from '../harness/mqtt-client.ts';
import { spawnGivre, waitReady, type ServiceProcess } from '../harness/services.ts';
import { waitFor } from '../harness/wait-for.ts';
import { startWebhookReceiver } from '../harness/webhook-receiver.ts';

const SECRET = 'outbox-restart-webhook-secret';
const T0 = Date.UTC(2026, 11, 2, 5, 0);

/**
 * Issue 13, durable side effects: `givre ingest` is SIGKILLed while the webhook receiver (an
 * SMS gateway) is down, with every alert transition so far still owed to it; restarted, then
 * the receiver comes back. Every transition reaches the webhook and every one a driver sees
 * reaches the van's alerts topic (a real MQTT subscriber on Mosquitto): at least once, a
 * repeat only ever under the same delivery id.
 */
describe('alert deliveries through an ingest crash and a webhook outage (issue 13)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'givre-outbox-'));
  let mosquitto: Mosquitto;
  let ingest: ServiceProcess;
  let van: MqttClient;
  let state: Database.Database;
  let env: Record<string, string>;
  let ingestUrl = '';
  let hookPort = 0;
  const cab: AlertMessage[] = [];

  const startIngest = async () => {
    ingest = spawnGivre('ingest', ['ingest'], env);
    await waitReady(ingestUrl, ingest);
  };
  const transitions = () =>
    state
      .prepare<[], { seq: number; to: string }>(
        'SELECT seq, json_extract(transition, \'$.to\') AS "to" FROM alert_transitions ORDER BY seq',
      )
      .all();
  const owed = (channel: string) =>
    state
      .prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM alert_outbox WHERE channel = ?')
      .get(channel)!.n;
  /** A van drops off, its driver acknowledges, it comes back: van-offline opened, acknowledged, resolved. */
  const outageOf = async (name: string, minute: number) => {
    const at = T0 + minute * 60_000;
    await van.publishAsync(
      vanTopic(name, 'status'),
      JSON.stringify({ v: 1, van: name, state: 'offline', ts: at }),
      {
        qos: 1,
      },
    );
    const opened = await waitFor(() => cab.find((m) => m.van === name && m.state === 'open'), {
      what: `${name}'s alert in the cab`,
    });
    const ack = { v: 1, van: name, alertId: opened.id, reason: 'other', text: 'relais 4G', ts: at + 30_000 };
    await van.publishAsync(vanTopic(name, 'acks'), JSON.stringify(ack), { qos: 1 });
    await waitFor(() => cab.some((m) => m.van === name && m.state === 'acknowledged'), {
      what: `${name}'s ack`,
    });
    await van.publishAsync(
      vanTopic(name, 'status'),
      JSON.stringify({ v: 1, van: name, state: 'online', ts: at + 60_000 }),
      {
        qos: 1,
      },
    );
    await waitFor(() => cab.some((m) => m.van === name && m.state === 'resolved'), {
      what: `${name} resolved`,
    });
  };

  beforeAll(async () => {
    mosquitto = await startMosquitto();
    hookPort = await freePort(); // nothing listens there yet: the receiver is down
    const httpPort = await freePort();
    ingestUrl = `http://127.0.0.1:${httpPort}`;
    env = {
      GIVRE_DATA_DIR: dataDir,
      GIVRE_MQTT_URL: mosquitto.url,
      GIVRE_HTTP_PORT: String(httpPort),
      GIVRE_BIND_HOST: '127.0.0.1',
      GIVRE_LOG_LEVEL: 'warn',
      GIVRE_WEBHOOK_URL: `http://127.0.0.1:${hookPort}/hooks/givre`,
      GIVRE_WEBHOOK_SECRET: SECRET,
    };
    await startIngest();
    van = await connectClient(mosquitto.url, 'cab-displays');
    van.on('message', (_topic, payload) => cab.push(AlertMessage.parse(JSON.parse(payload.toString()))));
    await van.subscribeAsync('givre/v1/vans/+/alerts', { qos: 1 });
    state = new Database(join(dataDir, 'state.db'), { readonly: true, fileMustExist: true });
  }, 60_000);

  afterAll(async () => {
    state?.close();
    await van?.endAsync(true);
    await ingest?.kill('SIGTERM');
    await mosquitto?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers every transition after the restart, to the webhook and the vans, repeats only under one id', async () => {
    await outageOf('VAN-01', 0);
    await outageOf('VAN-02', 10);
    expect(transitions().map((t) => t.to)).toEqual([
      'open',
      'acknowledged',
      'resolved',
      'open',
      'acknowledged',
      'resolved',
    ]);
    expect(owed('webhook')).toBe(6);

    await ingest.kill('SIGKILL');
    await startIngest();
    const receiver = await startWebhookReceiver(SECRET, { port: hookPort });
    try {
      // Nothing new happens: what the crashed process owed is delivered by the new one on its own.
      await waitFor(() => owed('webhook') === 0, {
        what: 'the owed deliveries after the restart',
        timeoutMs: 30_000,
      });
      expect(new Set(receiver.received.map((h) => h.body.seq)).size).toBe(6);
      // And the channels go on live.
      await outageOf('VAN-03', 20);
      const stored = transitions();
      expect(stored).toHaveLength(9);
      await waitFor(() => owed('webhook') === 0 && owed('van') === 0, {
        what: 'the outbox to empty',
        timeoutMs: 30_000,
      });

      // The webhook: each transition at least once, in order of first arrival, every repeat under its one id.
      const firsts = [...new Map(receiver.received.map((h) => [h.body.seq, h])).values()];
      expect(firsts.map((h) => h.body.seq)).toEqual(stored.map((t) => t.seq));
      expect(firsts.map((h) => h.event)).toEqual(stored.map((t) => `alert.${t.to}`));
      for (const hook of receiver.received) {
        expect(hook.signatureValid).toBe(true);
        expect(hook.idempotencyKey).toBe(`${hook.body.seq}.webhook`);
        expect(hook.body.delivery).toBe(hook.idempotencyKey);
      }

      // The vans: every transition a driver sees, each with its delivery id, repeats identical.
      const ids = new Set(cab.map((m) => m.delivery));
      expect([...ids].sort()).toEqual(stored.map((t) => `${t.seq}.van`).sort());
      for (const id of ids)
        expect(new Set(cab.filter((m) => m.delivery === id).map((m) => JSON.stringify(m))).size).toBe(1);

      const metrics = await (await fetch(`${ingestUrl}/metrics`)).text();
      expect(metrics).toMatch(/^givre_alert_webhook_queue 0$/m);
      expect(metrics).toMatch(/^givre_alert_van_queue 0$/m);
      console.log(
        `outbox: ${stored.length} transitions, webhook ${receiver.received.length} POSTs ` +
          `(${receiver.received.length - firsts.length} repeated), vans ${cab.length} messages (${cab.length - ids.size} repeated)`,
      );
    } finally {
      await receiver.close();
    }
  }, 90_000);
});
