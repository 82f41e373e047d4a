import { TEXT } from '../text/catalogue.ts';
import { renderAccountPage } from './account-page.ts';
import { renderAdminPage } from './admin-page.ts';
import { renderLoginPage } from './login-page.ts';
import { createPageChrome } from './page-chrome.ts';

/** Entry of the people pages (issues 4, 15): `/login`, `/admin` and `/account`, chosen by path. */
const page =
  location.pathname === '/admin' ? 'admin' : location.pathname === '/account' ? 'account' : 'login';
// Signing in has no session yet, so no account bar.
const chrome = createPageChrome({ account: page !== 'login' });
const root = chrome.main;

function render(): void {
  const lang = chrome.lang();
  chrome.render(TEXT[lang][page].title);
  if (page === 'admin') renderAdminPage(root, lang);
  else if (page === 'account') renderAccountPage(root, lang);
  else renderLoginPage(root, lang);
}

chrome.onLanguage(render);
render();
