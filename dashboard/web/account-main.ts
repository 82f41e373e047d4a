import { mountAccountBar } from './account-bar.ts';
import { renderAdminPage } from './admin-page.ts';
import { LANGS, pickLanguage, type Lang } from './i18n.ts';
import { renderLoginPage } from './login-page.ts';

/** Entry of the people pages (issue 4): `/login` and `/admin`, chosen by path. */
const LANG_KEY = 'givre.lang';
const root = document.querySelector<HTMLElement>('[data-testid="page"]')!;
const isAdmin = location.pathname === '/admin';
let lang: Lang = pickLanguage(
  location.search,
  (() => {
    try {
      return localStorage.getItem(LANG_KEY);
    } catch {
      return null;
    }
  })(),
);
const bar = isAdmin ? mountAccountBar(() => lang) : undefined;

function render(): void {
  document.documentElement.lang = lang;
  for (const code of LANGS)
    document
      .querySelector(`[data-testid="lang-${code}"]`)
      ?.setAttribute('aria-pressed', String(code === lang));
  bar?.render();
  if (isAdmin) renderAdminPage(root, lang).catch((err: Error) => (root.textContent = err.message));
  else renderLoginPage(root, lang);
}

for (const code of LANGS)
  document.querySelector(`[data-testid="lang-${code}"]`)?.addEventListener('click', () => {
    lang = code;
    try {
      localStorage.setItem(LANG_KEY, code);
    } catch {
      /* lasts until reload */
    }
    render();
  });
render();
