import type { AlertEpisode } from '../../core/alert-episode.ts';
import type { VanState } from '../../core/van-state.ts';
import type { Lang } from './i18n.ts';
import { renderVanCard } from './van-card.ts';

export interface FleetView {
  /** A (re)connection's snapshot: what it does not list is gone. */
  replaceAll(vans: readonly VanState[]): void;
  update(van: VanState): void;
  setLanguage(lang: Lang): void;
  /** Redraws a van's card after its alerts changed. */
  refresh(van: string): void;
}

/**
 * Keeps one card per van in `root`, sorted by van id. An update replaces only that van's
 * card, so the rest of the page (scroll, text selection) is left alone.
 */
export function createFleetView(
  root: HTMLElement,
  empty: HTMLElement,
  initial: Lang,
  alertsOf: (van: string) => AlertEpisode[] = () => [],
): FleetView {
  const states = new Map<string, VanState>();
  const cards = new Map<string, HTMLElement>();
  let lang = initial;

  const place = (state: VanState) => {
    const card = renderVanCard(state, lang, Date.now(), alertsOf(state.van));
    const old = cards.get(state.van);
    cards.set(state.van, card);
    if (old) return old.replaceWith(card);
    const next = [...cards.keys()].sort().find((van) => van > state.van);
    root.insertBefore(card, next === undefined ? null : (cards.get(next) ?? null));
  };
  const showEmpty = () => {
    empty.hidden = states.size > 0;
  };

  return {
    replaceAll(vans) {
      states.clear();
      cards.clear();
      root.replaceChildren();
      for (const van of vans) states.set(van.van, van);
      for (const van of [...states.keys()].sort()) place(states.get(van)!);
      showEmpty();
    },
    update(van) {
      states.set(van.van, van);
      place(van);
      showEmpty();
    },
    refresh(van) {
      const state = states.get(van);
      if (state) place(state);
    },
    setLanguage(next) {
      lang = next;
      for (const state of states.values()) place(state);
    },
  };
}
