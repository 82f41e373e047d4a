import { randomBytes } from 'node:crypto';
import { CONTRACT_VERSION } from '../core/messages.ts';
import type { Command, CommandMessage, CommandReply, CommandResult } from '../core/ops-messages.ts';
import { OPS_COMMANDS_TOPIC } from '../core/ops-topics.ts';
import { ERRORS, GivreError, type ErrorCode } from '../platform/errors.ts';
import type { CommandRepository } from '../state/command-repository.ts';

/** How long a person's action waits for ingest, ms, before the API answers 503. */
export const COMMAND_TIMEOUT_MS = 10_000;

export interface CommandClient {
  /** Sends a command to ingest and resolves with its result, or throws its coded refusal. */
  send(command: Command): Promise<CommandResult>;
  /** A reply arrived on this dashboard's reply topic. */
  onReply(reply: CommandReply): void;
  /** Fails what is still waiting (the dashboard stops). */
  close(): void;
}

/**
 * The dashboard's half of the command contract (issue 9): publish on `givre/v1/ops/commands`
 * at QoS 1 with a fresh id and this dashboard's reply topic, then wait for ingest's reply.
 * If the reply does not come in time (ingest away, or the reply lost in a reconnection) the
 * state store is asked: ingest records every reply there before sending it. Still nothing:
 * 503 — the command stays queued for ingest in the broker, which carries it out once.
 */
export function createCommandClient(deps: {
  publish: (topic: string, payload: string) => Promise<void>;
  replyTo: string;
  commands: Pick<CommandRepository, 'reply'>;
  timeoutMs?: number;
  now?: () => number;
}): CommandClient {
  const waiting = new Map<
    string,
    { settle: (reply: CommandReply | undefined) => void; timer: NodeJS.Timeout }
  >();
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
        sentAt: (deps.now ?? Date.now)(),
        command,
      };
      const reply = await new Promise<CommandReply | undefined>((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(message.id);
          resolve(deps.commands.reply(message.id));
        }, deps.timeoutMs ?? COMMAND_TIMEOUT_MS);
        waiting.set(message.id, { settle: resolve, timer });
        deps.publish(OPS_COMMANDS_TOPIC, JSON.stringify(message)).catch(() => undefined);
      });
      if (!reply) throw new GivreError('GIVRE_ERR_UNAVAILABLE', 'ingest did not answer; try again shortly');
      return outcome(reply);
    },
    onReply(reply) {
      const entry = waiting.get(reply.id);
      if (!entry) return; // an answer to a command this dashboard gave up on, or a repeat
      waiting.delete(reply.id);
      clearTimeout(entry.timer);
      entry.settle(reply);
    },
    close() {
      for (const [id, entry] of waiting) {
        clearTimeout(entry.timer);
        waiting.delete(id);
        entry.settle(undefined);
      }
    },
  };
}
