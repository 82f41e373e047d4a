import { VerifyAnswer } from '../../core/api/loads.ts';
import type { SignedCertificate } from '../../core/certificates/certificate.ts';
import type {
  ComplianceReport,
  RecordCompleteness,
  Verdict,
} from '../../core/compliance/compliance-report.ts';
import { missingSummary } from '../../core/compliance/record-completeness.ts';
import { DEFAULT_PROFILES, findProfile } from '../../core/product-profiles.ts';
import { el } from './dom.ts';
import { TEXT } from '../text/catalogue.ts';
import { formatTime } from '../text/format.ts';
import type { Lang } from '../text/lang.ts';
import { productNameIn } from '../text/product-name.ts';

const productOf = (id: string, lang: Lang): string => {
  const profile = findProfile(DEFAULT_PROFILES, id);
  return profile ? productNameIn(profile, lang) : id;
};

/** A refusal the page says itself, in every language as the server's answers carry theirs. */
const refusal = (say: (lang: Lang) => string): VerifyAnswer => ({
  valid: false,
  reason: { fr: say('fr'), en: say('en'), nl: say('nl') },
});

async function verify(json: string): Promise<VerifyAnswer> {
  try {
    JSON.parse(json);
  } catch {
    return refusal((l) => TEXT[l].verify.notJson);
  }
  // The text exactly as given (issue 10): parsed and re-serialised, a repeated key would vanish.
  const res = await fetch('/api/certificates/verify', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: json,
  });
  const answer = VerifyAnswer.safeParse(await res.json().catch(() => undefined));
  return answer.success ? answer.data : refusal((l) => TEXT[l].verify.serverFailed);
}

function show(out: HTMLElement, a: VerifyAnswer, lang: Lang): void {
  const t = TEXT[lang].verify;
  const { common } = TEXT[lang];
  const box = el('div', {
    className: `vresult vresult--${a.valid ? 'valid' : 'invalid'}`,
    testId: 'verify-result',
  });
  box.dataset.valid = String(a.valid);
  box.append(a.valid ? `✓ ${t.valid} — ${a.id}` : `✗ ${t.invalid}${common.colon}${a.reason[lang]}`);
  if (a.valid && a.verdict)
    box.append(
      el('br'),
      `${common.verdicts[a.verdict]}${a.provisional ? ` (${TEXT[lang].loads.provisional})` : ''}`,
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
  const t = TEXT[lang].certificate;
  if (records.complete) return t.recordsComplete;
  const parts: string[] = [];
  const missing = records.missing ?? [];
  if (missing.length > 0) {
    const { count, ranges, more } = missingSummary(missing);
    parts.push(`${t.recordsMissing(count)} ${ranges}${more > 0 ? ` ${t.recordsMore(more)}` : ''}`);
  }
  if (!records.tailReceived) parts.push(t.recordsWaiting);
  return parts.join(TEXT[lang].common.listSeparator);
}

/**
 * What the certificate says, for the person holding the paper (issue 10, 7): verdict, the
 * sensor that decided it and each sensor's own, product, period, recorder, whether the van's
 * records are all in, issuer — the signed text, shown once its signature checked out. A
 * certificate signed before sensors were judged one by one lacks those facts: not shown.
 */
export function factRows(signed: SignedCertificate, lang: Lang): Array<[string, string]> {
  // The certificate's own words (certificate-html.ts says the same facts on paper).
  const t = TEXT[lang].certificate;
  const { common } = TEXT[lang];
  const c = signed.certificate;
  const report = c.report as StoredReport;
  const verdict = (v: Verdict) => common.verdicts[v];
  const rows: Array<[string, string]> = [
    [t.verdict, `${verdict(report.verdict)}${c.provisional ? ` (${TEXT[lang].loads.provisional})` : ''}`],
  ];
  if (report.decidingSensor !== undefined) rows.push([t.deciding, report.decidingSensor ?? t.decidingNone]);
  if (Array.isArray(report.sensors) && report.sensors.length > 0)
    rows.push([
      t.bySensor,
      report.sensors.map((s) => `${s.sensor}${common.colon}${verdict(s.verdict)}`).join(common.listSeparator),
    ]);
  // Times as evidence: with their zone, as the certificate prints them.
  const at = (ms: number | null) => (ms === null ? '—' : formatTime(ms, lang, { zone: true }));
  rows.push(
    [TEXT[lang].verify.product, productOf(c.load.profile, lang)],
    [t.period, `${at(c.load.pickedUpAt)} → ${at(c.load.deliveredAt)}`],
    [t.recorder, `${c.load.van} · ${report.recorder.sensors.join(', ') || '—'}`],
  );
  const records = recordsFact(report.records, lang);
  if (records !== undefined) rows.push([t.records, records]);
  rows.push([t.issuer, `${c.issuer}${c.issuerAddress ? `, ${c.issuerAddress}` : ''} · ${at(c.issuedAt)}`]);
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
  const t = TEXT[lang].verify;
  document.title = t.title;
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
    el('h2', {}, t.title),
    out,
    el('p', {}, t.paste),
    label(file, t.file),
    file,
    label(area, t.text),
    area,
    button,
  );
  if (target.token !== undefined) {
    const res = await fetch(`/api/certificates/token/${encodeURIComponent(target.token)}`);
    if (!res.ok)
      return show(
        out,
        refusal((l) => TEXT[l].verify.unknownToken),
        lang,
      );
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
      refusal((l) => TEXT[l].verify.signIn(id)),
      lang,
    );
  if (!res.ok)
    return show(
      out,
      refusal((l) => TEXT[l].verify.unknownId(id)),
      lang,
    );
  const text = await res.text();
  area.value = text;
  show(out, await verify(text), lang);
  const loadId = id.replace(/-v\d+$/, '');
  const version = id.match(/-v(\d+)$/)?.[1] ?? '1';
  const a = el('a', { testId: 'verify-html' }, t.formats);
  a.href = `/api/loads/${encodeURIComponent(loadId)}/certificate.html?version=${version}&lang=${lang}`;
  out.append(a);
}
