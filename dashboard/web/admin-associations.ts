import { Association, AssociationInput } from '../../core/associations/association.ts';
import { z } from 'zod';
import { el } from './dom.ts';
import { ASSOCIATION_FIELDS, slugOf, type AssociationField } from './association-slug.ts';
import { TEXT } from '../text/catalogue.ts';
import type { Lang } from '../text/lang.ts';
import { ApiError, apiJson } from './api-client.ts';

/**
 * The admin page's "Associations" section (issue 12): the associations that receive loads,
 * added, edited, deactivated and reactivated here; the load form offers the active ones. It
 * renders itself again after each change, apart from the rest of the page.
 */
export function adminAssociations(lang: Lang): HTMLElement {
  const section = el('section', { className: 'admin-associations', testId: 'associations' });
  section.setAttribute('aria-labelledby', 'associations-title');
  const message = el('p', { testId: 'association-message' });
  message.setAttribute('role', 'status');
  const render = async () => {
    const list = await apiJson(z.array(Association), '/api/associations');
    section.replaceChildren(...view(lang, list, message, () => void render()));
  };
  void render().catch((err: Error) => (message.textContent = err.message));
  return section;
}

function view(lang: Lang, list: Association[], message: HTMLElement, rerender: () => void): HTMLElement[] {
  const t = TEXT[lang].associationAdmin;
  const { common } = TEXT[lang];
  const title = el('h2', {}, t.title);
  title.id = 'associations-title';
  const fail = (err: Error) => (message.textContent = `${t.failed}${common.colon}${err.message}`);

  // The form: new by default, or the association being edited (its id then fixed).
  let editing: Association | null = null;
  const legend = el('legend', {}, t.legendNew);
  const fieldset = el('fieldset', { className: 'lform__set' }, legend);
  const inputs = {} as Record<AssociationField, HTMLInputElement>;
  const errors = {} as Record<AssociationField, HTMLElement>;
  for (const f of ASSOCIATION_FIELDS) {
    const input = Object.assign(el('input'), { id: `association-${f}`, name: f, type: 'text' });
    input.dataset.testid = `association-${f}`;
    const label = Object.assign(el('label', {}, t.labels[f]), { htmlFor: input.id });
    const error = Object.assign(el('p', { className: 'lform__error', testId: `association-error-${f}` }), {
      id: `${input.id}-error`,
      hidden: true,
    });
    const field = el('div', { className: 'lform__field' }, label, input);
    if (f === 'id') {
      const hint = Object.assign(el('p', { className: 'lform__hint' }, t.idHint), {
        id: 'association-id-hint',
      });
      input.setAttribute('aria-describedby', hint.id);
      field.append(hint);
    }
    field.append(error);
    inputs[f] = input;
    errors[f] = error;
    fieldset.append(field);
  }
  // The id follows the name until the admin types one of their own.
  let idTyped = false;
  inputs.id.addEventListener('input', () => (idTyped = inputs.id.value !== ''));
  inputs.name.addEventListener('input', () => {
    if (!idTyped && !editing) inputs.id.value = slugOf(inputs.name.value);
  });
  const show = (wrong: ReadonlySet<string>) => {
    for (const f of ASSOCIATION_FIELDS) {
      const bad = wrong.has(f);
      errors[f].hidden = !bad;
      errors[f].textContent = bad ? t.errors[f] : '';
      const described = [f === 'id' ? 'association-id-hint' : '', bad ? errors[f].id : ''].filter(Boolean);
      if (bad) inputs[f].setAttribute('aria-invalid', 'true');
      else inputs[f].removeAttribute('aria-invalid');
      if (described.length) inputs[f].setAttribute('aria-describedby', described.join(' '));
      else inputs[f].removeAttribute('aria-describedby');
    }
    const first = ASSOCIATION_FIELDS.find((f) => wrong.has(f));
    if (first) inputs[first].focus();
  };
  const submit = el('button', { className: 'lbtn', testId: 'association-submit' }, t.add);
  const cancel = Object.assign(el('button', { className: 'lbtn lbtn--quiet' }, common.cancel), {
    type: 'button',
    hidden: true,
  });
  cancel.addEventListener('click', rerender);
  const form = el('form', { className: 'lform', testId: 'association-form' }, fieldset, submit, cancel);
  form.noValidate = true;
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const values = Object.fromEntries(ASSOCIATION_FIELDS.map((f) => [f, inputs[f].value.trim()]));
    const checked = AssociationInput.safeParse(values);
    if (!checked.success) return show(new Set(checked.error.issues.map((i) => String(i.path[0]))));
    show(new Set());
    const { id, ...fields } = checked.data;
    const done = editing
      ? apiJson(Association, `/api/associations/${encodeURIComponent(id)}`, {
          method: 'PATCH',
          body: fields,
        }).then(() => t.saved(fields.name))
      : apiJson(Association, '/api/associations', { method: 'POST', body: checked.data }).then(() =>
          t.added(fields.name),
        );
    done.then(
      (said) => {
        message.textContent = said;
        rerender();
      },
      (err: Error) => (err instanceof ApiError && err.field ? show(new Set([err.field])) : fail(err)),
    );
  });

  const table = el('table', { className: 'ltable', testId: 'association-list' });
  table.append(
    el(
      'tr',
      {},
      ...[t.labels.name, t.labels.address, t.labels.contact, t.state, ''].map((h) => el('th', {}, h)),
    ),
  );
  for (const a of list) {
    const actions = el('td');
    const button = (label: string, testId: string, onClick: () => void) => {
      const b = Object.assign(el('button', { className: 'lbtn', testId }, label), { type: 'button' });
      b.addEventListener('click', onClick);
      actions.append(b);
    };
    button(common.edit, `association-edit-${a.id}`, () => {
      editing = a;
      legend.textContent = t.legendEdit(a.name);
      for (const f of ASSOCIATION_FIELDS) inputs[f].value = a[f];
      inputs.id.readOnly = true;
      submit.textContent = common.save;
      cancel.hidden = false;
      show(new Set());
      inputs.name.focus();
    });
    const switchTo = !a.active;
    button(switchTo ? t.reactivate : t.deactivate, `association-toggle-${a.id}`, () => {
      apiJson(Association, `/api/associations/${encodeURIComponent(a.id)}`, {
        method: 'PATCH',
        body: { active: switchTo },
      }).then(() => {
        message.textContent = switchTo ? t.reactivated(a.name) : t.deactivated(a.name);
        rerender();
      }, fail);
    });
    const row = el(
      'tr',
      { testId: 'association-row' },
      el('td', {}, a.name, el('br'), el('small', {}, a.id)),
      el('td', {}, a.address),
      el('td', {}, a.contact),
      el('td', { testId: 'association-state' }, a.active ? t.active : t.inactive),
      actions,
    );
    row.dataset.associationId = a.id;
    table.append(row);
  }
  return [title, message, list.length ? table : el('p', { className: 'empty' }, t.none), form];
}
