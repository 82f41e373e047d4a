// `npm run bench` (issue 14): readings stored per second by Givre, by the pipeline a user would
// build instead (Mosquitto → Node-RED → InfluxDB, run fairly) and by the machine's raw limits,
// each system as its operators run it (OS processes), loaded by generator processes of MQTT.js
// vans at QoS 1, counted by the store itself. `--quick`: fewer systems, 1 repeat, 3 s runs.
// `--no-peer`: leaves out Node-RED (installed on first use outside the project). The latency,
// staleness and capacity measures run after the table, in full mode or with `--extras`;
// `--no-extras` leaves them out.
import { mkdirSync, writeFileSync } from 'node:fs';
import { throughputChart } from './chart.ts';
import { runExtraMeasures } from './extra-measures.ts';
import { givreIngestOnMosquitto, givreStart } from './givre-systems.ts';
import { machineFacts } from './machine.ts';
import { aedesRelay, influxRaw, mosquittoRelay, peer } from './raw-systems.ts';
import { throughputTable } from './report.ts';
import { benchVans, measureRun, WINDOW_PER_VAN, type RunResult } from './run.ts';
import { LATE_UNTIL_MS, LOST_AFTER_MS, STILL_FOR_MS } from './settle.ts';
import { ratiosToPeer, summarise, type SystemSummary } from './stats.ts';
import type { SystemLauncher, SystemUnderTest } from './system-under-test.ts';
import { GENERATOR_PROCESSES } from './generators.ts';

const quick = process.argv.includes('--quick');
const withPeer = !process.argv.includes('--no-peer');
/** --quick stays under 2 minutes: the extra measures only when asked. */
const withExtras = process.argv.includes('--extras') || (!quick && !process.argv.includes('--no-extras'));
/** `--only key,key`: just these systems (keys as in latest.json), all of them by default. */
const only = optionList('--only');
const plan = {
  shapes: optionList('--shapes')?.map(Number) ?? [1, 10, 50],
  repeats: quick ? 1 : 3,
  durationMs: quick ? 3_000 : 10_000,
  vans: quick ? 6 : 20,
};
function optionList(name: string): string[] | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? (process.argv[at + 1] ?? '').split(',').filter(Boolean) : undefined;
}
const log = (line: string) => process.stderr.write(`${line}\n`);
const machine = machineFacts();
log(
  `givre bench${quick ? ' --quick (fewer systems, 1 repeat, 3 s runs: a smoke figure, not the benchmark)' : ''}: ` +
    `${plan.vans} vans in ${GENERATOR_PROCESSES} generator processes, QoS 1, ${WINDOW_PER_VAN} messages in flight per van, ` +
    `${plan.durationMs / 1000} s of publishing per run, ${plan.repeats} repeat(s); ${machine.cores} cores, load ${machine.loadAverage.join(' ')}`,
);

/** Every configuration, in the order run; `quick`: in --quick too; `peer`: needs Node-RED. */
const ALL: Array<{ key: string; launch: SystemLauncher; quick?: true; peer?: true }> = [
  { key: 'givre-start-sqlite', launch: givreStart(), quick: true },
  { key: 'givre-start-influx', launch: givreStart('influx') },
  { key: 'givre-ingest-mosquitto-sqlite', launch: givreIngestOnMosquitto() },
  { key: 'givre-ingest-mosquitto-influx', launch: givreIngestOnMosquitto('influx') },
  { key: 'peer-fair', launch: peer('fair'), quick: true, peer: true },
  { key: 'peer-default', launch: peer('default'), peer: true },
  { key: 'raw-aedes', launch: aedesRelay },
  { key: 'raw-mosquitto', launch: mosquittoRelay },
  { key: 'raw-influx', launch: influxRaw(), quick: true },
];
const systems = ALL.filter((s) =>
  only ? only.includes(s.key) : (!quick || s.quick) && (withPeer || !s.peer),
).map((s) => ({ label: s.key, launch: s.launch }));
const t0 = Date.now() - 200 * 86_400_000;
const summaries: SystemSummary[] = [];
const runs: Record<string, RunResult[]> = {};
let index = 0;
/** Configurations that could not be measured (a server that would not start), with why. */
const failures: Record<string, string> = {};

/**
 * Runs every shape and repeat of one configuration, each run on a fresh instance of it
 * (started, measured, stopped): a system that acknowledges on receipt and falls behind (the
 * peer) would otherwise start a run with the previous one's backlog still queued and store it
 * against the wrong run. The same for every system, so that each figure is a run from an empty
 * queue; a fresh process is also a cold one, alike for all. The vans carry their seqs on from
 * run to run, as a fleet does (a Givre configuration on InfluxDB keeps one database).
 */
async function measureSystem(launch: SystemLauncher): Promise<void> {
  const ids = benchVans(plan.vans).map((v) => v.id);
  const nextSeq = new Map(ids.map((id) => [id, 1]));
  let system: SystemUnderTest | undefined = await launch(ids);
  const about = system;
  const results: RunResult[] = [];
  try {
    const shapes = system.shapes ?? plan.shapes;
    // A raw InfluxDB write has no MQTT message: one series of repeats, shape 0, counted per line.
    for (const readingsPerMessage of shapes.length > 0 ? shapes : [0]) {
      for (let repeat = 1; repeat <= plan.repeats; repeat++) {
        system ??= await launch(ids);
        const vans = benchVans(plan.vans, system.load.kind === 'mqtt' ? system.load.secrets : undefined).map(
          (v) => ({ ...v, nextSeq: nextSeq.get(v.id) ?? 1 }),
        );
        let r: RunResult;
        try {
          r = await measureRun(system, vans, {
            readingsPerMessage,
            durationMs: plan.durationMs,
            index: index++,
            t0,
          });
        } finally {
          const stopping = system;
          system = undefined;
          await stopping.stop();
        }
        for (const v of vans) nextSeq.set(v.id, v.nextSeq);
        results.push(r);
        log(
          `  ${about.label} · ${shapes.length > 0 ? `${readingsPerMessage}/message` : 'lines'} · ${repeat}/${plan.repeats}: ${runLine(r)}`,
        );
      }
    }
  } finally {
    await system?.stop();
  }
  runs[about.key] = results;
  summaries.push({
    key: about.key,
    label: about.label,
    group: about.group,
    ...(about.note ? { note: about.note } : {}),
    shapes: summarise(results),
  });
}

/** One run as the progress display says it: throughput, then what became of what was published. */
function runLine(r: RunResult): string {
  const n = (x: number) => x.toLocaleString('en');
  const stored =
    r.stored === 0
      ? 'nothing stored'
      : `${n(r.readingsPerSecond)} readings/s, ${n(r.stored)} stored in ${r.seconds} s (the last ${r.tailSeconds} s after the last publish)`;
  const lost =
    r.lost === 0
      ? '0 lost'
      : `${n(r.lost)} lost at ${LOST_AFTER_MS / 1000} s (${n(r.late)} stored late, ${n(r.missing)} not when counting stopped)`;
  const cpu = r.processes.map((p) => `${p.name} ${p.cpuSeconds} s ${p.peakRssMiB} MiB`).join(', ');
  return (
    `${stored}; ${n(r.published)} published, ${n(r.acknowledged)} acknowledged, ${lost}; ` +
    `${r.cpuMicrosPerReading} µs CPU/reading (${cpu}; generators ${r.generators.cpuSeconds} s)`
  );
}

for (const { launch, label } of systems) {
  log(`starting ${label}…`);
  try {
    await measureSystem(launch);
  } catch (err) {
    failures[label] = err instanceof Error ? err.message.slice(0, 500) : String(err);
    log(`  ${label} not measured: ${failures[label]}`);
  }
}

const ratios = ratiosToPeer(summaries, 'peer-fair');
const extras = withExtras ? await runExtraMeasures(quick, log) : {};
const title = `Givre bench${quick ? ' --quick' : ''}: readings stored per second (${machine.cores} cores, ${machine.cpuModel}, ${machine.date.slice(0, 10)})`;
console.log(
  `\n${title}${quick ? '\n--quick: 1 repeat of 3 s per shape, fewer systems; not the benchmark' : ''}\n`,
);
console.log(throughputTable(summaries, plan.shapes, ratios));
for (const [key, why] of Object.entries(failures)) console.log(`\nnot measured: ${key}: ${why}`);
if (!withPeer) console.log('\n(peer left out: --no-peer)');
for (const [key, value] of Object.entries(extras)) console.log(`\n${key}: ${JSON.stringify(value, null, 2)}`);

mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/latest.json',
  `${JSON.stringify(
    {
      machine,
      mode: quick ? 'quick' : 'full',
      plan: {
        ...plan,
        generatorProcesses: GENERATOR_PROCESSES,
        windowPerVan: WINDOW_PER_VAN,
        lostAfterMs: LOST_AFTER_MS,
        lateUntilMs: LATE_UNTIL_MS,
        stillForMs: STILL_FOR_MS,
        freshInstancePerRun: true,
        qos: 1,
      },
      systems: summaries,
      ratiosToFairPeer: ratios,
      failures,
      runs,
      ...extras,
    },
    null,
    2,
  )}\n`,
);
writeFileSync('bench/results/latest.svg', `${throughputChart(summaries, plan.shapes, title)}\n`);
log('written: bench/results/latest.json, bench/results/latest.svg');
