import { measureAlertLatency } from './alert-latency.ts';
import { measureBrokerCapacity } from './broker-capacity.ts';
import { measureDashboardStaleness } from './dashboard-staleness.ts';

type Measure = (options: { quick: boolean; log: (line: string) => void }) => Promise<Record<string, unknown>>;

/** The measures beside throughput (issue 14), under their keys in latest.json. */
const EXTRA_MEASURES: ReadonlyArray<{ key: string; measure: Measure }> = [
  { key: 'alertLatency', measure: measureAlertLatency },
  { key: 'dashboardStaleness', measure: measureDashboardStaleness },
  { key: 'brokerCapacity', measure: measureBrokerCapacity },
];

/** Runs each extra measure; one that fails is reported as such, the others still run. */
export async function runExtraMeasures(
  quick: boolean,
  log: (line: string) => void,
): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  for (const m of EXTRA_MEASURES) {
    log(`${m.key}…`);
    try {
      results[m.key] = await m.measure({ quick, log });
    } catch (err) {
      results[m.key] = { error: err instanceof Error ? err.message : String(err) };
    }
  }
  return results;
}
