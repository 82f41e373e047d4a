import { Association as AssociationRecord } from '../../core/associations/association.ts';
import type { Load } from '../../core/loads/load.ts';
import { DEFAULT_PROFILES } from '../../core/product-profiles.ts';
import { profileName } from './profile-labels.ts';
import { AssociationLoads } from '../../core/api/loads.ts';
import type { ColdChainAnswer } from '../../core/api/cold-chain.ts';
import { dispositionFacts, timeOutOfColdFacts } from '../certificates/certificate-cold-chain.ts';
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

/**
 * What the volunteers may do with a delivered load (issue 16), from its certificate: the
 * disposition in plain words with its reason and, for « congeler aujourd'hui », the day to
 * write on the pack; then its time out of cold, with a warning when over the budget. "—" for a
 * load whose certificate states neither (signed before, or not delivered yet).
 */
function coldChainCell(chain: ColdChainAnswer | undefined, lang: Lang): HTMLElement {
  const cell = el('td', { testId: 'cold-chain' });
  if (!chain) {
    cell.textContent = '—';
    return cell;
  }
  const t = TEXT[lang].coldChain;
  const w = TEXT[lang].common;
  if (chain.disposition) {
    const d = dispositionFacts(chain.disposition, lang);
    const what = el('p', { testId: 'disposition' }, el('strong', {}, d.name));
    what.dataset.disposition = d.disposition;
    cell.append(what, el('p', { testId: 'disposition-reason' }, d.reason));
    if (d.freezeOn) cell.append(el('p', { testId: 'freeze-on' }, el('strong', {}, d.freezeOn)));
  } else cell.append(el('p', { testId: 'no-disposition' }, t.noDisposition));
  const x = timeOutOfColdFacts(chain.timeOutOfCold, lang);
  const time = el(
    'p',
    { testId: 'time-out-of-cold' },
    `${t.timeOutOfCold}${w.colon}${x.total} — ${x.standingText}`,
  );
  time.dataset.standing = x.standing;
  cell.append(time);
  if (x.standing === 'over') {
    const warning = el('p', { testId: 'time-out-of-cold-over' }, el('strong', {}, `⚠ ${t.overWarning}`));
    warning.setAttribute('role', 'alert');
    cell.append(warning);
  }
  return cell;
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
      el('th', {}, TEXT[lang].coldChain.disposition),
    ),
  );
  for (const { load, certificates, coldChain } of rows) {
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
      coldChainCell(coldChain, lang),
    );
    table.append(tr);
  }
  root.append(table);
}
