import { describe, expect, it } from 'vitest';
import { safeNext } from './login-page.ts';

const ORIGIN = 'http://127.0.0.1:8080';

describe('login redirect target', () => {
  it.each([
    ['?next=%2Fdriver%2FVAN-01', '/driver/VAN-01'],
    ['?next=%2Floads%3Flang%3Den', '/loads?lang=en'],
    ['?next=%2Floads%23top', '/loads#top'],
    ['', '/'],
    ['?next=https%3A%2F%2Fevil.example', '/'],
    ['?next=%2F%2Fevil.example', '/'],
    ['?next=%2F%5Cevil.example', '/'],
    // Issue 11 (2): the URL parser strips tabs and newlines, so `/\t/host` is `//host`.
    ['?next=/%09/evil.example/x', '/'],
    ['?next=/%0A/evil.example/x', '/'],
    ['?next=%09//evil.example', '/'],
    ['?next=javascript:alert(1)', '/'],
    // The parser reads a same-scheme URL without slashes as a path of this site, as the browser does.
    ['?next=http:evil.example', '/evil.example'],
    ['?next=http%3A%2F%2F127.0.0.1%3A8080%2Floads', '/loads'],
    ['?next=http%3A%2F%2F127.0.0.1%3A8081%2Floads', '/'],
  ])('%s → %s', (search, expected) => {
    expect(safeNext(search, ORIGIN)).toBe(expected);
  });
});
