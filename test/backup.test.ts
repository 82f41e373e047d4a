import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Load } from '../core/loads/load.ts';
import { freePort } from './harness/free-port.ts';
import { runGivre } from './harness/givre.ts';
import { loadInput } from './harness/loads-api.ts';
import { signIn } from './harness/people.ts';
import { spawnGivre, waitReady, type ServiceProcess } from './harness/services.ts';
import { waitFor } from './harness/wait-for.ts';
import { STATE_MIGRATIONS } from '../state/state-migrations.ts';

const PASSWORD = 'une-sauvegarde-2026';

/** `van:seq` of every temperature and door record in a readings file (what the CSV export lists). */
function recordsIn(file: string): { ids: Set<string>; from: number; to: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare<[], { van: string; seq: number; ts: number }>(
        "SELECT van, seq, ts FROM readings WHERE kind IN ('temperature', 'door')",
      )
      .all();
    return {
      ids: new Set(rows.map((r) => `${r.van}:${r.seq}`)),
      from: Math.min(...rows.map((r) => r.ts)),
      to: Math.max(...rows.map((r) => r.ts)) + 1,
    };
  } finally {
    db.close();
  }
}

function alertIdsIn(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT id FROM alerts ORDER BY id').pluck().all() as string[];
  } finally {
    db.close();
  }
}

/** `van:seq` of the records the dashboard exports for a van over `[from, to)`. */
async function exported(client: Awaited<ReturnType<typeof signIn>>, van: string, from: number, to: number) {
  const res = await client.fetch(`/api/vans/${van}/readings.csv?from=${from}&to=${to}`);
  expect(res.status).toBe(200);
  const [header = '', ...lines] = (await res.text()).trim().split('\n');
  const seq = header.split(',').indexOf('seq');
  return lines.map((line) => `${van}:${line.split(',')[seq]}`);
}

describe('givre backup: online, while readings flow, and restored', () => {
  const root = mkdtempSync(join(tmpdir(), 'givre-backup-'));
  const running: ServiceProcess[] = [];
  afterAll(async () => {
    for (const service of running) await service.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  });

  async function start(dataDir: string, args: string[]) {
    const httpPort = await freePort();
    const env = {
      GIVRE_DATA_DIR: dataDir,
      GIVRE_HTTP_PORT: String(httpPort),
      GIVRE_MQTT_PORT: String(await freePort()),
      GIVRE_LOG_LEVEL: 'warn',
      GIVRE_ALLOWED_HOSTS: 'localhost',
      // Outside the demo the embedded broker's service account needs its secret (issue 4).
      GIVRE_MQTT_PASSWORD: randomBytes(24).toString('base64url'),
    };
    const service = spawnGivre(`givre ${args.join(' ')} on ${dataDir}`, args, env);
    running.push(service);
    const url = `http://127.0.0.1:${httpPort}`;
    await waitReady(url, service);
    return { service, coordinator: await signIn(url, 'marie', PASSWORD) };
  }

  it('copies users, loads, alerts, keys and readings while vans publish, and a restored copy starts with them', async () => {
    const live = join(root, 'live');
    const backup = join(root, 'backup');
    const restored = join(root, 'restored');
    const passwordFile = join(root, 'password.txt');
    writeFileSync(passwordFile, `${PASSWORD}\n`);
    const added = await runGivre(
      ['user', 'add', 'marie', '--role', 'coordinator', '--password-file', passwordFile],
      { GIVRE_DATA_DIR: live },
    );
    expect(added.code, added.stderr).toBe(0);

    // Simulated time 600× faster: a reefer failure raises its alerts within seconds.
    const first = await start(live, [
      'start',
      '--simulate',
      '2',
      '--speed',
      '600',
      '--scenario',
      'VAN-01=reefer-failure',
    ]);
    await waitFor(() => alertIdsIn(join(live, 'state.db')).length > 0, {
      timeoutMs: 30_000,
      what: 'the reefer failure to raise an alert',
    });
    await waitFor(async () => (await first.coordinator.fetch('/api/vans/VAN-02')).status === 200, {
      what: 'VAN-02 to report',
    });
    const created = await first.coordinator.json<Load>('/api/loads', loadInput({ van: 'VAN-02' }));
    expect(created, JSON.stringify(created.body)).toMatchObject({ status: 201 });
    const publicKey = await (await first.coordinator.fetch('/api/certificates/public-key')).text();

    const before = recordsIn(join(live, 'givre.db'));
    const alertsBefore = alertIdsIn(join(live, 'state.db'));
    const taken = await runGivre(['backup', backup], { GIVRE_DATA_DIR: live });
    const after = recordsIn(join(live, 'givre.db'));
    expect(taken.code, taken.stderr).toBe(0);
    expect(taken.stdout).toContain(`Sauvegarde terminée dans ${backup} : state.db (`);
    expect(taken.stdout).toContain(
      `clés de signature des certificats ; schéma ${STATE_MIGRATIONS.at(-1)!.version}.`,
    );
    // The vans kept publishing through the backup, and it holds what was stored when it began.
    expect(after.ids.size).toBeGreaterThan(before.ids.size);
    const copied = recordsIn(join(backup, 'givre.db'));
    expect([...before.ids].filter((id) => !copied.ids.has(id))).toEqual([]);
    expect([...copied.ids].filter((id) => !after.ids.has(id))).toEqual([]);
    expect(alertIdsIn(join(backup, 'state.db'))).toEqual(expect.arrayContaining(alertsBefore));
    for (const file of ['state.db', 'givre.db']) {
      const db = new Database(join(backup, file), { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    }

    await first.service.kill('SIGTERM');
    // Restoring as the README says: the backup, copied, is the new data directory.
    execFileSync('cp', ['-a', backup, restored]);
    const second = await start(restored, ['start']);
    const load = await second.coordinator.json<Load>(`/api/loads/${created.body.id}`);
    expect(load).toMatchObject({ status: 200, body: { id: created.body.id, van: 'VAN-02' } });
    const alerts = await second.coordinator.json<Array<{ id: string }>>('/api/alerts?van=VAN-01');
    expect(alerts.body.map((a) => a.id)).toEqual(expect.arrayContaining(alertsBefore));
    const restoredRecords = [
      ...(await exported(second.coordinator, 'VAN-01', copied.from, copied.to)),
      ...(await exported(second.coordinator, 'VAN-02', copied.from, copied.to)),
    ];
    expect(restoredRecords.length).toBe(copied.ids.size);
    expect(new Set(restoredRecords)).toEqual(copied.ids);
    // Same signing key: certificates issued before the backup still verify after the restore.
    expect(await (await second.coordinator.fetch('/api/certificates/public-key')).text()).toBe(publicKey);
  }, 120_000);

  it('refuses to start on a state store from a newer Givre, in one line, as a restored newer backup would be', async () => {
    const dataDir = join(root, 'newer');
    mkdirSync(dataDir);
    const db = new Database(join(dataDir, 'state.db'));
    db.pragma('user_version = 99');
    db.close();
    const started = await runGivre(['start'], {
      GIVRE_DATA_DIR: dataDir,
      GIVRE_HTTP_PORT: '0',
      GIVRE_MQTT_PORT: '0',
      GIVRE_ALLOWED_HOSTS: 'localhost',
      GIVRE_MQTT_PASSWORD: randomBytes(24).toString('base64url'),
    });
    expect(started.code).toBe(1);
    expect(started.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^givre: .*state\.db : schéma version 99, plus récent que cette version de Givre/,
      ),
    ]);
  });
});
