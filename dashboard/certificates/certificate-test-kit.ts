import type { SignedCertificate } from '../../core/certificates/certificate.ts';
import type {
  CertificateAlert,
  ComplianceReport,
  SensorReport,
} from '../../core/compliance/compliance-report.ts';
import type { Reading } from '../../core/readings.ts';

/** Fixtures of the certificate renderers' tests: one load, two sensors judged apart (issue 10). */
const MIN = 60_000;
export const FROM = Date.UTC(2025, 2, 12, 8, 0);
export const TO = FROM + 120 * MIN;

const front: SensorReport = {
  sensor: 'FRONT',
  verdict: 'incomplete',
  recordingInterval: { observedMs: 5 * MIN, vouchedMs: 5 * MIN },
  temperature: { count: 20, min: 2.1, max: 4.0, mean: 3.05, mkt: 3.1 },
  timeAboveLimitMs: 0,
  excursions: [],
  gaps: [{ sensor: 'FRONT', from: FROM + 50 * MIN, to: FROM + 70 * MIN, durationMs: 20 * MIN }],
};

const rear: SensorReport = {
  sensor: 'REAR',
  verdict: 'non-compliant',
  recordingInterval: { observedMs: 5 * MIN, vouchedMs: 5 * MIN },
  temperature: { count: 25, min: 2.5, max: 9.2, mean: 5.4, mkt: 5.9 },
  timeAboveLimitMs: 40 * MIN,
  excursions: [
    {
      kind: 'excursion',
      sensor: 'REAR',
      start: FROM + 30 * MIN,
      detectedAt: FROM + 45 * MIN,
      end: FROM + 70 * MIN,
      openAtDelivery: false,
      peak: 9.2,
    },
  ],
  gaps: [],
};

export function twoSensorReport(): ComplianceReport {
  return {
    verdict: 'non-compliant',
    decidingSensor: 'REAR',
    limit: {
      profile: 'poultry',
      name: { fr: 'Volaille, lapin, gibier', en: 'Poultry, rabbit, game' },
      maxCelsius: 4,
      toleranceCelsius: null,
      legalSource: 'Règl. (CE) 853/2004',
      measured: 'air',
    },
    ruleSetVersion: 'givre-rules/1',
    thresholds: {
      excursionDelayMs: 15 * MIN,
      cumulativeBudgetMs: 60 * MIN,
      severeCelsius: 8,
      severeDelayMs: 0,
    },
    period: { from: FROM, to: TO, durationMs: TO - FROM },
    recorder: { van: 'VAN-07', compartment: 'chilled', sensors: ['FRONT', 'REAR'] },
    recordingInterval: { observedMs: 5 * MIN, maxAllowedMs: 15 * MIN },
    temperature: { count: 45, min: 2.1, max: 9.2, mean: 4.4, mkt: 4.9 },
    timeAboveLimitMs: 40 * MIN,
    excursions: [...rear.excursions],
    doors: { count: 1, totalOpenMs: 2 * MIN },
    gaps: [...front.gaps],
    sensors: [front, rear],
    records: {
      complete: false,
      tailReceived: false,
      missing: [
        { first: 120, last: 123 },
        { first: 130, last: 130 },
      ],
    },
    alerts: [],
  };
}

export function signed(report: ComplianceReport = twoSensorReport(), provisional = true): SignedCertificate {
  return {
    certificate: {
      format: 'givre-certificate/1',
      id: 'LD-TEST1-v1',
      version: 1,
      supersedes: null,
      provisional,
      issuedAt: TO + MIN,
      issuer: 'Givre',
      load: {
        id: 'LD-TEST1',
        profile: 'poultry',
        weightKg: 120,
        donor: { name: 'Colruyt', place: 'Mons', pickupAt: FROM },
        recipient: { id: 'resto-mons', name: 'Resto du cœur de Mons' },
        van: 'VAN-07',
        compartment: 'chilled',
        reception: { accepted: true },
        status: 'delivered',
        pickedUpAt: FROM,
        deliveredAt: TO,
        events: [],
      },
      report,
    },
    signature: { algorithm: 'Ed25519', keyId: '0123456789abcdef', value: 'c2lnbmF0dXJl' },
  };
}

/**
 * The certificate of issue 12's readers: the issuer's address, a 30 s recording interval, and
 * an alert acknowledged for a reefer fault — every code a person must read in words.
 */
export function issuedWithAlert(): SignedCertificate {
  const cert = signed();
  const c = cert.certificate;
  c.issuer = 'SOREAL asbl';
  c.issuerAddress = 'Rue de la Croix-Rouge 1, 7000 Mons';
  c.report.recordingInterval.observedMs = 30_000;
  for (const s of c.report.sensors) s.recordingInterval = { observedMs: 30_000, vouchedMs: 30_000 };
  const alert = (id: string, over: Partial<CertificateAlert>): CertificateAlert => ({
    id,
    kind: 'excursion',
    severity: 'critical',
    state: 'resolved',
    startedAt: FROM,
    resolvedAt: null,
    limit: null,
    peak: null,
    acknowledgement: null,
    ...over,
  });
  c.report.alerts = [
    alert('AL-1', {
      startedAt: FROM + 45 * MIN,
      resolvedAt: FROM + 75 * MIN,
      limit: 4,
      peak: 9.2,
      acknowledgement: { by: 'Marie', at: FROM + 50 * MIN, reason: 'reefer-fault', text: 'groupe relancé' },
    }),
    alert('AL-2', {
      kind: 'door-open',
      severity: 'warning',
      startedAt: FROM + 10 * MIN,
      resolvedAt: FROM + 22 * MIN,
    }),
  ];
  return cert;
}

/** Codes that must never reach a person's eyes on a certificate (issue 12), in either language… */
export const RAW_CODES = [
  /reefer-fault/,
  /door-open/,
  /product-moved|door-closed/,
  /\bexcursion \(critical\)/,
];
/** …and English words that are codes in French text. */
export const RAW_CODES_FR = [
  ...RAW_CODES,
  /\(critical\)|\(warning\)/,
  /non-compliant/,
  /\bincomplete\b/,
  /\bchilled\b/,
];

/**
 * A certificate signed before sensors were judged one by one: no `sensors`, `decidingSensor`,
 * `records`, and no `sensor` on its excursions and gaps — as stored, not as the type says.
 */
export function legacySigned(): SignedCertificate {
  const r = twoSensorReport() as unknown as Record<string, unknown>;
  delete r.sensors;
  delete r.decidingSensor;
  delete r.records;
  r.excursions = (r.excursions as Array<Record<string, unknown>>).map(({ sensor: _s, ...x }) => x);
  r.gaps = (r.gaps as Array<Record<string, unknown>>).map(({ sensor: _s, ...g }) => g);
  return signed(r as unknown as ComplianceReport);
}

/** Both sensors every 5 min over the period; FRONT silent 50–70 min (its gap), REAR warm 30–70 min. */
export function readings(): Reading[] {
  const out: Reading[] = [];
  let seq = 100;
  for (let t = FROM; t <= TO; t += 5 * MIN) {
    const m = (t - FROM) / MIN;
    if (m < 50 || m > 70)
      out.push({
        kind: 'temperature',
        compartment: 'chilled',
        sensor: 'FRONT',
        celsius: 3,
        seq: seq++,
        ts: t,
      });
    const warm = m >= 30 && m <= 70;
    out.push({
      kind: 'temperature',
      compartment: 'chilled',
      sensor: 'REAR',
      celsius: warm ? 8 : 3,
      seq: seq++,
      ts: t,
    });
  }
  return out;
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** What a reader of the HTML sees: its text, tags and attributes left out. */
export const visibleText = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!)
    .replace(/\s+/g, ' ');
