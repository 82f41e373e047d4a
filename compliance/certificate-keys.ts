import { generateKeyPairSync, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CertificateKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM, as served at GET /api/certificates/public-key. */
  publicPem: string;
}

export const PRIVATE_KEY_FILE = 'keys/certificate-ed25519.pem';
export const PUBLIC_KEY_FILE = 'keys/certificate-ed25519.pub.pem';

/**
 * The installation's Ed25519 key pair under GIVRE_DATA_DIR, created on first run. The private
 * key is written mode 0600 (owner only) and never leaves this machine; the public key is
 * published so that anyone can check a certificate offline (`givre verify`).
 */
export function loadOrCreateKeys(dataDir: string): CertificateKeys {
  const privatePath = join(dataDir, PRIVATE_KEY_FILE);
  const publicPath = join(dataDir, PUBLIC_KEY_FILE);
  if (!existsSync(privatePath)) {
    mkdirSync(join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
    const pair = generateKeyPairSync('ed25519');
    writeFileSync(privatePath, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), {
      mode: 0o600,
      flag: 'wx',
    });
    chmodSync(privatePath, 0o600);
    writeFileSync(publicPath, pair.publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
  }
  const privateKey = createPrivateKey(readFileSync(privatePath));
  const publicKey = createPublicKey(privateKey);
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  if (!existsSync(publicPath)) writeFileSync(publicPath, publicPem, { mode: 0o644 });
  return { privateKey, publicKey, publicPem };
}

/** The public half only, as the dashboard and `givre verify` need it. */
export type PublicKeys = Pick<CertificateKeys, 'publicKey' | 'publicPem'>;

/**
 * Reads the installation's public key when first asked and keeps it: the dashboard never
 * holds the private key (ingest signs, issue 9). `undefined` until ingest has created it.
 */
export function publicKeyReader(dataDir: string): () => PublicKeys | undefined {
  let keys: PublicKeys | undefined;
  return () => {
    if (keys) return keys;
    const path = join(dataDir, PUBLIC_KEY_FILE);
    if (!existsSync(path)) return undefined;
    const publicKey = createPublicKey(readFileSync(path));
    keys = { publicKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
    return keys;
  };
}
