import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.ts';
import { waitFor } from './wait-for.ts';

const MOSQUITTO = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'].find((p) => existsSync(p));

export interface Mosquitto {
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** Fails with one line saying what to install when a Debian binary the test needs is absent. */
export function requireBinary(path: string | undefined, name: string, debianPackage: string): string {
  if (!path) throw new Error(`${name} not found: apt-get install -y ${debianPackage}`);
  return path;
}

/**
 * Starts Debian's Mosquitto 2 on a free loopback port with a throwaway config, as an
 * independent MQTT 3.1.1 broker that Givre did not write. Stopped by PID.
 */
export async function startMosquitto(): Promise<Mosquitto> {
  const binary = requireBinary(MOSQUITTO, 'mosquitto', 'mosquitto');
  const dir = mkdtempSync(join(tmpdir(), 'givre-mosquitto-'));
  const port = await freePort();
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [`listener ${port} 127.0.0.1`, 'allow_anonymous true', 'persistence false', 'log_dest stderr', ''].join(
      '\n',
    ),
  );
  const child: ChildProcess = spawn(binary, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    await waitFor(
      () =>
        new Promise<boolean>((resolve) => {
          if (child.exitCode !== null) throw new Error(`mosquitto exited: ${stderr.trim()}`);
          const socket = connect(port, '127.0.0.1', () => (socket.end(), resolve(true)));
          socket.on('error', () => resolve(false));
        }),
      { timeoutMs: 10_000, what: 'mosquitto to listen' },
    );
  } catch (err) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
