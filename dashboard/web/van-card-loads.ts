import type { OnBoardLoad } from '../../core/api/on-board.ts';
import { el } from './dom.ts';
import { FLEET_MESSAGES } from './fleet-i18n.ts';
import { formatLimit, type Lang } from './i18n.ts';

/**
 * A compartment's loads on board with their standing so far (issue 12): product, weight,
 * recipient, its own limit, and "conforme jusqu’ici" or "limite dépassée pendant le
 * transport" in words beside the mark, as `GET /api/fleet/loads` reports them.
 */
export function renderLoadsOnBoard(loads: readonly OnBoardLoad[], lang: Lang): HTMLElement | undefined {
  if (loads.length === 0) return undefined;
  const t = FLEET_MESSAGES[lang];
  const list = el('ul', { className: 'cloads' });
  list.setAttribute('aria-label', t.loads);
  for (const l of loads) {
    const product = l.profileName?.[lang] ?? l.profile;
    const limit = l.maxCelsius === null ? '' : ` · ${t.limitOf} ${formatLimit(l.maxCelsius, lang)}`;
    const facts = t.loadFacts
      .replace('{n}', new Intl.NumberFormat(lang === 'fr' ? 'fr-BE' : 'en-GB').format(l.weightKg))
      .replace('{recipient}', l.recipient.name);
    const standing = el(
      'span',
      { className: `cload__standing cload__standing--${l.standing}`, testId: `standing-${l.id}` },
      t.standing[l.standing],
    );
    standing.dataset.standing = l.standing;
    list.append(
      el(
        'li',
        { className: `cload cload--${l.standing}`, testId: `load-${l.id}` },
        el(
          'span',
          { className: 'cload__what' },
          el('span', { className: 'cload__id' }, l.id),
          ` · ${product}${limit} · ${facts}`,
        ),
        standing,
      ),
    );
  }
  return list;
}
