import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vanTopic } from '../core/topics.ts';
import type { VanState } from '../core/van-state.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { loadInput, loadsApi, registerVans } from './harness/loads-api.ts';
import { connectClient } from './harness/mqtt-client.ts';
import { waitFor } from './harness/wait-for.ts';

/**
 * Issue 9: the limit in force travels with the van state, computed where the rules run. A
 * compartment carrying minced meat (2 °C) says so — and alerts at it — while the loads are on
 * board; after delivery it is back to its default profile.
 */
describe('limits in force in the van state', () => {
  let system: TestSystem;
  let van: MqttClient;
  let seq = 1;
  const t0 = Date.now() - 3_600_000;
  const publish = (celsius: number, minutes: number) =>
    van.publishAsync(
      vanTopic('VAN-03', 'telemetry'),
      JSON.stringify({
        v: 1,
        van: 'VAN-03',
        readings: [
          {
            seq: seq++,
            ts: t0 + minutes * 60_000,
            kind: 'temperature',
            compartment: 'chilled',
            sensor: 'VAN-03-T1',
            celsius,
          },
        ],
      }),
      { qos: 1 },
    );
  const chilled = async () => {
    const res = await fetch(`${system.baseUrl}/api/vans/VAN-03`);
    return res.ok ? ((await res.json()) as VanState).compartments.chilled : undefined;
  };

  beforeAll(async () => {
    system = await startTestSystem({ env: { GIVRE_ALERT_EXCURSION_DELAY_S: '60' } });
    van = await connectClient(system.mqttUrl, 'VAN-03');
  });
  afterAll(async () => {
    await van?.endAsync();
    await system?.stop();
  });

  it('is the compartment’s default, then the strictest load on board, then the default again', async () => {
    await publish(3, 0);
    expect(await waitFor(async () => (await chilled())?.limit, { what: 'a limit for VAN-03' })).toEqual({
      maxCelsius: 7,
      toleranceCelsius: null,
      profile: 'chilled',
      source: 'default',
      loads: [],
    });

    const api = loadsApi(system.baseUrl);
    await registerVans(system, 'VAN-03');
    const minced = await api.create(loadInput({ van: 'VAN-03', profile: 'minced-meat' }));
    const meat = await api.create(loadInput({ van: 'VAN-03', profile: 'fresh-meat' }));
    await api.mark(minced.id, { type: 'picked-up', at: t0 + 60_000 });
    await api.mark(meat.id, { type: 'picked-up', at: t0 + 60_000 });
    const onBoard = await waitFor(
      async () => ((await chilled())?.limit?.source === 'loads' ? chilled() : undefined),
      {
        what: 'the loads’ limit on VAN-03',
      },
    );
    expect(onBoard.limit).toEqual({
      maxCelsius: 2,
      toleranceCelsius: null,
      profile: 'minced-meat',
      source: 'loads',
      loads: [minced.id, meat.id].sort(),
    });

    // 3 °C is fine for the default, not for minced meat: the alert follows the limit shown.
    for (let m = 2; m <= 6; m++) await publish(3, m);
    const alert = await waitFor(() => system.alerts.list({ van: 'VAN-03', kind: 'excursion', limit: 5 })[0], {
      what: 'an excursion at the 2 °C limit',
    });
    expect(alert.limit).toBe(2);

    await api.mark(minced.id, { type: 'delivered', at: t0 + 7 * 60_000 });
    await api.mark(meat.id, { type: 'delivered', at: t0 + 7 * 60_000 });
    await waitFor(async () => (await chilled())?.limit?.source === 'default', { what: 'the default again' });
    expect((await chilled())?.limit?.maxCelsius).toBe(7);
  });
});
