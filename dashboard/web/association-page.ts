import type { Load } from '../../core/loads/load.ts';
import { certificateCell, type CertificateSummary } from './certificate-links.ts';
import { el } from './dom.ts';
import type { Lang } from './i18n.ts';
import { LOAD_TEXT, when } from './loads-i18n.ts';
import { api } from './session-client.ts';

/** `/associations/{id}`: the loads delivered to this association only, each with its certificate. */
export async function renderAssociationPage(
  root: HTMLElement,
  association: string,
  lang: Lang,
): Promise<void> {
  const t = LOAD_TEXT[lang];
  document.title = t.associationTitle;
  const res = await api(`/api/associations/${encodeURIComponent(association)}/loads`);
  const rows = (await res.json()) as Array<{ load: Load; certificates: CertificateSummary[] }>;
  root.replaceChildren(el('h2', { testId: 'association-name' }, rows[0]?.load.recipient.name ?? association));
  if (rows.length === 0) return void root.append(el('p', { className: 'empty', testId: 'no-loads' }, t.none));
  const table = el('table', { className: 'ltable', testId: 'association-loads' });
  table.append(
    el(
      'tr',
      {},
      el('th', {}, 'Id'),
      el('th', {}, t.profile),
      el('th', {}, t.donorName),
      el('th', {}, t.delivered),
      el('th', {}, t.status),
      el('th', {}, t.certificate),
    ),
  );
  for (const { load, certificates } of rows) {
    const tr = el('tr', { testId: 'load-row' });
    tr.dataset.loadId = load.id;
    tr.append(
      el('td', {}, load.id),
      el('td', {}, `${load.profile}, ${load.weightKg} kg`),
      el('td', {}, `${load.donor.name} — ${load.donor.place}`),
      el('td', {}, when(load.deliveredAt, lang)),
      el('td', {}, t.statuses[load.status] ?? load.status),
      certificateCell(load, certificates, lang),
    );
    table.append(tr);
  }
  root.append(table);
}
