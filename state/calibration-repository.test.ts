import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordsInForce } from '../core/calibration.ts';
import { createCalibrationRepository, type NewCalibrationRecord } from './calibration-repository.ts';
import { openStateDb, type StateDb } from './state-db.ts';

const entry = (over: Partial<NewCalibrationRecord> = {}): NewCalibrationRecord => ({
  van: 'VAN-01',
  target: 'recorder',
  verifiedOn: '2025-03-03',
  laboratory: 'Labo Étalon sprl',
  reference: 'CAL-2025-017',
  nextDueOn: '2026-03-03',
  enteredBy: 'ana',
  enteredAt: 1_000,
  ...over,
});

describe('calibration records in the state store (issue 16, EN 13486)', () => {
  const dbs: StateDb[] = [];
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
  });
  const open = (path = ':memory:') => {
    const db = openStateDb(path);
    dbs.push(db);
    return db;
  };

  it('stores what was entered, with who and when, and gives it back per van', () => {
    const repo = createCalibrationRepository(open());
    const added = repo.add(entry());
    repo.add(entry({ van: 'VAN-02', target: 'T1' }));
    expect(added).toEqual({ id: added.id, ...entry() });
    expect(repo.of('VAN-01')).toEqual([added]);
    expect(repo.of('VAN-03')).toEqual([]);
    expect(repo.all().map((r) => r.van)).toEqual(['VAN-01', 'VAN-02']);
  });

  it('keeps the superseded record: the history shows both, the newer is in force', () => {
    const repo = createCalibrationRepository(open());
    repo.add(entry());
    repo.add(
      entry({
        verifiedOn: '2026-02-20',
        reference: 'CAL-2026-004',
        nextDueOn: '2027-02-20',
        enteredAt: 2_000,
      }),
    );
    const history = repo.of('VAN-01');
    expect(history.map((r) => r.reference)).toEqual(['CAL-2025-017', 'CAL-2026-004']);
    expect(recordsInForce(history, '2026-03-01').map((r) => r.reference)).toEqual(['CAL-2026-004']);
  });

  it('survives closing and opening the store again (the migration owns the table)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'givre-cal-'));
    try {
      const path = join(dir, 'state.db');
      const first = open(path);
      createCalibrationRepository(first).add(entry());
      first.close();
      dbs.splice(dbs.indexOf(first), 1);
      expect(createCalibrationRepository(open(path)).of('VAN-01')).toHaveLength(1);
    } finally {
      for (const db of dbs.splice(0)) db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
