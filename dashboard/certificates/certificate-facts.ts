import type { ComplianceReport, SensorReport, Verdict } from '../../core/compliance/compliance-report.ts';
import type { DataGap } from '../../core/compliance/data-gaps.ts';
import type { Excursion } from '../../core/compliance/excursions.ts';
import type { CertificateAlert } from '../../core/compliance/compliance-report.ts';
import type { CertificateBody } from '../../core/certificates/certificate.ts';
import { missingSummary, type SeqRange } from '../../core/compliance/record-completeness.ts';
import {
  actorText,
  CERT_TEXT,
  compartmentText,
  formatCelsius,
  formatDuration,
  formatInstant,
  type CertLang,
} from './certificate-text.ts';

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
export function decidingText(r: ComplianceReport, lang: CertLang): string | undefined {
  const d = stored(r).decidingSensor;
  if (d === undefined) return undefined;
  return d === null ? CERT_TEXT[lang].decidingNone : d;
}

/** "12–15, 20": inclusive ranges of record numbers, the first `MAX_RANGES_SHOWN` of them. */
export function seqRangesText(missing: readonly SeqRange[], lang: CertLang): string {
  const { ranges, more } = missingSummary(missing);
  return more > 0 ? `${ranges} ${CERT_TEXT[lang].recordsMore(more)}` : ranges;
}

/** Whether the van's records through delivery are all here, by its own numbering; `undefined` on an older certificate. */
export function recordsText(r: ComplianceReport, lang: CertLang): string | undefined {
  const rec = stored(r).records;
  if (!rec) return undefined;
  const t = CERT_TEXT[lang];
  if (rec.complete) return t.recordsComplete;
  const parts: string[] = [];
  const missing = rec.missing ?? [];
  if (missing.length > 0)
    parts.push(`${t.recordsMissing(missingSummary(missing).count)} ${seqRangesText(missing, lang)}`);
  if (!rec.tailReceived) parts.push(t.recordsWaiting);
  return parts.join(t.listSeparator);
}

/** Labels of the compartment-wide figures, saying so when several sensors share them. */
export function compartmentLabels(r: ComplianceReport, lang: CertLang) {
  const t = CERT_TEXT[lang];
  const many = several(r);
  return {
    stats: many ? `${t.stats} (${t.allSensors})` : t.stats,
    above: many ? `${t.above} (${t.longestSensor})` : t.above,
  };
}

/** The report's recording interval (the deciding sensor's, named when there are several) and EN 12830's maximum. */
export function intervalText(r: ComplianceReport, lang: CertLang): string {
  const t = CERT_TEXT[lang];
  const observed = r.recordingInterval.observedMs;
  const d = stored(r).decidingSensor;
  const whose = several(r) && typeof d === 'string' ? ` (${t.sensor.toLowerCase()} ${d})` : '';
  return `${t.observed} ${observed === null ? '—' : formatDuration(observed)}${whose}${t.listSeparator}${t.allowed} ${formatDuration(r.recordingInterval.maxAllowedMs)}`;
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
export function sensorRows(r: ComplianceReport, lang: CertLang): SensorRow[] | undefined {
  const sensors = sensorsOf(r);
  if (!sensors) return undefined;
  const t = CERT_TEXT[lang];
  const deg = (v: number | null) => formatCelsius(v, lang);
  const decider = stored(r).decidingSensor;
  return sensors.map((s) => {
    const deciding = s.sensor === decider;
    const { observedMs, vouchedMs } = s.recordingInterval;
    return {
      sensor: s.sensor,
      label: deciding ? `${s.sensor} (${t.decidingMark})` : s.sensor,
      deciding,
      verdict: s.verdict,
      verdictText: t.sensorVerdicts[s.verdict] ?? s.verdict,
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
export function sensorOf(item: { sensor?: string | null }, lang: CertLang): string {
  if (item.sensor === undefined) return '—';
  return item.sensor === null ? CERT_TEXT[lang].noSensorRecorded : item.sensor;
}

export function excursionCells(x: Excursion, lang: CertLang) {
  const t = CERT_TEXT[lang];
  return {
    sensor: sensorOf(x, lang),
    kind: t.kinds[x.kind],
    start: formatInstant(x.start, lang),
    end: `${formatInstant(x.end, lang)}${x.openAtDelivery ? ` (${t.stillOpen})` : ''}`,
    peak: formatCelsius(x.peak, lang),
  };
}

export function gapCells(g: DataGap, lang: CertLang) {
  return {
    sensor: sensorOf(g, lang),
    start: formatInstant(g.from, lang),
    end: formatInstant(g.to, lang),
    duration: formatDuration(g.durationMs),
  };
}

/** "REAR — excursion: 12/03/2025 10:00 → 12/03/2025 10:40, peak 9.2 °C" (the sensor left out on an older certificate). */
export function excursionLine(x: Excursion, lang: CertLang): string {
  const t = CERT_TEXT[lang];
  const c = excursionCells(x, lang);
  const who = x.sensor === undefined ? '' : `${c.sensor} — `;
  return `${who}${c.kind}${t.colon}${c.start} → ${c.end}, ${t.peak} ${c.peak}`;
}

/** "REAR — 12/03/2025 10:00 → 12/03/2025 10:30 (30 min)". */
export function gapLine(g: DataGap, lang: CertLang): string {
  const c = gapCells(g, lang);
  const who = g.sensor === undefined ? '' : `${c.sensor} — `;
  return `${who}${c.start} → ${c.end} (${c.duration})`;
}

/**
 * One alert and its corrective action, in words (issue 12: no raw codes): "dépassement
 * prolongé (critique) : 12/03/2025 09:45 UTC+1 → 12/03/2025 10:20 UTC+1 ; acquittée par
 * Marie, 12/03/2025 09:50 UTC+1, panne du groupe froid : groupe relancé".
 */
export function alertLine(a: CertificateAlert, lang: CertLang): string {
  const t = CERT_TEXT[lang];
  const what = `${t.alertKinds[a.kind] ?? a.kind} (${t.severities[a.severity] ?? a.severity})`;
  const when = `${formatInstant(a.startedAt, lang)}${a.resolvedAt ? ` → ${formatInstant(a.resolvedAt, lang)}` : ''}`;
  const ack = a.acknowledgement;
  const action = ack
    ? `${t.ack} ${actorText(ack.by, lang)}, ${formatInstant(ack.at, lang)}, ${t.ackReasons[ack.reason] ?? ack.reason}${ack.text ? `${t.colon}${ack.text}` : ''}`
    : t.notAcknowledged;
  return `${what}${t.colon}${when}${t.listSeparator}${action}`;
}

/** "VAN-07 / réfrigéré". */
export const vanText = (van: string, compartment: string, lang: CertLang) =>
  `${van} / ${compartmentText(compartment, lang)}`;

/** "4,0 °C", or "−18,0 °C (tolérance en transport −15,0 °C)". */
export function limitText(r: ComplianceReport, lang: CertLang): string {
  const t = CERT_TEXT[lang];
  const tol = r.limit.toleranceCelsius;
  return `${formatCelsius(r.limit.maxCelsius, lang)}${tol !== null ? ` (${t.tolerance} ${formatCelsius(tol, lang)})` : ''}`;
}

/** The issuing organisation, and its address when the certificate states one (signed since issue 12). */
export const issuerLines = (c: Pick<CertificateBody, 'issuer' | 'issuerAddress'>): string[] => [
  c.issuer,
  ...(c.issuerAddress ? [c.issuerAddress] : []),
];

/** "8 fois, 20 min" / "twice, 20 min". */
export const doorsText = (r: ComplianceReport, lang: CertLang) =>
  `${CERT_TEXT[lang].doorCount(r.doors.count)}, ${formatDuration(r.doors.totalOpenMs)}`;
