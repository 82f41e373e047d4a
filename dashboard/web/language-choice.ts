import { pickLanguage, type Lang } from '../text/lang.ts';

/** localStorage key of the language a person picked on this device (shared by every page). */
const LANG_KEY = 'givre.lang';

/** `?lang=`, else the choice remembered on this device, else French. */
export function initialLanguage(): Lang {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(LANG_KEY);
  } catch {
    // Private browsing and locked-down kiosks may refuse storage; the page works anyway.
  }
  return pickLanguage(location.search, stored);
}

/** Remembers a person's choice on this device, for every page. */
export function storeLanguage(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    /* the choice then lasts until reload */
  }
}
