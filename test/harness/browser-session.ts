import type { TestBrowser } from './chromium.ts';
import { signIn } from './people.ts';

/** A Chromium page already signed in as `username` (its session cookie set), with its errors. */
export async function signedInPage(chromium: TestBrowser, baseUrl: string, username: string) {
  const client = await signIn(baseUrl, username);
  const opened = await chromium.newPage();
  const [name, value] = client.cookie.split('=') as [string, string];
  await opened.page.context().addCookies([{ name, value, domain: '127.0.0.1', path: '/' }]);
  return opened;
}
