import { adminAssociations } from './admin-associations.ts';
import { adminAudit } from './admin-audit.ts';
import { adminCalibrations } from './admin-calibrations.ts';
import { adminDevices } from './admin-devices.ts';
import { adminProfiles } from './admin-profiles.ts';
import { adminUsers } from './admin-users.ts';
import type { Lang } from '../text/lang.ts';

/**
 * `/admin` (admin only, issue 12): one section per thing an administrator keeps, each in its
 * own file, loading and redrawing itself. A new section is one more line here. A change in
 * one section reads the audit log again, where it is now recorded.
 */
export function renderAdminPage(root: HTMLElement, lang: Lang): void {
  const audit = adminAudit(lang);
  root.replaceChildren(
    adminDevices(lang, audit.refresh),
    adminCalibrations(lang, audit.refresh),
    adminUsers(lang, audit.refresh),
    adminAssociations(lang),
    adminProfiles(lang),
    audit.section,
  );
}
