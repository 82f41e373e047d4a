import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushKeyAnswer, PushPayload, PushSubscriptionsAnswer } from '../core/api/push.ts';
import { vanTopic } from '../core/topics.ts';
import { freePort } from './harness/free-port.ts';
import { startMosquitto, type Mosquitto } from './harness/mosquitto.ts';
import { connectClient } from './harness/mqtt-client.ts';
import { addAndSignIn, type SignedInClient } from './harness/people.ts';
import { spawnGivre, waitReady, type ServiceProcess } from './harness/services.ts';
import { waitFor } from './harness/wait-for.ts';
import {
  browserPushKeys,
  startLocalPushService,
  verifyVapid,
  type BrowserPushKeys,
  type LocalPushService,
  type PushRequest,
} from './harness/web-push-receiver.ts';

const CONTACT = 'mailto:exploitation@givre.test';

/**
 * Issue 15, acceptance: `givre ingest` and `givre dashboard` as separate processes on
 * Mosquitto; the test plays the phones (a P-256 key pair and an auth secret each, as a browser
 * makes them) and the push service (HTTP on loopback). A subscription stored through the
 * dashboard's API receives the van's alert from ingest, encrypted to its keys (decrypted here
 * from the RFCs, not with web-push), signed with the installation's VAPID key; a 500 is
 * retried, a 410 removes the subscription; preferences are applied with the rules nobody can
 * choose away. Severe breaches are immediate and escalation takes 2 s (configuration).
 */
describe('alerts on the driver’s phone: Web Push from ingest (issue 15)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'givre-push-'));
  let mosquitto: Mosquitto;
  let pushService: LocalPushService;
  let ingest: ServiceProcess;
  let dashboard: ServiceProcess;
  let van: MqttClient;
  let driver: SignedInClient;
  let coordinator: SignedInClient;
  let ingestUrl = '';
  const phones = new Map<string, BrowserPushKeys>();
  let seq = 1;

  /** A phone of `person` subscribes, as the driver page does: its endpoint is a path on the local push service. */
  const subscribe = async (person: SignedInClient, phone: string) => {
    const keys = browserPushKeys();
    phones.set(`/push/${phone}`, keys);
    const res = await person.json<PushSubscriptionsAnswer>('/api/push/subscriptions', {
      endpoint: `${pushService.origin}/push/${phone}`,
      expirationTime: null,
      keys: keys.keys,
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const to = (phone: string) => pushService.requests.filter((r) => r.path === `/push/${phone}`);
  const open = (r: PushRequest) => PushPayload.parse(JSON.parse(phones.get(r.path)!.decrypt(r.body)));
  /** What a phone displayed: the messages it was sent that the push service accepted, decrypted. */
  const shown = (phone: string) =>
    to(phone)
      .filter((r) => r.status === 201)
      .map(open);
  /** One reading of a compartment, now, at `celsius`. */
  const reading = (compartment: string, celsius: number) =>
    van.publishAsync(
      vanTopic('VAN-01', 'telemetry'),
      JSON.stringify({
        v: 1,
        van: 'VAN-01',
        readings: [
          {
            seq: seq++,
            ts: Date.now(),
            kind: 'temperature',
            compartment,
            sensor: `T-${compartment}`,
            celsius,
          },
        ],
      }),
      { qos: 1 },
    );
  const alertOf = (phone: string, compartment: string, transition = 'open') =>
    waitFor(() => shown(phone).find((p) => p.compartment === compartment && p.transition === transition), {
      what: `the ${transition} alert of ${compartment} on ${phone}`,
    });

  beforeAll(async () => {
    mosquitto = await startMosquitto();
    pushService = await startLocalPushService();
    const ports = { ingest: await freePort(), dashboard: await freePort() };
    ingestUrl = `http://127.0.0.1:${ports.ingest}`;
    const env = {
      GIVRE_DATA_DIR: dataDir,
      GIVRE_MQTT_URL: mosquitto.url,
      GIVRE_BIND_HOST: '127.0.0.1',
      GIVRE_ALLOWED_HOSTS: 'localhost',
      GIVRE_LOG_LEVEL: 'warn',
      GIVRE_PUSH_CONTACT: CONTACT,
      // The loopback push service stands in for FCM, Mozilla's and Apple's: listed, as an
      // installation would list its own.
      GIVRE_PUSH_SERVICES: 'http://127.0.0.1',
      // Three chilled compartments, so each step has an alert of its own.
      GIVRE_COMPARTMENT_PROFILES: 'chilled=chilled,rear=chilled,side=chilled,frozen=frozen',
      GIVRE_ALERT_SEVERE_CHILLED_DELAY_S: '0',
      GIVRE_ALERT_EXCURSION_DELAY_S: '3600',
      GIVRE_ALERT_ESCALATION_DELAY_S: '2',
      GIVRE_ALERT_ESCALATION_REMINDER_S: '3600',
    };
    ingest = spawnGivre('ingest', ['ingest'], { ...env, GIVRE_HTTP_PORT: String(ports.ingest) });
    await waitReady(ingestUrl, ingest);
    dashboard = spawnGivre('dashboard', ['dashboard'], { ...env, GIVRE_HTTP_PORT: String(ports.dashboard) });
    const dashboardUrl = `http://127.0.0.1:${ports.dashboard}`;
    await waitReady(dashboardUrl, dashboard);
    driver = await addAndSignIn(dashboardUrl, env, 'dina', ['--role', 'driver', '--van', 'VAN-01']);
    coordinator = await addAndSignIn(dashboardUrl, env, 'cora', ['--role', 'coordinator']);
    van = await connectClient(mosquitto.url, 'van-01');
  }, 60_000);

  afterAll(async () => {
    await van?.endAsync(true);
    await dashboard?.kill('SIGTERM');
    await ingest?.kill('SIGTERM');
    await pushService?.close();
    await mosquitto?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('hands browsers the VAPID key ingest created, and stores each person’s own subscriptions', async () => {
    const key = PushKeyAnswer.parse((await driver.json('/api/push/key')).body).publicKey;
    expect(Buffer.from(key!, 'base64url')).toHaveLength(65);
    expect(statSync(join(dataDir, 'keys/vapid-p256.json')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dataDir, 'keys/vapid-p256.pub'), 'utf8')).toBe(key);

    await subscribe(driver, 'dina-a');
    await subscribe(coordinator, 'cora');
    const mine = (await driver.json<PushSubscriptionsAnswer>('/api/push/subscriptions')).body;
    expect(mine.subscriptions.map((s) => s.endpoint)).toEqual([`${pushService.origin}/push/dina-a`]);

    // Bad input is a 400 naming the field; no CSRF token, a 403; nothing stored.
    const bad = await driver.json<{ error: { code: string; message: string } }>('/api/push/subscriptions', {
      endpoint: `${pushService.origin}/push/bad`,
      keys: { p256dh: 'AAAA', auth: browserPushKeys().keys.auth },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^keys\.p256dh/);
    // An endpoint that is no listed push service — a host of the installation's network — is
    // refused: ingest would POST to it.
    const internal = await driver.json<{ error: { code: string; field?: string } }>(
      '/api/push/subscriptions',
      {
        endpoint: 'http://localhost:8086/write?db=givre',
        keys: browserPushKeys().keys,
      },
    );
    expect(internal.status).toBe(400);
    expect(internal.body.error).toMatchObject({ code: 'GIVRE_ERR_INVALID_FIELD', field: 'endpoint' });
    const forged = await driver.fetch('/api/push/subscriptions', {
      method: 'POST',
      csrf: false,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ endpoint: `${pushService.origin}/push/forged`, keys: browserPushKeys().keys }),
    });
    expect(forged.status).toBe(403);
    expect(
      (await driver.json<PushSubscriptionsAnswer>('/api/push/subscriptions')).body.subscriptions,
    ).toHaveLength(1);
  });

  it('sends a critical alert of the driver’s van to their phone, encrypted to it and signed by the installation; the escalation to the coordinator', async () => {
    await reading('chilled', 12);
    const payload = await alertOf('dina-a', 'chilled');
    expect(payload).toMatchObject({
      van: 'VAN-01',
      compartment: 'chilled',
      kind: 'severe',
      severity: 'critical',
      transition: 'open',
      title: 'Alerte critique — camionnette VAN-01',
      lang: 'fr',
      acknowledgeable: true,
      url: `/driver/VAN-01?alert=${payload.alertId}`,
    });
    expect(payload.body).toBe('Compartiment réfrigéré : température critique, 12 °C (limite 7 °C)');

    const request = to('dina-a')[0]!;
    expect(request.method).toBe('POST');
    expect(request.headers['content-encoding']).toBe('aes128gcm');
    expect(request.headers.ttl).toBe(String(12 * 3600));
    expect(request.headers.urgency).toBe('high');
    expect(request.headers.topic).toBe(payload.alertId);
    const vapid = verifyVapid(request.headers.authorization);
    expect(vapid.valid).toBe(true);
    expect(vapid.key).toBe(readFileSync(join(dataDir, 'keys/vapid-p256.pub'), 'utf8'));
    expect(vapid.claims).toMatchObject({ aud: pushService.origin, sub: CONTACT });
    expect(vapid.claims.exp! * 1000).toBeGreaterThan(Date.now());

    // Nobody acknowledges: the coordinator's phone gets the escalation (and never the opening).
    const escalation = await alertOf('cora', 'chilled', 'escalated');
    expect(escalation).toMatchObject({
      alertId: payload.alertId,
      title: 'Alerte critique non acquittée — camionnette VAN-01',
    });
    expect(shown('cora').filter((p) => p.transition === 'open')).toEqual([]);
    expect(shown('dina-a').filter((p) => p.transition === 'escalated')).toEqual([]);
  });

  it('applies a driver’s choice — warnings off — yet still brings the critical alert, retried through a 500', async () => {
    const refused = await coordinator.json<{ error: { message: string } }>(
      '/api/account/notifications',
      {
        channels: { push: { severities: [], kinds: [] }, sms: { severities: [], kinds: [] } },
        escalations: false,
      },
      'PUT',
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^escalations/);
    const typo = await driver.json<{ error: { message: string } }>(
      '/api/account/notifications',
      { channels: {} },
      'PUT',
    );
    expect(typo.status).toBe(400);
    expect(typo.body.error.message).toMatch(/^channels\.push/);

    const warningsOff = {
      channels: {
        push: { severities: ['critical'], kinds: ['excursion', 'severe', 'cumulative', 'door-open'] },
        sms: { severities: [], kinds: [] },
      },
      escalations: false,
    };
    expect((await driver.json('/api/account/notifications', warningsOff, 'PUT')).status).toBe(200);
    expect((await driver.json('/api/account/notifications')).body).toEqual(warningsOff);

    // A warning (the van drops off), then a critical breach whose first push the push service answers 500.
    await van.publishAsync(
      vanTopic('VAN-01', 'status'),
      JSON.stringify({ v: 1, van: 'VAN-01', state: 'offline', ts: Date.now() }),
      {
        qos: 1,
      },
    );
    await waitFor(
      async () =>
        ((await coordinator.json<{ kind: string }[]>('/api/alerts?van=VAN-01&kind=van-offline')).body ?? [])
          .length > 0,
      { what: 'the van-offline warning stored' },
    );
    pushService.answer('/push/dina-a', 500);
    await reading('frozen', -8);
    const critical = await alertOf('dina-a', 'frozen');
    expect(critical).toMatchObject({
      severity: 'critical',
      kind: 'severe',
      title: 'Alerte critique — camionnette VAN-01',
    });
    const attempts = to('dina-a').filter((r) => open(r).alertId === critical.alertId);
    expect(attempts.map((r) => r.status)).toEqual([500, 201]);
    expect(new Set(attempts.map((r) => open(r).delivery)).size).toBe(1);
    // Owed in order to this phone, the warning would have come first: it was never sent.
    expect(
      to('dina-a')
        .map(open)
        .filter((p) => p.kind === 'van-offline'),
    ).toEqual([]);
    await van.publishAsync(
      vanTopic('VAN-01', 'status'),
      JSON.stringify({ v: 1, van: 'VAN-01', state: 'online', ts: Date.now() }),
      {
        qos: 1,
      },
    );
  });

  it('removes a subscription the push service says is gone (410), and sends it nothing more', async () => {
    pushService.answerAlways('/push/dina-a', 410);
    await reading('rear', 12);
    await waitFor(() => to('dina-a').some((r) => r.status === 410), { what: 'the 410' });
    await waitFor(
      async () =>
        (await driver.json<PushSubscriptionsAnswer>('/api/push/subscriptions')).body.subscriptions.length ===
        0,
      { what: 'the gone subscription to leave the list' },
    );
    const sentToA = to('dina-a').length;

    await subscribe(driver, 'dina-b');
    await reading('side', 12);
    await alertOf('dina-b', 'side');
    expect(to('dina-a')).toHaveLength(sentToA);
    expect(shown('dina-b').map((p) => p.compartment)).toEqual(['side']);

    const metrics = await (await fetch(`${ingestUrl}/metrics`)).text();
    expect(metrics).toMatch(/^givre_alert_push_deliveries_total\{result="gone"\} 1$/m);
    expect(metrics).toMatch(/^givre_alert_push_deliveries_total\{result="failed"\} 1$/m);
  });
});
