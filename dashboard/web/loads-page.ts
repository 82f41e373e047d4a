import { z } from 'zod';
import { CertificateSummaries, LoadEventAnswer, LoadList, ProfileList } from '../../core/api/loads.ts';
import { Load } from '../../core/loads/load.ts';
import { ApiError, apiJson } from './api-client.ts';
import { certificateCell } from './certificate-links.ts';
import { el } from './dom.ts';
import { loadForm } from './load-form.ts';
import { profileName } from './profile-labels.ts';
import { LoadChoices } from '../../core/loads/load-choices.ts';
import { TEXT } from '../text/catalogue.ts';
import { compartmentName } from '../text/code-words.ts';
import { formatTime, formatWeight } from '../text/format.ts';
import type { Lang } from '../text/lang.ts';

/** `/loads`: coordinators create, edit (while planned) and follow loads, and mark hand-overs. */
export async function renderLoadsPage(root: HTMLElement, lang: Lang): Promise<void> {
  const t = TEXT[lang].loads;
  const { common } = TEXT[lang];
  document.title = t.title;
  const profiles = await apiJson(ProfileList, '/api/profiles');
  const loads = await apiJson(LoadList, '/api/loads');
  const certs = await Promise.all(
    loads.map(async (l) =>
      l.status === 'delivered' || l.status === 'rejected'
        ? await apiJson(CertificateSummaries, `/api/loads/${l.id}/certificates`)
        : [],
    ),
  );
  const rerender = () => void renderLoadsPage(root, lang);
  const error = el('p', { className: 'dbanner__error', testId: 'load-error' });
  const fail = (err: Error) => (error.textContent = `${common.failed}${common.colon}${err.message}`);

  // Only those who plan loads get the form (403 for the others): what it offers comes from the server.
  const choices = await apiJson(LoadChoices, '/api/load-choices').catch((err: unknown) => {
    if (err instanceof ApiError && err.status === 403) return undefined;
    throw err;
  });
  const form = choices
    ? loadForm(choices, lang, (request, editing) =>
        apiJson(Load, editing ? `/api/loads/${editing}` : '/api/loads', {
          method: editing ? 'PUT' : 'POST',
          body: request,
        }).then(rerender),
      )
    : undefined;

  const table = el('table', { className: 'ltable', testId: 'loads' });
  table.append(
    el(
      'tr',
      {},
      ...[t.reference, t.profile, t.donor, t.recipient, common.van, t.status, t.actions, t.certificate].map(
        (h) => el('th', {}, h),
      ),
    ),
  );
  loads.forEach((load, i) => {
    const actions = el('td');
    const mark = (type: string, extra: object = {}) =>
      void apiJson(LoadEventAnswer, `/api/loads/${load.id}/events`, {
        method: 'POST',
        body: { type, by: 'coordinator', ...extra },
      }).then(rerender, fail);
    const button = (label: string, testId: string, onClick: () => void) => {
      const b = el('button', { className: 'lbtn', testId }, label);
      b.type = 'button';
      b.addEventListener('click', onClick);
      actions.append(b);
    };
    if (load.status === 'planned') {
      if (form) button(common.edit, 'edit', () => form.edit(load));
      button(t.pickup, 'mark-pickup', () => mark('picked-up'));
    }
    if (load.status === 'picked-up') {
      const probe = Object.assign(el('input', { testId: 'probe' }), {
        type: 'number',
        step: '0.1',
        placeholder: t.probe,
      });
      const reason = Object.assign(el('input', { testId: 'reason' }), { placeholder: t.reason });
      actions.append(probe, reason);
      const reception = (accepted: boolean) => ({
        accepted,
        ...(probe.value ? { probeCelsius: Number(probe.value) } : {}),
        ...(reason.value.trim() ? { reason: reason.value.trim() } : {}),
      });
      button(t.deliver, 'mark-delivered', () => mark('delivered', { reception: reception(true) }));
      button(t.refuse, 'mark-rejected', () => mark('rejected', { reception: reception(false) }));
    }
    const cert = certificateCell(load, certs[i] ?? [], lang);
    if (certs[i]?.some((c) => c.provisional && c.supersededBy === null)) {
      // DESIGN.md §6: the coordinator closes a provisional certificate whose records are gone for good.
      const why = Object.assign(el('input', { testId: 'lost-reason' }), { placeholder: t.lostReason });
      const declare = el('button', { className: 'lbtn', testId: 'declare-lost' }, t.declareLost);
      declare.type = 'button';
      declare.addEventListener('click', () => {
        if (!why.value.trim()) return why.focus();
        // The answer (the final certificate) is not read: the page is drawn again from the lists.
        void apiJson(z.unknown(), `/api/loads/${load.id}/gaps/declare-lost`, {
          method: 'POST',
          body: { by: 'coordinator', reason: why.value.trim() },
        }).then(rerender, fail);
      });
      cert.append(el('br'), why, declare);
    }
    const row = el('tr', { testId: 'load-row' });
    row.dataset.loadId = load.id;
    row.append(
      el('td', {}, load.id),
      el('td', {}, `${profileName(profiles, load.profile, lang)}, ${formatWeight(load.weightKg, lang)}`),
      el('td', {}, `${load.donor.name} — ${formatTime(load.donor.pickupAt, lang)}`),
      el('td', {}, load.recipient.name),
      el('td', {}, `${load.van} · ${compartmentName(load.compartment, lang, 'label')}`),
      el('td', { testId: 'status' }, common.loadStatuses[load.status]),
      actions,
      cert,
    );
    table.append(row);
  });
  root.replaceChildren(
    el('h2', {}, t.title),
    ...(form ? [form.form] : []),
    error,
    loads.length ? table : el('p', { className: 'empty' }, t.none),
  );
}
