import { VerifyAnswer } from '../../core/api/loads.ts';
import type { SignedCertificate } from '../../core/certificates/certificate.ts';
import type { ComplianceReport, RecordCompleteness } from '../../core/compliance/compliance-report.ts';
import { missingSummary } from '../../core/compliance/record-completeness.ts';
import { DEFAULT_PROFILES, findProfile } from '../../core/product-profiles.ts';
import { el } from './dom.ts';
import type { Lang } from '../text/lang.ts';
import { LOAD_TEXT, when } from './loads-i18n.ts';

async function verify(json: string): Promise<VerifyAnswer> {
  try {
    JSON.parse(json);
  } catch {
    return { valid: false, reason: { fr: 'ce n’est pas du JSON', en: 'this is not JSON' } };
  }
  // The text exactly as given (issue 10): parsed and re-serialised, a repeated key would vanish.
  const res = await fetch('/api/certificates/verify', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: json,
  });
  const answer = VerifyAnswer.safeParse(await res.json().catch(() => undefined));
  return answer.success
    ? answer.data
    : {
        valid: false,
        reason: { fr: 'le serveur n’a pas pu le vérifier', en: 'the server could not check it' },
      };
}

function show(out: HTMLElement, a: VerifyAnswer, lang: Lang): void {
  const t = LOAD_TEXT[lang];
  const box = el('div', {
    className: `vresult vresult--${a.valid ? 'valid' : 'invalid'}`,
    testId: 'verify-result',
  });
  box.dataset.valid = String(a.valid);
  box.append(a.valid ? `✓ ${t.valid} — ${a.id}` : `✗ ${t.invalid} : ${a.reason[lang]}`);
  if (a.valid && a.verdict)
    box.append(
      el('br'),
      `${t.verdicts[a.verdict] ?? a.verdict}${a.provisional ? ` (${t.provisional})` : ''}`,
    );
  if (a.valid && a.supersededBy) box.append(el('br'), `${t.supersededBy} ${a.supersededBy}`);
  out.replaceChildren(box);
}

/** As stored: a certificate signed before sensors were judged one by one (issue 10) lacks these. */
type StoredReport = Omit<ComplianceReport, 'sensors' | 'decidingSensor' | 'records'> &
  Partial<Pick<ComplianceReport, 'sensors' | 'decidingSensor' | 'records'>>;

/** Whether the van's records through delivery are all here; `undefined` on a certificate signed before it said. */
function recordsFact(records: RecordCompleteness | undefined, lang: Lang): string | undefined {
  if (!records) return undefined;
  const t = LOAD_TEXT[lang];
  if (records.complete) return t.recordsComplete;
  const parts: string[] = [];
  const missing = records.missing ?? [];
  if (missing.length > 0) {
    const { count, ranges, more } = missingSummary(missing);
    parts.push(`${t.recordsMissing(count)} ${ranges}${more > 0 ? ` ${t.recordsMore(more)}` : ''}`);
  }
  if (!records.tailReceived) parts.push(t.recordsWaiting);
  return parts.join(t.factSeparator);
}

/**
 * What the certificate says, for the person holding the paper (issue 10, 7): verdict, the
 * sensor that decided it and each sensor's own, product, period, recorder, whether the van's
 * records are all in, issuer — the signed text, shown once its signature checked out. A
 * certificate signed before sensors were judged one by one lacks those facts: not shown.
 */
export function factRows(signed: SignedCertificate, lang: Lang): Array<[string, string]> {
  const t = LOAD_TEXT[lang];
  const c = signed.certificate;
  const report = c.report as StoredReport;
  const verdict = (v: string) => t.verdicts[v] ?? v;
  const rows: Array<[string, string]> = [
    [t.facts.verdict, `${verdict(report.verdict)}${c.provisional ? ` (${t.provisional})` : ''}`],
  ];
  if (report.decidingSensor !== undefined)
    rows.push([t.facts.deciding, report.decidingSensor ?? t.decidingNone]);
  if (Array.isArray(report.sensors) && report.sensors.length > 0)
    rows.push([
      t.facts.sensors,
      report.sensors.map((s) => `${s.sensor}${t.colon}${verdict(s.verdict)}`).join(t.factSeparator),
    ]);
  rows.push(
    [t.facts.product, findProfile(DEFAULT_PROFILES, c.load.profile)?.name[lang] ?? c.load.profile],
    [t.facts.period, `${when(c.load.pickedUpAt, lang)} → ${when(c.load.deliveredAt, lang)}`],
    [t.facts.recorder, `${c.load.van} · ${report.recorder.sensors.join(', ') || '—'}`],
  );
  const records = recordsFact(report.records, lang);
  if (records !== undefined) rows.push([t.facts.records, records]);
  rows.push([
    t.facts.issuer,
    `${c.issuer}${c.issuerAddress ? `, ${c.issuerAddress}` : ''} · ${when(c.issuedAt, lang)}`,
  ]);
  return rows;
}

function facts(signed: SignedCertificate, lang: Lang): HTMLElement {
  return el(
    'dl',
    { className: 'vfacts', testId: 'verify-facts' },
    ...factRows(signed, lang).flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]),
  );
}

/**
 * `/verify` (paste or upload a JSON certificate), `/verify/t/{token}` (the QR code's target:
 * anyone holding the token sees the certificate) and `/verify/{id}` (signed-in people).
 */
export async function renderVerifyPage(
  root: HTMLElement,
  target: { id?: string | undefined; token?: string | undefined },
  lang: Lang,
): Promise<void> {
  const t = LOAD_TEXT[lang];
  document.title = t.verifyTitle;
  const out = el('div', { testId: 'verify-output' });
  const area = el('textarea', { className: 'vpaste', testId: 'verify-paste' });
  area.id = 'verify-paste';
  const file = el('input', { testId: 'verify-file' });
  file.id = 'verify-file';
  const label = (control: HTMLElement, text: string) => {
    const l = el('label', { className: 'vlabel' }, text);
    l.htmlFor = control.id;
    return l;
  };
  file.type = 'file';
  file.accept = 'application/json,.json';
  const button = el('button', { className: 'lbtn', testId: 'verify-button' }, t.check);
  button.type = 'button';
  button.addEventListener('click', () => void verify(area.value).then((a) => show(out, a, lang)));
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (f)
      void f
        .text()
        .then((text) => ((area.value = text), verify(text)))
        .then((a) => show(out, a, lang));
  });
  root.replaceChildren(
    el('h2', {}, t.verifyTitle),
    out,
    el('p', {}, t.paste),
    label(file, t.certificateFile),
    file,
    label(area, t.certificateText),
    area,
    button,
  );
  if (target.token !== undefined) {
    const res = await fetch(`/api/certificates/token/${encodeURIComponent(target.token)}`);
    if (!res.ok) return show(out, { valid: false, reason: { fr: t.unknownToken, en: t.unknownToken } }, lang);
    const text = await res.text();
    const answer = await verify(text);
    show(out, answer, lang);
    if (!answer.valid) return;
    if (!answer.supersededBy) out.firstElementChild?.append(el('br'), t.current);
    out.append(facts(JSON.parse(text) as SignedCertificate, lang));
    return;
  }
  const id = target.id;
  if (!id) return;
  const res = await fetch(`/api/certificates/${encodeURIComponent(id)}`);
  // Fetching a certificate by id needs a session of someone who may see the load (issue 4);
  // without one, anyone can still paste or upload the certificate they were given.
  if (res.status === 401)
    return show(
      out,
      {
        valid: false,
        reason: {
          fr: `connectez-vous pour afficher ${id}, ou collez le certificat reçu ci-dessous`,
          en: `sign in to show ${id}, or paste the certificate you received below`,
        },
      },
      lang,
    );
  if (!res.ok)
    return show(
      out,
      { valid: false, reason: { fr: `certificat ${id} inconnu`, en: `unknown certificate ${id}` } },
      lang,
    );
  const text = await res.text();
  area.value = text;
  show(out, await verify(text), lang);
  const loadId = id.replace(/-v\d+$/, '');
  const version = id.match(/-v(\d+)$/)?.[1] ?? '1';
  const a = el('a', { testId: 'verify-html' }, `HTML / PDF`);
  a.href = `/api/loads/${encodeURIComponent(loadId)}/certificate.html?version=${version}&lang=${lang}`;
  out.append(a);
}
