import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../events.ts';
import { mountAccountBar } from './account-bar.ts';
import { LANGS, MESSAGES, type Lang } from './i18n.ts';
import { toLoginOnRefusal } from './socket-refusal.ts';
import { initialLanguage, storeLanguage } from './language-choice.ts';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The header of the desk pages (desk.html): title, header links and account, language
 * buttons, the live connection's state; and that connection itself. The page draws the rest.
 */
export interface DeskChrome {
  lang(): Lang;
  /** Draws the header in the current language with this title. */
  render(title: string): void;
  onLanguage(listener: () => void): void;
  /**
   * The live channel. `alertSeq`: the last alert transition the page has seen, sent back on
   * every reconnection so the server replays what was missed.
   */
  connect(alertSeq: () => number | undefined): LiveSocket;
}

const byTestId = (id: string) => {
  const node = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  if (!node) throw new Error(`desk.html lacks data-testid="${id}"`);
  return node;
};

export function createDeskChrome(): DeskChrome {
  let lang = initialLanguage();
  let title = '';
  let conn: 'connecting' | 'live' | 'reconnecting' = 'connecting';
  const listeners: Array<() => void> = [];
  const account = mountAccountBar(() => lang);
  const connection = byTestId('connection');
  const chrome: DeskChrome = {
    lang: () => lang,
    render(next) {
      title = next;
      account.render();
      document.documentElement.lang = lang;
      document.title = title;
      byTestId('title').textContent = title;
      for (const code of LANGS) byTestId(`lang-${code}`).setAttribute('aria-pressed', String(code === lang));
      connection.dataset.state = conn;
      connection.className = `conn conn--${conn}`;
      connection.textContent = MESSAGES[lang].connection[conn];
    },
    onLanguage: (listener) => void listeners.push(listener),
    connect(alertSeq) {
      const socket: LiveSocket = io({
        auth: (cb) => {
          const seq = alertSeq();
          cb(seq === undefined ? {} : { alertSeq: seq });
        },
      });
      toLoginOnRefusal(socket);
      const set = (next: typeof conn) => {
        conn = next;
        chrome.render(title);
      };
      socket.on('connect', () => set('live'));
      socket.on('disconnect', () => set('reconnecting'));
      return socket;
    },
  };
  for (const code of LANGS)
    byTestId(`lang-${code}`).addEventListener('click', () => {
      lang = code;
      storeLanguage(code);
      for (const listener of listeners) listener();
    });
  return chrome;
}
