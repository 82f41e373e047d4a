/** A door event as the history API gives it (device time, ms). */
export interface DoorSample {
  ts: number;
  open: boolean;
}

/** A span with the door open, ms; `end` is `null` while it is still open. */
export interface DoorBand {
  start: number;
  end: number | null;
}

/**
 * The spans where a compartment's door was open, from its door records in device-time order.
 * Vans report the door's state at every record, not only its changes, so a band runs from the
 * first `open` record to the first `closed` one after it. A door already open when the range
 * begins shows from its first record in the range: nothing earlier is asked for. Pure.
 */
export function doorBands(samples: readonly DoorSample[]): DoorBand[] {
  const bands: DoorBand[] = [];
  let openSince: number | null = null;
  for (const s of samples) {
    if (s.open && openSince === null) openSince = s.ts;
    else if (!s.open && openSince !== null) {
      bands.push({ start: openSince, end: s.ts });
      openSince = null;
    }
  }
  if (openSince !== null) bands.push({ start: openSince, end: null });
  return bands;
}

/** Folds one live door record into the bands (the live channel sends the latest state). */
export function withDoorSample(bands: readonly DoorBand[], sample: DoorSample): DoorBand[] {
  const last = bands.at(-1);
  if (sample.open)
    return last && last.end === null ? [...bands] : [...bands, { start: sample.ts, end: null }];
  if (last && last.end === null && sample.ts >= last.start)
    return [...bands.slice(0, -1), { start: last.start, end: sample.ts }];
  return [...bands];
}
