import type { IncomingMessage } from 'node:http';

const RAW = Symbol('givre.rawBody');
type WithRaw = IncomingMessage & { [RAW]?: Buffer };

/** express.json's `verify` hook: keeps the body's bytes beside the parsed object. */
export function keepRawBody(req: IncomingMessage, _res: unknown, buf: Buffer): void {
  (req as WithRaw)[RAW] = buf;
}

/** The JSON body as it was sent, or `undefined` when there was none. */
export function rawBodyOf(req: IncomingMessage): string | undefined {
  return (req as WithRaw)[RAW]?.toString('utf8');
}
