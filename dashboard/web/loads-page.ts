import type { Load } from '../../core/loads/load.ts';
import type { ProductProfile } from '../../core/product-profiles.ts';
import { certificateCell, type CertificateSummary } from './certificate-links.ts';
import { el } from './dom.ts';
import type { Lang } from './i18n.ts';
import { LOAD_TEXT, when } from './loads-i18n.ts';
import { api } from './session-client.ts';

const FIELDS = [
  'profile',
  'weightKg',
  'donorName',
  'donorPlace',
  'pickupAt',
  'recipientId',
  'recipientName',
  'van',
  'compartment',
] as const;
type Field = (typeof FIELDS)[number];

async function send(method: string, url: string, body: unknown): Promise<void> {
  const res = await api(url, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok)
    throw new Error(
      ((await res.json()) as { error?: { message?: string } }).error?.message ?? String(res.status),
    );
}

const localInput = (ms: number) =>
  new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/** `/loads`: coordinators create, edit (while planned) and follow loads, and mark hand-overs. */
export async function renderLoadsPage(root: HTMLElement, lang: Lang): Promise<void> {
  const t = LOAD_TEXT[lang];
  document.title = t.loadsTitle;
  const profiles = (await (await api('/api/profiles')).json()) as ProductProfile[];
  const loads = (await (await api('/api/loads')).json()) as Load[];
  const certs = await Promise.all(
    loads.map(async (l) =>
      l.status === 'delivered' || l.status === 'rejected'
        ? ((await (await api(`/api/loads/${l.id}/certificates`)).json()) as CertificateSummary[])
        : [],
    ),
  );
  const rerender = () => void renderLoadsPage(root, lang);
  const error = el('p', { className: 'dbanner__error', testId: 'load-error' });
  const fail = (err: Error) => (error.textContent = `${t.failed}: ${err.message}`);

  const inputs = {} as Record<Field, HTMLInputElement | HTMLSelectElement>;
  const form = el('form', { className: 'lform', testId: 'load-form' });
  let editing: string | null = null;
  for (const f of FIELDS) {
    const input = f === 'profile' ? el('select') : el('input');
    if (input instanceof HTMLSelectElement)
      for (const p of profiles) input.append(Object.assign(el('option', {}, p.name[lang]), { value: p.id }));
    else input.type = f === 'weightKg' ? 'number' : f === 'pickupAt' ? 'datetime-local' : 'text';
    input.name = f;
    input.dataset.testid = `field-${f}`;
    inputs[f] = input;
    form.append(el('label', {}, t[f === 'weightKg' ? 'weight' : f], input));
  }
  inputs.compartment.value = 'chilled';
  const submit = el('button', { className: 'lbtn', testId: 'load-submit' }, t.create);
  form.append(submit);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const v = (f: Field) => inputs[f].value.trim();
    const body = {
      profile: v('profile'),
      weightKg: Number(v('weightKg')),
      donor: { name: v('donorName'), place: v('donorPlace'), pickupAt: new Date(v('pickupAt')).getTime() },
      recipient: { id: v('recipientId'), name: v('recipientName') },
      van: v('van'),
      compartment: v('compartment'),
    };
    void send(editing ? 'PUT' : 'POST', editing ? `/api/loads/${editing}` : '/api/loads', body).then(
      rerender,
      fail,
    );
  });

  const table = el('table', { className: 'ltable', testId: 'loads' });
  table.append(
    el(
      'tr',
      {},
      ...['Id', t.profile, t.donorName, t.recipientName, t.van, t.status, t.actions, t.certificate].map((h) =>
        el('th', {}, h),
      ),
    ),
  );
  loads.forEach((load, i) => {
    const actions = el('td');
    const mark = (type: string, extra: object = {}) =>
      void send('POST', `/api/loads/${load.id}/events`, { type, by: 'coordinator', ...extra }).then(
        rerender,
        fail,
      );
    const button = (label: string, testId: string, onClick: () => void) => {
      const b = el('button', { className: 'lbtn', testId }, label);
      b.type = 'button';
      b.addEventListener('click', onClick);
      actions.append(b);
    };
    if (load.status === 'planned') {
      button(t.edit, 'edit', () => {
        editing = load.id;
        submit.textContent = t.save;
        const values: Record<Field, string> = {
          profile: load.profile,
          weightKg: String(load.weightKg),
          donorName: load.donor.name,
          donorPlace: load.donor.place,
          pickupAt: localInput(load.donor.pickupAt),
          recipientId: load.recipient.id,
          recipientName: load.recipient.name,
          van: load.van,
          compartment: load.compartment,
        };
        for (const f of FIELDS) inputs[f].value = values[f];
      });
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
        void send('POST', `/api/loads/${load.id}/gaps/declare-lost`, {
          by: 'coordinator',
          reason: why.value.trim(),
        }).then(rerender, fail);
      });
      cert.append(el('br'), why, declare);
    }
    const row = el('tr', { testId: 'load-row' });
    row.dataset.loadId = load.id;
    row.append(
      el('td', {}, load.id),
      el('td', {}, `${load.profile}, ${load.weightKg} kg`),
      el('td', {}, `${load.donor.name} — ${when(load.donor.pickupAt, lang)}`),
      el('td', {}, load.recipient.name),
      el('td', {}, `${load.van} / ${load.compartment}`),
      el('td', { testId: 'status' }, t.statuses[load.status] ?? load.status),
      actions,
      cert,
    );
    table.append(row);
  });
  root.replaceChildren(
    el('h2', {}, t.loadsTitle),
    form,
    error,
    loads.length ? table : el('p', { className: 'empty' }, t.none),
  );
}
