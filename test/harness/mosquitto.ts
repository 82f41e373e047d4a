import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.ts';
import { waitFor } from './wait-for.ts';

const MOSQUITTO = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'].find((p) => existsSync(p));

export interface Mosquitto {
  port: number;
  url: string;
  /** SIGKILL, as a crash or `kill -9`: nothing is saved that the last autosave did not save. */
  kill(): Promise<void>;
  /** Starts it again on the same port and directory (with persistence, from its saved database). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface MosquittoOptions {
  /**
   * Run it as a data pipeline's operators should (README, "Mosquitto"): `persistence true` in
   * its directory, saved every `autosaveIntervalS` seconds and at a clean exit, and
   * `max_queued_messages 0` (no limit: the default 1000 drops QoS 1 messages for a
   * subscriber that is away or slow). Without it: no persistence, Mosquitto's defaults.
   */
  persistent?: { autosaveIntervalS: number };
}

/** Fails with one line saying what to install when a Debian binary the test needs is absent. */
export function requireBinary(path: string | undefined, name: string, debianPackage: string): string {
  if (!path) throw new Error(`${name} not found: apt-get install -y ${debianPackage}`);
  return path;
}

/** The configuration the options ask for. */
function config(port: number, dir: string, options: MosquittoOptions): string[] {
  const lines = [`listener ${port} 127.0.0.1`, 'allow_anonymous true', 'log_dest stderr'];
  if (!options.persistent) return [...lines, 'persistence false'];
  return [
    ...lines,
    'persistence true',
    `persistence_location ${dir}/`,
    `autosave_interval ${options.persistent.autosaveIntervalS}`,
    'max_queued_messages 0',
    // Started by root, Mosquitto would drop to its own user, who may not write this directory.
    `user ${userInfo().username}`,
  ];
}

/**
 * Starts Debian's Mosquitto 2 on a free loopback port with a throwaway config, as an
 * independent MQTT 3.1.1 broker that Givre did not write. Stopped by PID.
 */
export async function startMosquitto(options: MosquittoOptions = {}): Promise<Mosquitto> {
  const binary = requireBinary(MOSQUITTO, 'mosquitto', 'mosquitto');
  const dir = mkdtempSync(join(tmpdir(), 'givre-mosquitto-'));
  const port = await freePort();
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, [...config(port, dir, options), ''].join('\n'));
  let child: ChildProcess | undefined;

  const launch = async () => {
    const c = spawn(binary, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
    child = c;
    let stderr = '';
    c.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      await waitFor(
        () =>
          new Promise<boolean>((resolve) => {
            if (c.exitCode !== null) throw new Error(`mosquitto exited: ${stderr.trim()}`);
            const socket = connect(port, '127.0.0.1', () => (socket.end(), resolve(true)));
            socket.on('error', () => resolve(false));
          }),
        { timeoutMs: 10_000, what: 'mosquitto to listen' },
      );
    } catch (err) {
      c.kill('SIGKILL');
      throw err;
    }
  };
  const end = async (signal: NodeJS.Signals) => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill(signal);
    await exited;
  };

  try {
    await launch();
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    kill: () => end('SIGKILL'),
    async restart() {
      await end('SIGKILL');
      await launch();
    },
    async stop() {
      await end('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
