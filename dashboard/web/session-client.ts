import { SessionInfo } from '../../core/api/session.ts';

let current: Promise<SessionInfo> | undefined;

const toLogin = () => {
  location.href = `/login?next=${encodeURIComponent(location.pathname + location.search)}`;
};

/**
 * The session, fetched once per page (no inline script may carry the token: CSP). Without
 * a session the browser goes to the login page, which brings it back here afterwards. A
 * failure (no network: the driver app opened offline, issue 15) is not kept: the next call asks again.
 */
export function session(): Promise<SessionInfo> {
  current ??= fetch('/api/session', { credentials: 'same-origin' }).then(async (res) => {
    if (res.status === 401) {
      toLogin();
      return new Promise<SessionInfo>(() => {}); // the page is going away
    }
    if (!res.ok) throw new Error(`session: ${res.status}`);
    return SessionInfo.parse(await res.json());
  });
  current.catch(() => (current = undefined));
  return current;
}

/**
 * `fetch` for the API: the session cookie always, and `X-CSRF-Token` on every
 * state-changing request (issue 4). A 401 (the session ended) goes to the login page.
 */
export async function api(url: string, init: RequestInit = {}): Promise<Response> {
  const method = (init.method ?? 'GET').toUpperCase();
  const headers = new Headers(init.headers);
  if (method !== 'GET' && method !== 'HEAD') {
    const { csrfToken } = await session();
    if (csrfToken) headers.set('x-csrf-token', csrfToken);
  }
  const res = await fetch(url, { ...init, headers, credentials: 'same-origin' });
  if (res.status === 401) toLogin();
  return res;
}
