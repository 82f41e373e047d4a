import { OnBoardLoads, type OnBoardLoad } from '../../core/api/on-board.ts';
import { apiJson } from './api-client.ts';

/** How long triggers are gathered into one request, ms: an alert of one breach brings several transitions. */
const GATHER_MS = 300;

export interface OnBoardFeed {
  of(van: string): OnBoardLoad[];
  /** Reads the loads again soon (several calls close together make one request). */
  refresh(): void;
}

/**
 * The loads on board and their standing so far, from `GET /api/fleet/loads` (issue 12).
 * Read at every (re)connection and when an alert or a van's loads change — never per
 * reading. `changed` gets the vans whose loads now read differently.
 */
export function createOnBoardFeed(changed: (vans: Set<string>) => void): OnBoardFeed {
  let byVan = new Map<string, OnBoardLoad[]>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const load = async () => {
    let list: OnBoardLoad[];
    try {
      list = await apiJson(OnBoardLoads, '/api/fleet/loads');
    } catch {
      return; // away or refused: the last known stays; the next trigger (reconnection) reads again
    }
    const next = new Map<string, OnBoardLoad[]>();
    for (const l of list) next.set(l.van, [...(next.get(l.van) ?? []), l]);
    const vans = new Set<string>();
    for (const van of new Set([...byVan.keys(), ...next.keys()]))
      if (JSON.stringify(byVan.get(van)) !== JSON.stringify(next.get(van))) vans.add(van);
    byVan = next;
    if (vans.size > 0) changed(vans);
  };
  return {
    of: (van) => byVan.get(van) ?? [],
    refresh() {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        void load();
      }, GATHER_MS);
    },
  };
}
