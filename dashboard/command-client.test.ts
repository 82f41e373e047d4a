import { describe, expect, it } from 'vitest';
import type { CommandMessage } from '../core/ops-messages.ts';
import { GivreError } from '../platform/errors.ts';
import { createCommandRepository } from '../state/command-repository.ts';
import { openStateDb } from '../state/state-db.ts';
import { createCommandClient } from './command-client.ts';

const ack = { type: 'alert-ack' as const, alertId: 'al-1', by: 'marie', reason: 'defrost' as const };

function setUp(timeoutMs = 5_000) {
  const sent: CommandMessage[] = [];
  // The real state store: the dashboard and ingest agree through it.
  const commands = createCommandRepository(openStateDb(':memory:'));
  const client = createCommandClient({
    publish: async (topic, payload) => {
      expect(topic).toBe('givre/v1/ops/commands');
      sent.push(JSON.parse(payload) as CommandMessage);
    },
    replyTo: 'givre-dashboard-1',
    commands,
    timeoutMs,
    answerMs: 2_000,
  });
  const sentOne = async () => {
    while (sent.length === 0) await new Promise((r) => setTimeout(r, 1));
    return sent[0]!;
  };
  return { client, commands, sentOne };
}

describe('command client (issue 9)', () => {
  it('sends the command with an id and its reply address, and resolves with ingest’s result', async () => {
    const { client, sentOne } = setUp();
    const result = client.send(ack);
    const message = await sentOne();
    expect(message).toMatchObject({ v: 1, replyTo: 'givre-dashboard-1', command: ack });
    client.onReply({ v: 1, id: 'someone-else', ok: true, result: {} }); // not ours: ignored
    client.onReply({ v: 1, id: message.id, ok: true, result: { alertId: 'al-1' } });
    await expect(result).resolves.toEqual({ alertId: 'al-1' });
  });

  it('throws a refusal as the coded error it is', async () => {
    const { client, sentOne } = setUp();
    const result = client.send(ack);
    const { id } = await sentOne();
    client.onReply({
      v: 1,
      id,
      ok: false,
      error: { code: 'GIVRE_ERR_BAD_REQUEST', message: 'already-acknowledged' },
    });
    await expect(result).rejects.toMatchObject({ code: 'GIVRE_ERR_BAD_REQUEST', status: 400 });
  });

  it('answers 503 when ingest did not take the command in time — and then ingest never carries it out', async () => {
    const { client, commands, sentOne } = setUp(50);
    const error = await client.send(ack).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(GivreError);
    expect(error).toMatchObject({ code: 'GIVRE_ERR_UNAVAILABLE', status: 503 });
    // Ingest comes back and finds the command: abandoned, not to be done.
    expect(commands.take(await sentOne(), Date.now())).toBe('abandoned');
  });

  it('waits for the answer of a command ingest took in time, even when its reply message is lost', async () => {
    const { client, commands, sentOne } = setUp(50);
    const result = client.send(ack);
    const message = await sentOne();
    const { id } = message;
    expect(commands.take(message, Date.now())).toBe('taken');
    await new Promise((r) => setTimeout(r, 100)); // past the dashboard's first wait
    commands.answer(id, { v: 1, id, ok: true, result: { alertId: 'al-1' } });
    await expect(result).resolves.toEqual({ alertId: 'al-1' });
  });
});
