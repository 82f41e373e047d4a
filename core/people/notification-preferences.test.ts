import { describe, expect, it } from 'vitest';
import type { AlertEpisode, AlertTransition } from '../alert-episode.ts';
import type { NotificationPreferences } from '../api/push.ts';
import type { AlertKind, AlertSeverity } from '../messages.ts';
import {
  defaultPreferences,
  effectivePreferences,
  recipients,
  refusedChoice,
  type Person,
} from './notification-preferences.ts';

const episode = (severity: AlertSeverity, kind: AlertKind, van = 'VAN-01'): AlertEpisode => ({
  id: 'a1',
  van,
  compartment: 'chilled',
  kind,
  severity,
  state: 'open',
  startedAt: 0,
  detectedAt: 0,
  resolvedAt: null,
  limit: 7,
  peak: 9,
  acknowledgement: null,
  transitions: [],
});
const notice = (severity: AlertSeverity, kind: AlertKind, to: AlertTransition['to'], van?: string) => ({
  episode: episode(severity, kind, van),
  transition: { to, at: 0 },
});

const driver: Person = { username: 'dina', role: 'driver', vans: ['VAN-01'] };
const otherDriver: Person = { username: 'oscar', role: 'driver', vans: ['VAN-02'] };
const coordinator: Person = { username: 'cora', role: 'coordinator', vans: [] };
const admin: Person = { username: 'ada', role: 'admin', vans: [] };
const association: Person = { username: 'asso', role: 'association', vans: [] };
const people = [driver, otherDriver, coordinator, admin, association];

const noWarnings: NotificationPreferences = {
  channels: {
    push: { severities: ['critical'], kinds: ['excursion', 'severe'] },
    sms: { severities: [], kinds: [] },
  },
  escalations: false,
};
const nothing: NotificationPreferences = {
  channels: { push: { severities: [], kinds: [] }, sms: { severities: [], kinds: [] } },
  escalations: false,
};
const smsCritical: NotificationPreferences = {
  channels: {
    push: { severities: [], kinds: [] },
    sms: { severities: ['critical'], kinds: ['excursion'] },
  },
  escalations: true,
};

describe('who hears of an alert transition, by which channel (issue 15)', () => {
  it.each([
    [
      'defaults: a critical opening reaches the van’s driver by push',
      notice('critical', 'excursion', 'open'),
      {},
      ['dina:push'],
    ],
    ['defaults: a warning too', notice('warning', 'door-open', 'open'), {}, ['dina:push']],
    ['defaults: the resolution as well', notice('critical', 'excursion', 'resolved'), {}, ['dina:push']],
    [
      'a driver hears only of their own vans',
      notice('critical', 'excursion', 'open', 'VAN-02'),
      {},
      ['oscar:push'],
    ],
    ['a van nobody drives: nobody by default', notice('critical', 'excursion', 'open', 'VAN-09'), {}, []],
    ['warnings off: no warning', notice('warning', 'door-open', 'open'), { dina: noWarnings }, []],
    [
      'warnings off: a critical opening still comes',
      notice('critical', 'severe', 'open'),
      { dina: noWarnings },
      ['dina:push'],
    ],
    [
      'everything off: a critical opening still comes by push',
      notice('critical', 'excursion', 'open'),
      { dina: nothing },
      ['dina:push'],
    ],
    [
      'everything off: its acknowledgement does not',
      notice('critical', 'excursion', 'acknowledged'),
      { dina: nothing },
      [],
    ],
    [
      'a driver never gets escalations',
      notice('critical', 'excursion', 'escalated'),
      { dina: smsCritical },
      ['cora:push', 'ada:push'],
    ],
    [
      'defaults: an escalation reaches coordinators and admins by push',
      notice('critical', 'excursion', 'escalated'),
      {},
      ['cora:push', 'ada:push'],
    ],
    ['a reminder too', notice('critical', 'excursion', 'reminded'), {}, ['cora:push', 'ada:push']],
    [
      'a coordinator who stored escalations off still gets them',
      notice('critical', 'excursion', 'escalated'),
      { cora: nothing },
      ['cora:push', 'ada:push'],
    ],
    [
      'an admin may turn them off',
      notice('critical', 'excursion', 'escalated'),
      { ada: nothing },
      ['cora:push'],
    ],
    [
      'SMS as chosen, escalations too',
      notice('critical', 'excursion', 'escalated'),
      { cora: smsCritical },
      ['cora:push', 'cora:sms', 'ada:push'],
    ],
    [
      'SMS of an opening, for any van, when a coordinator chose it',
      notice('critical', 'excursion', 'open', 'VAN-02'),
      { cora: smsCritical },
      ['oscar:push', 'cora:sms'],
    ],
    [
      'SMS only for the kinds chosen',
      notice('critical', 'severe', 'open', 'VAN-02'),
      { cora: smsCritical },
      ['oscar:push'],
    ],
    [
      'a driver’s SMS, when chosen',
      notice('critical', 'excursion', 'open'),
      { dina: smsCritical },
      ['dina:push', 'dina:sms'],
    ],
    [
      'association users: never, whatever is stored',
      notice('critical', 'excursion', 'open'),
      { asso: smsCritical },
      ['dina:push'],
    ],
  ] as const)('%s', (_name, n, stored, expected) => {
    const prefs = stored as Record<string, NotificationPreferences>;
    const got = recipients(n, people, (u) => prefs[u]).map((r) => `${r.username}:${r.channel}`);
    expect(got).toEqual(expected);
  });

  it('a disabled person hears nothing', () => {
    expect(
      recipients(notice('critical', 'excursion', 'open'), [{ ...driver, disabled: true }], () => undefined),
    ).toEqual([]);
  });

  it('keeps the rules that cannot be chosen away out of what may be stored', () => {
    expect(refusedChoice('coordinator', nothing)).toMatchObject({ field: 'escalations' });
    expect(refusedChoice('association', nothing)).toMatchObject({ field: 'channels' });
    expect(refusedChoice('admin', nothing)).toBeUndefined();
    expect(refusedChoice('driver', nothing)).toBeUndefined();
    expect(effectivePreferences('coordinator', nothing).escalations).toBe(true);
    expect(effectivePreferences('driver', undefined)).toEqual(defaultPreferences('driver'));
  });
});
