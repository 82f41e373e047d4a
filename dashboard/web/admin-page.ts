import type { UserSummary } from '../../state/user-repository.ts';
import type { AuditEntry } from '../../state/audit-log.ts';
import { ACCOUNT_TEXT } from './account-i18n.ts';
import { adminAssociations } from './admin-associations.ts';
import { el } from './dom.ts';
import type { Lang } from './i18n.ts';
import { when } from './loads-i18n.ts';
import { api } from './session-client.ts';

async function json<T>(res: Promise<Response>): Promise<T> {
  const r = await res;
  const body = (await r.json()) as T & { error?: { message?: string } };
  if (!r.ok) throw new Error(body.error?.message ?? String(r.status));
  return body;
}

/** `/admin` (admin only): users — add, disable — and the audit log, newest first. */
export async function renderAdminPage(root: HTMLElement, lang: Lang): Promise<void> {
  const t = ACCOUNT_TEXT[lang];
  document.title = t.adminTitle;
  const [users, audit] = await Promise.all([
    json<UserSummary[]>(api('/api/users')),
    json<AuditEntry[]>(api('/api/audit?limit=200')),
  ]);
  const rerender = () => void renderAdminPage(root, lang);
  const message = el('p', { testId: 'admin-message' });

  const table = el('table', { className: 'ltable', testId: 'users' });
  table.append(
    el('tr', {}, el('th', {}, t.username), el('th', {}, t.role), el('th', {}, ''), el('th', {}, '')),
  );
  for (const u of users) {
    const off = el('button', { className: 'lbtn', testId: `disable-${u.username}` }, t.disable);
    off.type = 'button';
    off.disabled = u.disabledAt !== null;
    off.addEventListener('click', () => {
      void json(api(`/api/users/${encodeURIComponent(u.username)}/disable`, { method: 'POST' })).then(
        rerender,
        (err: Error) => (message.textContent = err.message),
      );
    });
    const scope = u.role === 'driver' ? u.vans.join(', ') : (u.association ?? '');
    table.append(
      el(
        'tr',
        { testId: 'user-row' },
        el('td', {}, u.username),
        el('td', {}, `${u.role} ${scope}`),
        el('td', {}, u.disabledAt === null ? t.active : t.disabled),
        el('td', {}, off),
      ),
    );
  }

  const field = (name: string, label: string, node: HTMLInputElement | HTMLSelectElement = el('input')) => {
    node.name = name;
    node.dataset.testid = `user-${name}`;
    return { node, label: el('label', {}, label, node) };
  };
  const name = field('username', t.username);
  const role = field('role', t.role, el('select'));
  for (const r of ['coordinator', 'driver', 'association', 'admin'])
    role.node.append(Object.assign(el('option', {}, r), { value: r }));
  const vans = field('vans', t.vans);
  const association = field('association', t.association);
  const form = el(
    'form',
    { className: 'lform', testId: 'user-form' },
    name.label,
    role.label,
    vans.label,
    association.label,
  );
  form.append(el('button', { className: 'lbtn' }, t.add));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const body = {
      username: name.node.value.trim(),
      role: role.node.value,
      vans: vans.node.value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
      association: association.node.value.trim() || null,
    };
    void json<{ password: string }>(
      api('/api/users', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    ).then(
      (r) => {
        void renderAdminPage(root, lang).then(() => {
          const shown = root.querySelector('[data-testid="admin-message"]');
          if (shown) shown.textContent = t.newPassword(body.username, r.password);
        });
      },
      (err: Error) => (message.textContent = err.message),
    );
  });

  const log = el('table', { className: 'ltable', testId: 'audit' });
  log.append(
    el('tr', {}, el('th', {}, t.when), el('th', {}, t.who), el('th', {}, t.what), el('th', {}, t.target)),
  );
  for (const a of audit)
    log.append(
      el(
        'tr',
        { testId: 'audit-row' },
        el('td', {}, when(a.at, lang)),
        el('td', {}, a.actor),
        el('td', {}, a.action),
        el('td', {}, a.target ?? ''),
      ),
    );

  root.replaceChildren(
    el('h2', {}, t.users),
    message,
    table,
    form,
    adminAssociations(lang),
    el('h2', {}, t.audit),
    log,
  );
}
