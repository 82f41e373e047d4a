import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import type { FleetCounts, VanFleetPlan } from './measure-vans.ts';

export type { FleetCounts, VanFleetPlan } from './measure-vans.ts';

/** One `bench/measure-vans.ts` generator process, connected and publishing. */
export interface RunningFleet {
  pid: number;
  /** Its last `progress` line (at most a second old). */
  latest(): FleetCounts;
  /** SIGTERM: it stops publishing, waits up to 5 s for PUBACKs, and reports what it sent. */
  stop(): Promise<FleetCounts>;
}

/** Spawns a generator and resolves once every van of it has connected. */
export function startFleet(plan: VanFleetPlan, log: (line: string) => void): Promise<RunningFleet> {
  const child = spawn(
    process.execPath,
    [resolve('bin/run-ts.js'), 'bench/measure-vans.ts', JSON.stringify(plan)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let errors = '';
  child.stderr.on('data', (d: Buffer) => (errors = (errors + d.toString()).slice(-4000)));
  let latest: FleetCounts = { messages: 0, readings: 0, acked: 0 };
  let onDone: (counts: FleetCounts) => void = () => {};
  const done = new Promise<FleetCounts>((r) => (onDone = r));
  return new Promise((resolveReady, reject) => {
    child.once('exit', (code) => {
      reject(new Error(`generator exited ${code} before it was ready: ${errors}`));
      onDone(latest);
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const [word, rest = ''] = line.split(' ', 2);
      if (word === 'connected' && Number(rest) % 500 === 0)
        log(`  ${rest}/${plan.vans.length} vans connected`);
      else if (word === 'progress') latest = JSON.parse(rest) as FleetCounts;
      else if (word === 'done') onDone(JSON.parse(rest) as FleetCounts);
      else if (word === 'ready')
        resolveReady({
          pid: child.pid as number,
          latest: () => latest,
          stop: () => {
            if (child.exitCode === null) child.kill('SIGTERM');
            return done;
          },
        });
    });
  });
}
