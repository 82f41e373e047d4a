import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDeviceSecret } from '../state/device-provisioning.ts';
import { loadConfig } from '../platform/config.ts';
import { vanTopic } from '../core/topics.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { temperatureBatch } from './harness/mqtt-client.ts';
import { selfSignedCertificate } from './harness/self-signed.ts';
import { waitFor } from './harness/wait-for.ts';

/** Issue 4: with GIVRE_TLS_CERT and GIVRE_TLS_KEY, an mqtts listener and HTTPS. */
describe('TLS: mqtts and HTTPS with a configured certificate', () => {
  let dir: string;
  let ca: Buffer;
  let system: TestSystem;
  let secret: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'givre-tls-'));
    const made = selfSignedCertificate(dir);
    const { cert, key } = made;
    ca = made.ca;
    system = await startTestSystem({
      access: 'devices',
      env: { GIVRE_TLS_CERT: cert, GIVRE_TLS_KEY: key, GIVRE_MQTTS_PORT: '0' },
    });
    secret = await issueDeviceSecret(system.devices, 'VAN-01', { mode: 'add' });
  });
  afterAll(async () => {
    await system?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const mqtts = (options: { ca?: Buffer } = {}) =>
    mqtt.connectAsync(`mqtts://127.0.0.1:${system.mqttsPort}`, {
      username: 'VAN-01',
      password: secret,
      clientId: 'VAN-01',
      reconnectPeriod: 0,
      connectTimeout: 5_000,
      ...(options.ca ? { ca: options.ca, servername: 'localhost' } : {}),
    });

  it('accepts a van over mqtts and stores what it publishes', async () => {
    const client = await mqtts({ ca });
    await client.publishAsync(
      vanTopic('VAN-01', 'telemetry'),
      JSON.stringify(temperatureBatch('VAN-01', 1, 2)),
      {
        qos: 1,
      },
    );
    await client.endAsync();
    await waitFor(async () => (await system.store.count({ van: 'VAN-01' })) === 2, {
      what: 'stored over TLS',
    });
  });

  it('refuses a client that does not trust the certificate', async () => {
    await expect(mqtts()).rejects.toThrow(/self-signed|certificate/i);
  });

  it('serves the dashboard over HTTPS', async () => {
    const status = await new Promise<number | undefined>((resolve, reject) =>
      get(`https://127.0.0.1:${system.httpPort}/healthz`, { ca, servername: 'localhost' }, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).on('error', reject),
    );
    expect(status).toBe(200);
  });

  it('refuses half a TLS configuration, naming the missing variable', () => {
    expect(() => loadConfig({ GIVRE_TLS_CERT: '/etc/givre/cert.pem' })).toThrow(
      /^GIVRE_TLS_KEY="" is invalid: expected a file path when GIVRE_TLS_CERT is set$/,
    );
  });
});
