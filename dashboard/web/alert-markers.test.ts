import { describe, expect, it } from 'vitest';
import type { AlertEpisode } from '../../core/alert-episode.ts';
import { alertMarkers } from './alert-markers.ts';

const episode = (
  id: string,
  compartment: string | null,
  transitions: AlertEpisode['transitions'],
): AlertEpisode => ({
  id,
  van: 'VAN-01',
  compartment,
  kind: compartment ? 'excursion' : 'van-offline',
  severity: compartment ? 'critical' : 'warning',
  state: 'resolved',
  startedAt: transitions[0]?.at ?? 0,
  detectedAt: transitions[0]?.at ?? 0,
  resolvedAt: null,
  limit: null,
  peak: null,
  acknowledgement: null,
  transitions,
});

describe('alert markers on a compartment’s chart', () => {
  it('marks opening, acknowledgement and resolution in the range, not escalations', () => {
    const alerts = [
      episode('A', 'chilled', [
        { to: 'open', at: 100 },
        { to: 'escalated', at: 150 },
        { to: 'acknowledged', at: 200, by: 'luc', reason: 'loading' },
        { to: 'resolved', at: 400 },
      ]),
      episode('B', 'frozen', [{ to: 'open', at: 120 }]),
      episode('C', null, [{ to: 'open', at: 50 }]),
    ];
    expect(alertMarkers(alerts, 'chilled', 60, 300).map((m) => [m.alert.id, m.kind, m.at])).toEqual([
      ['A', 'open', 100],
      ['A', 'acknowledged', 200],
    ]);
    // The van's own alerts show on every compartment.
    expect(alertMarkers(alerts, 'frozen', 0, 1000).map((m) => m.alert.id)).toEqual(['C', 'B']);
  });
});
