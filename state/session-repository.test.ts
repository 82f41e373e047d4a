import { afterEach, describe, expect, it } from 'vitest';
import { createSessionRepository } from './session-repository.ts';
import { openStateDb, type StateDb } from './state-db.ts';

const H = 3_600_000;

describe('session repository', () => {
  let db: StateDb;
  afterEach(() => db.close());

  it('ends a session after 12 h idle, and any session after 7 days however busy', () => {
    db = openStateDb(':memory:');
    const sessions = createSessionRepository(db);
    const { id, session } = sessions.create('marie', 0, 'stamp');
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sessions.touch(id, 11 * H)?.csrfToken).toBe(session.csrfToken);
    expect(sessions.touch(id, 22 * H)).toBeDefined(); // idle timer restarted at 11 h
    expect(sessions.touch(id, 34 * H + 1)).toBeUndefined();

    const busy = sessions.create('luc', 0, 'stamp').id;
    for (let t = 10 * H; t < 7 * 24 * H; t += 10 * H) expect(sessions.touch(busy, t)).toBeDefined();
    expect(sessions.touch(busy, 7 * 24 * H + 1)).toBeUndefined();
  });

  it('stores no usable cookie value, and signs a user out everywhere', () => {
    db = openStateDb(':memory:');
    const sessions = createSessionRepository(db);
    const a = sessions.create('marie', 0, 'stamp').id;
    const b = sessions.create('marie', 0, 'stamp').id;
    const rows = db.prepare('SELECT id_hash FROM sessions').all() as Array<{ id_hash: string }>;
    expect(rows.map((r) => r.id_hash)).not.toContain(a);
    sessions.deleteForUser('marie');
    expect(sessions.touch(a, 1)).toBeUndefined();
    expect(sessions.touch(b, 1)).toBeUndefined();
  });
});
