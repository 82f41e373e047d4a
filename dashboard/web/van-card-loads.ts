import type { OnBoardLoad } from '../../core/api/on-board.ts';
import { el } from './dom.ts';
import { TEXT } from '../text/catalogue.ts';
import { formatLimit, formatWeight } from '../text/format.ts';
import type { Lang } from '../text/lang.ts';
import { productNameIn } from '../text/product-name.ts';

/**
 * A compartment's loads on board with their standing so far (issue 12): product, weight,
 * recipient, its own limit, and "conforme jusqu’ici" or "limite dépassée pendant le
 * transport" in words beside the mark, as `GET /api/fleet/loads` reports them.
 */
export function renderLoadsOnBoard(loads: readonly OnBoardLoad[], lang: Lang): HTMLElement | undefined {
  if (loads.length === 0) return undefined;
  const t = TEXT[lang].fleet;
  const list = el('ul', { className: 'cloads' });
  list.setAttribute('aria-label', t.loads);
  for (const l of loads) {
    const product = l.profileName ? productNameIn({ id: l.profile, name: l.profileName }, lang) : l.profile;
    const limit =
      l.maxCelsius === null ? '' : ` · ${TEXT[lang].common.limit} ${formatLimit(l.maxCelsius, lang)}`;
    const facts = t.loadFacts(formatWeight(l.weightKg, lang), l.recipient.name);
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
