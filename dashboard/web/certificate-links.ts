import type { CertificateSummary } from '../../core/api/loads.ts';
import type { Load } from '../../core/loads/load.ts';
import { el } from './dom.ts';
import type { Lang } from '../text/lang.ts';
import { LOAD_TEXT } from './loads-i18n.ts';

const link = (href: string, text: string, testId?: string) => {
  const a = el('a', testId ? { testId } : {}, text);
  a.href = href;
  return a;
};

/** The verdict and the certificate in each form, for the current version; older versions listed. */
export function certificateCell(load: Load, certs: CertificateSummary[], lang: Lang): HTMLElement {
  const t = LOAD_TEXT[lang];
  const cell = el('td', { testId: 'certificate' });
  const current = certs.find((c) => c.supersededBy === null);
  if (!current) return cell;
  const base = `/api/loads/${encodeURIComponent(load.id)}`;
  cell.append(
    el(
      'span',
      { className: `verdict-badge verdict-badge--${current.verdict}`, testId: 'verdict' },
      t.verdicts[current.verdict] ?? current.verdict,
    ),
    current.provisional ? ` (${t.provisional})` : '',
    current.gapsDeclaredLost ? ` (${t.gapsLost})` : '',
    el('br'),
    link(`${base}/certificate.html?lang=${lang}`, 'HTML', 'cert-html'),
    link(`${base}/certificate.pdf?lang=${lang}`, 'PDF', 'cert-pdf'),
    link(`${base}/certificate`, 'JSON', 'cert-json'),
    link(`${base}/readings.csv`, 'CSV'),
    link(`${base}/epcis.json`, 'EPCIS'),
    link(`/verify/${encodeURIComponent(current.id)}?lang=${lang}`, '✓'),
  );
  const old = certs.filter((c) => c.supersededBy !== null);
  if (old.length)
    cell.append(
      el('br'),
      `${t.versions}: `,
      ...old.map((c) =>
        link(`${base}/certificate.html?version=${c.version}&lang=${lang}`, `v${c.version} (${t.superseded})`),
      ),
    );
  return cell;
}
