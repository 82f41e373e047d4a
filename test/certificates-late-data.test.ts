import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vanTopic } from '../core/topics.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { carriedLoad, loadsApi } from './harness/loads-api.ts';
import { waitFor } from './harness/wait-for.ts';

const MIN = 60_000;
const VAN = 'VAN-77';

/**
 * Issue 6: a certificate issued with a gap is provisional; when the van's buffered records
 * arrive late and fill the gap, a new version is issued and the old one marked superseded —
 * both kept and both verifiable.
 */
describe('certificates: late data supersedes a provisional certificate', () => {
  let system: TestSystem;
  let client: mqtt.MqttClient;
  const t0 = Math.floor((Date.now() - 3 * 3_600_000) / MIN) * MIN;
  const reading = (minute: number) => ({
    seq: 5000 + minute,
    ts: t0 + minute * MIN,
    kind: 'temperature' as const,
    compartment: 'chilled',
    sensor: `${VAN}-T1`,
    celsius: 3.2,
  });
  const publish = (minutes: number[]) =>
    client.publishAsync(
      vanTopic(VAN, 'telemetry'),
      JSON.stringify({ v: 1, van: VAN, readings: minutes.map(reading) }),
      { qos: 1 },
    );

  beforeAll(async () => {
    system = await startTestSystem();
    client = await mqtt.connectAsync(system.mqttUrl, { clientId: 'late-data-test' });
  });
  afterAll(async () => {
    await client?.endAsync();
    await system?.stop();
  });

  it('issues v1 provisional with the gap, then v2 complete once the missing records arrive', async () => {
    const api = loadsApi(system.baseUrl);
    const live = Array.from({ length: 61 }, (_, m) => m).filter((m) => m < 20 || m >= 30);
    await publish(live);
    await waitFor(async () => (await system.store.readings(VAN, t0, t0 + 61 * MIN)).length === live.length, {
      what: 'the live records stored',
    });
    const load = await carriedLoad(system, api, {
      van: VAN,
      profile: 'poultry',
      from: t0,
      to: t0 + 60 * MIN,
    });
    const v1 = await api.certificate(load.id);
    expect(v1.certificate).toMatchObject({
      version: 1,
      provisional: true,
      report: { verdict: 'incomplete' },
    });
    // The record at minute 19 vouches for one interval (1 min); no record vouches for 20–30.
    expect(v1.certificate.report.gaps).toEqual([
      { sensor: `${VAN}-T1`, from: t0 + 20 * MIN, to: t0 + 30 * MIN, durationMs: 10 * MIN },
    ]);
    expect(v1.certificate.report.records).toEqual({
      complete: false,
      tailReceived: false,
      missing: [{ first: 5020, last: 5029 }],
    });

    // The van's buffered records arrive, with the one it recorded after the delivery.
    await publish([...Array.from({ length: 10 }, (_, i) => 20 + i), 61]);
    const versions = await waitFor(
      async () => {
        const all = await api.versions(load.id);
        return all.length === 2 ? all : undefined;
      },
      { what: 'a second certificate version' },
    );
    expect(versions).toMatchObject([
      { version: 1, provisional: true, supersededBy: `${load.id}-v2` },
      { version: 2, provisional: false, supersededBy: null },
    ]);
    const v2 = await api.certificate(load.id);
    expect(v2.certificate).toMatchObject({
      supersedes: v1.certificate.id,
      report: { verdict: 'compliant', gaps: [] },
    });
    // Both versions stay verifiable; the old one says it was superseded.
    expect(await api.verify(v1)).toMatchObject({ valid: true, supersededBy: v2.certificate.id });
    expect(await api.verify(v2)).toMatchObject({ valid: true, supersededBy: null });
    const html = await (
      await fetch(`${system.baseUrl}/api/loads/${load.id}/certificate.html?version=1`)
    ).text();
    expect(html).toContain('data-testid="superseded"');
  });
});
