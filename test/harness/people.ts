import { provisionUser, type NewUser } from '../../dashboard/auth/user-provisioning.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runGivre, type TestSystem } from './givre.ts';

/** A browser-like API client: keeps the session cookie, sends the CSRF token unless told not to. */
export interface SignedInClient {
  username: string;
  cookie: string;
  csrfToken: string;
  /** The raw `Set-Cookie` of the sign-in. */
  setCookie: string;
  fetch(path: string, init?: RequestInit & { csrf?: boolean }): Promise<Response>;
  json<T>(path: string, body?: unknown, method?: string): Promise<{ status: number; body: T }>;
}

export const TEST_PASSWORD = 'gel-et-givre-2026';

/** Creates users straight in the state store, as `givre user add` does. */
export async function addUsers(system: TestSystem, users: NewUser[]): Promise<void> {
  if (!system.auth) throw new Error('startTestSystem({ auth: "users" }) first');
  for (const user of users)
    await provisionUser(
      system.auth.users,
      { password: TEST_PASSWORD, ...user },
      { origin: 'cli', now: Date.now(), associations: system.auth.associations },
    );
}

/**
 * Records a coordinator with `givre user add` as an operator would, for services running as
 * OS processes on `dataDir`, and signs them in at `baseUrl`.
 */
export async function signInNewCoordinator(
  baseUrl: string,
  dataDir: string,
  env: Record<string, string>,
  username = 'coord',
): Promise<SignedInClient> {
  const passwordFile = join(dataDir, `${username}.txt`);
  writeFileSync(passwordFile, TEST_PASSWORD);
  const added = await runGivre(
    ['user', 'add', username, '--role', 'coordinator', '--password-file', passwordFile],
    env,
  );
  if (added.code !== 0) throw new Error(`givre user add ${username}: ${added.stderr}`);
  return signIn(baseUrl, username);
}

export function login(baseUrl: string, username: string, password = TEST_PASSWORD): Promise<Response> {
  return fetch(`${baseUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

export async function signIn(
  baseUrl: string,
  username: string,
  password = TEST_PASSWORD,
): Promise<SignedInClient> {
  const res = await login(baseUrl, username, password);
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const client: SignedInClient = {
    username,
    cookie,
    csrfToken,
    setCookie,
    fetch(path, init = {}) {
      const { csrf = true, ...rest } = init;
      const headers = new Headers(rest.headers);
      headers.set('cookie', cookie);
      if (csrf && rest.method && rest.method !== 'GET') headers.set('x-csrf-token', csrfToken);
      return fetch(`${baseUrl}${path}`, { ...rest, headers });
    },
    async json<T>(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') {
      const res = await client.fetch(path, {
        method,
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json().catch(() => null)) as T };
    },
  };
  return client;
}
