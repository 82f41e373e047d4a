import type { Load } from '../../core/loads/load.ts';
import { DEFAULT_PROFILES, findProfile } from '../../core/product-profiles.ts';
import { el } from './dom.ts';
import { TEXT } from '../text/catalogue.ts';
import { formatTime, formatWeight } from '../text/format.ts';
import type { Lang } from '../text/lang.ts';
import { productNameIn } from '../text/product-name.ts';
import { loadsCarried } from './loads-carried.ts';
import type { VanRange } from './van-range.ts';

/** The loads the van carried in the range: product (its name in the reader's language), association, weight, hand-over times, certificate. */
export function renderLoadsCarried(loads: readonly Load[], r: VanRange, lang: Lang): HTMLElement {
  const t = TEXT[lang].vanPage;
  const carried = loadsCarried(loads, r.from, r.to);
  const section = el('section', { className: 'vloads', testId: 'loads' }, el('h2', {}, t.loads));
  if (carried.length === 0) return (section.append(el('p', { className: 'empty' }, t.noLoads)), section);
  const c = t.loadCols;
  const head = el(
    'tr',
    {},
    ...[c.product, c.recipient, c.weight, c.pickedUp, c.delivered, c.certificate].map((h) => el('th', {}, h)),
  );
  const rows = carried.map((l) => {
    const cert = el('td');
    if (l.status === 'delivered' || l.status === 'rejected') {
      const a = el('a', { testId: `certificate-${l.id}` }, t.certificate);
      a.href = `/api/loads/${encodeURIComponent(l.id)}/certificate.html?lang=${lang}`;
      cert.append(a);
    } else cert.textContent = t.notYet;
    const profile = findProfile(DEFAULT_PROFILES, l.profile);
    const product = profile ? productNameIn(profile, lang) : l.profile;
    const when = (ms: number | null) => (ms === null ? t.notYet : formatTime(ms, lang, { date: 'day' }));
    return el(
      'tr',
      { testId: `load-${l.id}` },
      el('td', {}, product),
      el('td', {}, l.recipient.name),
      el('td', {}, formatWeight(l.weightKg, lang)),
      el('td', {}, when(l.pickedUpAt)),
      el('td', {}, when(l.deliveredAt)),
      cert,
    );
  });
  section.append(el('table', { className: 'ltable' }, el('thead', {}, head), el('tbody', {}, ...rows)));
  return section;
}
