import { LANGS, LANGUAGE_NAME } from './text/lang.ts';

/** What differs between two pages' HTML: the title, the style sheets, the one bundle, the layout. */
export interface PageShell {
  /** French: the page speaks French until its script has read the person's choice. */
  title: string;
  stylesheets: readonly string[];
  /** The page's bundle (CSP: no inline script). */
  script: string;
  /** Class of `<main>` (the page's own layout); `page` when unset. */
  mainClass?: string;
  /** Class of `<body>`, for a page laid out apart (the driver's phone view). */
  bodyClass?: string;
  /** Whether the page holds a live connection, whose state the top bar then shows. */
  live: boolean;
  /** How a screen reader announces what the script writes into `<main>`: the driver's alerts interrupt. */
  mainLive?: 'polite' | 'assertive';
  /** An installable app (issue 15, the driver's phone): its manifest, home-screen icon and bar colour. */
  app?: { manifest: string; appleTouchIcon: string; themeColour: string };
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const attr = (name: string, value: string | undefined) =>
  value === undefined ? '' : ` ${name}="${escapeHtml(value)}"`;

/**
 * The HTML of every page (issue 12: written once): a skip link, the top bar (title, live
 * indicator, FR/EN/NL — each button titled with the language's own name; the page's script
 * adds the header links and the account) and an empty `<main>` the script fills. The page
 * bootstrap that drives it is `web/page-chrome.ts`.
 */
export function pageShellHtml(shell: PageShell): string {
  // French pressed until the script has read the person's choice (web/page-chrome.ts).
  const languageButtons = LANGS.map(
    (code) =>
      `          <button type="button" class="lang__btn" data-testid="lang-${code}" aria-pressed="${code === 'fr'}" lang="${code}" title="${LANGUAGE_NAME[code]}">${code.toUpperCase()}</button>`,
  ).join('\n');
  const links = shell.stylesheets.map((href) => `    <link rel="stylesheet" href="${escapeHtml(href)}" />`);
  const app = shell.app
    ? `
    <link rel="manifest" href="${escapeHtml(shell.app.manifest)}" />
    <link rel="apple-touch-icon" href="${escapeHtml(shell.app.appleTouchIcon)}" />
    <meta name="theme-color" content="${escapeHtml(shell.app.themeColour)}" />
    <meta name="apple-mobile-web-app-capable" content="yes" />`
    : '';
  const connection = shell.live
    ? `
        <span class="conn conn--connecting" data-testid="connection" data-state="connecting" role="status">Connexion…</span>`
    : '';
  return `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(shell.title)}</title>
    <link rel="icon" href="data:," />${app}
${links.join('\n')}
    <script type="module" src="${escapeHtml(shell.script)}"></script>
  </head>
  <body${attr('class', shell.bodyClass)}>
    <a class="skip-link" href="#main" data-testid="skip-link">Aller au contenu</a>
    <header class="topbar">
      <h1 class="topbar__title" data-testid="title">${escapeHtml(shell.title)}</h1>
      <div class="topbar__tools">${connection}
        <div class="lang" role="group" aria-label="Langue / Language / Taal" data-testid="lang">
${languageButtons}
        </div>
      </div>
    </header>
    <main id="main" tabindex="-1" class="${escapeHtml(shell.mainClass ?? 'page')}" data-testid="page"${attr('aria-live', shell.mainLive)}></main>
    <noscript><p class="empty">Cette page a besoin de JavaScript. / This page needs JavaScript. / Deze pagina heeft JavaScript nodig.</p></noscript>
  </body>
</html>
`;
}
