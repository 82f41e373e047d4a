/** What differs between two pages' HTML: the title, the style sheets and the one bundle. */
export interface PageShell {
  /** French: the page speaks French until its script has read the person's choice. */
  title: string;
  stylesheets: readonly string[];
  /** The page's bundle (CSP: no inline script). */
  script: string;
  /** Class of `<main>` besides `page`, for the page's own layout. */
  mainClass?: string;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/**
 * The HTML of a page: the top bar (title, live indicator, FR/EN) and an empty `<main>` its
 * script fills — written once here, for the pages that use it, rather than copied per page.
 */
export function pageShellHtml(shell: PageShell): string {
  const links = shell.stylesheets.map((href) => `    <link rel="stylesheet" href="${escapeHtml(href)}" />`);
  return `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(shell.title)}</title>
    <link rel="icon" href="data:," />
${links.join('\n')}
    <script type="module" src="${escapeHtml(shell.script)}"></script>
  </head>
  <body>
    <header class="topbar">
      <h1 class="topbar__title" data-testid="title">Givre</h1>
      <div class="topbar__tools">
        <span class="conn conn--connecting" data-testid="connection" data-state="connecting" role="status">Connexion…</span>
        <div class="lang" role="group" aria-label="Langue / Language" data-testid="lang">
          <button type="button" class="lang__btn" data-testid="lang-fr" aria-pressed="true" lang="fr">FR</button>
          <button type="button" class="lang__btn" data-testid="lang-en" aria-pressed="false" lang="en">EN</button>
        </div>
      </div>
    </header>
    <main class="${escapeHtml(['page', shell.mainClass ?? ''].join(' ').trim())}" data-testid="page"></main>
    <noscript><p class="empty">Cette page a besoin de JavaScript. / This page needs JavaScript.</p></noscript>
  </body>
</html>
`;
}
