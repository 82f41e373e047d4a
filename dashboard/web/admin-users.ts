import { NewUserAnswer, UserList, UserSummary } from '../../core/api/users.ts';
import { LoadChoices } from '../../core/loads/load-choices.ts';
import { Role, Username } from '../../core/people/principal.ts';
import { TEXT } from '../text/catalogue.ts';
import { capitalise, formatTime } from '../text/format.ts';
import { confirmedButton } from './admin-confirm.ts';
import { adminSection } from './admin-section.ts';
import { ApiError, apiJson } from './api-client.ts';
import { el } from './dom.ts';
import type { Lang } from '../text/lang.ts';
import { session } from './session-client.ts';

type Field = 'username' | 'vans' | 'association';

/**
 * The admin page's "Users" section (issue 12): accounts added with a role from a list, a
 * driver's vans among the vans the fleet knows, an association user's association among the
 * active ones; disabled and re-enabled after a confirmation. An admin cannot disable
 * themselves (the server refuses it too). The first password is shown once.
 */
export function adminUsers(lang: Lang, changed: () => void): HTMLElement {
  const t = TEXT[lang].admin;
  const { section, message, fail, drawn } = adminSection(lang, 'users-section', t.users.title);
  const passwordPanel = el('div', { testId: 'user-password-panel' });
  const list = el('div');
  const refresh = drawn(async () => {
    const [users, me] = await Promise.all([apiJson(UserList, '/api/users'), session()]);
    list.replaceChildren(table(users, me.user.username));
  }, changed);

  const table = (users: UserSummary[], me: string) => {
    const u = t.users;
    const head = [u.username, u.role, u.scope, u.state, ''].map((h) => el('th', {}, h));
    const rows = users.map((user) => {
      const actions = el('td');
      const path = `/api/users/${encodeURIComponent(user.username)}`;
      // A disabled account is re-enabled; an active one disabled, except one's own.
      const verb = user.disabledAt !== null ? 'enable' : user.username !== me ? 'disable' : null;
      if (verb) {
        const words =
          verb === 'enable'
            ? { label: u.enable, question: u.confirmEnable, done: u.enabledDone }
            : { label: u.disable, question: u.confirmDisable, done: u.disabledDone };
        actions.append(
          confirmedButton({
            label: words.label,
            testId: `${verb}-${user.username}`,
            question: words.question(user.username),
            words: t,
            onConfirm: () =>
              void apiJson(UserSummary, `${path}/${verb}`, { method: 'POST' }).then(() => {
                message.textContent = words.done(user.username);
                refresh();
              }, fail),
          }),
        );
      }
      const scope = user.role === 'driver' ? user.vans.join(', ') : (user.association ?? '');
      const row = el(
        'tr',
        { testId: 'user-row' },
        el('td', {}, user.username, user.username === me ? ` ${u.you}` : ''),
        el('td', { testId: 'user-role-words' }, capitalise(TEXT[lang].common.roles[user.role], lang)),
        el('td', {}, scope),
        el(
          'td',
          { testId: 'user-state' },
          capitalise(
            user.disabledAt === null ? u.active : u.disabled(formatTime(user.disabledAt, lang)),
            lang,
          ),
        ),
        actions,
      );
      row.dataset.username = user.username;
      return row;
    });
    return el('table', { className: 'ltable', testId: 'users' }, el('tr', {}, ...head), ...rows);
  };

  section.append(passwordPanel, list);
  void apiJson(LoadChoices, '/api/load-choices').then(
    (choices) => section.append(userForm(lang, choices, message, passwordPanel, refresh)),
    fail,
  );
  return section;
}

function userForm(
  lang: Lang,
  choices: LoadChoices,
  message: HTMLElement,
  passwordPanel: HTMLElement,
  refresh: () => void,
): HTMLFormElement {
  const t = TEXT[lang].admin;
  const u = t.users;
  const errors = {} as Record<Field, HTMLElement>;
  const error = (field: Field) => {
    const p = Object.assign(el('p', { className: 'lform__error', testId: `user-error-${field}` }), {
      id: `user-${field}-error`,
      hidden: true,
    });
    errors[field] = p;
    return p;
  };
  const labelled = (control: HTMLInputElement | HTMLSelectElement, label: string, field: string) => {
    control.id = `user-${field}`;
    control.name = field;
    control.dataset.testid = `user-${field}`;
    return el(
      'div',
      { className: 'lform__field' },
      Object.assign(el('label', {}, label), { htmlFor: control.id }),
      control,
    );
  };

  const username = Object.assign(el('input'), { type: 'text', autocomplete: 'off', spellcheck: false });
  const usernameHint = Object.assign(el('p', { className: 'lform__hint' }, u.usernameHint), {
    id: 'user-username-hint',
  });
  username.setAttribute('aria-describedby', usernameHint.id);
  const nameField = labelled(username, u.username, 'username');
  nameField.append(usernameHint, error('username'));

  const role = el('select');
  for (const r of Role.options)
    role.append(Object.assign(el('option', {}, capitalise(TEXT[lang].common.roles[r], lang)), { value: r }));
  role.value = 'coordinator';
  const roleField = labelled(role, u.role, 'role');

  // A driver's vans: one checkbox per van the fleet knows, in a group named by its legend.
  const vanBoxes = choices.vans.map((van) => {
    const box = Object.assign(el('input'), {
      type: 'checkbox',
      name: 'vans',
      value: van.id,
      id: `user-van-${van.id}`,
    });
    box.dataset.testid = `user-van-${van.id}`;
    return box;
  });
  const vansField = el(
    'fieldset',
    { className: 'lform__field admin-vans', testId: 'user-vans' },
    el('legend', {}, u.vans),
    ...(vanBoxes.length
      ? vanBoxes.map((box) => el('label', { className: 'admin-check' }, box, box.value))
      : [el('p', { className: 'lform__hint' }, u.noVans)]),
    error('vans'),
  );

  const association = el('select');
  association.append(Object.assign(el('option', {}, '—'), { value: '' }));
  for (const a of choices.associations)
    association.append(Object.assign(el('option', {}, a.name), { value: a.id }));
  const associationField = labelled(association, u.association, 'association');
  if (choices.associations.length === 0)
    associationField.append(el('p', { className: 'lform__hint' }, u.noAssociation));
  associationField.append(error('association'));

  const follow = () => {
    vansField.hidden = role.value !== 'driver';
    associationField.hidden = role.value !== 'association';
  };
  role.addEventListener('change', follow);
  follow();

  const controls: Record<Field, HTMLElement> = {
    username,
    vans: vanBoxes[0] ?? vansField,
    association,
  };
  const show = (field: Field | null, text = '') => {
    for (const f of Object.keys(errors) as Field[]) {
      const bad = f === field;
      errors[f].hidden = !bad;
      errors[f].textContent = bad ? text : '';
      const control = controls[f];
      if (bad) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    }
    username.setAttribute(
      'aria-describedby',
      field === 'username' ? `${usernameHint.id} ${errors.username.id}` : usernameHint.id,
    );
    if (field) controls[field].focus();
  };

  const form = el(
    'form',
    { className: 'lform', testId: 'user-form' },
    el(
      'fieldset',
      { className: 'lform__set' },
      el('legend', {}, u.legend),
      nameField,
      roleField,
      vansField,
      associationField,
    ),
    el(
      'div',
      { className: 'lform__actions' },
      el('button', { className: 'lbtn', testId: 'user-submit' }, u.add),
    ),
  );
  form.noValidate = true;
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const name = username.value.trim();
    const body = {
      username: name,
      role: role.value,
      vans: role.value === 'driver' ? vanBoxes.filter((b) => b.checked).map((b) => b.value) : [],
      association: role.value === 'association' ? association.value || null : null,
    };
    if (!Username.safeParse(name).success) return show('username', u.errors.username);
    if (role.value === 'driver' && body.vans.length === 0) return show('vans', u.errors.vans);
    if (role.value === 'association' && body.association === null)
      return show('association', u.errors.association);
    show(null);
    apiJson(NewUserAnswer, '/api/users', { method: 'POST', body }).then(
      (answer) => {
        form.reset();
        follow();
        message.textContent = u.created(name);
        const password = el('code', { testId: 'user-password' }, answer.password);
        passwordPanel.replaceChildren(
          el(
            'div',
            { className: 'admin-secret' },
            el('p', {}, u.created(name), ' ', u.password, ' ', password),
          ),
        );
        refresh();
      },
      (err: Error) => {
        if (err instanceof ApiError && err.code === 'GIVRE_ERR_CONFLICT')
          show('username', u.errors.exists(name));
        else if (err instanceof ApiError && err.field === 'association')
          show('association', u.errors.association);
        else message.textContent = `${t.failed} : ${err.message}`;
      },
    );
  });
  return form;
}
