import { can, seesWholeFleet } from '../../core/people/authz.ts';
import type { Principal } from '../../core/people/principal.ts';

/**
 * Lists under a person's scope without breaking `limit`: a fleet-wide user queries as asked;
 * a driver queries each bound van (the store filters, so `limit` still means the newest N);
 * an association has its `recipient` forced. A filter outside the scope yields nothing —
 * the same answer as a filter that matches nothing.
 */
export function scopedList<T, F extends { van?: string; recipient?: string; limit: number }>(
  user: Principal,
  filter: F,
  list: (filter: F) => T[],
  newestFirst: (a: T, b: T) => number,
  /** Loads are scoped for associations by recipient; alerts and vans are not theirs to see. */
  byRecipient: boolean,
): T[] {
  if (seesWholeFleet(user)) return list(filter);
  if (user.role === 'association') {
    if (!byRecipient) return [];
    if (filter.recipient !== undefined && filter.recipient !== user.association) return [];
    return user.association === null ? [] : list({ ...filter, recipient: user.association });
  }
  const vans = filter.van !== undefined ? [filter.van] : user.vans;
  return vans
    .filter((van) => can(user, 'van:read', { van }))
    .flatMap((van) => list({ ...filter, van }))
    .sort(newestFirst)
    .slice(0, filter.limit);
}
