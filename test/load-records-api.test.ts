import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { loadInput, loadsApi, registerVans } from './harness/loads-api.ts';
import { waitFor } from './harness/wait-for.ts';

/**
 * Issue 16 through the API, dashboard → command → ingest → state store: the pickup record
 * (date marking, donor hand-over) and the delivery record (charity hand-over) are kept on the
 * load and signed into its certificate with time out of cold and the disposition; bad input is
 * a 400 naming the field; a client that sends neither is served as before.
 */
describe('load events with pickup and delivery records', () => {
  let system: TestSystem;
  const post = (id: string, body: unknown) =>
    fetch(`${system.baseUrl}/api/loads/${id}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    system = await startTestSystem();
    await registerVans(system, 'VAN-01');
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('refuses bad records with a 400 naming the field, and keeps the load as it was', async () => {
    const api = loadsApi(system.baseUrl);
    const load = await api.create(loadInput({ van: 'VAN-01' }));
    const cases: [unknown, string][] = [
      [{ marking: { kind: 'use-by', date: '2026-02-30', frozenByDonor: false } }, 'pickup.marking.date'],
      [{ marking: { kind: 'eat-soon', date: '2026-03-01', frozenByDonor: false } }, 'pickup.marking.kind'],
      [{ marking: { kind: 'use-by', date: '2026-03-01', frozenByDonor: true } }, 'pickup.marking.frozenOn'],
      [{ donorHandOverMinutes: 241 }, 'pickup.donorHandOverMinutes'],
      [{ donorHandOverMinutes: 2.5 }, 'pickup.donorHandOverMinutes'],
    ];
    for (const [pickup, field] of cases) {
      const res = await post(load.id, { type: 'picked-up', pickup });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('GIVRE_ERR_BAD_REQUEST');
      expect(body.error.message.startsWith(`${field}:`)).toBe(true);
    }
    const late = await post(load.id, { type: 'picked-up', delivery: { charityHandOverMinutes: 5 } });
    expect(late.status).toBe(400);
    expect(((await late.json()) as { error: { message: string } }).error.message).toContain('at delivery');
    expect((await api.get(load.id)).status).toBe('planned');
  });

  it('keeps the records and signs time out of cold and the disposition into the certificate', async () => {
    const api = loadsApi(system.baseUrl);
    const load = await api.create(loadInput({ van: 'VAN-01', profile: 'fresh-meat' }));
    const pickedUpAt = Date.now() - 3_600_000;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(Date.now());
    const pickup = {
      marking: { kind: 'use-by', date: today, frozenByDonor: false },
      donorHandOverMinutes: 12,
    };
    expect((await post(load.id, { type: 'picked-up', at: pickedUpAt, pickup })).status).toBe(200);
    expect((await api.get(load.id)).pickup).toEqual(pickup);
    const res = await post(load.id, {
      type: 'delivered',
      reception: { accepted: true },
      delivery: { charityHandOverMinutes: 8 },
    });
    expect(res.status).toBe(200);
    expect((await api.get(load.id)).delivery).toEqual({ charityHandOverMinutes: 8 });

    const signed = await waitFor(() => api.certificate(load.id), { what: 'the certificate' });
    expect(signed.certificate.load.pickup).toEqual(pickup);
    expect(signed.certificate.timeOutOfCold).toMatchObject({
      donorHandOver: { minutes: 12 },
      // No record of the compartment: nothing vouches for the door, so it is unknown, not zero.
      doorOpenings: { minutes: null },
      charityHandOver: { minutes: 8 },
      knownMinutes: 20,
      complete: false,
      budgetMinutes: 30,
      standing: 'undetermined',
    });
    // No record at all: the verdict is incomplete, so the use-by day is no day to freeze it for later.
    expect(signed.certificate.report.verdict).toBe('incomplete');
    expect(signed.certificate.disposition).toMatchObject({
      disposition: 'distribute-quickly',
      rule: { id: 'record-incomplete', ruleSet: 'givre-disposition/1' },
      deliveryDay: today,
      daysLeft: 0,
    });
    expect(await api.verify(signed)).toMatchObject({ valid: true });
  });

  it('serves a client that sends no record as before', async () => {
    const api = loadsApi(system.baseUrl);
    const load = await api.create(loadInput({ van: 'VAN-01' }));
    await api.mark(load.id, { type: 'picked-up', at: Date.now() - 600_000, by: 'driver' });
    await api.mark(load.id, { type: 'delivered', reception: { accepted: true } });
    const kept = await api.get(load.id);
    expect(kept.status).toBe('delivered');
    expect(kept.pickup).toBeUndefined();
    expect(kept.delivery).toBeUndefined();
    const signed = await waitFor(() => api.certificate(load.id), { what: 'the certificate' });
    expect(signed.certificate.disposition).toBeUndefined();
    expect(signed.certificate.timeOutOfCold).toMatchObject({
      donorHandOver: { minutes: null },
      charityHandOver: { minutes: null },
      knownMinutes: 0,
      standing: 'undetermined',
    });
    expect(await api.verify(signed)).toMatchObject({ valid: true });
  });
});
