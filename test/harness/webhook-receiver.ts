import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedHook {
  event: string;
  /** The `Idempotency-Key` header: the delivery's stable id, the same on every attempt (issue 13). */
  idempotencyKey: string;
  body: {
    event: string;
    delivery: string;
    seq: number;
    episode: { id: string; van: string; kind: string; state: string };
    transition: { to: string };
  };
  /** The X-Givre-Signature header matched the HMAC-SHA256 of the raw body with the shared secret. */
  signatureValid: boolean;
}

/**
 * A local webhook receiver (node:http) that checks Givre's signature as an SMS gateway would.
 * Port 0 unless `port` is given: a receiver brought back up after an outage listens where it was.
 */
export async function startWebhookReceiver(
  secret: string,
  options: { failFirst?: number; port?: number; answer?: number } = {},
) {
  const received: ReceivedHook[] = [];
  let toFail = options.failFirst ?? 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (toFail > 0) {
        toFail--;
        res.writeHead(503).end();
        return;
      }
      const raw = Buffer.concat(chunks);
      const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`);
      const given = Buffer.from(String(req.headers['x-givre-signature'] ?? ''));
      const signatureValid = given.length === expected.length && timingSafeEqual(given, expected);
      const body = JSON.parse(raw.toString('utf8')) as ReceivedHook['body'];
      received.push({
        event: String(req.headers['x-givre-event']),
        idempotencyKey: String(req.headers['idempotency-key']),
        body,
        signatureValid,
      });
      res.writeHead(options.answer ?? 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/givre`,
    port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
