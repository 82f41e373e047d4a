import { describe, expect, it } from 'vitest';
import { AuditAction } from '../../core/api/audit.ts';
import { DeviceOrigin } from '../../core/api/devices.ts';
import { Role } from '../../core/people/principal.ts';
import { TEXT } from './catalogue.ts';
import { LANGS } from './lang.ts';

/**
 * Issue 12: the administration page says roles, audit actions and who issued a van's
 * credentials in words. The catalogue's types make each a record over the codes; this
 * checks the words are there at run time and are not the codes themselves.
 */
describe('the admin page’s words for codes', () => {
  it.each(LANGS)('has words for every audit action, role and device origin (%s)', (lang) => {
    const t = TEXT[lang].admin;
    const table: Array<[readonly string[], Record<string, string>]> = [
      [AuditAction.options, t.auditActions],
      [Role.options, TEXT[lang].common.roles],
      [DeviceOrigin.options, t.devices.origins],
    ];
    for (const [codes, words] of table) {
      expect(Object.keys(words).sort()).toEqual([...codes].sort());
      for (const code of codes) {
        expect(words[code]?.trim(), code).toBeTruthy();
        if (code.includes('-')) expect(words[code], code).not.toContain(code);
      }
    }
  });

  it('words the actions in natural French', () => {
    const fr = TEXT.fr.admin.auditActions;
    expect(fr['user-add']).toBe('compte créé');
    expect(fr['alert-ack']).toBe('alerte prise en charge');
    expect(fr['user-enable']).toBe('compte réactivé');
    expect(TEXT.en.admin.auditActions['device-revoke']).toBe('van credentials revoked');
  });
});
