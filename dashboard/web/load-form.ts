import { LOAD_FIELDS, type LoadField, type LoadRequest } from '../../core/loads/load-request.ts';
import type { Load } from '../../core/loads/load.ts';
import type { LoadChoices } from '../../core/loads/load-choices.ts';
import { el } from './dom.ts';
import { checkLoadForm, type LoadFormValues } from './load-form-check.ts';
import { ApiError } from './api-client.ts';
import { profileChoice } from './profile-labels.ts';
import { msToWallTime } from './van-range.ts';
import { TEXT } from '../text/catalogue.ts';
import { compartmentName } from '../text/code-words.ts';
import { formatEditableNumber } from '../text/format.ts';
import type { Lang } from '../text/lang.ts';

export interface LoadForm {
  form: HTMLFormElement;
  /** Fills the form with a planned load to correct it. */
  edit(load: Load): void;
}

const SELECTS: ReadonlySet<LoadField> = new Set(['profile', 'recipient.id', 'van', 'compartment']);
const idOf = (f: LoadField) => `load-${f.replace('.', '-')}`;
const option = (value: string, text: string) => Object.assign(el('option', {}, text), { value });
/** The next quarter of an hour: a sensible default for a pickup being planned now. */
const nextQuarter = (now: number) => Math.ceil(now / 900_000) * 900_000;

/**
 * The load form (issue 12): only what the fleet knows can be chosen — its vans, each van's
 * compartments, the active associations, the product profiles with their limit and legal
 * source — and every error is said in the person's language beside its field (`aria-invalid`,
 * `aria-describedby`), whether the form or the server found it. `save` sends the request.
 */
export function loadForm(
  choices: LoadChoices,
  lang: Lang,
  save: (request: LoadRequest, editing: string | null) => Promise<void>,
): LoadForm {
  const t = TEXT[lang].loadForm;
  const { common } = TEXT[lang];
  const form = el('form', { className: 'lform', testId: 'load-form' });
  form.noValidate = true; // our messages, in the page's language, rather than the browser's
  const legend = el('legend', { className: 'lform__legend' }, t.legendNew);
  const fieldset = el('fieldset', { className: 'lform__set' }, legend);
  const inputs = {} as Record<LoadField, HTMLInputElement | HTMLSelectElement>;
  const errors = {} as Record<LoadField, HTMLElement>;
  for (const f of LOAD_FIELDS) {
    const input = SELECTS.has(f) ? el('select') : el('input');
    input.id = idOf(f);
    input.name = f;
    input.dataset.testid = `field-${f}`;
    if (input instanceof HTMLInputElement) {
      input.type = f === 'donor.pickupAt' ? 'datetime-local' : 'text';
      // A text field with a decimal keypad: `type=number` would hide "abc" as an empty value.
      if (f === 'weightKg') input.inputMode = 'decimal';
    }
    const label = Object.assign(el('label', {}, t.labels[f]), { htmlFor: input.id });
    const error = el('p', { className: 'lform__error', testId: `error-${f}` });
    error.id = `${input.id}-error`;
    error.hidden = true;
    errors[f] = error;
    inputs[f] = input;
    // The profile's option says its name, limit and legal source: it needs the room.
    const wide = f === 'profile' ? ' lform__field--wide' : '';
    fieldset.append(el('div', { className: `lform__field${wide}` }, label, input, error));
  }
  const select = (f: LoadField) => inputs[f] as HTMLSelectElement;
  select('profile').append(
    option('', t.choose),
    ...choices.profiles.map((p) => option(p.id, profileChoice(p, lang))),
  );
  select('recipient.id').append(
    option('', choices.associations.length ? t.choose : t.noAssociation),
    ...[...choices.associations]
      .sort((a, b) => a.name.localeCompare(b.name, lang))
      .map((a) => option(a.id, a.name)),
  );
  select('van').append(
    option('', choices.vans.length ? t.choose : t.noVan),
    ...choices.vans.map((v) => option(v.id, v.id)),
  );
  const fillCompartments = () => {
    const van = choices.vans.find((v) => v.id === inputs.van.value);
    const keep = inputs.compartment.value;
    select('compartment').replaceChildren(
      option('', van ? t.choose : t.chooseVanFirst),
      ...(van?.compartments ?? []).map((c) => option(c, compartmentName(c, lang, 'label'))),
    );
    if (van?.compartments.includes(keep)) inputs.compartment.value = keep;
    else if (van?.compartments.length === 1) inputs.compartment.value = van.compartments[0]!;
  };
  inputs.van.addEventListener('change', fillCompartments);
  fillCompartments();
  inputs['donor.pickupAt'].value = msToWallTime(nextQuarter(Date.now()));

  const show = (wrong: ReadonlySet<LoadField>) => {
    for (const f of LOAD_FIELDS) {
      const bad = wrong.has(f);
      errors[f].hidden = !bad;
      errors[f].textContent = bad ? t.errors[f] : '';
      if (bad) {
        inputs[f].setAttribute('aria-invalid', 'true');
        inputs[f].setAttribute('aria-describedby', errors[f].id);
      } else {
        inputs[f].removeAttribute('aria-invalid');
        inputs[f].removeAttribute('aria-describedby');
      }
    }
    summary.textContent = t.checkFields;
    summary.hidden = wrong.size === 0;
    const first = LOAD_FIELDS.find((f) => wrong.has(f));
    if (first) inputs[first].focus();
  };
  const summary = el('p', { className: 'lform__error', testId: 'load-form-error' }, t.checkFields);
  summary.hidden = true;
  summary.setAttribute('role', 'alert');
  const submit = el('button', { className: 'lbtn', testId: 'load-submit' }, TEXT[lang].loads.create);
  const cancel = el('button', { className: 'lbtn lbtn--quiet', testId: 'load-cancel' }, t.cancel);
  cancel.type = 'button';
  cancel.hidden = true;
  let editing: string | null = null;
  cancel.addEventListener('click', () => {
    editing = null;
    form.reset();
    fillCompartments();
    inputs['donor.pickupAt'].value = msToWallTime(nextQuarter(Date.now()));
    legend.textContent = t.legendNew;
    submit.textContent = TEXT[lang].loads.create;
    cancel.hidden = true;
    show(new Set());
  });
  form.append(fieldset, summary, el('div', { className: 'lform__actions' }, submit, cancel));

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const values = Object.fromEntries(LOAD_FIELDS.map((f) => [f, inputs[f].value.trim()])) as LoadFormValues;
    const checked = checkLoadForm(values);
    if (!checked.ok) return show(new Set(checked.fields));
    show(new Set());
    submit.disabled = true;
    save(checked.request, editing).then(
      () => (submit.disabled = false),
      (err: Error) => {
        submit.disabled = false;
        const field = LOAD_FIELDS.find((f) => err instanceof ApiError && err.field === f);
        if (field) return show(new Set([field]));
        summary.textContent = `${common.failed}${common.colon}${err.message}`;
        summary.hidden = false;
      },
    );
  });

  return {
    form,
    edit(load) {
      editing = load.id;
      legend.textContent = t.legendEdit(load.id);
      submit.textContent = common.save;
      cancel.hidden = false;
      const values: LoadFormValues = {
        profile: load.profile,
        weightKg: formatEditableNumber(load.weightKg, lang),
        'donor.name': load.donor.name,
        'donor.place': load.donor.place,
        'donor.pickupAt': msToWallTime(load.donor.pickupAt),
        'recipient.id': load.recipient.id,
        van: load.van,
        compartment: load.compartment,
      };
      inputs.van.value = values.van;
      fillCompartments();
      // A van or association no longer offered leaves its select on "— Choisir —": pick anew.
      for (const f of LOAD_FIELDS) inputs[f].value = values[f];
      show(new Set());
      inputs.profile.focus();
    },
  };
}
