import type { AlertEpisode } from '../../core/alert-episode.ts';
import type { VanCalibrationStanding } from '../../core/calibration.ts';
import type { OnBoardLoad } from '../../core/api/on-board.ts';
import type { VanState } from '../../core/van-state.ts';
import type { AckController } from './alert-ack-controller.ts';
import { matchesFleetFilter, NO_FILTER, type FleetFilter } from './fleet-filter.ts';
import { sortFleet, troubleOf } from './fleet-order.ts';
import type { Lang } from '../text/lang.ts';
import { renderVanCard } from './van-card.ts';

export interface FleetView {
  /** A (re)connection's snapshot: what it does not list is gone. */
  replaceAll(vans: readonly VanState[]): void;
  update(van: VanState): void;
  setLanguage(lang: Lang): void;
  setFilter(filter: FleetFilter): void;
  /** Redraws a van's card after its alerts or loads changed. */
  refresh(van: string): void;
  /** Redraws every card (ages move on with the clock). */
  refreshAll(): void;
  /** Vans shown under the filter, and known in all. */
  counts(): { shown: number; total: number };
}

export interface FleetSources {
  alertsOf: (van: string) => AlertEpisode[];
  loadsOf: (van: string) => OnBoardLoad[];
  /** The van's recorder calibration standing (issue 16); absent: no badge. */
  calibrationOf?: (van: string) => VanCalibrationStanding | undefined;
  acks: AckController;
  /** Wall clock, ms (injected so that tests and the ages agree). */
  now: () => number;
  /** After the cards changed: the page updates its counts and empty notices. */
  changed: () => void;
}

/**
 * Keeps one card per van in `root`, vans in trouble first then by id (fleet-order.ts), those
 * the filter leaves out hidden. An update rebuilds only that van's card and moves only cards
 * out of place; the element that had the keyboard focus (a reason being chosen in an
 * acknowledgement form) gets it back after the move, so a live update never takes it away.
 */
export function createFleetView(root: HTMLElement, initial: Lang, src: FleetSources): FleetView {
  const states = new Map<string, VanState>();
  const cards = new Map<string, HTMLElement>();
  let lang = initial;
  let filter = NO_FILTER;

  const trouble = (s: VanState) => troubleOf(s, src.alertsOf(s.van));
  const build = (s: VanState) => {
    const alerts = src.alertsOf(s.van);
    cards.set(
      s.van,
      renderVanCard(s, lang, {
        now: src.now(),
        alerts,
        trouble: troubleOf(s, alerts),
        loads: src.loadsOf(s.van),
        calibration: src.calibrationOf?.(s.van),
        acks: src.acks,
      }),
    );
  };

  /** Puts the cards in order, shows those the filter keeps, and gives the focus back. */
  const arrange = () => {
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const order = sortFleet(states.values(), trouble);
    order.forEach((s, i) => {
      const card = cards.get(s.van)!;
      card.hidden = !matchesFleetFilter(s, trouble(s), filter);
      if (root.children[i] !== card) root.insertBefore(card, root.children[i] ?? null);
    });
    for (const node of [...root.children])
      if (!states.has((node as HTMLElement).dataset.van ?? '')) node.remove();
    if (focused && focused !== document.activeElement && focused.isConnected) focused.focus();
    src.changed();
  };

  /** Replaces one card in place (keeping the focused form, which the renderer reuses). */
  const rebuild = (van: string) => {
    const s = states.get(van);
    if (!s) return;
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const old = cards.get(van);
    build(s);
    if (old?.isConnected) old.replaceWith(cards.get(van)!);
    if (focused && focused !== document.activeElement && focused.isConnected) focused.focus();
  };

  const view: FleetView = {
    replaceAll(vans) {
      states.clear();
      for (const van of vans) states.set(van.van, van);
      for (const van of [...cards.keys()]) if (!states.has(van)) cards.delete(van);
      for (const s of states.values()) rebuild(s.van);
      arrange();
    },
    update(van) {
      states.set(van.van, van);
      rebuild(van.van);
      arrange();
    },
    refresh(van) {
      rebuild(van);
      arrange();
    },
    refreshAll() {
      for (const van of states.keys()) rebuild(van);
      arrange();
    },
    setLanguage(next) {
      lang = next;
      view.refreshAll();
    },
    setFilter(next) {
      filter = next;
      arrange();
    },
    counts() {
      const shown = [...states.values()].filter((s) => matchesFleetFilter(s, trouble(s), filter)).length;
      return { shown, total: states.size };
    },
  };
  return view;
}
