import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { waitFor } from './wait-for.ts';

/** How a process ended: its exit code, or the signal that ended it. */
export interface ServiceExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One `givre` command running as an OS process of its own, as docker-compose runs it. */
export interface ServiceProcess {
  name: string;
  /** What it printed so far (stdout and stderr), for failure messages. */
  output(): string;
  /** Sends a signal (unless it has ended already) and waits for the process to end. */
  kill(signal: NodeJS.Signals): Promise<ServiceExit>;
  /** Its exit code once it exited (null while it runs, or when a signal it did not handle ended it). */
  exitCode(): number | null;
  /** Sends a signal that does not end it (SIGSTOP, SIGCONT), without waiting. */
  signal(signal: NodeJS.Signals): void;
}

export function spawnGivre(name: string, args: string[], env: Record<string, string>): ServiceProcess {
  // GIVRE_SPAWN_NODE_ARGS: Node options for every givre process spawned, e.g. `--cpu-prof
  // --cpu-prof-dir=/tmp/prof` to profile a benchmark's system (Node refuses those in NODE_OPTIONS).
  const nodeArgs = process.env.GIVRE_SPAWN_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, resolve('bin/givre.js'), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<ServiceExit>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  return {
    name,
    output: () => output,
    exitCode: () => child.exitCode,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    signal(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}

/**
 * Waits until `GET {url}/readyz` answers 200. Fails at once if the process ended, and on a
 * timeout with what the process wrote until then and the last readiness it answered.
 */
export async function waitReady(url: string, service: ServiceProcess, timeoutMs = 30_000): Promise<void> {
  let last = 'no answer';
  try {
    await waitFor(
      async () => {
        if (service.exitCode() !== null) return true; // reported below
        try {
          const res = await fetch(`${url}/readyz`);
          last = `${res.status} ${await res.text()}`;
          return res.status === 200;
        } catch (err) {
          last = (err as Error).message;
          return false;
        }
      },
      { timeoutMs, what: `${service.name} to be ready` },
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}; /readyz: ${last}; output: ${service.output().slice(-2000)}`);
  }
  if (service.exitCode() !== null)
    throw new Error(
      `${service.name} exited (${service.exitCode()}) before it was ready: ${service.output().slice(-2000)}`,
    );
}
