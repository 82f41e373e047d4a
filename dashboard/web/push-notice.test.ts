import { describe, expect, it } from 'vitest';
import { PushPayload } from '../../core/api/push.ts';
import { pushNotice } from './push-notice.ts';

const payload = (over: Partial<PushPayload> = {}): PushPayload =>
  PushPayload.parse({
    v: 1,
    delivery: '42.push.7',
    alertId: 'a-17',
    van: 'VAN-03',
    compartment: 'chilled',
    kind: 'excursion',
    severity: 'critical',
    transition: 'open',
    title: 'Alerte critique — camionnette VAN-03',
    body: 'Compartiment frais : 9,4 °C depuis 18 min (limite 4 °C)',
    lang: 'fr',
    url: '/driver/VAN-03?alert=a-17',
    acknowledgeable: true,
    at: 1_780_000_000_000,
    ...over,
  });

describe('the notification the driver app shows for a push (issue 15)', () => {
  it('a critical open alert: its words, one notification per alert, insistent, with « Acquitter »', () => {
    expect(pushNotice(payload())).toEqual({
      title: 'Alerte critique — camionnette VAN-03',
      options: expect.objectContaining({
        body: 'Compartiment frais : 9,4 °C depuis 18 min (limite 4 °C)',
        tag: 'a-17',
        renotify: true,
        requireInteraction: true,
        data: { url: '/driver/VAN-03?alert=a-17', alertId: 'a-17' },
        actions: [{ action: 'ack', title: 'Acquitter' }],
        timestamp: 1_780_000_000_000,
      }),
    });
  });

  it('a warning, or an alert already acknowledged: quiet, and nothing to acknowledge', () => {
    const warning = pushNotice(payload({ severity: 'warning', acknowledgeable: false, lang: 'en' }));
    expect(warning?.options).toMatchObject({ renotify: false, requireInteraction: false, actions: [] });
  });

  it('the English action in an English message', () => {
    expect(pushNotice(payload({ lang: 'en' }))?.options.actions).toEqual([
      { action: 'ack', title: 'Acknowledge' },
    ]);
  });

  it('shows nothing for what is not a Givre message, or opens another site', () => {
    for (const bad of [null, 'text', 42, {}, { ...payload(), v: 2 }, { ...payload(), title: '' }])
      expect(pushNotice(bad)).toBeNull();
    expect(pushNotice({ ...payload(), url: '//evil.example/x' })).toBeNull();
    expect(pushNotice({ ...payload(), url: 'https://evil.example/x' })).toBeNull();
  });
});
