import {
  createDecipheriv,
  createECDH,
  createPublicKey,
  hkdfSync,
  randomBytes,
  verify,
  type ECDH,
} from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Issue 15, tests: the two ends of Web Push that are not Givre's, written from the RFCs and
 * independent of the web-push package: a browser's subscription keys and its decryption of a
 * message (RFC 8291 with RFC 8188 aes128gcm), a push service on loopback that records what it
 * is sent and answers as told, and the check of the VAPID header (RFC 8292) a push service makes.
 */

/** What a browser's `pushManager.subscribe()` makes: a P-256 key pair and a 16-byte auth secret. */
export interface BrowserPushKeys {
  /** `PushSubscription.toJSON().keys`. */
  keys: { p256dh: string; auth: string };
  /** The plaintext of an aes128gcm message encrypted to these keys (RFC 8291 §3.4, RFC 8188 §2). */
  decrypt(body: Buffer): string;
}

export function browserPushKeys(): BrowserPushKeys {
  const ecdh: ECDH = createECDH('prime256v1');
  const uaPublic = ecdh.generateKeys(); // uncompressed point, 65 bytes
  const authSecret = randomBytes(16);
  return {
    keys: { p256dh: uaPublic.toString('base64url'), auth: authSecret.toString('base64url') },
    decrypt(body) {
      // RFC 8188 §2.1 header: salt (16) | rs (uint32) | idlen (1) | keyid — here the sender's public key.
      const salt = body.subarray(0, 16);
      const rs = body.readUInt32BE(16);
      const idlen = body[20]!;
      const asPublic = body.subarray(21, 21 + idlen);
      const records = body.subarray(21 + idlen);
      if (idlen !== 65) throw new Error(`keyid of ${idlen} bytes, expected the sender's 65-byte key`);
      if (records.length > rs) throw new Error('more than one record: not expected for an alert');
      // RFC 8291 §3.3–3.4: IKM from the ECDH secret and the auth secret, bound to both public keys.
      const ecdhSecret = ecdh.computeSecret(asPublic);
      const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic]);
      const ikm = Buffer.from(hkdfSync('sha256', ecdhSecret, authSecret, keyInfo, 32));
      // RFC 8188 §2.2–2.3: the content key and nonce from the salt (record 0: the nonce as is).
      const cek = Buffer.from(
        hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16),
      );
      const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
      const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
      decipher.setAuthTag(records.subarray(records.length - 16));
      const padded = Buffer.concat([
        decipher.update(records.subarray(0, records.length - 16)),
        decipher.final(),
      ]);
      // The last record ends with the delimiter 0x02, then zero padding (RFC 8188 §2).
      let end = padded.length - 1;
      while (end >= 0 && padded[end] === 0) end--;
      if (padded[end] !== 2) throw new Error('no last-record delimiter');
      return padded.subarray(0, end).toString('utf8');
    },
  };
}

/** The VAPID `Authorization: vapid t=<JWT>, k=<key>` header, checked as a push service does (RFC 8292 §2–3). */
export function verifyVapid(authorization: string | undefined): {
  valid: boolean;
  key: string;
  claims: { aud?: string; exp?: number; sub?: string };
} {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization ?? '');
  if (!match) return { valid: false, key: '', claims: {} };
  const [, jwt, key] = match as unknown as [string, string, string];
  const [header, payload, signature] = jwt.split('.') as [string, string, string];
  const point = Buffer.from(key, 'base64url');
  const publicKey = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  });
  const alg = (JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg?: string }).alg;
  // ES256 (RFC 7518 §3.4): the signature is r || s, 64 bytes.
  const valid =
    alg === 'ES256' &&
    verify(
      'sha256',
      Buffer.from(`${header}.${payload}`),
      { key: publicKey, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature, 'base64url'),
    );
  return { valid, key, claims: JSON.parse(Buffer.from(payload, 'base64url').toString()) as never };
}

export interface PushRequest {
  /** The endpoint's path: which subscription it was for. */
  path: string;
  method: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** What the stand-in answered. */
  status: number;
}

export interface LocalPushService {
  /** `http://127.0.0.1:{port}`: a subscription's endpoint is this plus a path of the test's choosing. */
  origin: string;
  requests: PushRequest[];
  /** Answers the next requests to `path` with these statuses in turn, then 201 again. */
  answer(path: string, ...statuses: number[]): void;
  /** Answers every later request to `path` with `status`. */
  answerAlways(path: string, status: number): void;
  close(): Promise<void>;
}

/** A push service on loopback (node:http), standing in for FCM, Mozilla's or Apple's: 201 Created unless told otherwise. */
export async function startLocalPushService(): Promise<LocalPushService> {
  const requests: PushRequest[] = [];
  const queued = new Map<string, number[]>();
  const always = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const status = queued.get(path)?.shift() ?? always.get(path) ?? 201;
      requests.push({
        path,
        method: req.method ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
        status,
      });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    answer: (path, ...statuses) => void queued.set(path, [...(queued.get(path) ?? []), ...statuses]),
    answerAlways: (path, status) => void always.set(path, status),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
