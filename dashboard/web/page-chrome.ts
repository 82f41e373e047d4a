import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../events.ts';
import { mountAccountBar } from './account-bar.ts';
import { TEXT } from '../text/catalogue.ts';
import { LANGS, type Lang } from '../text/lang.ts';
import { initialLanguage, storeLanguage } from './language-choice.ts';
import { toLoginOnRefusal } from './socket-refusal.ts';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

/**
 * The page bootstrap (issue 12: written once, for every page of `dashboard/page-shell.ts`):
 * the `<main>` the page fills, the top bar (title, header links and account, FR/EN/NL, the live
 * connection's state) and that connection itself. The page draws the rest.
 */
export interface PageChrome {
  /** The shell's `<main>`. */
  main: HTMLElement;
  lang(): Lang;
  /**
   * Draws the top bar in the current language: `title` is the document's and, unless a
   * shorter `heading` is given (a phone's narrow bar), the bar's.
   */
  render(title: string, heading?: string): void;
  /** After a person picks a language (remembered on this device, for every page). */
  onLanguage(listener: (lang: Lang) => void): void;
  /**
   * The live channel. `alertSeq`: the last alert transition the page has seen, sent back on
   * every reconnection so the server replays what was missed.
   */
  connect(alertSeq?: () => number | undefined): LiveSocket;
}

const byTestId = (id: string) => {
  const node = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  if (!node) throw new Error(`the page shell lacks data-testid="${id}"`);
  return node;
};

/** `account: false` on the public pages (signing in, checking a certificate): no session there. */
export function createPageChrome(options: { account?: boolean } = {}): PageChrome {
  let lang = initialLanguage();
  let conn: ConnectionState = 'connecting';
  const listeners: Array<(lang: Lang) => void> = [];
  const account = options.account === false ? undefined : mountAccountBar(() => lang);
  const connection = document.querySelector<HTMLElement>('[data-testid="connection"]');
  const showConnection = () => {
    if (!connection) return;
    connection.dataset.state = conn;
    connection.className = `conn conn--${conn}`;
    connection.textContent = TEXT[lang].nav.connection[conn];
  };
  const chrome: PageChrome = {
    main: byTestId('page'),
    lang: () => lang,
    render(next, heading = next) {
      account?.render();
      document.documentElement.lang = lang;
      document.title = next;
      byTestId('title').textContent = heading;
      byTestId('lang').setAttribute('aria-label', TEXT[lang].nav.language);
      byTestId('skip-link').textContent = TEXT[lang].nav.skipToContent;
      for (const code of LANGS) byTestId(`lang-${code}`).setAttribute('aria-pressed', String(code === lang));
      showConnection();
    },
    onLanguage: (listener) => void listeners.push(listener),
    connect(alertSeq) {
      const socket: LiveSocket = io({
        auth: (cb) => {
          const seq = alertSeq?.();
          cb(seq === undefined ? {} : { alertSeq: seq });
        },
      });
      toLoginOnRefusal(socket);
      const set = (next: ConnectionState) => {
        conn = next;
        showConnection();
      };
      socket.on('connect', () => set('live'));
      socket.on('disconnect', () => set('reconnecting'));
      socket.io.on('reconnect_attempt', () => set('reconnecting'));
      return socket;
    },
  };
  for (const code of LANGS)
    byTestId(`lang-${code}`).addEventListener('click', () => {
      lang = code;
      storeLanguage(code);
      // A `?lang=` left in the address bar would override the choice on the next reload.
      const url = new URL(location.href);
      if (url.searchParams.has('lang')) {
        url.searchParams.delete('lang');
        history.replaceState(null, '', url);
      }
      for (const listener of listeners) listener(code);
    });
  return chrome;
}
