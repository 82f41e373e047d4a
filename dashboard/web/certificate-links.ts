import type { CertificateSummary } from '../../core/api/loads.ts';
import type { Load } from '../../core/loads/load.ts';
import { el } from './dom.ts';
import { TEXT } from '../text/catalogue.ts';
import type { Lang } from '../text/lang.ts';

const link = (href: string, text: string, testId?: string) => {
  const a = el('a', testId ? { testId } : {}, text);
  a.href = href;
  return a;
};

/** The check mark, named for those who do not see it. */
const verifyLink = (href: string, name: string) => {
  const a = link(href, '✓');
  a.setAttribute('aria-label', name);
  a.title = name;
  return a;
};

/** The verdict and the certificate in each form, for the current version; older versions listed. */
export function certificateCell(load: Load, certs: CertificateSummary[], lang: Lang): HTMLElement {
  const t = TEXT[lang].loads;
  const cell = el('td', { testId: 'certificate' });
  const current = certs.find((c) => c.supersededBy === null);
  if (!current) return cell;
  const base = `/api/loads/${encodeURIComponent(load.id)}`;
  cell.append(
    el(
      'span',
      { className: `verdict-badge verdict-badge--${current.verdict}`, testId: 'verdict' },
      TEXT[lang].common.verdicts[current.verdict],
    ),
    current.provisional ? ` (${t.provisional})` : '',
    current.gapsDeclaredLost ? ` (${t.gapsLost})` : '',
    el('br'),
    link(`${base}/certificate.html?lang=${lang}`, 'HTML', 'cert-html'),
    link(`${base}/certificate.pdf?lang=${lang}`, 'PDF', 'cert-pdf'),
    link(`${base}/certificate`, 'JSON', 'cert-json'),
    link(`${base}/readings.csv`, 'CSV'),
    link(`${base}/epcis.json`, 'EPCIS'),
    verifyLink(`/verify/${encodeURIComponent(current.id)}?lang=${lang}`, TEXT[lang].certificate.verify),
  );
  const old = certs.filter((c) => c.supersededBy !== null);
  if (old.length)
    cell.append(
      el('br'),
      `${t.versions}${TEXT[lang].common.colon}`,
      ...old.map((c) =>
        link(`${base}/certificate.html?version=${c.version}&lang=${lang}`, `v${c.version} (${t.superseded})`),
      ),
    );
  return cell;
}
