import { AuditList, type AuditEntry } from '../../core/api/audit.ts';
import { TEXT } from '../text/catalogue.ts';
import { actorName } from '../text/code-words.ts';
import { capitalise, formatTime } from '../text/format.ts';
import { adminSection } from './admin-section.ts';
import { apiJson } from './api-client.ts';
import { el } from './dom.ts';
import type { Lang } from '../text/lang.ts';

/** Who did it, in words: `cli:{account}` is the command line, anyone else their name. */
export function auditActor(actor: string, lang: Lang): string {
  const cli = /^cli:(.+)$/.exec(actor);
  return cli ? TEXT[lang].admin.cliActor(cli[1]!) : actorName(actor, lang);
}

/**
 * The admin page's audit log (issue 4), newest first, each action in words (issue 12).
 * `refresh` reads it again, after a change another section made.
 */
export function adminAudit(lang: Lang): { section: HTMLElement; refresh: () => void } {
  const t = TEXT[lang].admin;
  const a = t.audit;
  const { section, fail } = adminSection(lang, 'audit-section', a.title);
  const body = el('div');
  const row = (e: AuditEntry) =>
    el(
      'tr',
      { testId: 'audit-row' },
      el('td', {}, formatTime(e.at, lang, { seconds: true })),
      el('td', {}, auditActor(e.actor, lang)),
      el('td', { testId: 'audit-action' }, capitalise(t.auditActions[e.action], lang)),
      el('td', {}, e.target ?? ''),
    );
  const refresh = () =>
    void apiJson(AuditList, '/api/audit?limit=200').then(
      (entries) =>
        body.replaceChildren(
          entries.length
            ? el(
                'table',
                { className: 'ltable', testId: 'audit' },
                el('tr', {}, ...[a.when, a.who, a.what, a.target].map((h) => el('th', {}, h))),
                ...entries.map(row),
              )
            : el('p', { className: 'empty' }, a.none),
        ),
      fail,
    );
  section.append(body);
  refresh();
  return { section, refresh };
}
