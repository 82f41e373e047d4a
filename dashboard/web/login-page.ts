import { ACCOUNT_TEXT } from './account-i18n.ts';
import { el } from './dom.ts';
import type { Lang } from './i18n.ts';

/** Only a path of this site: `?next=https://evil.example` must not turn the login into a redirector. */
export function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('next') ?? '/';
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

/** `/login`: username and password; on success, back to the page that sent the browser here. */
export function renderLoginPage(root: HTMLElement, lang: Lang): void {
  const t = ACCOUNT_TEXT[lang];
  document.title = t.loginTitle;
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
        if (res.ok) return void (location.href = safeNext(location.search));
        const retry = Number(res.headers.get('retry-after') ?? '0');
        error.textContent =
          res.status === 429
            ? t.locked(Math.max(1, Math.ceil(retry / 60)))
            : res.status === 401
              ? t.wrong
              : `${t.failed} (${res.status})`;
        pass.value = '';
      })
      .catch((err: Error) => (error.textContent = `${t.failed}: ${err.message}`))
      .finally(() => (submit.disabled = false));
  });
  root.replaceChildren(el('h2', {}, t.loginTitle), form, error);
  user.focus();
}
