import { describe, expect, it } from 'vitest';
import type { AlertEpisode } from '../../core/alert-episode.ts';
import { ackTargets, groupByCause, matchesFilter } from './alert-groups.ts';

const T0 = Date.UTC(2026, 10, 26, 19, 0);
const ACK = { by: 'coco', at: T0 + 60_000, reason: 'reefer-fault' as const };

function episode(over: Partial<AlertEpisode> & Pick<AlertEpisode, 'id'>): AlertEpisode {
  return {
    van: 'VAN-01',
    compartment: 'chilled',
    kind: 'excursion',
    severity: 'critical',
    state: 'open',
    startedAt: T0,
    detectedAt: T0,
    resolvedAt: null,
    limit: 7,
    peak: 12,
    acknowledgement: null,
    transitions: [{ to: 'open', at: T0 }],
    ...over,
  };
}

describe('alert groups (one per cause)', () => {
  const excursion = episode({ id: 'a-exc' });
  const severe = episode({ id: 'a-sev', kind: 'severe', cause: 'a-exc', startedAt: T0 + 1 });
  const cumulative = episode({
    id: 'a-cum',
    kind: 'cumulative',
    severity: 'warning',
    cause: 'a-exc',
    startedAt: T0 + 2,
  });
  const door = episode({ id: 'a-door', kind: 'door-open', severity: 'warning', startedAt: T0 + 5 });

  it('puts the excursion, severe and cumulative of one breach in one group, the breach first', () => {
    const groups = groupByCause([cumulative, door, severe, excursion]);
    expect(groups.map((g) => [g.cause, g.members.map((m) => m.id)])).toEqual([
      ['a-door', ['a-door']],
      ['a-exc', ['a-exc', 'a-sev', 'a-cum']],
    ]);
    expect(groups[1]).toMatchObject({ severity: 'critical', state: 'open', acknowledgement: null });
    expect(groups[0]).toMatchObject({ severity: 'warning' });
  });

  it('names a group after the episode that opened the cause, even when another began at the same time', () => {
    const first = episode({ id: 'z-sev', kind: 'severe' });
    const same = episode({ id: 'a-exc2', cause: 'z-sev' });
    expect(groupByCause([same, first])[0]!.members.map((m) => m.id)).toEqual(['z-sev', 'a-exc2']);
  });

  it('reads a group escalated, acknowledged or resolved as its members are', () => {
    const escalated = {
      ...severe,
      transitions: [...severe.transitions, { to: 'escalated' as const, at: T0 }],
    };
    expect(groupByCause([excursion, escalated])[0]!.state).toBe('escalated');
    const acked = [excursion, severe].map((e) => ({
      ...e,
      state: 'acknowledged' as const,
      acknowledgement: ACK,
    }));
    expect(groupByCause(acked)[0]).toMatchObject({
      state: 'acknowledged',
      acknowledgement: ACK,
      pending: [],
    });
    const over = acked.map((e) => ({ ...e, state: 'resolved' as const }));
    expect(groupByCause(over)[0]!.state).toBe('resolved');
    // Resolved before anyone acted: still waiting for its corrective action.
    expect(groupByCause([{ ...excursion, state: 'resolved' }])[0]!.state).toBe('resolved');
  });

  it('acknowledges the unresolved members first (the server covers the rest of the cause), then the resolved', () => {
    const resolved = { ...cumulative, state: 'resolved' as const };
    const [group] = groupByCause([resolved, severe, excursion]);
    expect(ackTargets(group!).map((m) => m.id)).toEqual(['a-exc', 'a-sev', 'a-cum']);
  });

  it('keeps an episode arriving live only when the filters would list it', () => {
    expect(matchesFilter(severe, { van: 'VAN-01', severity: 'critical', kind: 'severe' })).toBe(true);
    expect(matchesFilter(severe, { van: 'VAN-02' })).toBe(false);
    expect(matchesFilter(severe, { state: 'resolved' })).toBe(false);
    expect(matchesFilter(severe, { from: T0 + 1, to: T0 + 1 })).toBe(true);
    expect(matchesFilter(severe, { from: T0 + 2 })).toBe(false);
  });
});
