import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Measures written beside this one (issue 14), each run when its file exists. */
const EXTRA_MEASURES = [
  { key: 'alertLatency', file: 'bench/alert-latency.ts', exported: 'measureAlertLatency' },
  { key: 'dashboardStaleness', file: 'bench/dashboard-staleness.ts', exported: 'measureDashboardStaleness' },
  { key: 'brokerCapacity', file: 'bench/broker-capacity.ts', exported: 'measureBrokerCapacity' },
] as const;

type Measure = (options: { quick: boolean; log: (line: string) => void }) => Promise<Record<string, unknown>>;

/** Runs each extra measure present; one that fails is reported as such, the others still run. */
export async function runExtraMeasures(
  quick: boolean,
  log: (line: string) => void,
): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  for (const m of EXTRA_MEASURES) {
    if (!existsSync(resolve(m.file))) continue;
    log(`${m.key}: ${m.file}…`);
    try {
      const module = (await import(pathToFileURL(resolve(m.file)).href)) as Record<string, unknown>;
      const measure = module[m.exported];
      if (typeof measure !== 'function') throw new Error(`${m.file} exports no ${m.exported}`);
      results[m.key] = await (measure as Measure)({ quick, log });
    } catch (err) {
      results[m.key] = { error: err instanceof Error ? err.message : String(err) };
    }
  }
  return results;
}
