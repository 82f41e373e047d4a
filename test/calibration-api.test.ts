import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../core/api/api-error.ts';
import type { AuditEntry } from '../core/api/audit.ts';
import type { FleetCalibrations, VanCalibrations } from '../core/api/calibrations.ts';
import type { SignedCertificate } from '../core/certificates/certificate.ts';
import type { Load } from '../core/loads/load.ts';
import { startTestSystem, type TestSystem } from './harness/givre.ts';
import { loadInput, registerVans } from './harness/loads-api.ts';
import { addUsers, signIn, type SignedInClient } from './harness/people.ts';

const DAY = 86_400_000;
/** Calendar day `days` from now, in Brussels (the tests run far from midnight's edge by a day's margin). */
const dayFromNow = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(Date.now() + days * DAY);

/**
 * Issue 16, recorder evidence (EN 13486) through the API: admins add calibration records
 * (audited), coordinators read them, drivers may not add; the certificate of a load signs the
 * records in force and says plainly when the calibration was overdue during the load.
 */
describe('calibration records: API, audit, certificate', () => {
  let system: TestSystem;
  let ada: SignedInClient;
  let coco: SignedInClient;
  let dave: SignedInClient;
  const record = {
    target: 'recorder',
    verifiedOn: dayFromNow(-400),
    laboratory: 'Labo Étalon sprl (ISO/IEC 17025)',
    reference: 'CAL-2025-017',
    nextDueOn: dayFromNow(-10),
  };

  beforeAll(async () => {
    system = await startTestSystem({ auth: 'users' });
    await registerVans(system, 'VAN-21', 'VAN-22');
    await addUsers(system, [
      { username: 'ada', role: 'admin' },
      { username: 'coco', role: 'coordinator' },
      { username: 'dave', role: 'driver', vans: ['VAN-21'] },
    ]);
    // One after another: sign-ins from one address are checked one at a time.
    ada = await signIn(system.baseUrl, 'ada');
    coco = await signIn(system.baseUrl, 'coco');
    dave = await signIn(system.baseUrl, 'dave');
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('lets an admin add a record, audited; a coordinator reads it; a driver may not add', async () => {
    const added = await ada.json<VanCalibrations>('/api/vans/VAN-21/calibrations', record);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ van: 'VAN-21', standing: 'overdue', nextDueOn: record.nextDueOn });
    expect(added.body.history).toEqual([
      expect.objectContaining({ ...record, enteredBy: 'ada', enteredAt: expect.any(Number) }),
    ]);

    const read = await coco.json<VanCalibrations>('/api/vans/VAN-21/calibrations');
    expect(read.status).toBe(200);
    expect(read.body.inForce.map((r) => r.reference)).toEqual(['CAL-2025-017']);

    const refused = await dave.json<ApiErrorBody>('/api/vans/VAN-21/calibrations', {
      ...record,
      reference: 'X',
    });
    expect(refused.status).toBe(403);
    expect((await dave.json<VanCalibrations>('/api/vans/VAN-21/calibrations')).body.history).toHaveLength(1);
    // Another driver's van is answered as an unknown one.
    expect((await dave.fetch('/api/vans/VAN-22/calibrations')).status).toBe(404);

    const audit = await ada.json<AuditEntry[]>('/api/audit?action=calibration-add');
    expect(audit.body).toEqual([
      expect.objectContaining({
        actor: 'ada',
        action: 'calibration-add',
        target: 'VAN-21',
        details: expect.objectContaining({ reference: 'CAL-2025-017', nextDueOn: record.nextDueOn }),
      }),
    ]);
  });

  it('refuses bad input with 400 naming the field, and stores nothing', async () => {
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ ...record, verifiedOn: '2026-02-30' }, 'verifiedOn'],
      [{ ...record, nextDueOn: 'next year' }, 'nextDueOn'],
      [{ ...record, nextDueOn: record.verifiedOn }, 'nextDueOn'],
      [{ ...record, laboratory: '   ' }, 'laboratory'],
      [{ ...record, reference: 'x'.repeat(101) }, 'reference'],
      [{ ...record, target: 'T 1' }, 'target'],
      [{ ...record, surprise: true }, 'body'],
    ];
    for (const [body, field] of bad) {
      const res = await ada.json<ApiErrorBody>('/api/vans/VAN-22/calibrations', body);
      expect(res.status, field).toBe(400);
      expect(res.body.error, field).toMatchObject({ code: 'GIVRE_ERR_INVALID_FIELD', field });
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
    }
    expect((await ada.json<VanCalibrations>('/api/vans/VAN-22/calibrations')).body.history).toEqual([]);
    expect((await ada.json<ApiErrorBody>('/api/vans/not a van/calibrations', record)).status).toBe(400);
  });

  it('gives each van’s standing on the fleet API: overdue, due soon, nothing on record', async () => {
    await ada.json('/api/vans/VAN-22/calibrations', {
      ...record,
      verifiedOn: dayFromNow(-300),
      nextDueOn: dayFromNow(12),
    });
    const fleet = await coco.json<FleetCalibrations>('/api/fleet/calibrations');
    expect(fleet.body.find((v) => v.van === 'VAN-21')).toMatchObject({ standing: 'overdue' });
    expect(fleet.body.find((v) => v.van === 'VAN-22')).toEqual({
      van: 'VAN-22',
      standing: 'due-soon',
      nextDueOn: dayFromNow(12),
    });
    // A driver sees their own van only.
    expect((await dave.json<FleetCalibrations>('/api/fleet/calibrations')).body.map((v) => v.van)).toEqual([
      'VAN-21',
    ]);
  });

  it('signs the record in force into the certificate, which verifies, and prints that it was overdue during the load', async () => {
    const load = (await coco.json<Load>('/api/loads', loadInput({ van: 'VAN-21', profile: 'poultry' }))).body;
    const from = Date.now() - 2 * 3_600_000;
    await coco.json(`/api/loads/${load.id}/events`, { type: 'picked-up', at: from });
    await coco.json(`/api/loads/${load.id}/events`, {
      type: 'delivered',
      at: from + 3_600_000,
      reception: { accepted: true },
    });
    const cert = (await coco.json<SignedCertificate>(`/api/loads/${load.id}/certificate`)).body;
    expect(cert.certificate.calibration).toEqual({
      records: [
        {
          target: 'recorder',
          verifiedOn: record.verifiedOn,
          laboratory: record.laboratory,
          reference: record.reference,
          nextDueOn: record.nextDueOn,
        },
      ],
    });
    const verified = await coco.json<{ valid: boolean }>('/api/certificates/verify', cert);
    expect(verified.body.valid).toBe(true);
    const changed = structuredClone(cert);
    changed.certificate.calibration!.records[0]!.nextDueOn = dayFromNow(300);
    expect((await coco.json<{ valid: boolean }>('/api/certificates/verify', changed)).body.valid).toBe(false);

    const due = new Intl.DateTimeFormat('fr-BE', {
      timeZone: 'UTC',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }).format(new Date(`${record.nextDueOn}T12:00:00Z`));
    const html = await (await coco.fetch(`/api/loads/${load.id}/certificate.html?lang=fr`)).text();
    expect(html).toContain(`Étalonnage de l’enregistreur échu depuis le ${due}`);
    expect(html).toContain('CAL-2025-017');

    const pdf = Buffer.from(
      await (await coco.fetch(`/api/loads/${load.id}/certificate.pdf?lang=fr`)).arrayBuffer(),
    );
    const file = join(system.dataDir, 'calibration.pdf');
    writeFileSync(file, pdf);
    const { stdout } = await promisify(execFile)('pdftotext', ['-enc', 'UTF-8', file, '-']);
    const text = stdout.replace(/\s+/g, ' ');
    expect(text).toContain(`Étalonnage de l’enregistreur échu depuis le ${due}`);
    expect(text).toContain('Labo Étalon sprl');
  });
});
