import { appendFileSync } from 'node:fs';

/**
 * The figures every fault test of issue 13 reports, in readings (not messages): what the vans
 * generated and published, what a broker or ingest acknowledged, what the store holds (each
 * (van, seq) once), how many arrived more than once (and were stored once), and the longest
 * time from a fault to the system storing again.
 */
export interface FaultFigures {
  /** The fault, in a few words, e.g. `givre start SIGKILLed under full load`. */
  fault: string;
  sent: number;
  acknowledged: number;
  stored: number;
  duplicated: number;
  longestRecoveryMs: number;
  /** Anything else the fault measures, in a few words. */
  more?: string;
}

/**
 * Prints one line per fault (`fault summary | …`) for the test log, and appends it as JSON to
 * the file GIVRE_FAULT_SUMMARY names, when set, for the README's reliability table.
 */
export function reportFault(figures: FaultFigures): void {
  const seconds = (figures.longestRecoveryMs / 1000).toFixed(1);
  console.log(
    `fault summary | ${figures.fault} | sent ${figures.sent} | acknowledged ${figures.acknowledged} | ` +
      `stored ${figures.stored} | duplicated ${figures.duplicated} | longest recovery ${seconds} s` +
      (figures.more ? ` | ${figures.more}` : ''),
  );
  const file = process.env['GIVRE_FAULT_SUMMARY'];
  if (file) appendFileSync(file, `${JSON.stringify({ ...figures, at: new Date().toISOString() })}\n`);
}
