import { forkTs } from './child.ts';
import type { GeneratorArgs, GeneratorReport, GeneratorVan } from './generator-protocol.ts';

/** Generator processes per run: two groups of vans, so that one core's worth of MQTT.js publishing is never the ceiling alone. */
export const GENERATOR_PROCESSES = 2;

/** The sum of every generator's report for one run. */
export interface FleetReport extends Omit<GeneratorReport, 'type'> {
  processes: number;
}

/**
 * Starts the generators (bench/generator.ts, each a child process), each with its share of the
 * vans; once every van is connected, says go to all at once and waits for their reports.
 */
export async function runGenerators(
  base: Omit<GeneratorArgs, 'vans'>,
  vans: readonly GeneratorVan[],
  onGo: () => void = () => undefined,
): Promise<FleetReport> {
  const groups = Array.from({ length: GENERATOR_PROCESSES }, (_, g) =>
    vans.filter((_, i) => i % GENERATOR_PROCESSES === g),
  ).filter((group) => group.length > 0);
  const children = groups.map((group) =>
    forkTs('bench/generator.ts', [JSON.stringify({ ...base, vans: group })]),
  );
  try {
    await Promise.all(children.map((c) => c.next('ready')));
    const done = children.map((c) => c.next<GeneratorReport>('done'));
    for (const c of children) c.child.send({ type: 'go' });
    onGo();
    return combine(await Promise.all(done));
  } finally {
    await Promise.all(children.map((c) => c.stop()));
  }
}

function combine(reports: GeneratorReport[]): FleetReport {
  const sum = (key: 'messages' | 'published' | 'acknowledged' | 'failed' | 'cpuSeconds') =>
    reports.reduce((total, r) => total + r[key], 0);
  return {
    processes: reports.length,
    messages: sum('messages'),
    published: sum('published'),
    acknowledged: sum('acknowledged'),
    failed: sum('failed'),
    cpuSeconds: sum('cpuSeconds'),
    firstPublishAt: Math.min(...reports.map((r) => r.firstPublishAt)),
    lastPublishAt: Math.max(...reports.map((r) => r.lastPublishAt)),
    lastAckAt: Math.max(...reports.map((r) => r.lastAckAt)),
    nextSeq: Object.assign({}, ...reports.map((r) => r.nextSeq)) as Record<string, number>,
  };
}
