import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SETTINGS } from '../rule-settings.ts';
import {
  acknowledgeEpisode,
  escalateEpisode,
  isEscalated,
  openEpisode,
  resolveEpisode,
} from './alert-lifecycle.ts';
import { nextEscalationAt } from './escalation.ts';
import type { AlertRaised } from './rule-event.ts';

const raised: AlertRaised = {
  type: 'raise',
  van: 'VAN-01',
  compartment: 'chilled',
  kind: 'excursion',
  severity: 'critical',
  startedAt: 1_000,
  detectedAt: 2_000,
  limit: 7,
  peak: 9,
};

describe('alert lifecycle', () => {
  it('open → acknowledged → resolved, every transition kept', () => {
    const { episode } = openEpisode('a1', raised);
    const acked = acknowledgeEpisode(episode, {
      by: 'cab:VAN-01',
      at: 3_000,
      reason: 'reefer-fault',
      text: 'moteur',
      van: 'VAN-01',
    });
    if ('refused' in acked) throw new Error(acked.refused);
    const resolved = resolveEpisode(acked.episode, { ...raised, type: 'clear', clearedAt: 4_000, peak: 10 });
    expect(resolved?.episode).toMatchObject({
      state: 'resolved',
      resolvedAt: 4_000,
      peak: 10,
      acknowledgement: { by: 'cab:VAN-01', reason: 'reefer-fault', text: 'moteur' },
    });
    expect(resolved?.episode.transitions.map((t) => t.to)).toEqual(['open', 'acknowledged', 'resolved']);
  });

  it('refuses a second acknowledgement and one from another van', () => {
    const { episode } = openEpisode('a1', raised);
    expect(acknowledgeEpisode(episode, { by: 'x', at: 1, reason: 'other', van: 'VAN-02' })).toEqual({
      refused: 'wrong-van',
    });
    const once = acknowledgeEpisode(episode, { by: 'x', at: 1, reason: 'other' });
    if ('refused' in once) throw new Error(once.refused);
    expect(acknowledgeEpisode(once.episode, { by: 'y', at: 2, reason: 'loading' })).toEqual({
      refused: 'already-acknowledged',
    });
  });

  it('escalates a critical alert after the delay, then reminds at the interval, until acknowledged', () => {
    const { episode } = openEpisode('a1', raised);
    const s = { escalationDelayMs: 600_000, escalationReminderMs: 300_000 };
    expect(nextEscalationAt(episode, 50_000, 0, s)).toBe(650_000);
    const escalated = escalateEpisode(episode, 650_000);
    expect(escalated.transition.to).toBe('escalated');
    expect(isEscalated(escalated.episode)).toBe(true);
    expect(nextEscalationAt(escalated.episode, 50_000, 1, s)).toBe(950_000);
    expect(escalateEpisode(escalated.episode, 950_000).transition.to).toBe('reminded');
    const acked = acknowledgeEpisode(escalated.episode, { by: 'x', at: 1, reason: 'other' });
    if ('refused' in acked) throw new Error(acked.refused);
    expect(nextEscalationAt(acked.episode, 50_000, 1, DEFAULT_RULE_SETTINGS)).toBeNull();
  });

  it('never escalates a warning', () => {
    const { episode } = openEpisode('a1', { ...raised, severity: 'warning', kind: 'door-open' });
    expect(nextEscalationAt(episode, 0, 0, DEFAULT_RULE_SETTINGS)).toBeNull();
  });
});
