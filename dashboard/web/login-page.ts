import { TEXT } from '../text/catalogue.ts';
import { el } from './dom.ts';
import type { Lang } from '../text/lang.ts';

/**
 * Only a page of this site: `?next=` must not turn the login into a redirector. The target is
 * parsed as the browser will parse it, never checked as a string (issue 11, 2): `/\t/evil.example`
 * passes any "starts with one slash" test, but the URL parser drops the tab and reads
 * `//evil.example`, another host. What stays on `origin` is kept as path, query and fragment.
 */
export function safeNext(search: string, origin: string): string {
  const next = new URLSearchParams(search).get('next');
  if (next === null) return '/';
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return '/';
  }
  return url.origin === origin ? `${url.pathname}${url.search}${url.hash}` : '/';
}

/** `/login`: username and password; on success, back to the page that sent the browser here. */
export function renderLoginPage(root: HTMLElement, lang: Lang): void {
  const t = TEXT[lang].login;
  document.title = t.title;
  const user = el('input', { testId: 'login-username' });
  user.name = 'username';
  user.autocomplete = 'username';
  user.required = true;
  const pass = el('input', { testId: 'login-password' });
  pass.name = 'password';
  pass.type = 'password';
  pass.autocomplete = 'current-password';
  pass.required = true;
  const error = el('p', { className: 'dbanner__error', testId: 'login-error' });
  error.setAttribute('role', 'alert');
  const submit = el('button', { className: 'lbtn', testId: 'login-submit' }, t.signIn);
  const form = el(
    'form',
    { className: 'lform', testId: 'login-form' },
    el('label', {}, t.username, user),
    el('label', {}, t.password, pass),
    submit,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    submit.disabled = true;
    void fetch('/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ username: user.value, password: pass.value }),
    })
      .then((res) => {
        if (res.ok) return void (location.href = safeNext(location.search, location.origin));
        const retry = Number(res.headers.get('retry-after') ?? '0');
        error.textContent =
          res.status === 429
            ? // A check in flight answers Retry-After: 1 (issue 11, 1); a lock, its minutes.
              retry <= 5
              ? t.busy
              : t.locked(Math.max(1, Math.ceil(retry / 60)))
            : res.status === 401
              ? t.wrong
              : `${t.failed} (${res.status})`;
        pass.value = '';
      })
      .catch((err: Error) => (error.textContent = `${t.failed}: ${err.message}`))
      .finally(() => (submit.disabled = false));
  });
  root.replaceChildren(el('h2', {}, t.title), form, error);
  user.focus();
}
