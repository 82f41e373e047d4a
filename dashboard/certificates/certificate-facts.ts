import type { ComplianceReport, SensorReport, Verdict } from '../../core/compliance/compliance-report.ts';
import type { DataGap } from '../../core/compliance/data-gaps.ts';
import type { Excursion } from '../../core/compliance/excursions.ts';
import type { CertificateAlert } from '../../core/compliance/compliance-report.ts';
import type { CertificateBody } from '../../core/certificates/certificate.ts';
import { missingSummary, type SeqRange } from '../../core/compliance/record-completeness.ts';
import { TEXT } from '../text/catalogue.ts';
import { actorName, compartmentName } from '../text/code-words.ts';
import { formatCelsius, formatDuration, formatInstant, shout } from '../text/format.ts';
import type { Lang } from '../text/lang.ts';

/** °C on a certificate: the real minus sign (U+2212), which the PDF's embedded font has. */
export const celsius = (c: number | null, lang: Lang): string => formatCelsius(c, lang, { minusSign: true });

/** The verdict as the certificate's headline: "NON CONFORME". */
export const verdictHeadline = (v: Verdict, lang: Lang): string => shout(TEXT[lang].common.verdicts[v], lang);

/**
 * The per-sensor facts of a certificate (issue 10) as the HTML and the PDF both word them, in
 * plain text (the HTML escapes it; the PDF embeds a font that has every character). Certificates signed before each sensor
 * was judged on its own series lack `sensors`, `decidingSensor`, `records` and the `sensor`
 * of excursions and gaps: they are read as absent, and what they never stated is not shown.
 */
type StoredReport = Omit<ComplianceReport, 'sensors' | 'decidingSensor' | 'records'> &
  Partial<Pick<ComplianceReport, 'sensors' | 'decidingSensor' | 'records'>>;

const stored = (r: ComplianceReport) => r as StoredReport;

/** The sensors judged one by one, or `undefined` on an older certificate. */
export function sensorsOf(r: ComplianceReport): SensorReport[] | undefined {
  const s = stored(r).sensors;
  return Array.isArray(s) ? s : undefined;
}

/** More than one sensor: the compartment-wide figures then need saying which they are. */
const several = (r: ComplianceReport) => (sensorsOf(r)?.length ?? r.recorder.sensors.length) > 1;

/** "REAR"; "none (no temperature record)"; `undefined` on an older certificate. */
export function decidingText(r: ComplianceReport, lang: Lang): string | undefined {
  const d = stored(r).decidingSensor;
  if (d === undefined) return undefined;
  return d === null ? TEXT[lang].certificate.decidingNone : d;
}

/** "12–15, 20": inclusive ranges of record numbers, the first `MAX_RANGES_SHOWN` of them. */
export function seqRangesText(missing: readonly SeqRange[], lang: Lang): string {
  const { ranges, more } = missingSummary(missing);
  return more > 0 ? `${ranges} ${TEXT[lang].certificate.recordsMore(more)}` : ranges;
}

/** Whether the van's records through delivery are all here, by its own numbering; `undefined` on an older certificate. */
export function recordsText(r: ComplianceReport, lang: Lang): string | undefined {
  const rec = stored(r).records;
  if (!rec) return undefined;
  const t = TEXT[lang].certificate;
  const w = TEXT[lang].common;
  if (rec.complete) return t.recordsComplete;
  const parts: string[] = [];
  const missing = rec.missing ?? [];
  if (missing.length > 0)
    parts.push(`${t.recordsMissing(missingSummary(missing).count)} ${seqRangesText(missing, lang)}`);
  if (!rec.tailReceived) parts.push(t.recordsWaiting);
  return parts.join(w.listSeparator);
}

/** Labels of the compartment-wide figures, saying so when several sensors share them. */
export function compartmentLabels(r: ComplianceReport, lang: Lang) {
  const t = TEXT[lang].certificate;
  const many = several(r);
  return {
    stats: many ? `${t.stats} (${t.allSensors})` : t.stats,
    above: many ? `${t.above} (${t.longestSensor})` : t.above,
  };
}

/** The report's recording interval (the deciding sensor's, named when there are several) and EN 12830's maximum. */
export function intervalText(r: ComplianceReport, lang: Lang): string {
  const t = TEXT[lang].certificate;
  const w = TEXT[lang].common;
  const observed = r.recordingInterval.observedMs;
  const d = stored(r).decidingSensor;
  const whose = several(r) && typeof d === 'string' ? ` (${t.sensor.toLowerCase()} ${d})` : '';
  return `${t.observed} ${observed === null ? '—' : formatDuration(observed)}${whose}${w.listSeparator}${t.allowed} ${formatDuration(r.recordingInterval.maxAllowedMs)}`;
}

export interface SensorRow {
  sensor: string;
  /** "REAR (deciding)" for the sensor whose series decided the verdict. */
  label: string;
  deciding: boolean;
  verdict: Verdict;
  verdictText: string;
  stats: string;
  above: string;
  interval: string;
  gaps: string;
}

/** One row per sensor judged on its own series; `undefined` on an older certificate. */
export function sensorRows(r: ComplianceReport, lang: Lang): SensorRow[] | undefined {
  const sensors = sensorsOf(r);
  if (!sensors) return undefined;
  const t = TEXT[lang].certificate;
  const w = TEXT[lang].common;
  const deg = (v: number | null) => celsius(v, lang);
  const decider = stored(r).decidingSensor;
  return sensors.map((s) => {
    const deciding = s.sensor === decider;
    const { observedMs, vouchedMs } = s.recordingInterval;
    return {
      sensor: s.sensor,
      label: deciding ? `${s.sensor} (${t.decidingMark})` : s.sensor,
      deciding,
      verdict: s.verdict,
      verdictText: w.verdicts[s.verdict] ?? s.verdict,
      stats: `${deg(s.temperature.min)} / ${deg(s.temperature.max)} / ${deg(s.temperature.mean)}`,
      above: formatDuration(s.timeAboveLimitMs),
      interval:
        observedMs === null
          ? `— (${t.assumedInterval} ${formatDuration(vouchedMs)})`
          : formatDuration(observedMs),
      gaps: String(s.gaps.length),
    };
  });
}

/** Who an excursion or gap belongs to: the sensor; "no sensor recorded" (`null`); "—" on an older certificate. */
export function sensorOf(item: { sensor?: string | null }, lang: Lang): string {
  if (item.sensor === undefined) return '—';
  return item.sensor === null ? TEXT[lang].certificate.noSensorRecorded : item.sensor;
}

export function excursionCells(x: Excursion, lang: Lang) {
  const t = TEXT[lang].certificate;
  return {
    sensor: sensorOf(x, lang),
    kind: t.kinds[x.kind],
    start: formatInstant(x.start, lang),
    end: `${formatInstant(x.end, lang)}${x.openAtDelivery ? ` (${t.stillOpen})` : ''}`,
    peak: celsius(x.peak, lang),
  };
}

export function gapCells(g: DataGap, lang: Lang) {
  return {
    sensor: sensorOf(g, lang),
    start: formatInstant(g.from, lang),
    end: formatInstant(g.to, lang),
    duration: formatDuration(g.durationMs),
  };
}

/** "REAR — excursion: 12/03/2025 10:00 → 12/03/2025 10:40, peak 9.2 °C" (the sensor left out on an older certificate). */
export function excursionLine(x: Excursion, lang: Lang): string {
  const w = TEXT[lang].common;
  const c = excursionCells(x, lang);
  const who = x.sensor === undefined ? '' : `${c.sensor} — `;
  return `${who}${c.kind}${w.colon}${c.start} → ${c.end}, ${w.peak} ${c.peak}`;
}

/** "REAR — 12/03/2025 10:00 → 12/03/2025 10:30 (30 min)". */
export function gapLine(g: DataGap, lang: Lang): string {
  const c = gapCells(g, lang);
  const who = g.sensor === undefined ? '' : `${c.sensor} — `;
  return `${who}${c.start} → ${c.end} (${c.duration})`;
}

/**
 * One alert and its corrective action, in words (issue 12: no raw codes): "dépassement
 * prolongé (critique) : 12/03/2025 09:45 UTC+1 → 12/03/2025 10:20 UTC+1 ; acquittée par
 * Marie, 12/03/2025 09:50 UTC+1, panne du groupe froid : groupe relancé".
 */
export function alertLine(a: CertificateAlert, lang: Lang): string {
  const t = TEXT[lang].certificate;
  const w = TEXT[lang].common;
  const what = `${t.alertKinds[a.kind] ?? a.kind} (${w.severities[a.severity] ?? a.severity})`;
  const when = `${formatInstant(a.startedAt, lang)}${a.resolvedAt ? ` → ${formatInstant(a.resolvedAt, lang)}` : ''}`;
  const ack = a.acknowledgement;
  const action = ack
    ? `${t.ack} ${actorName(ack.by, lang)}, ${formatInstant(ack.at, lang)}, ${w.ackReasons[ack.reason] ?? ack.reason}${ack.text ? `${w.colon}${ack.text}` : ''}`
    : t.notAcknowledged;
  return `${what}${w.colon}${when}${w.listSeparator}${action}`;
}

/** "VAN-07 / réfrigéré". */
export const vanText = (van: string, compartment: string, lang: Lang) =>
  `${van} / ${compartmentName(compartment, lang)}`;

/** "4,0 °C", or "−18,0 °C (tolérance en transport −15,0 °C)". */
export function limitText(r: ComplianceReport, lang: Lang): string {
  const t = TEXT[lang].certificate;
  const tol = r.limit.toleranceCelsius;
  return `${celsius(r.limit.maxCelsius, lang)}${tol !== null ? ` (${t.tolerance} ${celsius(tol, lang)})` : ''}`;
}

/** The issuing organisation, and its address when the certificate states one (signed since issue 12). */
export const issuerLines = (c: Pick<CertificateBody, 'issuer' | 'issuerAddress'>): string[] => [
  c.issuer,
  ...(c.issuerAddress ? [c.issuerAddress] : []),
];

/** "8 fois, 20 min" / "twice, 20 min". */
export const doorsText = (r: ComplianceReport, lang: Lang) =>
  `${TEXT[lang].certificate.doorCount(r.doors.count)}, ${formatDuration(r.doors.totalOpenMs)}`;
