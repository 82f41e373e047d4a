import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Load } from '../core/loads/load.ts';
import { createLoadRepository } from './load-repository.ts';
import { loadFixture } from './load-test-fixtures.ts';
import { openStateDb } from './state-db.ts';

const T = Date.UTC(2026, 10, 26, 18, 0, 0);
const load = (id: string, status: Load['status'], profile = 'minced-meat') =>
  loadFixture(id, status, { profile, at: T });
const event = { type: 'edited' as const, at: T, by: 'test' };

describe('load repository: what is on board', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('follows pickups and deliveries made here and in another process', () => {
    const dir = mkdtempSync(join(tmpdir(), 'givre-loads-'));
    dirs.push(dir);
    const db = openStateDb(join(dir, 'state.db'));
    let now = T;
    const repo = createLoadRepository(db, { recheckMs: 1_000, now: () => now });
    repo.save(load('LD-1', 'picked-up'), event);
    expect(repo.onBoardProfiles('VAN-01', 'chilled')).toEqual(['minced-meat']);
    expect(repo.onBoardLoads('VAN-01', 'chilled')).toEqual([{ id: 'LD-1', pickedUpAt: T }]);

    repo.save(load('LD-1', 'delivered'), event);
    expect(repo.onBoardProfiles('VAN-01', 'chilled')).toEqual([]);

    // Another process (here: another connection) picks up a load: seen within `recheckMs`.
    const other = openStateDb(join(dir, 'state.db'));
    createLoadRepository(other).save(load('LD-2', 'picked-up', 'dairy'), event);
    other.close();
    expect(repo.onBoardProfiles('VAN-01', 'chilled')).toEqual([]);
    now += 1_000;
    expect(repo.onBoardProfiles('VAN-01', 'chilled')).toEqual(['dairy']);
    expect(repo.onBoardProfiles('VAN-01', 'frozen')).toEqual([]);
    db.close();
  });
});
