import { renderAssociationPage } from './association-page.ts';
import { renderLoadsPage } from './loads-page.ts';
import { createPageChrome } from './page-chrome.ts';
import { renderVerifyPage } from './verify-page.ts';
import { TEXT } from '../text/catalogue.ts';

/** Entry of the issue-6 pages: `/loads`, `/associations/{id}`, `/verify[/{id}]`, `/verify/t/{token}`, chosen by path. */
const [, page, id, token] = location.pathname.split('/').map(decodeURIComponent);
// The verification pages are public (issue 4): no session asked for, so no account bar.
const chrome = createPageChrome({ account: page !== 'verify' });
const root = chrome.main;

function render(): void {
  const lang = chrome.lang();
  const t = TEXT[lang];
  const onAssociation = page === 'associations' && id;
  chrome.render(
    onAssociation ? t.loads.associationTitle : page === 'verify' ? t.verify.title : t.loads.title,
  );
  const done = onAssociation
    ? renderAssociationPage(root, id, lang)
    : page === 'verify'
      ? renderVerifyPage(root, id === 't' ? { token } : { id }, lang)
      : renderLoadsPage(root, lang);
  done.catch((err: Error) => (root.textContent = err.message));
}

chrome.onLanguage(render);
render();
