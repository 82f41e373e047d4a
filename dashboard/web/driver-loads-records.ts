import type { z } from 'zod';
import { DeliveryRecord, PickupRecord, type DateMarkingKind } from '../../core/loads/date-marking.ts';

/** What the driver is entering at pickup (issue 16), as typed: kept outside the DOM like the reception draft. */
export interface PickupDraft {
  loadId: string;
  /** `null`: the driver did not record the label's date. */
  kind: DateMarkingKind | null;
  /** `YYYY-MM-DD` as `<input type="date">` gives it; '' when empty. */
  date: string;
  frozenByDonor: boolean;
  frozenOn: string;
  /** Donor hand-over minutes as typed; pre-filled with the donor's default. */
  handOver: string;
}

/** The fields a pickup or delivery error points at, each shown beside its input. */
export type RecordField = 'date' | 'frozenOn' | 'handOver';
export type RecordErrors = Partial<Record<RecordField, true>>;

type Outcome<T> = { ok: true; record: T } | { ok: false; errors: RecordErrors };

/** Minutes as typed ('' is not recorded); anything but a number is kept as NaN, for the schema to refuse. */
const minutesOf = (typed: string): number | undefined =>
  typed.trim() === '' ? undefined : Number(typed.trim().replace(',', '.'));

/** The field of a schema issue's path (`marking.date` → `date`). */
function fieldOf(path: readonly PropertyKey[]): RecordField {
  const last = String(path.at(-1));
  if (last === 'date' || last === 'frozenOn') return last;
  return 'handOver';
}

function checked<T>(schema: z.ZodType<T>, value: unknown): Outcome<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, record: parsed.data };
  return { ok: false, errors: Object.fromEntries(parsed.error.issues.map((i) => [fieldOf(i.path), true])) };
}

/**
 * The pickup record from the driver's entries, checked against the same schema the server
 * applies (core/loads/date-marking.ts), so the driver sees the error beside the field before
 * anything is sent. A kind chosen without its date, or "frozen" without its day, is an error;
 * nothing chosen and no minutes is an empty record, which the server takes as "not recorded".
 */
export function pickupRecordOf(d: PickupDraft): Outcome<PickupRecord> {
  const minutes = minutesOf(d.handOver);
  const marking =
    d.kind === null
      ? undefined
      : {
          kind: d.kind,
          date: d.date,
          frozenByDonor: d.frozenByDonor,
          ...(d.frozenByDonor ? { frozenOn: d.frozenOn } : {}),
        };
  return checked(PickupRecord, {
    ...(marking ? { marking } : {}),
    ...(minutes !== undefined ? { donorHandOverMinutes: minutes } : {}),
  });
}

/** The delivery record from the charity hand-over minutes as typed ('' is not recorded). */
export function deliveryRecordOf(handOver: string): Outcome<DeliveryRecord> {
  const minutes = minutesOf(handOver);
  return checked(DeliveryRecord, minutes === undefined ? {} : { charityHandOverMinutes: minutes });
}
