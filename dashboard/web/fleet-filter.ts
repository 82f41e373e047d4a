import type { Trouble } from './fleet-order.ts';

/**
 * The fleet page's filters (issue 12), kept in the address bar (`?show=alerts&q=van-0`) so a
 * reload or a shared link keeps them. Pure of the DOM.
 * - `show`: `all`; `alerts`: any unresolved alert; `critical`: an unresolved critical one;
 *   `offline`: the van is offline (whatever its alerts).
 * - `q`: part of the van id, any case.
 */
export const SHOW = ['all', 'alerts', 'critical', 'offline'] as const;
export type Show = (typeof SHOW)[number];
export interface FleetFilter {
  show: Show;
  q: string;
}
export const NO_FILTER: FleetFilter = { show: 'all', q: '' };

const isShow = (s: string | null): s is Show => (SHOW as readonly (string | null)[]).includes(s);

export function filterFromSearch(search: string): FleetFilter {
  const p = new URLSearchParams(search);
  const show = p.get('show');
  return { show: isShow(show) ? show : 'all', q: (p.get('q') ?? '').trim().slice(0, 40) };
}

/** The address bar's query with the filter in it: other parameters stay, defaults are left out. */
export function searchWithFilter(search: string, f: FleetFilter): string {
  const p = new URLSearchParams(search);
  p.delete('show');
  p.delete('q');
  if (f.show !== 'all') p.set('show', f.show);
  if (f.q.trim()) p.set('q', f.q.trim());
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function matchesFleetFilter(
  van: { van: string; online: boolean | null },
  trouble: Trouble,
  f: FleetFilter,
): boolean {
  if (f.q && !van.van.toLowerCase().includes(f.q.toLowerCase())) return false;
  switch (f.show) {
    case 'all':
      return true;
    case 'alerts':
      return trouble === 'critical' || trouble === 'warning';
    case 'critical':
      return trouble === 'critical';
    case 'offline':
      return van.online === false;
  }
}
