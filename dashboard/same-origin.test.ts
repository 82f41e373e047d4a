import { describe, expect, it } from 'vitest';
import { isSameOrigin } from './same-origin.ts';

describe('isSameOrigin', () => {
  it.each([
    [{ host: '127.0.0.1:8080' }, true], // not a browser
    [{ host: '127.0.0.1:8080', origin: 'http://127.0.0.1:8080' }, true],
    [{ host: 'depot.local', origin: 'https://depot.local' }, true],
    [{ host: '127.0.0.1:8080', origin: 'http://evil.example' }, false],
    [{ host: '127.0.0.1:8080', origin: 'http://127.0.0.1:9090' }, false],
    [{ host: '127.0.0.1:8080', origin: 'null' }, false],
    [{ origin: 'http://127.0.0.1:8080' }, false],
  ])('%j → %s', (headers, expected) => {
    expect(isSameOrigin({ headers })).toBe(expected);
  });
});
