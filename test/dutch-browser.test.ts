import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Load } from '../core/loads/load.ts';
import { TEXT } from '../dashboard/text/catalogue.ts';
import { launchBrowser, type TestBrowser } from './harness/chromium.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { loadInput, loadsApi, registerVans } from './harness/loads-api.ts';
import { waitFor } from './harness/wait-for.ts';

const MIN = 60_000;

/** Every string leaf of a catalogue by its path (functions left out: their words are checked by the pages' own phrases). */
function leaves(node: unknown, path = ''): Array<[string, string]> {
  if (typeof node === 'string') return [[path, node]];
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
}

/**
 * The French and English strings Dutch says otherwise, as a reader could see them on a Dutch
 * page by mistake. A string Dutch uses itself somewhere (« Van » is Dutch's « from », « min »
 * its abbreviation too) is not foreign; nor is punctuation or a one-letter symbol.
 */
const bare = (s: string) => s.trim().replace(/\.$/, '');
const DUTCH = new Map(leaves(TEXT.nl));
const DUTCH_STRINGS = new Set([...DUTCH.values()].map(bare));
const FOREIGN = [...leaves(TEXT.fr), ...leaves(TEXT.en)]
  .filter(([path, s]) => s !== DUTCH.get(path) && !DUTCH_STRINGS.has(bare(s)))
  .map(([, s]) => s.trim())
  .filter((s) => /\p{L}{2}/u.test(s));
const asWhole = (phrase: string) =>
  new RegExp(`(^|[^\\p{L}])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u');

/** The French or English phrases of the catalogue found in `text`: none on a Dutch page. */
const foreignIn = (text: string) => [...new Set(FOREIGN.filter((p) => asWhole(p).test(text)))];

/**
 * Everything a page says, as written rather than as styled (no CSS capitals): its title, every
 * text node and the words of `aria-label`, `title` and `placeholder`, one a line.
 */
function pageWords(): string {
  const out = [document.title];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode())
    // <noscript> is for a browser without scripts, which these pages need: it says so in all three languages.
    if (!node.parentElement?.closest('noscript, script, style')) out.push(node.textContent ?? '');
  for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder]'))
    for (const name of ['aria-label', 'title', 'placeholder']) out.push(el.getAttribute(name) ?? '');
  return out.join('\n');
}

/** Waits until the page says every one of `phrases`, then returns all it says. */
async function dutchText(page: Page, phrases: readonly string[]): Promise<string> {
  let said = '';
  try {
    await waitFor(
      async () => {
        said = await page.evaluate(pageWords);
        return phrases.every((p) => said.includes(p));
      },
      { what: 'the page’s Dutch words' },
    );
  } catch (err) {
    throw new Error(`missing ${JSON.stringify(phrases.filter((p) => !said.includes(p)))} in:\n${said}`, {
      cause: err,
    });
  }
  return said;
}

/**
 * Issue 16: "a Dutch translation beside French and English, complete for the pages and the
 * certificates". In Chromium, with `?lang=nl` or the language choice: the fleet, the driver's
 * view, the loads page, an association's page, a certificate and its verification page speak
 * Dutch, and none of the catalogue's French or English words is left on them.
 */
describe('Givre in Dutch, in Chromium', () => {
  let system: TestSystem;
  let chromium: TestBrowser;
  let delivered: Load;

  beforeAll(async () => {
    system = await startTestSystem({ simulate: { vans: 1, speed: 600, intervalS: 30, seed: 16 } });
    const api = loadsApi(system.baseUrl);
    const boot = await waitFor(
      async () =>
        (await system.store.readings('VAN-01', Date.now() - 3_600_000, Date.now() + 86_400_000))[0]?.ts,
      { what: 'the first reading of VAN-01' },
    );
    await registerVans(system, 'VAN-01');
    delivered = await api.create(loadInput({ van: 'VAN-01', profile: 'poultry' }));
    await api.mark(delivered.id, { type: 'picked-up', at: boot + MIN, by: 'driver' });
    const delivery = boot + 30 * MIN;
    await waitFor(
      async () => (await system.store.readings('VAN-01', delivery + MIN, delivery + 60 * MIN)).length > 0,
      { what: 'readings past the delivery', timeoutMs: 40_000 },
    );
    await api.mark(delivered.id, {
      type: 'delivered',
      at: delivery,
      by: 'association',
      reception: { accepted: true, probeCelsius: 3.5 },
    });
    await waitFor(() => api.certificate(delivered.id), { what: 'the certificate' });
    // On board, and still to load: the fleet card and the driver's list have something to say.
    const onBoard = await api.create(loadInput({ van: 'VAN-01', profile: 'minced-meat' }));
    await api.mark(onBoard.id, { type: 'picked-up', at: Date.now(), by: 'driver' });
    await api.create(loadInput({ van: 'VAN-01', profile: 'dairy' }));
    chromium = await launchBrowser();
  }, 90_000);
  afterAll(async () => {
    await chromium?.close();
    await system?.stop();
  });

  it('offers « Nederlands » in the language choice, and remembers it on this device', async () => {
    const { page, errors } = await chromium.newPage();
    await page.goto(system.baseUrl);
    await page.locator('[data-testid="van-VAN-01"]').waitFor();
    const nl = page.locator('[data-testid="lang-nl"]');
    expect(await nl.getAttribute('title')).toBe('Nederlands');
    expect(await nl.textContent()).toBe('NL');
    await nl.click();
    await dutchText(page, ['Givre — Vloot rechtstreeks']);
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(await nl.getAttribute('aria-pressed')).toBe('true');
    expect(await page.getAttribute('[data-testid="lang"]', 'aria-label')).toBe('Taal');

    await page.reload();
    await dutchText(page, ['Givre — Vloot rechtstreeks', 'Gehakt vlees']);
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(errors).toEqual([]);
  });

  it('shows the fleet in Dutch', async () => {
    const { page, errors } = await chromium.newPage();
    await page.goto(`${system.baseUrl}/?lang=nl`);
    const text = await dutchText(page, [
      'Givre — Vloot rechtstreeks',
      'Vlootfilters',
      'Alle koelwagens',
      'Een koelwagen zoeken',
      'Batterij',
      'Laatste meting:',
      'Gekoeld',
      'Diepgevroren',
      'koelgroep draait',
      'Gehakt vlees (1 lading aan boord)',
      '40 kg voor Restos du Cœur de Mons',
      '1 van 1 koelwagen getoond',
    ]);
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(foreignIn(text)).toEqual([]);
    // Brussels time and the decimal comma: "3,2 °C", never "3.2 °C".
    expect(text).toMatch(/\d,\d °C/);
    expect(text).not.toMatch(/\d\.\d °C/);
    expect(errors).toEqual([]);
  });

  it('shows the driver’s view in Dutch', async () => {
    const { page, errors } = await chromium.newPage();
    await page.goto(`${system.baseUrl}/driver/VAN-01?lang=nl`);
    const text = await dutchText(page, [
      'Givre — Chauffeur',
      'Ladingen',
      'Te laden',
      'Aan boord',
      'Geleverd',
      'Verse zuivelproducten',
      'Bij',
      'Voor',
      'Certificaat',
    ]);
    expect(foreignIn(text)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('shows the loads page in Dutch, with its form', async () => {
    const { page, errors } = await chromium.newPage();
    await page.goto(`${system.baseUrl}/loads?lang=nl`);
    const text = await dutchText(page, [
      'Givre — Ladingen',
      'Nieuwe lading',
      'Nettogewicht (kg)',
      'Ontvangende vereniging',
      'Lading aanmaken',
      'Referentie',
      'Vereniging',
      'Toestand',
      'geleverd',
      'Gevogelte, konijn, wild',
    ]);
    expect(foreignIn(text)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('shows an association’s page in Dutch', async () => {
    const { page, errors } = await chromium.newPage();
    await page.goto(`${system.baseUrl}/associations/resto-du-coeur-mons?lang=nl`);
    const text = await dutchText(page, ['Givre — Onze ladingen', 'Gevogelte, konijn, wild', 'geleverd op']);
    expect(await page.title()).toBe('Givre — Onze ladingen');
    expect(foreignIn(text)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('renders the certificate and its verification page in Dutch', async () => {
    const { page, errors } = await chromium.newPage();
    await page.goto(`${system.baseUrl}/api/loads/${delivered.id}/certificate.html?lang=nl`);
    const text = await dutchText(page, [
      'Conformiteitscertificaat van de koudeketen',
      'Gevogelte, konijn, wild',
      'Ontvangende vereniging',
      'Ophaling',
      'Levering',
      'Koelwagen / laadruimte',
      'Wettelijke limiet (producttemperatuur)',
      'Ontvangstcontrole',
      'kerntemperatuur 3,5 °C',
      'Brusselse tijd',
      'Dit certificaat controleren',
    ]);
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(text).toMatch(/Uitgegeven op \d{2}\/\d{2}\/\d{4}, \d{2}:\d{2} (CET|CEST)/);
    expect(foreignIn(text)).toEqual([]);

    // The QR code's link, as an inspector follows it; Dutch asked for by the address.
    const href = await page.locator('a[href*="/verify/t/"]').first().getAttribute('href');
    await page.goto(`${href!}${href!.includes('?') ? '&' : '?'}lang=nl`);
    const verified = await dutchText(page, ['Authentiek certificaat', 'Bepalende sensor', 'Product']);
    expect(foreignIn(verified)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
