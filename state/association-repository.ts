import type { Association, AssociationInput, AssociationPatch } from '../core/associations/association.ts';
import type { StateDb } from './state-db.ts';

/** Associations (issue 12). Written by the dashboard (administrators) and the demo; everyone reads. */
export interface AssociationRepository {
  get(id: string): Association | undefined;
  /** Every association, active or not, by name. */
  list(): Association[];
  /** False when the id is taken: an association is never silently replaced. */
  add(input: AssociationInput, now: number): boolean;
  /** The association as changed, or undefined when there is none with that id. */
  update(id: string, patch: AssociationPatch, now: number): Association | undefined;
}

interface Row {
  id: string;
  name: string;
  address: string;
  contact: string;
  active: number;
  created_at: number;
  updated_at: number;
}

const toRecord = (row: Row): Association => ({
  id: row.id,
  name: row.name,
  address: row.address,
  contact: row.contact,
  active: row.active === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** One row per association; deactivated, never deleted, since loads and certificates name it. */
export function createAssociationRepository(db: StateDb): AssociationRepository {
  const byId = db.prepare<[string], Row>('SELECT * FROM associations WHERE id = ?');
  // By name (SQLite's NOCASE folds ASCII letters only; pages sort with the reader's locale).
  const all = db.prepare<[], Row>('SELECT * FROM associations ORDER BY name COLLATE NOCASE, id');
  const insert = db.prepare(`
    INSERT INTO associations (id, name, address, contact, active, created_at, updated_at)
    VALUES (@id, @name, @address, @contact, 1, @now, @now) ON CONFLICT (id) DO NOTHING`);
  const change = db.prepare(`
    UPDATE associations SET name = COALESCE(@name, name), address = COALESCE(@address, address),
      contact = COALESCE(@contact, contact), active = COALESCE(@active, active), updated_at = @now
    WHERE id = @id`);
  const get = (id: string) => {
    const row = byId.get(id);
    return row ? toRecord(row) : undefined;
  };
  return {
    get,
    list: () => all.all().map(toRecord),
    add: (input, now) => insert.run({ ...input, now }).changes > 0,
    update(id, patch, now) {
      const done = change.run({
        id,
        now,
        name: patch.name ?? null,
        address: patch.address ?? null,
        contact: patch.contact ?? null,
        active: patch.active === undefined ? null : patch.active ? 1 : 0,
      });
      return done.changes > 0 ? get(id) : undefined;
    },
  };
}
