import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VanState } from '../core/van-state.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { loadInput, loadsApi, registerVans } from './harness/loads-api.ts';
import { waitFor } from './harness/wait-for.ts';

const MIN = 60_000;

/**
 * Issue 10 (8): with `givre start --simulate --speed X`, people's actions are stamped on the
 * simulated fleet's clock, not the server's, so a pickup lines up with the van's records.
 */
describe('the demo stamps people’s actions on the fleet’s clock', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem({
      env: { GIVRE_ALERT_EXCURSION_DELAY_S: '300' },
      simulate: { vans: 1, speed: 600, intervalS: 30, seed: 3, scenarios: { 'VAN-01': 'reefer-failure' } },
    });
  });
  afterAll(async () => {
    await system?.stop();
  });

  const lastReading = async () =>
    ((await (await fetch(`${system.baseUrl}/api/vans/VAN-01`)).json()) as VanState).lastReadingTs ?? 0;

  it('dates a pickup marked without a time at the van’s device time, far ahead of the server’s', async () => {
    // At 600×, a few seconds of wall time are most of an hour of the van's.
    await waitFor(async () => (await lastReading()) > Date.now() + 20 * MIN, {
      what: 'the van an hour ahead',
    });
    const api = loadsApi(system.baseUrl);
    await registerVans(system, 'VAN-01');
    const load = await api.create(loadInput({ van: 'VAN-01' }));
    const before = await lastReading();
    const { load: picked } = await api.mark(load.id, { type: 'picked-up' });
    const after = await lastReading();
    expect(picked.pickedUpAt).not.toBeNull();
    expect(picked.pickedUpAt! - Date.now()).toBeGreaterThan(20 * MIN);
    // Between the van's records just before and just after the click (a second of wall time is 10 min here).
    expect(picked.pickedUpAt!).toBeGreaterThanOrEqual(before - MIN);
    expect(picked.pickedUpAt!).toBeLessThanOrEqual(after + 15 * MIN);
  });

  it('dates an acknowledgement from the dashboard after the alert it acknowledges', async () => {
    const alert = await waitFor(() => system.alerts.list({ van: 'VAN-01', state: 'open', limit: 5 })[0], {
      what: 'an alert during the reefer failure',
      timeoutMs: 40_000,
    });
    const res = await fetch(`${system.baseUrl}/api/alerts/${alert.id}/ack`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'reefer-fault' }),
    });
    expect(res.status).toBe(200);
    const acknowledged = system.alerts.get(alert.id)!;
    expect(acknowledged.acknowledgement!.at).toBeGreaterThanOrEqual(alert.detectedAt);
    expect(acknowledged.acknowledgement!.at - Date.now()).toBeGreaterThan(20 * MIN);
  });
});
