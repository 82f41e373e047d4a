import { mountAccountBar } from './account-bar.ts';
import { renderAssociationPage } from './association-page.ts';
import { LANGS, pickLanguage, type Lang } from './i18n.ts';
import { renderLoadsPage } from './loads-page.ts';
import { renderVerifyPage } from './verify-page.ts';

/** Entry of the issue-6 pages: `/loads`, `/associations/{id}`, `/verify[/{id}]`, `/verify/t/{token}`, chosen by path. */
const LANG_KEY = 'givre.lang';
const root = document.querySelector<HTMLElement>('[data-testid="page"]')!;
const [, page, id, token] = location.pathname.split('/').map(decodeURIComponent);
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

// The verification pages are public (issue 4): no session asked for, so no account bar.
const account = page === 'verify' ? undefined : mountAccountBar(() => lang);

function render(): void {
  account?.render();
  document.documentElement.lang = lang;
  for (const code of LANGS)
    document
      .querySelector(`[data-testid="lang-${code}"]`)
      ?.setAttribute('aria-pressed', String(code === lang));
  const done =
    page === 'associations' && id
      ? renderAssociationPage(root, id, lang)
      : page === 'verify'
        ? renderVerifyPage(root, id === 't' ? { token } : { id }, lang)
        : renderLoadsPage(root, lang);
  done.catch((err: Error) => (root.textContent = err.message));
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
