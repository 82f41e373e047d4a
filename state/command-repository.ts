import type { CommandMessage, CommandReply } from '../core/ops-messages.ts';
import type { StateDb } from './state-db.ts';

/**
 * Where a command stands (issue 9): `running` once ingest has taken it, `answered` with the
 * reply it gave, `abandoned` when the dashboard that sent it gave up before ingest took it.
 */
export type CommandState = 'running' | 'answered' | 'abandoned';

/**
 * The commands of dashboards, as ingest carries them out — the one table two services write,
 * because it is how they agree, each in one atomic statement, on whether a command happens:
 * - ingest `take`s a command before carrying it out, and records its `answer`;
 * - a dashboard that waited in vain `abandon`s it, unless ingest has taken it already.
 * Whichever comes first wins, so a command is carried out exactly when the dashboard was not
 * told "not done" (503), and a command redelivered by the broker is answered again from here,
 * not applied again.
 */
export interface CommandRepository {
  /** Ingest: `taken` when it may carry the command out now, else where it already stands. */
  take(message: CommandMessage, at: number): 'taken' | CommandState;
  /** Ingest: commands taken and not yet answered, oldest first (carried out again at start-up). */
  running(): CommandMessage[];
  answer(id: string, reply: CommandReply): void;
  /** A dashboard: true when the command will never be carried out (ingest had not taken it). */
  abandon(id: string, at: number): boolean;
  reply(id: string): CommandReply | undefined;
}

export function createCommandRepository(db: StateDb): CommandRepository {
  const insert = db.prepare('INSERT OR IGNORE INTO commands (id, at, state, message) VALUES (?, ?, ?, ?)');
  const running = db.prepare<[], { message: string }>(
    "SELECT message FROM commands WHERE state = 'running' ORDER BY at, id",
  );
  const byId = db.prepare<[string], { state: CommandState; reply: string | null }>(
    'SELECT state, reply FROM commands WHERE id = ?',
  );
  const answer = db.prepare("UPDATE commands SET state = 'answered', reply = ? WHERE id = ?");
  return {
    take(message, at) {
      if (insert.run(message.id, at, 'running', JSON.stringify(message)).changes === 1) return 'taken';
      return byId.get(message.id)?.state ?? 'running';
    },
    running: () => running.all().map((r) => JSON.parse(r.message) as CommandMessage),
    answer: (id, reply) => void answer.run(JSON.stringify(reply), id),
    abandon: (id, at) => insert.run(id, at, 'abandoned', null).changes === 1,
    reply(id) {
      const row = byId.get(id);
      return row?.reply ? (JSON.parse(row.reply) as CommandReply) : undefined;
    },
  };
}
