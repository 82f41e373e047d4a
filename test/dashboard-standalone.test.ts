import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './harness/free-port.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { selfSignedCertificate } from './harness/self-signed.ts';
import { waitFor } from './harness/wait-for.ts';

const httpsStatus = (url: string, ca: Buffer) =>
  new Promise<number | undefined>((resolvePromise) =>
    get(url, { ca, servername: 'localhost' }, (res) => {
      res.resume();
      resolvePromise(res.statusCode);
    }).on('error', () => resolvePromise(undefined)),
  );

/** `givre dashboard` run as a service of its own (docker-compose), with a certificate configured. */
describe('givre dashboard alone, over HTTPS', () => {
  let dir: string;
  let ca: Buffer;
  let system: TestSystem;
  let dashboard: ChildProcess;
  let port: number;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'givre-dash-tls-'));
    const made = selfSignedCertificate(dir);
    const { cert, key } = made;
    ca = made.ca;
    system = await startTestSystem(); // the broker the dashboard follows
    port = await freePort();
    dashboard = spawn(process.execPath, [resolve('bin/givre.js'), 'dashboard'], {
      stdio: 'ignore',
      env: {
        ...process.env,
        GIVRE_MQTT_URL: system.mqttUrl,
        GIVRE_HTTP_PORT: String(port),
        GIVRE_DATA_DIR: join(dir, 'data'),
        GIVRE_TLS_CERT: cert,
        GIVRE_TLS_KEY: key,
        GIVRE_LOG_LEVEL: 'error',
        GIVRE_ALLOWED_HOSTS: 'localhost',
      },
    });
    await waitFor(async () => (await httpsStatus(`https://127.0.0.1:${port}/healthz`, ca)) === 200, {
      what: 'the dashboard over HTTPS',
    });
  });
  afterAll(async () => {
    if (dashboard && dashboard.exitCode === null) {
      const exited = new Promise((r) => dashboard.once('exit', r));
      dashboard.kill('SIGTERM');
      await exited;
    }
    await system?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves its pages over HTTPS and asks for a sign-in before the fleet', async () => {
    expect(await httpsStatus(`https://127.0.0.1:${port}/login`, ca)).toBe(200);
    expect(await httpsStatus(`https://127.0.0.1:${port}/api/vans`, ca)).toBe(401);
    expect(await httpsStatus(`https://127.0.0.1:${port}/readyz`, ca)).toBe(200);
  });
});
