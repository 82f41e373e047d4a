import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vanTopic } from '../core/topics.ts';
import { signedInPage } from './harness/browser-session.ts';
import { launchBrowser, type TestBrowser } from './harness/chromium.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { connectClient } from './harness/mqtt-client.ts';
import { addUsers } from './harness/people.ts';
import { waitFor } from './harness/wait-for.ts';

/** VAN-01's clock is 10 min fast; VAN-02's is right (issue 13). */
const SKEW = { 'VAN-01': 10 * 60_000, 'VAN-02': 0 } as const;

describe('a van whose clock is wrong, in headless Chromium (issue 13)', () => {
  let system: TestSystem;
  let chromium: TestBrowser;

  beforeAll(async () => {
    system = await startTestSystem({ auth: 'users' });
    await addUsers(system, [{ username: 'coco', role: 'coordinator' }]);
    for (const [van, skew] of Object.entries(SKEW)) {
      const client = await connectClient(system.mqttUrl);
      await client.publishAsync(
        vanTopic(van, 'status'),
        JSON.stringify({ v: 1, van, state: 'online', ts: Date.now() + skew }),
        { qos: 1, retain: true },
      );
      await waitFor(() => system.fleet.get(van)?.online === true, { what: `${van} online` });
      for (let seq = 1; seq <= 3; seq++) {
        const reading = {
          seq,
          ts: Date.now() + skew,
          kind: 'temperature',
          compartment: 'chilled',
          sensor: 'T1',
          celsius: 3,
        };
        await client.publishAsync(
          vanTopic(van, 'telemetry'),
          JSON.stringify({ v: 1, van, readings: [reading] }),
          {
            qos: 1,
          },
        );
        await waitFor(() => system.fleet.get(van)?.lastSeq === seq, { what: `${van} seq ${seq}` });
      }
      await client.endAsync();
    }
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    await system?.stop();
  });

  it('says on the fleet card that the van’s clock is fast, and nothing for a van whose clock is right', async () => {
    const { page, errors } = await signedInPage(chromium, system.baseUrl, 'coco');
    await page.goto(`${system.baseUrl}/`);
    const notice = page.locator('[data-testid="clock-VAN-01"]');
    await notice.waitFor();
    expect(await notice.textContent()).toBe('Horloge du camion en avance de 10 min');
    await page.locator('[data-testid="van-VAN-02"]').waitFor();
    expect(await page.locator('[data-testid="clock-VAN-02"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('says it on the van page with what Givre does about it', async () => {
    const { page, errors } = await signedInPage(chromium, system.baseUrl, 'coco');
    await page.goto(`${system.baseUrl}/vans/VAN-01?range=1h`);
    const notice = page.locator('[data-testid="clock-VAN-01"]');
    await notice.waitFor();
    expect(await notice.textContent()).toBe(
      'Horloge du camion en avance de 10 min — Givre garde l’heure donnée par le camion : ses mesures et ses alertes restent datées par lui. Faites régler son horloge.',
    );
    expect(errors).toEqual([]);
  });
});
