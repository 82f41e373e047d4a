import { describe, expect, it } from 'vitest';
import { safeNext } from './login-page.ts';

describe('login redirect target', () => {
  it.each([
    ['?next=%2Fdriver%2FVAN-01', '/driver/VAN-01'],
    ['?next=%2Floads%3Flang%3Den', '/loads?lang=en'],
    ['', '/'],
    ['?next=https%3A%2F%2Fevil.example', '/'],
    ['?next=%2F%2Fevil.example', '/'],
    ['?next=%2F%5Cevil.example', '/'],
  ])('%s → %s', (search, expected) => {
    expect(safeNext(search)).toBe(expected);
  });
});
