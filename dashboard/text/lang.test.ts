import { describe, expect, it } from 'vitest';
import { isLang, pickLanguage } from './lang.ts';

describe('pickLanguage', () => {
  it.each([
    ['', null, 'fr'],
    ['', 'en', 'en'],
    ['?lang=en', null, 'en'],
    ['?lang=fr', 'en', 'fr'],
    ['?lang=de', 'en', 'en'],
    ['', 'klingon', 'fr'],
    ['?lang=nl', null, 'nl'],
    ['', 'nl', 'nl'],
    ['?lang=nl', 'en', 'nl'],
  ])('search %j, stored %j → %s', (search, stored, expected) => {
    expect(pickLanguage(search, stored)).toBe(expected);
  });

  it('knows only the languages it has a catalogue for', () => {
    expect([isLang('fr'), isLang('en'), isLang('nl'), isLang('de'), isLang(undefined)]).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});
