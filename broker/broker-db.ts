import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate, type Migration } from '../state/migrator.ts';
import { BUSY_TIMEOUT_MS } from '../state/state-db.ts';
import { PACKET_COLUMNS_DDL } from './packet-columns.ts';
import { useWal } from '../platform/sqlite-wal.ts';

/** The embedded broker's sessions and messages, under GIVRE_DATA_DIR (issue 13). */
export const BROKER_DB_FILE = 'broker.db';

/**
 * broker.db's schema, versioned as the state store's is (state/migrator.ts: `user_version`,
 * forward only, a newer file refused). One table per thing aedes keeps; a packet is the
 * columns of packet-columns.ts.
 */
export const BROKER_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'subscriptions, retained messages, outgoing queues, incoming QoS 2 packets, wills',
    up(db) {
      db.exec(`
        CREATE TABLE subscriptions (
          client_id TEXT NOT NULL,
          topic TEXT NOT NULL,
          qos INTEGER NOT NULL,
          rh INTEGER,
          rap INTEGER,
          nl INTEGER,
          subscription_identifier INTEGER,
          PRIMARY KEY (client_id, topic)
        ) WITHOUT ROWID;
        CREATE TABLE retained (${PACKET_COLUMNS_DDL}, PRIMARY KEY (topic));
        -- One row per message owed to a client with a persistent session; seq is the queue's order.
        CREATE TABLE outgoing (seq INTEGER PRIMARY KEY, client_id TEXT NOT NULL, ${PACKET_COLUMNS_DDL});
        -- A client's queue in order (an index on client_id is ordered by rowid within it).
        CREATE INDEX outgoing_queue ON outgoing (client_id);
        -- outgoingUpdate finds a packet by its broker and counter, a PUBACK by its message id.
        CREATE INDEX outgoing_packet ON outgoing (client_id, broker_id, broker_counter);
        CREATE INDEX outgoing_message_id ON outgoing (client_id, message_id);
        CREATE TABLE incoming (client_id TEXT NOT NULL, ${PACKET_COLUMNS_DDL}, PRIMARY KEY (client_id, message_id));
        CREATE TABLE wills (client_id TEXT PRIMARY KEY, ${PACKET_COLUMNS_DDL});
      `);
    },
  },
];

/**
 * Opens (creating if need be) broker.db. WAL with `synchronous = NORMAL`, as the state store
 * and the readings: a commit is in the WAL file — in the operating system's hands — when the
 * statement returns, so a process killed with SIGKILL loses none of it; a power cut or a
 * kernel crash may lose the last commits before the next checkpoint (the file stays
 * consistent). `FULL` would survive that too at one fsync per commit, that is per message
 * queued, delivered and acknowledged: not what a broker in front of a NORMAL store can use.
 */
export function openBrokerDb(path: string): Database.Database {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    useWal(db, BUSY_TIMEOUT_MS);
    db.pragma('synchronous = NORMAL');
    migrate(db, BROKER_MIGRATIONS, path);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
