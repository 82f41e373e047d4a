import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedHook {
  event: string;
  body: {
    event: string;
    seq: number;
    episode: { id: string; van: string; kind: string; state: string };
    transition: { to: string };
  };
  /** The X-Givre-Signature header matched the HMAC-SHA256 of the raw body with the shared secret. */
  signatureValid: boolean;
}

/** A local webhook receiver (node:http, port 0) that checks Givre's signature as an SMS gateway would. */
export async function startWebhookReceiver(secret: string, options: { failFirst?: number } = {}) {
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
      received.push({ event: String(req.headers['x-givre-event']), body, signatureValid });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/givre`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
