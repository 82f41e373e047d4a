import { DeviceList, DeviceSummary, NewDeviceAnswer } from '../../core/api/devices.ts';
import { TEXT } from '../text/catalogue.ts';
import { capitalise, formatTime } from '../text/format.ts';
import { confirmedButton } from './admin-confirm.ts';
import { adminSection } from './admin-section.ts';
import { ApiError, apiJson } from './api-client.ts';
import { el } from './dom.ts';
import type { Lang } from '../text/lang.ts';

/**
 * The admin page's "Devices" section (issue 12): the vans' MQTT credentials, added and
 * revoked here as with `givre device`. A new secret is shown once, in this page only: it is
 * not in any answer but the one that created it, so a reload shows it no more.
 */
export function adminDevices(lang: Lang, changed: () => void): HTMLElement {
  const t = TEXT[lang].admin;
  const { section, message, fail, drawn } = adminSection(lang, 'devices', t.devices.title);
  const secretPanel = el('div', { testId: 'device-secret-panel' });
  const list = el('div');
  const refresh = drawn(async () => {
    const devices = await apiJson(DeviceList, '/api/devices');
    list.replaceChildren(devices.length ? table(devices) : el('p', { className: 'empty' }, t.devices.none));
  }, changed);

  const table = (devices: DeviceSummary[]) => {
    const d = t.devices;
    const when = (ms: number) => formatTime(ms, lang);
    const head = [d.van, d.state, d.created, d.origin, d.lastSeen, ''].map((h) => el('th', {}, h));
    const rows = devices.map((device) => {
      const actions = el('td');
      if (device.revokedAt === null)
        actions.append(
          confirmedButton({
            label: d.revoke,
            testId: `device-revoke-${device.van}`,
            question: d.confirmRevoke(device.van),
            words: t,
            onConfirm: () =>
              void apiJson(DeviceSummary, `/api/devices/${encodeURIComponent(device.van)}/revoke`, {
                method: 'POST',
              }).then(() => {
                message.textContent = d.revokedDone(device.van);
                refresh();
              }, fail),
          }),
        );
      const row = el(
        'tr',
        { testId: 'device-row' },
        el('td', {}, device.van),
        el(
          'td',
          { testId: 'device-state' },
          device.revokedAt === null
            ? capitalise(d.valid, lang)
            : capitalise(d.revoked(when(device.revokedAt)), lang),
        ),
        el('td', {}, when(device.createdAt)),
        el('td', {}, capitalise(d.origins[device.origin], lang)),
        el('td', {}, device.lastSeenAt ? when(device.lastSeenAt) : capitalise(t.never, lang)),
        actions,
      );
      row.dataset.van = device.van;
      return row;
    });
    return el('table', { className: 'ltable', testId: 'device-list' }, el('tr', {}, ...head), ...rows);
  };

  const showSecret = (answer: NewDeviceAnswer) => {
    const d = t.devices;
    const { van } = answer.device;
    const secret = el('code', { testId: 'device-secret' }, answer.secret);
    const copy = Object.assign(el('button', { className: 'lbtn', testId: 'device-secret-copy' }, d.copy), {
      type: 'button',
    });
    const copied = el('p', { testId: 'device-secret-copied' });
    copied.setAttribute('role', 'status');
    copy.addEventListener('click', () => {
      // The Clipboard API needs a secure context (HTTPS or this machine); otherwise say so.
      const write =
        navigator.clipboard?.writeText(answer.secret) ?? Promise.reject(new Error('no clipboard'));
      write.then(
        () => (copied.textContent = d.copied),
        () => {
          copied.textContent = d.copyFailed;
          getSelection()?.selectAllChildren(secret);
        },
      );
    });
    const done = Object.assign(
      el('button', { className: 'lbtn lbtn--quiet', testId: 'device-secret-done' }, d.done),
      {
        type: 'button',
      },
    );
    done.addEventListener('click', () => secretPanel.replaceChildren());
    const fact = (label: string, value: Node | string) => [el('dt', {}, label), el('dd', {}, value)];
    const heading = Object.assign(el('h3', {}, d.issued(van)), { tabIndex: -1 });
    secretPanel.replaceChildren(
      el(
        'div',
        { className: 'admin-secret' },
        heading,
        el('p', { className: 'admin-secret__once' }, d.once),
        el(
          'dl',
          {},
          ...fact(d.username, van),
          ...fact(d.secret, secret),
          ...fact(d.clientId, d.clientIdValue(van)),
        ),
        el('div', { className: 'lform__actions' }, copy, done),
        copied,
      ),
    );
    heading.focus();
  };

  const input = Object.assign(el('input', { testId: 'device-van' }), {
    id: 'device-van',
    name: 'van',
    type: 'text',
    autocomplete: 'off',
    spellcheck: false,
  });
  const hint = Object.assign(el('p', { className: 'lform__hint' }, t.devices.vanHint), {
    id: 'device-van-hint',
  });
  const error = Object.assign(el('p', { className: 'lform__error', testId: 'device-error-van' }), {
    id: 'device-van-error',
    hidden: true,
  });
  const showError = (text: string | null) => {
    error.hidden = text === null;
    error.textContent = text ?? '';
    if (text === null) input.removeAttribute('aria-invalid');
    else input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', text === null ? hint.id : `${hint.id} ${error.id}`);
    if (text !== null) input.focus();
  };
  input.setAttribute('aria-describedby', hint.id);
  const form = el(
    'form',
    { className: 'lform', testId: 'device-form' },
    el(
      'fieldset',
      { className: 'lform__set' },
      el('legend', {}, t.devices.legend),
      el(
        'div',
        { className: 'lform__field' },
        Object.assign(el('label', {}, t.devices.vanLabel), { htmlFor: input.id }),
        input,
        hint,
        error,
      ),
    ),
    el(
      'div',
      { className: 'lform__actions' },
      el('button', { className: 'lbtn', testId: 'device-submit' }, t.devices.add),
    ),
  );
  form.noValidate = true;
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const van = input.value.trim();
    showError(null);
    apiJson(NewDeviceAnswer, '/api/devices', { method: 'POST', body: { van } }).then(
      (answer) => {
        input.value = '';
        message.textContent = '';
        showSecret(answer);
        refresh();
      },
      (err: Error) => {
        if (err instanceof ApiError && err.code === 'GIVRE_ERR_CONFLICT') showError(t.devices.exists(van));
        else if (err instanceof ApiError && err.field === 'van') showError(t.devices.badVan);
        else fail(err);
      },
    );
  });

  message.before(el('p', {}, t.devices.intro));
  section.append(secretPanel, list, form);
  return section;
}
