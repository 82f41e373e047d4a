import type { Load } from '../loads/load.ts';
import type { ProductProfile } from '../product-profiles.ts';
import type { Reading } from '../readings.ts';
import type { ComplianceReport } from './compliance-report.ts';
import { dispose, type DispositionAnswer } from './disposition.ts';
import { doorOpenIntervals } from './door-intervals.ts';
import {
  DEFAULT_TIME_OUT_OF_COLD_BUDGET,
  timeOutOfCold,
  type TimeOutOfCold,
  type TimeOutOfColdBudget,
} from './time-out-of-cold.ts';

/** What a certificate states about a load's time out of cold and what the charity may do with it (issue 16). */
export interface LoadColdChain {
  timeOutOfCold: TimeOutOfCold;
  /** Only for a delivered load whose date marking was recorded at pickup. */
  disposition?: DispositionAnswer;
}

/**
 * Time out of cold and disposition of a delivered (or rejected) load, from the records its
 * certificate was computed from (`readingsOfLoad`: pickup → delivery) and the report.
 *
 * The door part is known when the compartment recorded during the load and no record of the
 * van is missing by `seq` (`report.records.complete`): vans report every change of each
 * compartment's door, so a compartment that recorded and reported no change kept its door
 * shut. With no record of the compartment at all, or a record missing (it may have been the
 * opening), nothing vouches for the door and the part is unknown. A door already open at
 * pickup counts from the first record saying so. Pure.
 */
export function loadColdChain(
  load: Pick<Load, 'compartment' | 'status' | 'pickedUpAt' | 'deliveredAt' | 'pickup' | 'delivery'>,
  readings: readonly Reading[],
  report: Pick<ComplianceReport, 'verdict' | 'records'>,
  profile: ProductProfile,
  budget: TimeOutOfColdBudget = DEFAULT_TIME_OUT_OF_COLD_BUDGET,
): LoadColdChain {
  const from = load.pickedUpAt!;
  const to = load.deliveredAt!;
  const mine = readings.filter((r) => 'compartment' in r && r.compartment === load.compartment);
  const doors = mine.flatMap((r) => (r.kind === 'door' ? [{ ts: r.ts, open: r.open }] : []));
  const vouched = mine.length > 0 && report.records.complete;
  const time = timeOutOfCold(
    {
      period: { from, to },
      doorOpen: vouched ? doorOpenIntervals(doors, to) : undefined,
      donorHandOverMinutes: load.pickup?.donorHandOverMinutes,
      charityHandOverMinutes: load.delivery?.charityHandOverMinutes,
    },
    profile,
    budget,
  );
  const marking = load.pickup?.marking;
  if (!marking || load.status !== 'delivered') return { timeOutOfCold: time };
  return {
    timeOutOfCold: time,
    disposition: dispose({ marking, deliveredAt: to, profile, verdict: report.verdict }),
  };
}
