import { describe, expect, it } from 'vitest';
import { hashSecret, newSecret, verifySecret } from './secret-hash.ts';

const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe('secret hashing (scrypt)', () => {
  it('verifies the secret it hashed and nothing else', async () => {
    const secret = newSecret();
    const encoded = await hashSecret(secret, FAST);
    expect(encoded).toMatch(/^scrypt\$1024\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(encoded).not.toContain(secret);
    expect(await verifySecret(secret, encoded)).toBe(true);
    expect(await verifySecret(`${secret}x`, encoded)).toBe(false);
    expect(await verifySecret('', encoded)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashSecret('same', FAST)).not.toBe(await hashSecret('same', FAST));
  });

  it('answers false on a malformed stored hash', async () => {
    expect(await verifySecret('x', 'plain$text')).toBe(false);
  });

  it('makes 43-character url-safe secrets', () => {
    expect(newSecret()).toMatch(/^[\w-]{43}$/);
  });
});
