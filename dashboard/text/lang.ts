/**
 * The languages Givre speaks: French first (the users are in Wallonia), English second, and
 * Dutch (issue 16) for the network's neighbours in Flanders and Brussels.
 * Pure and free of Node and of the DOM: the pages and the certificate renderers share it.
 */
export type Lang = 'fr' | 'en' | 'nl';
export const LANGS: readonly Lang[] = ['fr', 'en', 'nl'];

/**
 * Belgian French, British English and Belgian Dutch: day-month dates, 24-hour clock, as at
 * the depot; nl-BE writes the decimal comma and the dot between thousands ("1.250,5 kg").
 */
export const LOCALE: Readonly<Record<Lang, string>> = { fr: 'fr-BE', en: 'en-GB', nl: 'nl-BE' };

/** Each language named in itself, as the language choice offers it. */
export const LANGUAGE_NAME: Readonly<Record<Lang, string>> = {
  fr: 'Français',
  en: 'English',
  nl: 'Nederlands',
};

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
