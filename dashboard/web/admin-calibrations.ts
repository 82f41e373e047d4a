import { DeviceList } from '../../core/api/devices.ts';
import { VanCalibrations } from '../../core/api/calibrations.ts';
import { TEXT } from '../text/catalogue.ts';
import { calendarDayText, calibrationTargetName } from '../text/calibration-words.ts';
import { capitalise, formatTime } from '../text/format.ts';
import { LANGS, type Lang } from '../text/lang.ts';
import { adminSection } from './admin-section.ts';
import { ApiError, apiJson } from './api-client.ts';
import { el } from './dom.ts';

const FIELDS = ['target', 'verifiedOn', 'laboratory', 'reference', 'nextDueOn'] as const;
type Field = (typeof FIELDS)[number];

/**
 * The admin page's "Recorder calibration" section (issue 16, EN 13486): for the van chosen,
 * its standing, its whole history (a new record supersedes, none is deleted) and a form to add
 * one, with each refused field's error beside it in the page's language.
 */
export function adminCalibrations(lang: Lang, changed: () => void): HTMLElement {
  const t = TEXT[lang].calibration;
  const a = t.admin;
  const { section, message, fail } = adminSection(lang, 'calibrations', a.title);
  const vanSelect = Object.assign(el('select', { testId: 'calibration-van' }), {
    id: 'calibration-van',
    name: 'van',
  });
  const standing = el('p', { testId: 'calibration-standing' });
  const list = el('div');
  const day = (d: string) => calendarDayText(d, lang, true);

  const draw = async () => {
    const van = vanSelect.value;
    if (!van) return;
    const answer = await apiJson(VanCalibrations, `/api/vans/${encodeURIComponent(van)}/calibrations`);
    standing.textContent = `${a.standing} : ${capitalise(t.standings[answer.standing], lang)}${
      answer.nextDueOn ? ` — ${t.columns.nextDueOn.toLowerCase()} ${day(answer.nextDueOn)}` : ''
    }`;
    standing.dataset.standing = answer.standing;
    if (answer.history.length === 0) {
      list.replaceChildren(el('p', { className: 'empty' }, a.none));
      return;
    }
    const c = t.columns;
    const head = [c.target, c.verifiedOn, c.laboratory, c.reference, c.nextDueOn, c.entered].map((h) =>
      el('th', {}, h),
    );
    const inForce = new Set(answer.inForce.map((r) => r.id));
    const rows = [...answer.history].reverse().map((r) => {
      const row = el(
        'tr',
        { testId: 'calibration-row' },
        el('td', {}, calibrationTargetName(r.target, lang)),
        el('td', {}, day(r.verifiedOn)),
        el('td', {}, r.laboratory),
        el('td', {}, r.reference),
        el('td', {}, day(r.nextDueOn)),
        el('td', {}, `${r.enteredBy}, ${formatTime(r.enteredAt, lang)}`),
      );
      row.dataset.inForce = String(inForce.has(r.id));
      return row;
    });
    list.replaceChildren(
      el('h3', {}, a.history),
      el('table', { className: 'ltable', testId: 'calibration-list' }, el('tr', {}, ...head), ...rows),
    );
  };
  const redraw = () => void draw().catch(fail);

  void apiJson(DeviceList, '/api/devices').then((devices) => {
    const vans = [...new Set(devices.map((d) => d.van))].sort();
    if (vans.length === 0) {
      list.replaceChildren(el('p', { className: 'empty' }, a.noVans));
      return;
    }
    vanSelect.replaceChildren(...vans.map((v) => Object.assign(el('option', {}, v), { value: v })));
    redraw();
  }, fail);
  vanSelect.addEventListener('change', () => {
    message.textContent = '';
    redraw();
  });

  const labels: Record<Field, string> = {
    target: a.target,
    verifiedOn: t.columns.verifiedOn,
    laboratory: t.columns.laboratory,
    reference: t.columns.reference,
    nextDueOn: t.columns.nextDueOn,
  };
  const inputs = {} as Record<Field, HTMLInputElement>;
  const errors = {} as Record<Field, HTMLElement>;
  const field = (name: Field) => {
    const input = Object.assign(el('input', { testId: `calibration-${name}` }), {
      id: `calibration-${name}`,
      name,
      type: name === 'verifiedOn' || name === 'nextDueOn' ? 'date' : 'text',
      autocomplete: 'off',
    });
    // The recorder by its word in the page's language (« enregistreur »), never the API's code.
    if (name === 'target') input.value = t.recorder;
    const error = Object.assign(el('p', { className: 'lform__error', testId: `calibration-error-${name}` }), {
      id: `calibration-${name}-error`,
      hidden: true,
    });
    const hint =
      name === 'target'
        ? [
            Object.assign(el('p', { className: 'lform__hint' }, a.targetHint), {
              id: 'calibration-target-hint',
            }),
          ]
        : [];
    if (hint.length) input.setAttribute('aria-describedby', 'calibration-target-hint');
    inputs[name] = input;
    errors[name] = error;
    return el(
      'div',
      { className: 'lform__field' },
      Object.assign(el('label', {}, labels[name]), { htmlFor: input.id }),
      input,
      ...hint,
      error,
    );
  };
  const showError = (name: Field | null) => {
    for (const f of FIELDS) {
      const on = f === name;
      errors[f].hidden = !on;
      errors[f].textContent = on ? a.errors[f] : '';
      const described = [
        ...(f === 'target' ? ['calibration-target-hint'] : []),
        ...(on ? [errors[f].id] : []),
      ];
      if (described.length) inputs[f].setAttribute('aria-describedby', described.join(' '));
      else inputs[f].removeAttribute('aria-describedby');
      if (on) inputs[f].setAttribute('aria-invalid', 'true');
      else inputs[f].removeAttribute('aria-invalid');
    }
    if (name) inputs[name].focus();
  };

  const form = el(
    'form',
    { className: 'lform', testId: 'calibration-form' },
    el('fieldset', { className: 'lform__set' }, el('legend', {}, a.legend), ...FIELDS.map(field)),
    el(
      'div',
      { className: 'lform__actions' },
      el('button', { className: 'lbtn', testId: 'calibration-submit' }, a.add),
    ),
  );
  form.noValidate = true;
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const van = vanSelect.value;
    if (!van) return;
    showError(null);
    const body = Object.fromEntries(FIELDS.map((f) => [f, inputs[f].value.trim()]));
    if (isRecorderWord(body.target ?? '')) body.target = 'recorder';
    apiJson(VanCalibrations, `/api/vans/${encodeURIComponent(van)}/calibrations`, {
      method: 'POST',
      body,
    }).then(
      () => {
        for (const f of FIELDS) if (f !== 'target') inputs[f].value = '';
        message.textContent = a.added(van);
        redraw();
        changed();
      },
      (err: Error) => {
        const f = err instanceof ApiError ? FIELDS.find((name) => name === err.field) : undefined;
        if (f) showError(f);
        else fail(err);
      },
    );
  });

  message.before(el('p', {}, a.intro));
  section.append(
    el(
      'div',
      { className: 'lform__field' },
      Object.assign(el('label', {}, a.van), { htmlFor: vanSelect.id }),
      vanSelect,
    ),
    standing,
    list,
    form,
  );
  return section;
}

/** Whether the person typed the recorder's word, in any of the interface's languages (or its code). */
function isRecorderWord(text: string): boolean {
  const typed = text.toLocaleLowerCase();
  return (
    typed === 'recorder' ||
    LANGS.some((lang) => TEXT[lang].calibration.recorder.toLocaleLowerCase() === typed)
  );
}
