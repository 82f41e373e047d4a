/**
 * Recorder evidence (issue 16, EN 13486): each van's recorder and each of its sensors has
 * calibration or periodic-verification records. The standing of a van at an instant is worked
 * out here, pure, in calendar days as the depot counts them (Europe/Brussels).
 */

/** The fleet page flags a target this many calendar days before its next due date, and on it. */
export const CALIBRATION_SOON_DAYS = 30;

/** The recorder as a whole; any other target is a sensor id as the van reports it (`T1`, `REAR`). */
export const RECORDER_TARGET = 'recorder';

/**
 * `valid`: next due more than 30 days ahead. `due-soon`: due within 30 days, the due day
 * included. `overdue`: the due day has passed. `unknown`: nothing on record.
 */
export type CalibrationStanding = 'valid' | 'due-soon' | 'overdue' | 'unknown';

/** One verification or calibration as entered; a later one for the same target supersedes it, none is deleted. */
export interface CalibrationRecord {
  id: string;
  van: string;
  /** `recorder` or a sensor id. */
  target: string;
  /** Calendar day of the verification or calibration, `YYYY-MM-DD`. */
  verifiedOn: string;
  /** The laboratory, or the method of an in-house verification. */
  laboratory: string;
  /** The calibration certificate's or verification report's reference. */
  reference: string;
  /** Calendar day by which the next one is due, `YYYY-MM-DD`. */
  nextDueOn: string;
  enteredBy: string;
  /** Wall time of entry, ms. */
  enteredAt: number;
}

/** The calendar day of an instant in Brussels, `YYYY-MM-DD`. */
export function brusselsDate(at: number): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Brussels',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** Calendar days from `from` to `to` (both `YYYY-MM-DD`): positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  const day = (d: string) =>
    Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((day(to) - day(from)) / 86_400_000);
}

/** The standing of one target whose next verification is due on `nextDueOn`, on calendar day `today`. */
export function standingOn(nextDueOn: string, today: string): Exclude<CalibrationStanding, 'unknown'> {
  const left = daysBetween(today, nextDueOn);
  if (left < 0) return 'overdue';
  return left <= CALIBRATION_SOON_DAYS ? 'due-soon' : 'valid';
}

/**
 * The record in force for each target on calendar day `day`: the latest verified on or before
 * it (a record verified later is not yet evidence), the latest entered among those of one day.
 * Ordered by target, `recorder` first.
 */
export function recordsInForce(records: readonly CalibrationRecord[], day: string): CalibrationRecord[] {
  const latest = new Map<string, CalibrationRecord>();
  for (const r of records) {
    if (r.verifiedOn > day) continue;
    const seen = latest.get(r.target);
    if (
      !seen ||
      r.verifiedOn > seen.verifiedOn ||
      (r.verifiedOn === seen.verifiedOn && r.enteredAt >= seen.enteredAt)
    )
      latest.set(r.target, r);
  }
  return [...latest.values()].sort((a, b) =>
    a.target === b.target
      ? 0
      : a.target === RECORDER_TARGET
        ? -1
        : b.target === RECORDER_TARGET
          ? 1
          : a.target < b.target
            ? -1
            : 1,
  );
}

/**
 * The records in force when a load was picked up whose next due day had passed by its
 * delivery (Brussels days): the load travelled with an overdue recorder or sensor.
 */
export function overdueDuring<R extends Pick<CalibrationRecord, 'nextDueOn'>>(
  inForce: readonly R[],
  deliveredAt: number,
): R[] {
  const last = brusselsDate(deliveredAt);
  return inForce.filter((r) => r.nextDueOn < last);
}

/** Worst first: what needs doing comes before what is only missing, and both before what is fine. */
const RANK: Record<CalibrationStanding, number> = { overdue: 3, unknown: 2, 'due-soon': 1, valid: 0 };

export interface VanCalibrationStanding {
  standing: CalibrationStanding;
  /** The earliest next due date among the records in force, `YYYY-MM-DD`; null when none. */
  nextDueOn: string | null;
}

/**
 * A van's standing at instant `at`: the worst of its recorder and its sensors. The recorder
 * always counts (no record for it: `unknown`); a sensor counts once it has a record.
 */
export function vanStanding(records: readonly CalibrationRecord[], at: number): VanCalibrationStanding {
  const today = brusselsDate(at);
  const inForce = recordsInForce(records, today);
  const standings: CalibrationStanding[] = inForce.map((r) => standingOn(r.nextDueOn, today));
  if (!inForce.some((r) => r.target === RECORDER_TARGET)) standings.push('unknown');
  const standing = standings.reduce((w, s) => (RANK[s] > RANK[w] ? s : w), 'valid');
  const dues = inForce.map((r) => r.nextDueOn).sort();
  return { standing, nextDueOn: dues[0] ?? null };
}
