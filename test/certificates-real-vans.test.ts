import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertEpisode } from '../core/alert-episode.ts';
import type { SignedCertificate } from '../core/certificates/certificate.ts';
import type { Reading, TemperatureReading } from '../core/readings.ts';
import { vanTopic } from '../core/topics.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { loadInput, loadsApi, registerVans } from './harness/loads-api.ts';
import { waitFor } from './harness/wait-for.ts';

const S = 1_000;
const MIN = 60 * S;

/**
 * Issue 10, through MQTT, the store and the HTTP API: certificates stay true in the cases real
 * vans produce — a compartment with two probes, a last batch that lands after the delivery,
 * and batches that arrive out of order.
 */
interface Van {
  system: TestSystem;
  client: mqtt.MqttClient;
  api: ReturnType<typeof loadsApi>;
}

async function startVan(clientId: string): Promise<Van> {
  const system = await startTestSystem();
  await registerVans(system, 'VAN-21', 'VAN-22', 'VAN-23');
  const client = await mqtt.connectAsync(system.mqttUrl, { clientId });
  return { system, client, api: loadsApi(system.baseUrl) };
}

const publish = (van: Van, name: string, readings: Reading[]) =>
  van.client.publishAsync(vanTopic(name, 'telemetry'), JSON.stringify({ v: 1, van: name, readings }), {
    qos: 1,
  });

const storedCount = (van: Van, name: string) => van.system.store.count({ van: name });

const alertsOf = async (van: Van, name: string) =>
  (await (await fetch(`${van.system.baseUrl}/api/alerts?van=${name}`)).json()) as AlertEpisode[];

/** One probe's records every 30 s over `[fromMin, toMin)`, °C = f(minute). */
function probe(t0: number, sensor: string, fromMin: number, toMin: number, f: (m: number) => number) {
  const out: Array<Omit<TemperatureReading, 'seq'>> = [];
  for (let m = fromMin; m < toMin; m += 0.5)
    out.push({ kind: 'temperature', ts: t0 + m * MIN, compartment: 'chilled', sensor, celsius: f(m) });
  return out;
}
/** Numbered as the van numbers its records: recording order, +1 each. */
const numbered = (readings: Array<Omit<TemperatureReading, 'seq'>>, first: number): Reading[] =>
  [...readings].sort((a, b) => a.ts - b.ts).map((r, i) => ({ ...r, seq: first + i }) as Reading);

describe('certificates in the cases real vans produce', () => {
  let a: Van;
  let b: Van;
  beforeAll(async () => {
    a = await startVan('van-a');
    b = await startVan('van-b');
  }, 60_000);
  afterAll(async () => {
    for (const v of [a, b]) {
      await v?.client.endAsync();
      await v?.system.stop();
    }
  });

  it('two probes, one at 9 °C for an hour beside one at 4 °C: non-compliant, decided by the warm probe, alerted', async () => {
    const t0 = Math.floor((Date.now() - 4 * 3_600_000) / MIN) * MIN;
    const readings = numbered(
      [...probe(t0, 'FRONT', 0, 70, () => 4), ...probe(t0, 'REAR', 0, 70, (m) => (m >= 5 && m < 65 ? 9 : 4))],
      1,
    );
    await publish(a, 'VAN-21', readings);
    await waitFor(async () => (await storedCount(a, 'VAN-21')) === readings.length, { what: 'stored' });
    const load = await a.api.create(loadInput({ van: 'VAN-21', profile: 'fresh-meat' }));
    await a.api.mark(load.id, { type: 'picked-up', at: t0, by: 'driver' });
    await a.api.mark(load.id, { type: 'delivered', at: t0 + 68 * MIN, by: 'association' });
    const { certificate } = await a.api.certificate(load.id);
    expect(certificate.provisional).toBe(false);
    expect(certificate.report).toMatchObject({
      verdict: 'non-compliant',
      decidingSensor: 'REAR',
      timeAboveLimitMs: 60 * MIN,
      temperature: { max: 9 },
      recorder: { sensors: ['FRONT', 'REAR'] },
    });
    expect(certificate.report.sensors.map((s) => [s.sensor, s.verdict])).toEqual([
      ['FRONT', 'compliant'],
      ['REAR', 'non-compliant'],
    ]);
    const excursion = certificate.report.excursions.find((x) => x.kind === 'excursion')!;
    expect(excursion).toMatchObject({ sensor: 'REAR', start: t0 + 5 * MIN });
    // The driver was alerted for the same breach, and the certificate quotes that alert.
    const alert = (await alertsOf(a, 'VAN-21')).find((e) => e.kind === 'excursion')!;
    expect(alert).toMatchObject({ compartment: 'chilled', startedAt: t0 + 5 * MIN });
    expect(certificate.report.alerts.map((x) => x.id)).toContain(alert.id);
  });

  it('a load delivered before its last batch: provisional, then superseded by the non-compliant truth that the alert already tells', async () => {
    const t0 = Math.floor((Date.now() - 3 * 3_600_000) / MIN) * MIN;
    const all = numbered(
      probe(t0, 'T1', 0, 62, (m) => (m >= 35 ? 9.5 : 3)),
      10_000,
    );
    const early = all.filter((r) => r.ts < t0 + 30 * MIN);
    const tail = all.filter((r) => r.ts >= t0 + 30 * MIN);
    await publish(a, 'VAN-22', early);
    await waitFor(async () => (await storedCount(a, 'VAN-22')) === early.length, { what: 'stored' });
    const load = await a.api.create(loadInput({ van: 'VAN-22', profile: 'poultry' }));
    await a.api.mark(load.id, { type: 'picked-up', at: t0, by: 'driver' });
    await a.api.mark(load.id, { type: 'delivered', at: t0 + 60 * MIN, by: 'association' });
    const v1 = (await a.api.certificate(load.id)).certificate;
    expect(v1).toMatchObject({ version: 1, provisional: true, report: { verdict: 'incomplete' } });
    expect(v1.report.records).toMatchObject({ complete: false, tailReceived: false });

    await publish(a, 'VAN-22', tail);
    const v2 = await waitFor(
      async () => {
        const c = (await a.api.certificate(load.id)).certificate;
        return c.version >= 2 ? c : undefined;
      },
      { what: 'a superseding version' },
    );
    expect(v2).toMatchObject({
      supersedes: v1.id,
      provisional: false,
      report: {
        verdict: 'non-compliant',
        gaps: [],
        records: { complete: true, tailReceived: true, missing: [] },
      },
    });
    const excursion = v2.report.excursions.find((x) => x.kind === 'excursion')!;
    const alert = (await alertsOf(a, 'VAN-22')).find((e) => e.kind === 'excursion')!;
    expect(alert.startedAt).toBe(excursion.start);
    expect(alert.detectedAt).toBe(excursion.detectedAt);
    expect(v2.report.alerts.map((x) => x.id)).toContain(alert.id);
  });

  it('batches published in shuffled order give the same certificate, byte for byte, as in order', async () => {
    const t0 = Math.floor((Date.now() - 5 * 3_600_000) / MIN) * MIN;
    const all = numbered(
      [
        ...probe(t0, 'FRONT', 0, 130, (m) => (m >= 30 && m < 55 ? 9 : m % 20 < 6 ? 7.5 : 4)),
        ...probe(t0, 'REAR', 0, 130, () => 4),
      ],
      1,
    );
    // The van has been talking for 10 minutes; what follows arrives in 8 batches.
    const prelude = all.filter((r) => r.ts < t0 + 10 * MIN);
    const rest = all.filter((r) => r.ts >= t0 + 10 * MIN);
    const size = Math.ceil(rest.length / 8);
    const chunks = Array.from({ length: 8 }, (_, i) => rest.slice(i * size, (i + 1) * size));
    const shuffled = [5, 2, 7, 0, 3, 6, 1, 4].map((i) => chunks[i]!);

    const certify = async (van: Van, batches: Reading[][]) => {
      for (const batch of [prelude, ...batches]) await publish(van, 'VAN-23', batch);
      await waitFor(async () => (await storedCount(van, 'VAN-23')) === all.length, { what: 'stored' });
      const input = loadInput({ van: 'VAN-23', profile: 'fresh-meat' });
      const load = await van.api.create({ ...input, donor: { ...input.donor, pickupAt: t0 } });
      await van.api.mark(load.id, { type: 'picked-up', at: t0 + 5 * MIN, by: 'driver' });
      await van.api.mark(load.id, { type: 'delivered', at: t0 + 125 * MIN, by: 'association' });
      return {
        load: load.id,
        signed: await van.api.certificate(load.id),
        alerts: await alertsOf(van, 'VAN-23'),
      };
    };
    const inOrder = await certify(a, chunks);
    const outOfOrder = await certify(b, shuffled);

    const comparable = ({ load, signed }: { load: string; signed: SignedCertificate }) =>
      JSON.stringify({
        ...signed.certificate,
        issuedAt: 0,
        load: { ...signed.certificate.load, events: [] },
      }).replaceAll(load, 'LD');
    // Apart from the issue time, the load's id and its server-stamped history, every byte agrees.
    expect(JSON.parse(comparable(outOfOrder))).toEqual(JSON.parse(comparable(inOrder)));
    expect(comparable(outOfOrder)).toBe(comparable(inOrder));
    const report = inOrder.signed.certificate.report;
    expect(report.verdict).toBe('non-compliant');
    expect(report.gaps).toEqual([]);
    expect(report.alerts.map((x) => x.kind).sort()).toEqual(['cumulative', 'excursion']);
    // No false "recorder silent" from the order of arrival, and the same alerts in both.
    const kinds = (alerts: AlertEpisode[]) => alerts.map((x) => `${x.kind}@${x.startedAt}`).sort();
    expect(kinds(outOfOrder.alerts)).toEqual(kinds(inOrder.alerts));
    expect(outOfOrder.alerts.some((x) => x.kind === 'recorder-silent')).toBe(false);
  });
});
