import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBinary } from './mosquitto.ts';

const MOSQUITTO_PUB = ['/usr/bin/mosquitto_pub'].find((p) => existsSync(p));
const MOSQUITTO_SUB = ['/usr/bin/mosquitto_sub'].find((p) => existsSync(p));

type ClientAuth = { username?: string; password?: string; clientId?: string };

/** MQTT 3.1.1, and credentials (`-u`, `-P`) and client id (`-i`) when given. */
const clientArgs = (auth: ClientAuth) => [
  ...['-V', 'mqttv311'],
  ...(auth.username !== undefined ? ['-u', auth.username] : []),
  ...(auth.password !== undefined ? ['-P', auth.password] : []),
  ...(auth.clientId !== undefined ? ['-i', auth.clientId] : []),
];

/**
 * Publishes one message with Debian's `mosquitto_pub` (a client Givre did not write), the
 * payload passed through a file so that any bytes, and 1 MiB, go through unchanged.
 */
export async function mosquittoPub(
  port: number,
  topic: string,
  payload: string | Buffer,
  qos: 0 | 1 = 1,
  /** MQTT credentials (`-u`, `-P`) and client id (`-i`), issue 4. */
  auth: { username?: string; password?: string; clientId?: string } = {},
): Promise<{ code: number; stderr: string }> {
  const binary = requireBinary(MOSQUITTO_PUB, 'mosquitto_pub', 'mosquitto-clients');
  const dir = mkdtempSync(join(tmpdir(), 'givre-pub-'));
  const file = join(dir, 'payload');
  writeFileSync(file, payload);
  try {
    return await new Promise((resolve) => {
      execFile(
        binary,
        [
          ...['-h', '127.0.0.1', '-p', String(port), '-t', topic, '-q', String(qos), '-f', file],
          ...clientArgs(auth),
        ],
        { timeout: 15_000 },
        (err, _stdout, stderr) =>
          resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stderr }),
      );
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Subscribes with Debian's `mosquitto_sub` for at most `waitS` seconds and one message:
 * what a refused subscription looks like to a client Givre did not write.
 */
export function mosquittoSub(
  port: number,
  filter: string,
  auth: { username?: string; password?: string; clientId?: string } = {},
  waitS = 3,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const binary = requireBinary(MOSQUITTO_SUB, 'mosquitto_sub', 'mosquitto-clients');
  return new Promise((resolve) => {
    execFile(
      binary,
      [
        ...['-h', '127.0.0.1', '-p', String(port), '-t', filter, '-q', '1', '-C', '1', '-W', String(waitS)],
        ...clientArgs(auth),
      ],
      { timeout: 15_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}
