/**
 * The languages Givre speaks: French first (the users are in Wallonia), English second.
 * Pure and free of Node and of the DOM: the pages and the certificate renderers share it.
 */
export type Lang = 'fr' | 'en';
export const LANGS: readonly Lang[] = ['fr', 'en'];

/** Belgian French and British English: day-month dates, 24-hour clock, as at the depot. */
export const LOCALE: Readonly<Record<Lang, string>> = { fr: 'fr-BE', en: 'en-GB' };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** `?lang=` wins (a shared link), then the choice remembered on this device, then French. */
export function pickLanguage(search: string, stored: string | null): Lang {
  const fromQuery = new URLSearchParams(search).get('lang');
  if (isLang(fromQuery)) return fromQuery;
  if (isLang(stored)) return stored;
  return 'fr';
}
