import { describe, expect, it } from 'vitest';
import { DEFAULT_PUSH_SERVICES, isAllowedPushEndpoint, parsePushServices } from './push-services.ts';

describe('the push services a subscription may point at (issue 15)', () => {
  const defaults = parsePushServices(DEFAULT_PUSH_SERVICES);
  it.each([
    ['https://fcm.googleapis.com/fcm/send/abc:def', true],
    ['https://updates.push.services.mozilla.com/wpush/v2/gAAA', true],
    ['https://web.push.apple.com/QGx', true],
    ['https://wns2-par02p.notify.windows.com/w/?token=x', true],
    // The same hosts over plain HTTP, look-alikes, and the installation's own network: refused.
    ['http://fcm.googleapis.com/fcm/send/abc', false],
    ['https://fcm.googleapis.com.evil.example/x', false],
    ['https://push.services.mozilla.com.evil.example/x', false],
    ['https://evilpush.services.mozilla.com/x', false],
    ['http://127.0.0.1:8086/write?db=givre', false],
    ['https://192.168.1.1/admin', false],
    ['not a url', false],
  ])('%s → %s', (endpoint, allowed) => {
    expect(isAllowedPushEndpoint(endpoint, defaults)).toBe(allowed);
  });

  it('takes a loopback push service when an installation lists it (tests), on any port', () => {
    const local = parsePushServices('http://127.0.0.1');
    expect(isAllowedPushEndpoint('http://127.0.0.1:40123/push/1', local)).toBe(true);
    expect(isAllowedPushEndpoint('https://127.0.0.1/push/1', local)).toBe(false);
  });

  it('names a bad entry', () => {
    expect(() => parsePushServices('fcm.googleapis.com')).toThrow(/fcm\.googleapis\.com/);
  });
});
