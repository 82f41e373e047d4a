import { deskLinks } from './desk-links.ts';
import { el } from './dom.ts';
import type { Lang } from './i18n.ts';
import { api, session } from './session-client.ts';

const WORDS: Record<Lang, { logout: string; admin: string }> = {
  fr: { logout: 'Se déconnecter', admin: 'Administration' },
  en: { logout: 'Sign out', admin: 'Administration' },
};

/**
 * Who is signed in and a sign-out button, in the top bar of every signed-in page; absent on
 * a dashboard without users. `lang()` is read on each render so the bar follows the page.
 */
export function mountAccountBar(lang: () => Lang): { render(): void } {
  const bar = el('span', { className: 'account', testId: 'account' });
  document.querySelector('.topbar__tools')?.prepend(bar);
  let info: Awaited<ReturnType<typeof session>> | undefined;
  const render = () => {
    if (!info || info.open) return void bar.replaceChildren();
    const t = WORDS[lang()];
    const out = el('button', { className: 'lbtn', testId: 'logout' }, t.logout);
    out.type = 'button';
    out.addEventListener('click', () => {
      void api('/api/logout', { method: 'POST' }).then(() => (location.href = '/login'));
    });
    const who = el('span', { testId: 'account-user' }, `${info.user.username} (${info.user.role}) `);
    const admin = el('a', { testId: 'admin-link' }, t.admin);
    admin.href = '/admin';
    bar.replaceChildren(
      ...deskLinks(info.user.role, lang()),
      who,
      ...(info.user.role === 'admin' ? [admin, ' '] : []),
      out,
    );
  };
  void session().then((s) => {
    info = s;
    render();
  });
  return { render };
}
