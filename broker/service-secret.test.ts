import { describe, expect, it } from 'vitest';
import { requireServiceSecret } from './service-secret.ts';

describe('requireServiceSecret (issue 4: no start with a default or empty secret)', () => {
  it.each([undefined, '', 'changeme', 'ChangeMe123', 'password', 'short-secret'])('refuses %j', (secret) => {
    expect(() => requireServiceSecret(secret)).toThrow(/^GIVRE_MQTT_PASSWORD="\**" is invalid: expected/);
  });

  it('accepts a long secret of one’s own, and never echoes it', () => {
    expect(requireServiceSecret('k3Jx9-aVq2-ZpL0-wWm7')).toBe('k3Jx9-aVq2-ZpL0-wWm7');
    expect(() => requireServiceSecret('hunter2')).toThrow(/"\*{7}"/);
  });
});
