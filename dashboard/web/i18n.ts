/**
 * Kept only for the admin page and its words (admin-page.ts, account-i18n.ts), which are being
 * rewritten apart (issue 12): every other page imports `Lang` from dashboard/text/lang.ts. Goes
 * when they move to the catalogue.
 */
export type { Lang } from '../text/lang.ts';
