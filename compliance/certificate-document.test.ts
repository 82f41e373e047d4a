import { describe, expect, it } from 'vitest';
import { duplicateKeyIn, readCertificateDocument } from './certificate-document.ts';

describe('a handed-over certificate is read as its text (issue 10, 6)', () => {
  it.each([
    ['{"a":1,"b":2}', null],
    ['{"a":{"x":1},"b":{"x":1}}', null], // the same key in two objects is no repeat
    ['[{"a":1},{"a":2}]', null],
    ['{"a":"{\\"a\\":1,\\"a\\":2}"}', null], // inside a string value: text, not keys
    ['{"s":"a,b","a":1}', null],
    ['{"a":1,"a":2}', 'a'],
    ['{"report":{"verdict":"compliant","verdict":"non-compliant"}}', 'verdict'],
    ['{"report":{"v\\u0065rdict":"compliant","verdict":"non-compliant"}}', 'verdict'],
    ['{"list":[{"k":1,"k":1}]}', 'k'],
    ['{"a":[1,{"b":2}],"a":3}', 'a'],
  ])('%s → repeated key %s', (text, key) => {
    expect(JSON.parse(text)).toBeDefined();
    expect(duplicateKeyIn(text)).toBe(key);
  });

  it('refuses text that is not JSON, or that repeats a key, saying so in French and English', () => {
    expect(readCertificateDocument('{"a":')).toMatchObject({
      ok: false,
      reason: { en: 'the content is not valid JSON' },
    });
    const repeated = readCertificateDocument('{"certificate":{"id":"x","id":"y"}}');
    expect(repeated.ok).toBe(false);
    if (!repeated.ok) {
      expect(repeated.reason.fr).toContain('« id »');
      expect(repeated.reason.en).toContain('"id"');
    }
    expect(readCertificateDocument('{"certificate":{"id":"x"}}')).toEqual({
      ok: true,
      doc: { certificate: { id: 'x' } },
    });
  });
});
