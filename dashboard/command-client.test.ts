import { describe, expect, it } from 'vitest';
import type { CommandMessage, CommandReply } from '../core/ops-messages.ts';
import { GivreError } from '../platform/errors.ts';
import { createCommandClient } from './command-client.ts';

const ack = { type: 'alert-ack' as const, alertId: 'al-1', by: 'marie', reason: 'defrost' as const };

function setUp(stored: Record<string, CommandReply> = {}, timeoutMs = 50) {
  const sent: CommandMessage[] = [];
  const client = createCommandClient({
    publish: async (topic, payload) => {
      expect(topic).toBe('givre/v1/ops/commands');
      sent.push(JSON.parse(payload) as CommandMessage);
    },
    replyTo: 'givre-dashboard-1',
    commands: { reply: (id) => stored[id] },
    timeoutMs,
  });
  return { client, sent };
}

const sentOne = async (sent: CommandMessage[]) => {
  while (sent.length === 0) await new Promise((r) => setTimeout(r, 1));
  return sent[0]!;
};

describe('command client (issue 9)', () => {
  it('sends the command with an id and its reply address, and resolves with ingest’s result', async () => {
    const { client, sent } = setUp({}, 5_000);
    const result = client.send(ack);
    const message = await sentOne(sent);
    expect(message).toMatchObject({ v: 1, replyTo: 'givre-dashboard-1', command: ack });
    client.onReply({ v: 1, id: 'someone-else', ok: true, result: {} }); // not ours: ignored
    client.onReply({ v: 1, id: message.id, ok: true, result: { alertId: 'al-1' } });
    await expect(result).resolves.toEqual({ alertId: 'al-1' });
  });

  it('throws a refusal as the coded error it is', async () => {
    const { client, sent } = setUp({}, 5_000);
    const result = client.send(ack);
    const { id } = await sentOne(sent);
    client.onReply({
      v: 1,
      id,
      ok: false,
      error: { code: 'GIVRE_ERR_BAD_REQUEST', message: 'already-acknowledged' },
    });
    await expect(result).rejects.toMatchObject({ code: 'GIVRE_ERR_BAD_REQUEST', status: 400 });
  });

  it('without a reply in time, takes the one ingest kept in the state store', async () => {
    const stored: Record<string, CommandReply> = {};
    const { client, sent } = setUp(stored);
    const result = client.send(ack);
    const { id } = await sentOne(sent);
    stored[id] = { v: 1, id, ok: true, result: { alertId: 'al-1' } };
    await expect(result).resolves.toEqual({ alertId: 'al-1' });
  });

  it('with no reply anywhere, answers 503: ingest is away', async () => {
    const { client } = setUp();
    const error = await client.send(ack).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(GivreError);
    expect(error).toMatchObject({ code: 'GIVRE_ERR_UNAVAILABLE', status: 503 });
  });
});
