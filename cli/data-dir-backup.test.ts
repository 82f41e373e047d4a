import Database from 'better-sqlite3';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqlitePersistence } from '../broker/sqlite-persistence.ts';
import { openStateDb } from '../state/state-db.ts';
import { STATE_MIGRATIONS } from '../state/state-migrations.ts';
import { backupDataDir } from './data-dir-backup.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'givre-backup-unit-'));
  dirs.push(dir);
  return dir;
};

/** A data directory as an InfluxDB installation leaves it: state, spool and keys, no givre.db. */
function influxDataDir(): string {
  const dir = join(scratch(), 'data');
  openStateDb(join(dir, 'state.db')).close();
  const spool = new Database(join(dir, 'influx-spool.db'));
  spool.exec(
    "CREATE TABLE spool (line TEXT); INSERT INTO spool VALUES ('temperature,van=VAN-01 celsius=3.1')",
  );
  spool.close();
  mkdirSync(join(dir, 'keys'), { mode: 0o700 });
  writeFileSync(join(dir, 'keys', 'certificate-ed25519.pem'), 'secret', { mode: 0o600 });
  return dir;
}

describe('backupDataDir', () => {
  it('copies the state store, the spool and the keys into a new 0700 directory', () => {
    const data = influxDataDir();
    const target = join(scratch(), 'backup');
    const backup = backupDataDir(data, target);
    expect(backup.databases.map((f) => f.name)).toEqual(['state.db', 'influx-spool.db']);
    expect(backup).toMatchObject({ dir: target, keys: true, stateSchema: STATE_MIGRATIONS.length });
    expect(statSync(target).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(target, 'keys', 'certificate-ed25519.pem'), 'utf8')).toBe('secret');
    const spool = new Database(join(target, 'influx-spool.db'), { readonly: true });
    expect(spool.prepare('SELECT line FROM spool').pluck().all()).toEqual([
      'temperature,van=VAN-01 celsius=3.1',
    ]);
    spool.close();
  });

  it('copies broker.db while the broker has it open, its queued messages with it, before the readings', async () => {
    const data = influxDataDir();
    const live = new SqlitePersistence(join(data, 'broker.db'));
    await live.setup({ id: 'broker-1' });
    const message = { cmd: 'publish', topic: 'givre/v1/vans/VAN-01/telemetry', qos: 1, brokerCounter: 1 };
    await live.outgoingEnqueue({ clientId: 'givre-ingest' }, { ...message, payload: Buffer.from('queued') });
    const target = join(scratch(), 'backup');
    try {
      const backup = backupDataDir(data, target);
      expect(backup.databases.map((f) => f.name)).toEqual(['state.db', 'broker.db', 'influx-spool.db']);
    } finally {
      await live.destroy();
    }
    const copy = new SqlitePersistence(join(target, 'broker.db'));
    const queued = [];
    for await (const packet of copy.outgoingStream({ id: 'givre-ingest' }))
      queued.push(String(packet.payload));
    await copy.destroy();
    expect(queued).toEqual(['queued']);
  });

  it('never writes into an existing directory, nor backs up a directory without a state store', () => {
    const data = influxDataDir();
    const existing = scratch();
    expect(() => backupDataDir(data, existing)).toThrow(
      `${existing} existe déjà : nommez un nouveau dossier`,
    );
    expect(readdirSync(existing)).toEqual([]);
    const empty = scratch();
    expect(() => backupDataDir(empty, join(scratch(), 'backup'))).toThrow('pas de state.db dans');
  });

  it('leaves no directory of the target name when a copy fails', () => {
    const data = influxDataDir();
    writeFileSync(join(data, 'givre.db'), 'not a database');
    const parent = scratch();
    expect(() => backupDataDir(data, join(parent, 'backup'))).toThrow();
    expect(existsSync(join(parent, 'backup'))).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
  });
});
