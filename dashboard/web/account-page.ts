import { el } from './dom.ts';
import { notificationPreferences } from './notification-preferences.ts';
import { session } from './session-client.ts';
import type { Lang } from '../text/lang.ts';

/** `/account` (issue 15): the signed-in person's own settings — for now, which alerts reach them. */
export function renderAccountPage(root: HTMLElement, lang: Lang): void {
  root.replaceChildren(el('p', { className: 'empty' }));
  void session().then(({ user }) => root.replaceChildren(notificationPreferences(lang, user)));
}
