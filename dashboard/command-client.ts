import { randomBytes } from 'node:crypto';
import { CONTRACT_VERSION } from '../core/messages.ts';
import type { Command, CommandMessage, CommandReply, CommandResult } from '../core/ops-messages.ts';
import { OPS_COMMANDS_TOPIC } from '../core/ops-topics.ts';
import { ERRORS, GivreError, type ErrorCode } from '../platform/errors.ts';
import type { CommandRepository } from '../state/command-repository.ts';

/** How long a person's action waits for ingest to take it, ms, before the API answers 503. */
export const COMMAND_TIMEOUT_MS = 10_000;
/** How long more it waits for the answer of a command ingest has taken, ms. */
export const COMMAND_ANSWER_MS = 30_000;
/** How often the state store is asked for that answer meanwhile, ms. */
const ANSWER_POLL_MS = 250;

export interface CommandClient {
  /** Sends a command to ingest and resolves with its result, or throws its coded refusal. */
  send(command: Command): Promise<CommandResult>;
  /** A reply arrived on this dashboard's reply topic. */
  onReply(reply: CommandReply): void;
  /** Gives up what is still waiting (the dashboard stops). */
  close(): void;
}

/**
 * The dashboard's half of the command contract (issue 9): publish on `givre/v1/ops/commands`
 * at QoS 1 with a fresh id and this dashboard's reply topic, then wait for ingest's reply.
 * What a 503 means is exact: if ingest has not taken the command within `timeoutMs`, the
 * dashboard abandons it in the state store, and ingest will never carry it out (the person
 * may simply try again). If ingest has taken it, the dashboard waits for its answer, on the
 * reply topic or in the store, where ingest keeps every answer.
 */
export function createCommandClient(deps: {
  publish: (topic: string, payload: string) => Promise<void>;
  replyTo: string;
  commands: Pick<CommandRepository, 'reply' | 'abandon'>;
  timeoutMs?: number;
  answerMs?: number;
  now?: () => number;
}): CommandClient {
  const now = deps.now ?? Date.now;
  const waiting = new Map<string, (reply: CommandReply | undefined) => void>();

  /** The reply to `id` within `ms`, from the reply topic, or from the store when `poll`. */
  const replyWithin = (id: string, ms: number, poll: boolean) =>
    new Promise<CommandReply | undefined>((resolve) => {
      const timers: NodeJS.Timeout[] = [];
      const settle = (reply: CommandReply | undefined) => {
        // clearTimeout ends intervals too (Node timers are one kind).
        for (const t of timers) clearTimeout(t);
        waiting.delete(id);
        resolve(reply);
      };
      waiting.set(id, settle);
      timers.push(setTimeout(() => settle(undefined), ms));
      if (poll)
        timers.push(
          setInterval(() => {
            const stored = deps.commands.reply(id);
            if (stored) settle(stored);
          }, ANSWER_POLL_MS),
        );
    });

  const outcome = (reply: CommandReply): CommandResult => {
    if (reply.ok) return reply.result;
    const code = (reply.error.code in ERRORS ? reply.error.code : 'GIVRE_ERR_INTERNAL') as ErrorCode;
    throw new GivreError(code, reply.error.message);
  };

  return {
    async send(command) {
      const message: CommandMessage = {
        v: CONTRACT_VERSION,
        id: randomBytes(12).toString('base64url'),
        replyTo: deps.replyTo,
        sentAt: now(),
        command,
      };
      const first = replyWithin(message.id, deps.timeoutMs ?? COMMAND_TIMEOUT_MS, false);
      deps.publish(OPS_COMMANDS_TOPIC, JSON.stringify(message)).catch(() => undefined);
      let reply = await first;
      if (!reply) {
        if (deps.commands.abandon(message.id, now()))
          throw new GivreError(
            'GIVRE_ERR_UNAVAILABLE',
            'ingest did not take it in time, so it was not done; try again shortly',
          );
        reply =
          deps.commands.reply(message.id) ??
          (await replyWithin(message.id, deps.answerMs ?? COMMAND_ANSWER_MS, true));
        if (!reply)
          throw new GivreError(
            'GIVRE_ERR_UNAVAILABLE',
            'ingest is still carrying it out; look again shortly',
          );
      }
      return outcome(reply);
    },
    onReply(reply) {
      // Not waited for: an answer to a command this dashboard gave up on, or a repeat.
      waiting.get(reply.id)?.(reply);
    },
    close() {
      for (const settle of [...waiting.values()]) settle(undefined);
    },
  };
}
