import type { CalibrationRecord } from '../core/calibration.ts';
import type { StateDb } from './state-db.ts';

/** What an admin enters; the repository adds the id. */
export type NewCalibrationRecord = Omit<CalibrationRecord, 'id'>;

/**
 * Calibration records in the state store (issue 16): written by the dashboard (admins), read
 * by the dashboard (fleet page, admin page) and by ingest when it signs a certificate. Only
 * ever added to: a new record supersedes an older one (core/calibration.ts `recordsInForce`),
 * none is changed or deleted, so the history stays visible.
 */
export interface CalibrationRepository {
  add(record: NewCalibrationRecord): CalibrationRecord;
  /** A van's records, oldest entry first: its whole history. */
  of(van: string): CalibrationRecord[];
  /** Every van's records, oldest entry first (the fleet page). */
  all(): CalibrationRecord[];
}

interface Row {
  id: number;
  van: string;
  target: string;
  verified_on: string;
  laboratory: string;
  reference: string;
  next_due_on: string;
  entered_by: string;
  entered_at: number;
}

const toRecord = (r: Row): CalibrationRecord => ({
  id: String(r.id),
  van: r.van,
  target: r.target,
  verifiedOn: r.verified_on,
  laboratory: r.laboratory,
  reference: r.reference,
  nextDueOn: r.next_due_on,
  enteredBy: r.entered_by,
  enteredAt: r.entered_at,
});

export function createCalibrationRepository(db: StateDb): CalibrationRepository {
  const insert = db.prepare(
    `INSERT INTO calibration_records
       (van, target, verified_on, laboratory, reference, next_due_on, entered_by, entered_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare<[number], Row>('SELECT * FROM calibration_records WHERE id = ?');
  const byVan = db.prepare<[string], Row>('SELECT * FROM calibration_records WHERE van = ? ORDER BY id');
  const every = db.prepare<[], Row>('SELECT * FROM calibration_records ORDER BY id');
  return {
    add(r) {
      const { lastInsertRowid } = insert.run(
        r.van,
        r.target,
        r.verifiedOn,
        r.laboratory,
        r.reference,
        r.nextDueOn,
        r.enteredBy,
        r.enteredAt,
      );
      return toRecord(byId.get(Number(lastInsertRowid))!);
    },
    of: (van) => byVan.all(van).map(toRecord),
    all: () => every.all().map(toRecord),
  };
}
