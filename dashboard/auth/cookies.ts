/** The dashboard's session cookie (issue 4). */
export const SESSION_COOKIE = 'givre_session';

/** Reads one cookie from a `Cookie` header; undefined when absent or malformed. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    if (part.slice(0, at).trim() === name) {
      const value = part.slice(at + 1).trim();
      return /^[A-Za-z0-9_-]{1,128}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

/**
 * HttpOnly (no script reads it, so an XSS cannot steal it), SameSite=Strict (never sent on a
 * request started by another site: the first line against CSRF), Secure under TLS, Path=/.
 * No Max-Age: a browser session cookie; the server ends idle sessions (session-repository.ts).
 */
export function sessionCookie(value: string, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearedSessionCookie(secure: boolean): string {
  return `${sessionCookie('', secure)}; Max-Age=0`;
}
