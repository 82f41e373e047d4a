import type { Load } from '../../core/loads/load.ts';
import { TEXT } from '../text/catalogue.ts';
import { compartmentName } from '../text/code-words.ts';
import { formatTime } from '../text/format.ts';
import type { Lang } from '../text/lang.ts';
import { el } from './dom.ts';
import type { PickupDraft, RecordErrors, RecordField } from './driver-loads-records.ts';

/** The delivery being entered: kept outside the DOM so a redraw (language, refresh) loses nothing typed. */
export interface ReceptionDraft {
  loadId: string;
  probe: string;
  accepted: boolean;
  reason: string;
  byDriver: boolean;
  /** Charity hand-over minutes as typed (issue 16); pre-filled with the donor's default. */
  handOver: string;
}

export interface DriverLoadsState {
  lang: Lang;
  loads: Load[];
  /** Product names by profile id, in every language. */
  names: Record<string, Record<Lang, string>>;
  draft: ReceptionDraft | null;
  /** The pickup being recorded (issue 16): the label's date and the donor hand-over. */
  pickupDraft: PickupDraft | null;
  /** The fields of the open form the driver must correct, each said beside its input. */
  fieldErrors: RecordErrors;
  busy: boolean;
  error: string | null;
}

export interface DriverLoadsActions {
  startPickup(load: Load): void;
  editPickup(patch: Partial<PickupDraft>): void;
  confirmPickup(load: Load): void;
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

/** A field whose error, when it has one, is said right under it and read out with it. */
function checkedField(
  label: string,
  input: HTMLInputElement,
  s: DriverLoadsState,
  name: RecordField,
  message: string,
): HTMLElement {
  const wrap = field(label, input);
  if (!s.fieldErrors[name]) return wrap;
  const id = `${input.dataset.testid ?? name}-error`;
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', id);
  const error = el('p', { className: 'dbanner__error', testId: id }, message);
  error.id = id;
  error.setAttribute('role', 'alert');
  wrap.append(error);
  return wrap;
}

/** Whole minutes out of the cold at a hand-over: big, numeric keypad, 0 to 240. */
function minutesInput(testId: string, value: string, onInput: (v: string) => void): HTMLInputElement {
  const input = Object.assign(el('input', { testId }), {
    type: 'number',
    step: '1',
    min: '0',
    max: '240',
    inputMode: 'numeric',
    value,
  });
  input.addEventListener('input', () => onInput(input.value));
  return input;
}

function dateInput(testId: string, value: string, onInput: (v: string) => void): HTMLInputElement {
  const input = Object.assign(el('input', { testId }), { type: 'date', value });
  input.addEventListener('input', () => onInput(input.value));
  return input;
}

function toggle(label: string, testId: string, on: boolean, onClick: () => void): HTMLButtonElement {
  const b = button(label, testId, 'dbtn--toggle', onClick);
  b.setAttribute('aria-pressed', String(on));
  return b;
}

/**
 * What the driver records at pickup (issue 16): the date on the labels — « à consommer
 * jusqu'au » or « à consommer de préférence avant », the day, and whether the donor froze it
 * and when — and the minutes from the donor's back room to the van, pre-filled with the
 * donor's default. Nothing of it is required: "not recorded" stays unknown, never zero.
 */
function pickupForm(load: Load, d: PickupDraft, s: DriverLoadsState, act: DriverLoadsActions) {
  const t = TEXT[s.lang].coldChain;
  const kinds = el(
    'div',
    { className: 'dchoice' },
    toggle(t.kinds['use-by'], 'pickup-use-by', d.kind === 'use-by', () => act.editPickup({ kind: 'use-by' })),
    toggle(t.kinds['best-before'], 'pickup-best-before', d.kind === 'best-before', () =>
      act.editPickup({ kind: 'best-before' }),
    ),
    toggle(t.noMarking, 'pickup-no-marking', d.kind === null, () => act.editPickup({ kind: null })),
  );
  kinds.setAttribute('role', 'group');
  kinds.setAttribute('aria-label', t.marking);
  const marking: HTMLElement[] =
    d.kind === null
      ? []
      : [
          checkedField(
            t.date,
            dateInput('pickup-date', d.date, (date) => act.editPickup({ date })),
            s,
            'date',
            t.errors.date,
          ),
          el(
            'div',
            { className: 'dchoice' },
            toggle(t.frozenByDonor, 'pickup-frozen', d.frozenByDonor, () =>
              act.editPickup({ frozenByDonor: !d.frozenByDonor }),
            ),
          ),
          ...(d.frozenByDonor
            ? [
                checkedField(
                  t.frozenOn,
                  dateInput('pickup-frozen-on', d.frozenOn, (frozenOn) => act.editPickup({ frozenOn })),
                  s,
                  'frozenOn',
                  t.errors.frozenOn,
                ),
              ]
            : []),
        ];
  return el(
    'div',
    { className: 'dreception', testId: 'pickup-record' },
    el('p', { className: 'dreception__title' }, t.pickupTitle),
    el('p', { className: 'dreception__title' }, t.marking),
    kinds,
    ...marking,
    checkedField(
      t.donorHandOver,
      minutesInput('pickup-hand-over', d.handOver, (handOver) => act.editPickup({ handOver })),
      s,
      'handOver',
      t.errors.minutes,
    ),
    el(
      'div',
      { className: 'dchoice' },
      button(t.confirmPickup, 'pickup-confirm', 'dbtn--go', () => act.confirmPickup(load), s.busy),
      button(TEXT[s.lang].common.cancel, 'pickup-cancel', 'dbtn--cancel', () => act.cancel()),
    ),
  );
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
  const choice = (label: string, testId: string, on: boolean, patch: Partial<ReceptionDraft>) =>
    toggle(label, testId, on, () => act.edit(patch));
  return el(
    'div',
    { className: 'dreception', testId: 'reception' },
    el('p', { className: 'dreception__title' }, t.reception),
    field(t.probe, probe),
    el(
      'div',
      { className: 'dchoice' },
      choice(t.accepted, 'reception-accepted', d.accepted, { accepted: true }),
      choice(t.refused, 'reception-refused', !d.accepted, { accepted: false }),
    ),
    field(t.reason, reason),
    checkedField(
      TEXT[s.lang].coldChain.charityHandOver,
      minutesInput('delivery-hand-over', d.handOver, (handOver) => act.edit({ handOver })),
      s,
      'handOver',
      TEXT[s.lang].coldChain.errors.minutes,
    ),
    el('p', { className: 'dreception__title' }, t.byWho),
    el(
      'div',
      { className: 'dchoice' },
      choice(t.byAssociation, 'reception-by-association', !d.byDriver, { byDriver: false }),
      choice(t.byDriver, 'reception-by-driver', d.byDriver, { byDriver: true }),
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
    item.append(
      s.pickupDraft?.loadId === load.id
        ? pickupForm(load, s.pickupDraft, s, act)
        : button(t.pickup, 'load-pickup', 'dbtn--go', () => act.startPickup(load), s.busy),
    );
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
