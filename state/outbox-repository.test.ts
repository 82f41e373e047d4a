import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { escalateEpisode } from '../core/alerts/alert-lifecycle.ts';
import { alertsWithOutbox, recordOpenedAndResolved } from './outbox-test-fixtures.ts';
import { openStateDb } from './state-db.ts';

describe('alert outbox (issue 13: durable side effects)', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const stateFile = () => {
    const dir = mkdtempSync(join(tmpdir(), 'givre-outbox-'));
    dirs.push(dir);
    return join(dir, 'state.db');
  };

  it('owes each stored transition to each channel, in order, with a stable id, and keeps it across a reopening', () => {
    const file = stateFile();
    const db = openStateDb(file);
    const { alerts } = alertsWithOutbox(db);
    const [opened, resolved] = recordOpenedAndResolved(alerts, 'VAN-01');
    db.close();

    // A new process (a restart after a crash) finds the same deliveries owed.
    const { outbox } = alertsWithOutbox(openStateDb(file));
    const webhook = outbox.owed('webhook', 10);
    expect(webhook.map((d) => d.id)).toEqual([`${opened}.webhook`, `${resolved}.webhook`]);
    expect(webhook.map((d) => d.notice.transition.to)).toEqual(['open', 'resolved']);
    expect(webhook[1]!.notice.episode.state).toBe('resolved');
    expect(outbox.owed('van', 10).map((d) => d.id)).toEqual([`${opened}.van`, `${resolved}.van`]);
    expect(outbox.count('webhook')).toBe(2);
  });

  it('keeps a failed delivery owed, counting its attempts, and lets a settled one go', () => {
    const { alerts, outbox } = alertsWithOutbox(openStateDb(':memory:'));
    const [opened] = recordOpenedAndResolved(alerts, 'VAN-01');
    outbox.failed(`${opened}.webhook`, 'connect ECONNREFUSED', Date.now());
    outbox.failed(`${opened}.webhook`, 'HTTP 503', Date.now());
    expect(outbox.owed('webhook', 1)[0]).toMatchObject({ id: `${opened}.webhook`, attempts: 2 });
    outbox.settle(`${opened}.webhook`);
    expect(outbox.count('webhook')).toBe(1);
    // The van channel is separate: the webhook's troubles leave its deliveries untouched.
    expect(outbox.count('van')).toBe(2);
  });

  it('stores no transition whose deliveries could not be owed: both are one transaction', () => {
    const db = openStateDb(':memory:');
    const { alerts, outbox } = alertsWithOutbox(db);
    recordOpenedAndResolved(alerts, 'VAN-01');
    const lastSeq = alerts.lastSeq();
    // The outbox refuses the next write (a full disk, say): the transition must not stay stored without it.
    db.exec(
      "CREATE TRIGGER outbox_full BEFORE INSERT ON alert_outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    expect(() => recordOpenedAndResolved(alerts, 'VAN-02')).toThrow('disk full');
    expect(alerts.lastSeq()).toBe(lastSeq);
    expect(alerts.list({ van: 'VAN-02', limit: 1 })).toEqual([]);
    expect(outbox.count('webhook')).toBe(2);
  });

  it('sends escalations and reminders to the webhook only, not to the cab', () => {
    const { alerts, outbox } = alertsWithOutbox(openStateDb(':memory:'));
    recordOpenedAndResolved(alerts, 'VAN-01');
    const episode = alerts.list({ limit: 1 })[0]!;
    const step = escalateEpisode({ ...episode, state: 'open' }, Date.now());
    alerts.record(step.episode, step.transition, { raisedAt: 0, escalations: 1 });
    expect(outbox.owed('webhook', 10).map((d) => d.notice.transition.to)).toEqual([
      'open',
      'resolved',
      'escalated',
    ]);
    expect(outbox.owed('van', 10).map((d) => d.notice.transition.to)).toEqual(['open', 'resolved']);
  });
});
