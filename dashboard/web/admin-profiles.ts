import { ProfileList } from '../../core/api/loads.ts';
import type { ProductProfile } from '../../core/product-profiles.ts';
import { TEXT } from '../text/catalogue.ts';
import { capitalise, formatCelsius } from '../text/format.ts';
import { adminSection } from './admin-section.ts';
import { apiJson } from './api-client.ts';
import { el } from './dom.ts';
import type { Lang } from '../text/lang.ts';
import { productNameIn } from '../text/product-name.ts';
import { legalSourceIn } from '../text/legal-source.ts';

/**
 * The admin page's "Product profiles" section (issue 12), read only: each profile's name, the
 * legal maximum product temperature, the tolerance in transport and the text it comes from,
 * as the load form and the certificates use them (`GET /api/profiles`).
 */
export function adminProfiles(lang: Lang): HTMLElement {
  const t = TEXT[lang].admin;
  const p = t.profiles;
  const { section, message, fail } = adminSection(lang, 'profiles', p.title);
  // As the law and the load form write a limit: "−18 °C", with the minus sign.
  const limit = (celsius: number) => formatCelsius(celsius, lang, { precision: 'limit', minusSign: true });
  const row = (profile: ProductProfile) => {
    const tr = el(
      'tr',
      { testId: 'profile-row' },
      el('td', {}, productNameIn(profile, lang)),
      el('td', {}, profile.maxCelsius === null ? capitalise(p.noLimit, lang) : limit(profile.maxCelsius)),
      el(
        'td',
        {},
        profile.toleranceCelsius === null ? capitalise(p.noTolerance, lang) : limit(profile.toleranceCelsius),
      ),
      el('td', {}, legalSourceIn(profile.legalSource, lang)),
    );
    tr.dataset.profile = profile.id;
    return tr;
  };
  message.before(el('p', {}, p.intro));
  apiJson(ProfileList, '/api/profiles').then(
    (profiles) =>
      section.append(
        el(
          'table',
          { className: 'ltable', testId: 'profile-list' },
          el('tr', {}, ...[p.name, p.max, p.tolerance, p.source].map((h) => el('th', {}, h))),
          ...profiles.map(row),
        ),
      ),
    fail,
  );
  return section;
}
