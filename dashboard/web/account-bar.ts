import { navigationFor, type NavLink } from '../../core/people/navigation.ts';
import { el } from './dom.ts';
import { TEXT } from '../text/catalogue.ts';
import type { Lang } from '../text/lang.ts';
import { forgetSnapshot } from './driver-snapshot.ts';
import { api, session } from './session-client.ts';

/** A driver with several vans sees each by its id; every other page by its name. */
const label = (link: NavLink, lang: Lang) =>
  link.page === 'van' && link.subject !== undefined ? link.subject : TEXT[lang].nav.pages[link.page];

/**
 * The header of every signed-in page (issue 12): the pages this person's role may open,
 * who is signed in (name and role in words) and a sign-out button; absent on a dashboard
 * without users. `lang()` is read on each render so the bar follows the page's language.
 */
export function mountAccountBar(lang: () => Lang): { render(): void } {
  const bar = el('span', { className: 'account', testId: 'account' });
  const nav = el('nav', { className: 'nav', testId: 'nav' });
  const tools = document.querySelector('.topbar__tools');
  tools?.prepend(bar);
  tools?.parentElement?.insertBefore(nav, tools);
  let info: Awaited<ReturnType<typeof session>> | undefined;
  const render = () => {
    if (!info || info.open) {
      nav.replaceChildren();
      return void bar.replaceChildren();
    }
    const t = TEXT[lang()].nav;
    nav.setAttribute('aria-label', t.label);
    nav.replaceChildren(
      ...navigationFor(info.user).map((link) => {
        const a = el('a', { className: 'nav__link', testId: `nav-${link.page}` }, label(link, lang()));
        a.href = link.path;
        if (location.pathname === link.path) a.setAttribute('aria-current', 'page');
        return a;
      }),
    );
    const out = el('button', { className: 'lbtn', testId: 'logout' }, t.logout);
    out.type = 'button';
    out.addEventListener('click', () => {
      // The driver app's last state stays on the phone for offline use (issue 15): not for the next person.
      forgetSnapshot();
      void api('/api/logout', { method: 'POST' }).then(() => (location.href = '/login'));
    });
    // The person's own settings (issue 15): which alerts reach them, by which channel.
    const who = el('a', { className: 'account__link', testId: 'account-user' });
    who.href = '/account';
    who.title = t.account;
    who.textContent = `${info.user.username} · ${TEXT[lang()].common.roles[info.user.role]}`;
    if (location.pathname === '/account') who.setAttribute('aria-current', 'page');
    bar.replaceChildren(who, ' ', out);
  };
  const load = () =>
    session().then(
      (s) => {
        info = s;
        render();
      },
      // No network (the driver app opened offline): the bar fills in when it is back.
      () => window.addEventListener('online', () => void load(), { once: true }),
    );
  void load();
  return { render };
}
