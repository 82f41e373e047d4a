import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vanTopic } from '../core/topics.ts';
import { auditAccessibility } from './harness/axe.ts';
import { launchBrowser, type TestBrowser } from './harness/chromium.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { loadInput, loadsApi, registerVans } from './harness/loads-api.ts';
import { waitFor } from './harness/wait-for.ts';

const VAN = 'VAN-16';
const MIN = 60_000;

/**
 * Issue 16 end to end, in Chromium through the driver view: at pickup the driver records a
 * use-by date (today) and the donor hand-over minutes, at delivery the charity hand-over
 * minutes; the van's records travel over MQTT (one door opening on board). The certificate
 * then shows time out of cold with its parts and « congeler aujourd'hui » with the day to
 * write on the pack, and so does the association's page.
 */
describe('driver view: date marking and hand-overs, to the certificate and the association', () => {
  let system: TestSystem;
  let chromium: TestBrowser;
  let van: mqtt.MqttClient;

  beforeAll(async () => {
    system = await startTestSystem();
    chromium = await launchBrowser();
    van = await mqtt.connectAsync(system.mqttUrl, { clientId: 'load-records-van' });
  });
  afterAll(async () => {
    await van?.endAsync();
    await chromium?.close();
    await system?.stop();
  });

  it('records them from the driver view and shows them on the certificate and the association page', async () => {
    const api = loadsApi(system.baseUrl);
    await registerVans(system, VAN);
    const load = await api.create(loadInput({ van: VAN, profile: 'poultry' }));
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(Date.now());
    const onLabel = today.split('-').reverse().join('/');
    const { page, errors } = await chromium.newPage();
    await page.goto(`${system.baseUrl}/driver/${VAN}`);
    const card = page.locator(`[data-testid="driver-load"][data-load-id="${load.id}"]`);

    // Pickup: the donor's default is proposed; mistakes are said in French beside their field.
    await card.locator('[data-testid="load-pickup"]').click();
    const donorMinutes = card.locator('[data-testid="pickup-hand-over"]');
    expect(await donorMinutes.inputValue()).toBe('10');
    await card.locator('[data-testid="pickup-use-by"]').click();
    await donorMinutes.fill('300');
    await card.locator('[data-testid="pickup-confirm"]').click();
    expect(await card.locator('[data-testid="pickup-date-error"]').textContent()).toContain(
      'Indiquez la date imprimée',
    );
    expect(await card.locator('[data-testid="pickup-hand-over-error"]').textContent()).toContain(
      'Un nombre entier de minutes, de 0 à 240',
    );
    expect(await card.locator('[data-testid="pickup-hand-over"]').getAttribute('aria-invalid')).toBe('true');
    expect((await api.get(load.id)).status).toBe('planned');
    // The open form, errors shown, meets WCAG 2.1 AA (labels, contrast, names of the toggles).
    expect(await auditAccessibility(page)).toEqual([]);
    await card.locator('[data-testid="pickup-date"]').fill(today);
    await card.locator('[data-testid="pickup-hand-over"]').fill('12');
    await card.locator('[data-testid="pickup-confirm"]').click();
    await page.locator(`[data-testid="driver-load"][data-status="picked-up"]`).waitFor();
    const picked = await api.get(load.id);
    expect(picked.pickup).toEqual({
      marking: { kind: 'use-by', date: today, frozenByDonor: false },
      donorHandOverMinutes: 12,
    });

    // On board: the van records 3.2 °C and one door opening of 50 ms, and its next record.
    const p = picked.pickedUpAt!;
    const reading = (seq: number, ts: number, r: object) => ({ seq, ts, compartment: 'chilled', ...r });
    await van.publishAsync(
      vanTopic(VAN, 'telemetry'),
      JSON.stringify({
        v: 1,
        van: VAN,
        readings: [
          reading(1, p + 10, { kind: 'temperature', sensor: `${VAN}-T1`, celsius: 3.2 }),
          reading(2, p + 20, { kind: 'door', open: true }),
          reading(3, p + 70, { kind: 'door', open: false }),
          // Recorded after the delivery: every record of the trip is then known to be here.
          reading(4, p + 10 * MIN, { kind: 'temperature', sensor: `${VAN}-T1`, celsius: 3.1 }),
        ],
      }),
      { qos: 1 },
    );
    await waitFor(
      async () => (await system.store.readings(VAN, p, p + 11 * MIN)).length === 4 && Date.now() > p + 70,
      { what: 'the trip’s records stored' },
    );

    // Delivery: the charity hand-over, the default proposed.
    await card.locator('[data-testid="load-deliver"]').click();
    const charityMinutes = card.locator('[data-testid="delivery-hand-over"]');
    expect(await charityMinutes.inputValue()).toBe('10');
    await charityMinutes.fill('8');
    await card.locator('[data-testid="reception-by-driver"]').click();
    await card.locator('[data-testid="reception-confirm"]').click();
    await page.locator(`[data-testid="driver-load"][data-status="delivered"]`).waitFor();
    expect((await api.get(load.id)).delivery).toEqual({ charityHandOverMinutes: 8 });

    const signed = await waitFor(() => api.certificate(load.id), { what: 'the certificate' });
    expect(signed.certificate.report.verdict).toBe('compliant');
    expect(signed.certificate.timeOutOfCold).toMatchObject({
      donorHandOver: { minutes: 12 },
      doorOpenings: { count: 1 },
      charityHandOver: { minutes: 8 },
      complete: true,
      standing: 'within',
    });
    expect(signed.certificate.disposition).toMatchObject({ disposition: 'freeze-today', freezeOn: today });
    expect(await api.verify(signed)).toMatchObject({ valid: true });

    // The certificate the driver's link opens.
    await card.locator('[data-testid="driver-load-certificate"]').click();
    const coldChain = page.locator('[data-testid="cold-chain"]');
    await coldChain.waitFor();
    const text = (await coldChain.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain(`Date du produit À consommer jusqu’au ${onLabel} (DLC)`);
    expect(text).toContain('Remise chez le donateur 12 min');
    expect(text).toContain('Ouvertures de porte à bord 1 s (1 ouverture)');
    expect(text).toContain('Remise à l’association 8 min');
    expect(text).toContain('Temps hors du froid 20 min — dans le budget — budget 30 min');
    expect(text).toContain('Congeler aujourd’hui');
    expect(text).toContain(`À écrire sur l’emballage : « congelé le ${onLabel} »`);
    expect(text).toContain('règle use-by-today-freeze v1 (givre-disposition/1)');

    // The association's page says it too, in plain French.
    await page.goto(`${system.baseUrl}/associations/resto-du-coeur-mons`);
    const row = page.locator(`[data-testid="load-row"][data-load-id="${load.id}"]`);
    await row.waitFor();
    expect(await row.locator('[data-testid="disposition"]').getAttribute('data-disposition')).toBe(
      'freeze-today',
    );
    expect(await row.locator('[data-testid="disposition"]').innerText()).toBe('Congeler aujourd’hui');
    expect(await row.locator('[data-testid="disposition-reason"]').innerText()).toContain(
      "à congeler aujourd'hui (−18 °C) pour plus tard",
    );
    expect(await row.locator('[data-testid="freeze-on"]').innerText()).toBe(
      `À écrire sur l’emballage : « congelé le ${onLabel} »`,
    );
    expect(await row.locator('[data-testid="time-out-of-cold"]').innerText()).toBe(
      'Temps hors du froid : 20 min — dans le budget — budget 30 min',
    );
    expect(await row.locator('[data-testid="time-out-of-cold-over"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('warns on the association page when a load was out of the cold beyond the budget', async () => {
    const api = loadsApi(system.baseUrl);
    const load = await api.create(loadInput({ van: VAN, profile: 'fresh-meat' }));
    await api.mark(load.id, {
      type: 'picked-up',
      at: Date.now() - 30 * MIN,
      pickup: { donorHandOverMinutes: 25 },
    });
    await api.mark(load.id, {
      type: 'delivered',
      reception: { accepted: true },
      delivery: { charityHandOverMinutes: 15 },
    });
    await waitFor(() => api.certificate(load.id), { what: 'the certificate' });
    const { page, errors } = await chromium.newPage();
    await page.goto(`${system.baseUrl}/associations/resto-du-coeur-mons?lang=nl`);
    const row = page.locator(`[data-testid="load-row"][data-load-id="${load.id}"]`);
    await row.waitFor();
    expect(await row.locator('[data-testid="time-out-of-cold"]').getAttribute('data-standing')).toBe('over');
    expect(await row.locator('[data-testid="time-out-of-cold-over"]').innerText()).toContain(
      'Let op: deze lading bleef langer buiten de koude dan het budget toelaat.',
    );
    expect(await row.locator('[data-testid="no-disposition"]').innerText()).toContain('Geen datum genoteerd');
    expect(errors).toEqual([]);
  });
});
