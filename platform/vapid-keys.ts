import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The installation's VAPID key pair (RFC 8292), base64url as web-push and `pushManager.subscribe` take them. */
export interface VapidKeys {
  /** The uncompressed P-256 point (65 bytes), base64url: the browser's `applicationServerKey`. */
  publicKey: string;
  /** The 32-byte private scalar, base64url. */
  privateKey: string;
}

export const VAPID_PRIVATE_FILE = 'keys/vapid-p256.json';
export const VAPID_PUBLIC_FILE = 'keys/vapid-p256.pub';

function generate(): VapidKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const jwk = publicKey.export({ format: 'jwk' });
  const d = privateKey.export({ format: 'jwk' }).d!;
  const point = Buffer.concat([
    Buffer.from([4]),
    Buffer.from(jwk.x!, 'base64url'),
    Buffer.from(jwk.y!, 'base64url'),
  ]);
  return { publicKey: point.toString('base64url'), privateKey: d };
}

/**
 * Issue 15: the VAPID key pair under GIVRE_DATA_DIR, created on first run like the
 * certificate keys (compliance/certificate-keys.ts): the private key is written mode 0600 and
 * never leaves this machine (ingest signs each push request's JWT with it); the public half is
 * written beside it for the dashboard, which hands it to browsers. A subscription is bound to
 * this public key: a new key pair means every phone subscribes again.
 */
export function loadOrCreateVapidKeys(dataDir: string): VapidKeys {
  const privatePath = join(dataDir, VAPID_PRIVATE_FILE);
  const publicPath = join(dataDir, VAPID_PUBLIC_FILE);
  if (!existsSync(privatePath)) {
    mkdirSync(join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
    // Written whole beside it, then linked into place: of two processes starting at once, one
    // key pair wins and the other process reads it, never a half-written file.
    const draft = `${privatePath}.${process.pid}.tmp`;
    writeFileSync(draft, JSON.stringify(generate()), { mode: 0o600 });
    chmodSync(draft, 0o600);
    try {
      linkSync(draft, privatePath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      unlinkSync(draft);
    }
  }
  const keys = JSON.parse(readFileSync(privatePath, 'utf8')) as VapidKeys;
  if (!existsSync(publicPath)) writeFileSync(publicPath, keys.publicKey, { mode: 0o644 });
  return keys;
}

/**
 * The public key only, as the dashboard needs it, read when first found and kept; `null`
 * until ingest has created the pair.
 */
export function vapidPublicKeyReader(dataDir: string): () => string | null {
  let key: string | null = null;
  return () => {
    if (key !== null) return key;
    const path = join(dataDir, VAPID_PUBLIC_FILE);
    if (!existsSync(path)) return null;
    key = readFileSync(path, 'utf8').trim() || null;
    return key;
  };
}
