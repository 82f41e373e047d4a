import { LANGS, pickLanguage, type Lang } from './i18n.ts';

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

/**
 * Wires the FR/EN buttons of the top bar: each click remembers the choice and calls
 * `chosen`; `show(lang)` marks the pressed button and the page's language.
 */
export function languageButtons(chosen: (lang: Lang) => void): { show(lang: Lang): void } {
  const button = (code: Lang) => document.querySelector(`[data-testid="lang-${code}"]`);
  for (const code of LANGS)
    button(code)?.addEventListener('click', () => {
      storeLanguage(code);
      chosen(code);
    });
  return {
    show(lang) {
      document.documentElement.lang = lang;
      for (const code of LANGS) button(code)?.setAttribute('aria-pressed', String(code === lang));
    },
  };
}
