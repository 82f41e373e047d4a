import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Load } from '../core/loads/load.ts';
import { launchBrowser, type TestBrowser } from './harness/chromium.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { signIn, type SignedInClient } from './harness/people.ts';
import { saveScreenshot } from './harness/screenshots.ts';
import { waitFor } from './harness/wait-for.ts';

type ErrorBody = { error: { code: string; field?: string } };

/** axe-core's WCAG 2 A and AA rules on one part of the page; evaluated through the DevTools protocol, which the CSP does not govern. */
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
async function accessibilityViolations(page: Page, selector: string): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async (within) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            c: unknown,
            o: unknown,
          ) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }>;
        };
      }
    ).axe;
    const result = await axe.run(within, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  }, selector);
}

/**
 * Issue 12, associations and loads as real records, in Chromium against `givre start
 * --simulate`: the load form offers only what the fleet knows and says what is wrong beside
 * the field, in French; the server refuses the same mistakes from any client; an association
 * an admin adds is offered at once, one deactivated no longer.
 */
describe('the load form, and associations as records', () => {
  let system: TestSystem;
  let chromium: TestBrowser;
  let coordinator: SignedInClient;
  let admin: SignedInClient;

  const passwordOf = (username: string) => {
    const user = system.demoCredentials?.users.find((u) => u.username === username);
    if (!user) throw new Error(`the demo issued no ${username}`);
    return user.password;
  };
  const pageAs = async (client: SignedInClient) => {
    const opened = await chromium.newPage();
    const [name, value] = client.cookie.split('=') as [string, string];
    await opened.page.context().addCookies([{ name, value, domain: '127.0.0.1', path: '/' }]);
    return opened;
  };
  const optionTexts = (page: Page, field: string) =>
    page.locator(`[data-testid="field-${field}"] option`).allTextContents();
  const optionValues = (page: Page, field: string) =>
    page
      .locator(`[data-testid="field-${field}"] option`)
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));

  beforeAll(async () => {
    system = await startTestSystem({
      auth: 'users',
      access: 'devices',
      simulate: { vans: 2, speed: 1, intervalS: 30, seed: 4 },
    });
    // One after the other: one address has one password check in flight at a time (issue 11, 1).
    coordinator = await signIn(system.baseUrl, 'coordination', passwordOf('coordination'));
    admin = await signIn(system.baseUrl, 'admin', passwordOf('admin'));
    await waitFor(
      async () => {
        const vans = (await coordinator.json<Array<{ van: string; compartments: object }>>('/api/vans')).body;
        return vans.filter((v) => Object.keys(v.compartments).length === 2).length === 2 || undefined;
      },
      { what: 'both simulated vans reporting their two compartments to the dashboard' },
    );
    chromium = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await chromium?.close();
    await system?.stop();
  });

  it('a coordinator creates a load with selects only; a bad weight is said in French on its field', async () => {
    const { page, errors } = await pageAs(coordinator);
    await page.goto(`${system.baseUrl}/loads`);
    const form = page.locator('[data-testid="load-form"]');
    await form.waitFor();

    // Every input has its label.
    const ids = await form.locator('input, select').evaluateAll((nodes) => nodes.map((n) => n.id));
    expect(ids).toHaveLength(8);
    for (const id of ids) expect(await page.locator(`label[for="${id}"]`).count()).toBe(1);

    // Only what the fleet knows: the demo's vans, its associations by name, the profiles in French.
    expect(await optionValues(page, 'van')).toEqual(['', 'VAN-01', 'VAN-02']);
    expect(await optionTexts(page, 'recipient.id')).toEqual([
      '— Choisir —',
      'Croix-Rouge — Maison de Mons',
      'Épicerie sociale de Jemappes',
      'Restos du Cœur de Mons',
    ]);
    expect(await optionTexts(page, 'profile')).toContain(
      'Volaille, lapin, gibier — 4 °C au plus — Règl. (CE) 853/2004, annexe III ; ATP, annexe 3',
    );
    expect(await optionTexts(page, 'compartment')).toEqual(['— Choisissez d’abord le véhicule —']);

    await page.locator('[data-testid="field-profile"]').selectOption('poultry');
    await page.locator('[data-testid="field-weightKg"]').fill('-3');
    await page.locator('[data-testid="field-donor.name"]').fill('Delhaize Mons');
    await page.locator('[data-testid="field-donor.place"]').fill('Rue de Nimy, Mons');
    await page
      .locator('[data-testid="field-recipient.id"]')
      .selectOption({ label: 'Restos du Cœur de Mons' });
    await page.locator('[data-testid="field-van"]').selectOption('VAN-02');
    // The van's own compartments, in words.
    expect(await optionTexts(page, 'compartment')).toEqual(['— Choisir —', 'Réfrigéré', 'Surgelé']);
    await page.locator('[data-testid="field-compartment"]').selectOption({ label: 'Réfrigéré' });
    await page.locator('[data-testid="load-submit"]').click();

    const weight = page.locator('[data-testid="field-weightKg"]');
    const weightError = page.locator('[data-testid="error-weightKg"]');
    await weightError.waitFor();
    expect(await weightError.textContent()).toBe(
      'Indiquez le poids net en kilogrammes : un nombre supérieur à 0, au plus 5 000.',
    );
    expect(await weight.getAttribute('aria-invalid')).toBe('true');
    expect(await weight.getAttribute('aria-describedby')).toBe(await weightError.getAttribute('id'));
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'field-weightKg',
    );
    // Only that field is marked, and nothing was sent.
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(1);
    expect((await coordinator.json<Load[]>('/api/loads')).body).toEqual([]);
    // WCAG 2 AA, the error shown included (its red on the page's background, the labels).
    expect(await accessibilityViolations(page, '[data-testid="load-form"]')).toEqual([]);
    await saveScreenshot(page, 'load-form');

    await weight.fill('12,5');
    await page.locator('[data-testid="load-submit"]').click();
    const row = page.locator('[data-testid="load-row"]');
    await row.waitFor();
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(0);
    const text = await row.textContent();
    expect(text).toContain('Volaille, lapin, gibier, 12,5 kg');
    expect(text).toContain('Restos du Cœur de Mons');
    expect(text).toContain('VAN-02 · Réfrigéré');
    expect(text).not.toMatch(/poultry|chilled/);
    const [load] = (await coordinator.json<Load[]>('/api/loads')).body;
    expect(load).toMatchObject({
      profile: 'poultry',
      weightKg: 12.5,
      van: 'VAN-02',
      compartment: 'chilled',
      recipient: { id: 'resto-du-coeur-mons', name: 'Restos du Cœur de Mons' },
    });
    expect(errors).toEqual([]);
  });

  it('in English, the same form speaks English, its errors too', async () => {
    const { page, errors } = await pageAs(coordinator);
    await page.goto(`${system.baseUrl}/loads?lang=en`);
    await page.locator('[data-testid="load-form"]').waitFor();
    expect(await page.locator('label[for="load-weightKg"]').textContent()).toBe('Net weight (kg)');
    expect(await optionTexts(page, 'profile')).toContain(
      'Quick-frozen food — at most −18 °C (−15 °C briefly tolerated) — Directive 89/108/EEC; Reg. (EC) 37/2005',
    );
    await page.locator('[data-testid="field-weightKg"]').fill('douze');
    await page.locator('[data-testid="load-submit"]').click();
    await page.locator('[data-testid="error-weightKg"]').waitFor();
    expect(await page.locator('[data-testid="error-weightKg"]').textContent()).toBe(
      'Give the net weight in kilograms: a number above 0, at most 5,000.',
    );
    // Left empty, the van and the association are said wrong too, each beside its own field.
    expect(await page.locator('[data-testid="error-van"]').textContent()).toBe(
      'Choose a van the fleet knows.',
    );
    expect(await page.locator('[data-testid="error-recipient.id"]').isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('the server refuses an unknown van, a compartment the van lacks, an unknown association or profile, naming the field', async () => {
    const good = {
      profile: 'dairy',
      weightKg: 8,
      donor: { name: 'Colruyt', place: 'Mons', pickupAt: Date.now() },
      recipient: { id: 'resto-du-coeur-mons' },
      van: 'VAN-01',
      compartment: 'chilled',
    };
    for (const [over, field] of [
      [{ van: 'VAN-99' }, 'van'],
      [{ compartment: 'rear' }, 'compartment'],
      [{ recipient: { id: 'resto-de-mons' } }, 'recipient.id'],
      [{ profile: 'caviar' }, 'profile'],
      [{ weightKg: -1 }, 'weightKg'],
    ] as const) {
      const refused = await coordinator.json<ErrorBody>('/api/loads', { ...good, ...over });
      expect(refused.status, field).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 'GIVRE_ERR_INVALID_FIELD', field });
    }
    // Everyone who plans loads reads the active associations; only an admin changes them.
    expect((await coordinator.json('/api/associations')).status).toBe(200);
    const attempt = { id: 'x-y', name: 'X', address: 'Mons', contact: '065' };
    expect((await coordinator.json('/api/associations', attempt)).status).toBe(403);
    expect(
      (await coordinator.json('/api/associations/resto-du-coeur-mons', { active: false }, 'PATCH')).status,
    ).toBe(403);
  });

  it('an admin adds an association, and the load form offers it; one deactivated is offered no more', async () => {
    const adminPage = await pageAs(admin);
    await adminPage.page.goto(`${system.baseUrl}/admin`);
    const section = adminPage.page.locator('[data-testid="associations"]');
    await section.locator('[data-testid="association-row"]').first().waitFor();
    await section.locator('[data-testid="association-name"]').fill('Banque alimentaire de Quaregnon');
    expect(await section.locator('[data-testid="association-id"]').inputValue()).toBe(
      'banque-alimentaire-de-quaregnon',
    );
    await section.locator('[data-testid="association-submit"]').click();
    // An address is required: said beside the field, in French.
    await section.locator('[data-testid="association-error-address"]').waitFor();
    expect(await section.locator('[data-testid="association-address"]').getAttribute('aria-invalid')).toBe(
      'true',
    );
    await section
      .locator('[data-testid="association-address"]')
      .fill('Rue de la Démonstration 4, 7390 Quaregnon');
    await section.locator('[data-testid="association-contact"]').fill('Josiane, 065 00 00 04');
    await section.locator('[data-testid="association-submit"]').click();
    await section.locator('[data-association-id="banque-alimentaire-de-quaregnon"]').waitFor();
    // Deactivated: kept in the list, marked so.
    await section.locator('[data-testid="association-toggle-croix-rouge-mons"]').click();
    await adminPage.page.waitForFunction(
      () =>
        document.querySelector('[data-association-id="croix-rouge-mons"] [data-testid="association-state"]')
          ?.textContent === 'désactivée',
    );
    expect(await section.locator('[data-testid="association-toggle-croix-rouge-mons"]').textContent()).toBe(
      'Réactiver',
    );
    expect(await accessibilityViolations(adminPage.page, '[data-testid="associations"]')).toEqual([]);
    expect(adminPage.errors).toEqual([]);

    const { page, errors } = await pageAs(coordinator);
    await page.goto(`${system.baseUrl}/loads`);
    await page.locator('[data-testid="load-form"]').waitFor();
    const offered = await optionTexts(page, 'recipient.id');
    expect(offered).toContain('Banque alimentaire de Quaregnon');
    expect(offered).not.toContain('Croix-Rouge — Maison de Mons');
    expect(errors).toEqual([]);

    const load = {
      profile: 'frozen',
      weightKg: 20,
      donor: { name: 'Aldi', place: 'Jemappes', pickupAt: Date.now() },
      van: 'VAN-01',
      compartment: 'frozen',
    };
    const refused = await coordinator.json<ErrorBody>('/api/loads', {
      ...load,
      recipient: { id: 'croix-rouge-mons' },
    });
    expect(refused.body.error).toMatchObject({ code: 'GIVRE_ERR_INVALID_FIELD', field: 'recipient.id' });
    const created = await coordinator.json<Load>('/api/loads', {
      ...load,
      recipient: { id: 'banque-alimentaire-de-quaregnon', name: 'a name typed elsewhere' },
    });
    expect(created.status).toBe(201);
    expect(created.body.recipient.name).toBe('Banque alimentaire de Quaregnon');

    // Association users belong to a recorded, active association.
    for (const association of ['inconnue', 'croix-rouge-mons']) {
      const user = await admin.json<ErrorBody>('/api/users', {
        username: 'benevole',
        role: 'association',
        association,
      });
      expect(user.status).toBe(400);
      expect(user.body.error).toMatchObject({ code: 'GIVRE_ERR_INVALID_FIELD', field: 'association' });
    }
    const audit = (await admin.json<Array<{ action: string; target: string }>>('/api/audit?limit=50')).body;
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'association-add', target: 'banque-alimentaire-de-quaregnon' }),
        expect.objectContaining({ action: 'association-deactivate', target: 'croix-rouge-mons' }),
      ]),
    );
  });

  it('an association’s page is headed by its name, and a refused load says refused, not delivered', async () => {
    const [load] = (await coordinator.json<Load[]>('/api/loads?recipient=resto-du-coeur-mons')).body;
    const at = Date.now();
    await coordinator.json(`/api/loads/${load!.id}/events`, { type: 'picked-up', at: at - 600_000 });
    const refused = await coordinator.json(`/api/loads/${load!.id}/events`, {
      type: 'rejected',
      at,
      reception: { accepted: false, reason: 'emballage abîmé' },
    });
    expect(refused.status).toBe(200);
    const { page, errors } = await pageAs(coordinator);
    await page.goto(`${system.baseUrl}/associations/resto-du-coeur-mons`);
    const row = page.locator(`[data-load-id="${load!.id}"]`);
    await row.waitFor();
    expect(await page.locator('[data-testid="association-name"]').textContent()).toBe(
      'Restos du Cœur de Mons',
    );
    const handOver = await row.locator('[data-testid="hand-over"]').textContent();
    expect(handOver).toMatch(/^refusé le /);
    expect(await row.textContent()).not.toMatch(/livré/);
    expect(errors).toEqual([]);
  });
});
