import { Association as AssociationRecord } from '../../core/associations/association.ts';
import type { Load } from '../../core/loads/load.ts';
import { DEFAULT_PROFILES } from '../../core/product-profiles.ts';
import { profileName } from './profile-labels.ts';
import { AssociationLoads } from '../../core/api/loads.ts';
import { apiJson } from './api-client.ts';
import { certificateCell } from './certificate-links.ts';
import { el } from './dom.ts';
import { TEXT } from '../text/catalogue.ts';
import { formatTime, formatWeight } from '../text/format.ts';
import type { Lang } from '../text/lang.ts';
import { api } from './session-client.ts';

/** "livré le 02/12/2026 07:10", "refusé le …": a refused load was not delivered. */
function handOver(load: Load, lang: Lang): string {
  const handedOver = TEXT[lang].loads.handedOver;
  const what =
    load.status === 'delivered' || load.status === 'rejected' ? handedOver[load.status] : undefined;
  return what && load.deliveredAt !== null ? `${what} ${formatTime(load.deliveredAt, lang)}` : '—';
}

/** `/associations/{id}`: the loads delivered to this association only, each with its certificate. */
export async function renderAssociationPage(
  root: HTMLElement,
  association: string,
  lang: Lang,
): Promise<void> {
  const t = TEXT[lang].loads;
  document.title = t.associationTitle;
  const path = `/api/associations/${encodeURIComponent(association)}`;
  const [rows, record] = await Promise.all([apiJson(AssociationLoads, `${path}/loads`), api(path)]);
  // Its name as the administrators keep it; a page of loads addressed before associations were
  // records (issue 12) has no record: the name those loads carry.
  const name = record.ok ? AssociationRecord.parse(await record.json()).name : rows[0]?.load.recipient.name;
  root.replaceChildren(el('h2', { testId: 'association-name' }, name ?? association));
  if (rows.length === 0) return void root.append(el('p', { className: 'empty', testId: 'no-loads' }, t.none));
  const table = el('table', { className: 'ltable', testId: 'association-loads' });
  table.append(
    el(
      'tr',
      {},
      el('th', {}, t.reference),
      el('th', {}, t.profile),
      el('th', {}, t.donor),
      el('th', {}, t.handOver),
      el('th', {}, t.status),
      el('th', {}, t.certificate),
    ),
  );
  for (const { load, certificates } of rows) {
    const tr = el('tr', { testId: 'load-row' });
    tr.dataset.loadId = load.id;
    tr.append(
      el('td', {}, load.id),
      el(
        'td',
        {},
        `${profileName(DEFAULT_PROFILES, load.profile, lang)}, ${formatWeight(load.weightKg, lang)}`,
      ),
      el('td', {}, `${load.donor.name} — ${load.donor.place}`),
      el('td', { testId: 'hand-over' }, handOver(load, lang)),
      el('td', {}, TEXT[lang].common.loadStatuses[load.status]),
      certificateCell(load, certificates, lang),
    );
    table.append(tr);
  }
  root.append(table);
}
