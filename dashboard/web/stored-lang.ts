import { pickLanguage, type Lang } from './i18n.ts';

/** localStorage key of the language a person picked on this device (shared by every page). */
const LANG_KEY = 'givre.lang';

/** `?lang=`, else the choice stored on this device, else French. */
export function initialLang(): Lang {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(LANG_KEY);
  } catch {
    // Private browsing and locked-down kiosks may refuse storage; the page works anyway.
  }
  return pickLanguage(location.search, stored);
}

export function storeLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    /* the choice then lasts until reload */
  }
}
