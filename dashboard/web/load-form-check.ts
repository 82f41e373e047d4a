import { LOAD_FIELDS, LoadRequest, loadFieldOf, type LoadField } from '../../core/loads/load-request.ts';
import { wallTimeToMs } from './van-range.ts';

/** What the load form's fields hold, as text (a `datetime-local` value for the pickup). */
export type LoadFormValues = Record<LoadField, string>;

export type LoadFormCheck = { ok: true; request: LoadRequest } | { ok: false; fields: LoadField[] };

/** A weight as people type it: `12,5` or `12.5`; anything else is not a number (NaN). */
const weight = (text: string) =>
  /^\s*-?\d+([.,]\d+)?\s*$/.test(text) ? Number(text.replace(',', '.')) : NaN;

/**
 * The form's values as the request the server takes, checked against the same schema the
 * server parses (core/loads/load-request.ts) so that the person hears of every wrong field at
 * once, in their language; the server then checks what only it knows (the fleet, the records).
 * Pure: unit-tested in Node.
 */
export function checkLoadForm(values: LoadFormValues): LoadFormCheck {
  const candidate = {
    profile: values.profile,
    weightKg: weight(values.weightKg),
    donor: {
      name: values['donor.name'],
      place: values['donor.place'],
      pickupAt: wallTimeToMs(values['donor.pickupAt']) ?? NaN,
    },
    recipient: { id: values['recipient.id'] },
    van: values.van,
    compartment: values.compartment,
  };
  const parsed = LoadRequest.safeParse(candidate);
  if (parsed.success) return { ok: true, request: parsed.data };
  const wrong = new Set(parsed.error.issues.map((i) => loadFieldOf(i.path)));
  return { ok: false, fields: LOAD_FIELDS.filter((f) => wrong.has(f)) };
}
