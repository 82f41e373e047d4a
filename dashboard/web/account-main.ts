import { TEXT } from '../text/catalogue.ts';
import { renderAdminPage } from './admin-page.ts';
import { renderLoginPage } from './login-page.ts';
import { createPageChrome } from './page-chrome.ts';

/** Entry of the people pages (issue 4): `/login` and `/admin`, chosen by path. */
const isAdmin = location.pathname === '/admin';
// Signing in has no session yet, so no account bar.
const chrome = createPageChrome({ account: isAdmin });
const root = chrome.main;

function render(): void {
  const lang = chrome.lang();
  chrome.render(isAdmin ? TEXT[lang].admin.title : TEXT[lang].login.title);
  if (isAdmin) renderAdminPage(root, lang);
  else renderLoginPage(root, lang);
}

chrome.onLanguage(render);
render();
