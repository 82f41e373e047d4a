import type { Load } from '../../core/loads/load.ts';
import { TEXT } from '../text/catalogue.ts';
import { compartmentName } from '../text/code-words.ts';
import { formatTime } from '../text/format.ts';
import type { Lang } from '../text/lang.ts';
import { el } from './dom.ts';

/** The delivery being entered: kept outside the DOM so a redraw (language, refresh) loses nothing typed. */
export interface ReceptionDraft {
  loadId: string;
  probe: string;
  accepted: boolean;
  reason: string;
  byDriver: boolean;
}

export interface DriverLoadsState {
  lang: Lang;
  loads: Load[];
  /** Product names by profile id, in every language. */
  names: Record<string, Record<Lang, string>>;
  draft: ReceptionDraft | null;
  busy: boolean;
  error: string | null;
}

export interface DriverLoadsActions {
  pickup(load: Load): void;
  startDelivery(load: Load): void;
  edit(patch: Partial<ReceptionDraft>): void;
  confirm(load: Load): void;
  cancel(): void;
}

function button(label: string, testId: string, className: string, onClick: () => void, busy = false) {
  const b = el('button', { className: `dbtn ${className}`, testId }, label);
  b.type = 'button';
  b.disabled = busy;
  b.addEventListener('click', onClick);
  return b;
}

function field(label: string, input: HTMLInputElement): HTMLElement {
  return el('label', { className: 'dreception__field' }, label, input);
}

/** The reception check (DESIGN.md §6): probe temperature, accepted or refused with a reason, and who checked. */
function receptionForm(load: Load, d: ReceptionDraft, s: DriverLoadsState, act: DriverLoadsActions) {
  const t = TEXT[s.lang].driverLoads;
  const probe = Object.assign(el('input', { testId: 'reception-probe' }), {
    type: 'number',
    step: '0.1',
    min: '-40',
    max: '60',
    inputMode: 'decimal',
    value: d.probe,
  });
  probe.addEventListener('input', () => act.edit({ probe: probe.value }));
  const reason = Object.assign(el('input', { testId: 'reception-reason' }), {
    value: d.reason,
    maxLength: 500,
  });
  reason.addEventListener('input', () => act.edit({ reason: reason.value }));
  const toggle = (label: string, testId: string, on: boolean, patch: Partial<ReceptionDraft>) => {
    const b = button(label, testId, 'dbtn--toggle', () => act.edit(patch));
    b.setAttribute('aria-pressed', String(on));
    return b;
  };
  return el(
    'div',
    { className: 'dreception', testId: 'reception' },
    el('p', { className: 'dreception__title' }, t.reception),
    field(t.probe, probe),
    el(
      'div',
      { className: 'dchoice' },
      toggle(t.accepted, 'reception-accepted', d.accepted, { accepted: true }),
      toggle(t.refused, 'reception-refused', !d.accepted, { accepted: false }),
    ),
    field(t.reason, reason),
    el('p', { className: 'dreception__title' }, t.byWho),
    el(
      'div',
      { className: 'dchoice' },
      toggle(t.byAssociation, 'reception-by-association', !d.byDriver, { byDriver: false }),
      toggle(t.byDriver, 'reception-by-driver', d.byDriver, { byDriver: true }),
    ),
    el(
      'div',
      { className: 'dchoice' },
      button(t.confirm, 'reception-confirm', 'dbtn--go', () => act.confirm(load), s.busy),
      button(TEXT[s.lang].common.cancel, 'reception-cancel', 'dbtn--cancel', () => act.cancel()),
    ),
  );
}

function card(load: Load, s: DriverLoadsState, act: DriverLoadsActions): HTMLElement {
  const t = TEXT[s.lang].driverLoads;
  const item = el('li', { className: `dload dload--${load.status}`, testId: 'driver-load' });
  item.dataset.loadId = load.id;
  item.dataset.status = load.status;
  const product = s.names[load.profile]?.[s.lang] ?? load.profile;
  item.append(
    el('p', { className: 'dload__status', testId: 'driver-load-status' }, t.statuses[load.status]),
    el('p', { className: 'dload__what' }, `${product} — ${load.weightKg} kg`),
    el(
      'p',
      { className: 'dload__where' },
      `${compartmentName(load.compartment, s.lang, 'label')} · ${t.from} ${load.donor.name}, ${load.donor.place} (${formatTime(load.donor.pickupAt, s.lang)})`,
    ),
    el('p', { className: 'dload__where' }, `${t.to} ${load.recipient.name}`),
  );
  if (load.status === 'planned')
    item.append(button(t.pickup, 'load-pickup', 'dbtn--go', () => act.pickup(load), s.busy));
  else if (load.status === 'picked-up')
    item.append(
      s.draft?.loadId === load.id
        ? receptionForm(load, s.draft, s, act)
        : button(t.deliver, 'load-deliver', 'dbtn--go', () => act.startDelivery(load), s.busy),
    );
  else {
    const a = el('a', { className: 'dload__cert', testId: 'driver-load-certificate' }, t.certificate);
    a.href = `/api/loads/${encodeURIComponent(load.id)}/certificate.html?lang=${s.lang}`;
    item.append(a);
  }
  return item;
}

/** On board first, then what is still to load (by planned pickup), then what was handed over. */
const ORDER: Record<Load['status'], number> = { 'picked-up': 0, planned: 1, delivered: 2, rejected: 2 };

export function renderDriverLoads(root: HTMLElement, s: DriverLoadsState, act: DriverLoadsActions): void {
  const t = TEXT[s.lang].driverLoads;
  const loads = [...s.loads].sort(
    (a, b) => ORDER[a.status] - ORDER[b.status] || a.donor.pickupAt - b.donor.pickupAt,
  );
  const list = el('ul', { className: 'dloads__list' }, ...loads.map((l) => card(l, s, act)));
  root.replaceChildren(
    el('h2', { className: 'dloads__title' }, t.title),
    ...(s.error ? [el('p', { className: 'dbanner__error', testId: 'driver-loads-error' }, s.error)] : []),
    loads.length ? list : el('p', { className: 'empty', testId: 'driver-loads-none' }, t.none),
  );
}
