import { formatTime } from '../text/format.ts';
import type { Lang } from '../text/lang.ts';

/**
 * Kept only for the admin page (admin-page.ts), being rewritten apart (issue 12): a time in
 * Brussels, 24-hour (format.ts `formatTime`), or "—". Goes when that page moves to the catalogue.
 */
export const when = (ms: number | null, lang: Lang) => (ms === null ? '—' : formatTime(ms, lang));
