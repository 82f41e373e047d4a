import { describe, expect, it } from 'vitest';
import { filterFromSearch, matchesFleetFilter, searchWithFilter } from './fleet-filter.ts';

describe('the fleet filters, in the address bar', () => {
  it('reads them from the query, ignoring what it does not know', () => {
    expect(filterFromSearch('?show=offline&q=%20van-0%20')).toEqual({ show: 'offline', q: 'van-0' });
    expect(filterFromSearch('?show=everything')).toEqual({ show: 'all', q: '' });
    expect(filterFromSearch('')).toEqual({ show: 'all', q: '' });
  });

  it('writes them back, keeping other parameters and leaving defaults out', () => {
    expect(searchWithFilter('?lang=en', { show: 'alerts', q: 'VAN-02' })).toBe(
      '?lang=en&show=alerts&q=VAN-02',
    );
    expect(searchWithFilter('?show=alerts&q=x', { show: 'all', q: '' })).toBe('');
    const round = searchWithFilter('', { show: 'critical', q: 'van 1' });
    expect(filterFromSearch(round)).toEqual({ show: 'critical', q: 'van 1' });
  });

  it.each([
    ['all', '', 'none', true, true],
    ['alerts', '', 'warning', true, true],
    ['alerts', '', 'critical', true, true],
    ['alerts', '', 'offline', false, false],
    ['critical', '', 'warning', true, false],
    ['critical', '', 'critical', true, true],
    // Offline means offline, whatever its alerts (the van-offline warning is one).
    ['offline', '', 'warning', false, true],
    ['offline', '', 'none', true, false],
    ['all', 'van-0', 'none', true, true],
    ['all', 'VAN-9', 'none', true, false],
  ] as const)('show=%s q=%s: a van %s (online %s) is shown: %s', (show, q, trouble, online, want) => {
    expect(matchesFleetFilter({ van: 'VAN-01', online }, trouble, { show, q })).toBe(want);
  });
});
