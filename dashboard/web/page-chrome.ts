import { LANGS, MESSAGES, type Lang } from './i18n.ts';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

/** The parts of the page outside the cards: title, language buttons, connection indicator. */
export interface PageChrome {
  setLanguage(lang: Lang): void;
  setConnection(state: ConnectionState): void;
  onLanguageChosen(listener: (lang: Lang) => void): void;
}

function byTestId<T extends HTMLElement>(testId: string): T {
  const node = document.querySelector<T>(`[data-testid="${testId}"]`);
  if (!node) throw new Error(`index.html lacks data-testid="${testId}"`);
  return node;
}

export function createPageChrome(): PageChrome {
  const title = byTestId('title');
  const empty = byTestId('empty');
  const connection = byTestId('connection');
  const group = byTestId('lang');
  let lang: Lang = 'fr';
  let conn: ConnectionState = 'connecting';

  const renderConnection = () => {
    connection.className = `conn conn--${conn}`;
    connection.dataset.state = conn;
    connection.textContent = MESSAGES[lang].connection[conn];
  };

  return {
    setLanguage(next) {
      lang = next;
      const t = MESSAGES[lang];
      document.documentElement.lang = lang;
      document.title = t.title;
      title.textContent = t.title;
      empty.textContent = t.empty;
      group.setAttribute('aria-label', t.language);
      for (const code of LANGS) byTestId(`lang-${code}`).setAttribute('aria-pressed', String(code === lang));
      renderConnection();
    },
    setConnection(next) {
      conn = next;
      renderConnection();
    },
    onLanguageChosen(listener) {
      for (const code of LANGS) byTestId(`lang-${code}`).addEventListener('click', () => listener(code));
    },
  };
}
