import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedCertificate } from '../core/certificates/certificate.ts';
import { vanTopic } from '../core/topics.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { carriedLoad, loadsApi } from './harness/loads-api.ts';
import { waitFor } from './harness/wait-for.ts';

const MIN = 60_000;
const VAN = 'VAN-78';

/**
 * DESIGN.md §6: "a certificate issued with gaps is marked provisional until they close or
 * are declared lost". Declaring them lost issues a final version that still says
 * "incomplete data", quotes who declared it, when and why, and supersedes the provisional one.
 */
describe('certificates: gaps declared lost', () => {
  let system: TestSystem;
  let client: mqtt.MqttClient;
  const t0 = Math.floor((Date.now() - 3 * 3_600_000) / MIN) * MIN;
  const declare = (id: string, body: unknown) =>
    fetch(`${system.baseUrl}/api/loads/${id}/gaps/declare-lost`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    system = await startTestSystem();
    client = await mqtt.connectAsync(system.mqttUrl, { clientId: 'gaps-lost-test' });
  });
  afterAll(async () => {
    await client?.endAsync();
    await system?.stop();
  });

  it('turns a provisional certificate into a final "incomplete data" one; both stay verifiable', async () => {
    const api = loadsApi(system.baseUrl);
    // Records every minute for an hour, except minutes 20–29: the recorder's memory was lost.
    const minutes = Array.from({ length: 61 }, (_, m) => m).filter((m) => m < 20 || m >= 30);
    const readings = minutes.map((m) => ({
      seq: 7000 + m,
      ts: t0 + m * MIN,
      kind: 'temperature' as const,
      compartment: 'chilled',
      sensor: `${VAN}-T1`,
      celsius: 3.1,
    }));
    await client.publishAsync(vanTopic(VAN, 'telemetry'), JSON.stringify({ v: 1, van: VAN, readings }), {
      qos: 1,
    });
    await waitFor(
      async () => (await system.store.readings(VAN, t0, t0 + 61 * MIN)).length === minutes.length,
      {
        what: 'the records stored',
      },
    );
    const load = await carriedLoad(system, api, { van: VAN, profile: 'dairy', from: t0, to: t0 + 60 * MIN });
    const v1 = await api.certificate(load.id);
    expect(v1.certificate).toMatchObject({
      version: 1,
      provisional: true,
      report: { verdict: 'incomplete' },
    });

    expect((await declare(load.id, { by: 'coordinator' })).status).toBe(400); // a reason is required
    const res = await declare(load.id, {
      by: 'Marie (coordination)',
      reason: 'recorder replaced, memory lost',
    });
    expect(res.status).toBe(201);
    const v2 = (await res.json()) as SignedCertificate;
    expect(v2.certificate).toMatchObject({
      id: `${load.id}-v2`,
      version: 2,
      supersedes: v1.certificate.id,
      provisional: false,
      gapsDeclaredLost: { by: 'Marie (coordination)', reason: 'recorder replaced, memory lost' },
      report: {
        verdict: 'incomplete',
        gaps: [{ sensor: `${VAN}-T1`, from: t0 + 20 * MIN, to: t0 + 30 * MIN, durationMs: 10 * MIN }],
      },
    });
    expect(v2.certificate.gapsDeclaredLost!.at).toBeGreaterThanOrEqual(v1.certificate.issuedAt);

    expect(await api.certificate(load.id)).toEqual(v2);
    expect(await api.versions(load.id)).toMatchObject([
      { version: 1, provisional: true, supersededBy: v2.certificate.id },
      { version: 2, provisional: false, supersededBy: null },
    ]);
    expect(await api.verify(v1)).toMatchObject({ valid: true, supersededBy: v2.certificate.id });
    expect(await api.verify(v2)).toMatchObject({ valid: true, supersededBy: null, provisional: false });

    const html = await (await fetch(`${system.baseUrl}/api/loads/${load.id}/certificate.html`)).text();
    expect(html).toContain('data-testid="gaps-lost"');
    expect(html).toContain('recorder replaced, memory lost');
    expect(html).not.toContain('data-testid="provisional"');

    // Final now: nothing left to declare.
    const again = await declare(load.id, { by: 'coordinator', reason: 'twice' });
    expect(again.status).toBe(400);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('GIVRE_ERR_BAD_REQUEST');
  });

  it('is final at once when the van itself declared the missing records lost (its storage was full)', async () => {
    const api = loadsApi(system.baseUrl);
    const van = 'VAN-79';
    // Minutes 20–29 dropped by the van at its storage bound, declared lost in the batch;
    // minute 61 is the record after delivery, so nothing else can still be on its way.
    const minutes = Array.from({ length: 62 }, (_, m) => m).filter((m) => m < 20 || m >= 30);
    const readings = minutes.map((m) => ({
      seq: 8000 + m,
      ts: t0 + m * MIN,
      kind: 'temperature' as const,
      compartment: 'chilled',
      sensor: `${van}-T1`,
      celsius: 3.1,
    }));
    const batch = { v: 1, van, readings, lost: [{ first: 8020, last: 8029 }] };
    for (let i = 0; i < 2; i++) {
      // The second copy: a redelivery declares nothing more.
      await client.publishAsync(vanTopic(van, 'telemetry'), JSON.stringify(batch), { qos: 1 });
    }
    await waitFor(async () => (await system.store.count({ van })) === minutes.length, {
      what: 'the records stored',
    });
    await waitFor(
      async () => (await system.scrape()).get(`givre_ingest_declared_lost_total{van="${van}"}`) === 10,
      {
        what: 'the declaration counted once',
      },
    );
    const load = await carriedLoad(system, api, { van: van, profile: 'dairy', from: t0, to: t0 + 60 * MIN });
    const v1 = await api.certificate(load.id);
    expect(v1.certificate).toMatchObject({
      version: 1,
      provisional: false,
      gapsDeclaredLost: { by: van, reason: expect.stringMatching(/mémoire était pleine/) },
      report: {
        verdict: 'incomplete',
        records: { complete: false, tailReceived: true, missing: [{ first: 8020, last: 8029 }] },
      },
    });
    expect(await api.verify(v1)).toMatchObject({ valid: true, provisional: false });
  });
});
