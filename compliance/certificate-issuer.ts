import type { AlertEpisode } from '../core/alert-episode.ts';
import { brusselsDate, recordsInForce, type CalibrationRecord } from '../core/calibration.ts';
import {
  certificateId,
  CERTIFICATE_FORMAT,
  type CertificateBody,
  type CertifiedCalibration,
  type GapsDeclaredLost,
  type SignedCertificate,
} from '../core/certificates/certificate.ts';
import { evaluateLoad } from '../core/compliance/evaluate-load.ts';
import type { ComplianceReport } from '../core/compliance/compliance-report.ts';
import { loadColdChain, type LoadColdChain } from '../core/compliance/load-cold-chain.ts';
import type { TimeOutOfColdBudget } from '../core/compliance/time-out-of-cold.ts';
import type { Load } from '../core/loads/load.ts';
import { findProfile, type ProductProfile } from '../core/product-profiles.ts';
import type { Reading } from '../core/readings.ts';
import type { RuleSettings } from '../core/rule-settings.ts';
import type { ReadingStore } from '../store/reading-store.ts';
import { GivreError } from '../platform/errors.ts';
import type { CertificateRepository } from '../state/certificate-repository.ts';
import type { CertificateKeys } from './certificate-keys.ts';
import { readingsOfLoad } from './load-readings.ts';
import { declaredLostCovers, tailSeq } from '../core/compliance/record-completeness.ts';
import type { LostRecordsRepository } from '../state/lost-records-repository.ts';
import { signCertificate } from './certificate-signature.ts';

export interface CertificateIssuerDeps {
  store: Pick<ReadingStore, 'readings' | 'flush' | 'hasSeq'>;
  certificates: CertificateRepository;
  /** The compartment's alert episodes (the alert repository's `list`). */
  alerts: (van: string, to: number) => AlertEpisode[];
  /** Records vans declared lost (issue 13): missing records they cover are lost, not late. */
  lostRecords?: Pick<LostRecordsRepository, 'overlapping'>;
  /**
   * The van's calibration records (issue 16): those in force at pickup are signed into each
   * certificate. Absent: certificates say nothing about calibration, as before issue 16.
   */
  calibrations?: (van: string) => readonly CalibrationRecord[];
  keys: CertificateKeys;
  settings: RuleSettings;
  profiles: readonly ProductProfile[];
  /** Server wall clock, ms: the issue time only. */
  now: () => number;
  /** The issuing organisation's name and address, signed into each certificate (GIVRE_ISSUER_*). */
  issuer?: { name: string; address?: string };
  /**
   * Wall ms a delivery waits for the van's records through delivery to be complete by `seq`
   * before issuing; past it the certificate is issued provisional (README, "Records that
   * arrive after delivery").
   */
  tailWaitMs?: number;
  /** Minutes a load may spend out of refrigeration; DEFAULT_TIME_OUT_OF_COLD_BUDGET unless given. */
  timeOutOfColdBudget?: TimeOutOfColdBudget;
}

/** Default tail wait: a van sends its records every few seconds; a delivery reply must come within 10 s. */
export const DEFAULT_TAIL_WAIT_MS = 5_000;

export interface CertificateIssuer {
  /** Evaluates a delivered (or rejected) load and issues its next certificate version. */
  issue(load: Load): Promise<SignedCertificate>;
  /**
   * Re-evaluates a load whose current certificate is provisional; issues a new version
   * (superseding it) only if late data changed the evaluation. Returns it, or `undefined`.
   */
  reissueIfChanged(load: Load): Promise<SignedCertificate | undefined>;
  /**
   * Closes a provisional certificate whose gaps will never fill: a new, final version
   * quoting the declaration (verdict still "incomplete"). Evaluated afresh, so records that
   * arrived meanwhile count; if no gap is left, the new version simply is complete.
   */
  declareGapsLost(load: Load, declaration: GapsDeclaredLost): Promise<SignedCertificate>;
  /** The readings the certificate was computed from (for the CSV). */
  readingsOf(load: Load): Promise<Reading[]>;
}

/** What the issuer computes from a load's records and signs. */
interface Evaluation {
  report: ComplianceReport;
  coldChain: LoadColdChain;
}

/**
 * Anything late data can change (a door record too) is here: a new version only when it
 * differs. A certificate issued before issue 16 is compared by its report alone, so that
 * adding time out of cold is no reason to reissue it.
 */
const changed = (e: Evaluation, c: CertificateBody) =>
  JSON.stringify(e.report) !== JSON.stringify(c.report) ||
  (c.timeOutOfCold !== undefined &&
    JSON.stringify([e.coldChain.timeOutOfCold, e.coldChain.disposition ?? null]) !==
      JSON.stringify([c.timeOutOfCold, c.disposition ?? null]));

/** Data is missing: records not yet here by `seq`, or time no record vouches for. */
export const dataMissing = (r: ComplianceReport) => r.gaps.length > 0 || !r.records.complete;

/** The reason quoted when the van itself declared the missing records lost (signed, shown as is). */
export const VAN_DECLARED_LOST_REASON =
  'relevés effacés par la camionnette elle-même : sa mémoire était pleine pendant une coupure du réseau';

/** The records in force on the day of pickup (Brussels), as the certificate quotes them. */
function calibrationOf(load: Load, records: readonly CalibrationRecord[]): CertifiedCalibration {
  return {
    records: recordsInForce(records, brusselsDate(load.pickedUpAt!)).map((r) => ({
      target: r.target,
      verifiedOn: r.verifiedOn,
      laboratory: r.laboratory,
      reference: r.reference,
      nextDueOn: r.nextDueOn,
    })),
  };
}

export function createCertificateIssuer(deps: CertificateIssuerDeps): CertificateIssuer {
  /**
   * A van's own declaration closes the evaluation as a person's would (DESIGN.md §6: final
   * once the gaps "are declared lost"), but only when it accounts for every missing record
   * and the records after delivery have arrived; the verdict stays "incomplete".
   */
  const vanDeclaration = (load: Load, report: ComplianceReport): GapsDeclaredLost | undefined => {
    const { missing, tailReceived } = report.records;
    if (!deps.lostRecords || missing.length === 0 || !tailReceived) return undefined;
    const declared = deps.lostRecords.overlapping(load.van, missing[0]!.first, missing.at(-1)!.last);
    if (!declaredLostCovers(missing, declared)) return undefined;
    return { by: load.van, at: deps.now(), reason: VAN_DECLARED_LOST_REASON };
  };
  const readingsOf = (load: Load) => readingsOfLoad(deps.store, load);
  const evaluate = async (load: Load): Promise<Evaluation> => {
    const profile = findProfile(deps.profiles, load.profile);
    if (!profile) throw new GivreError('GIVRE_ERR_BAD_REQUEST', `unknown product profile ${load.profile}`);
    const readings = await readingsOf(load);
    const next = tailSeq(readings.map((r) => r.seq));
    const nextSeqReceived = next !== null && (await deps.store.hasSeq(load.van, next));
    const period = {
      id: load.id,
      van: load.van,
      compartment: load.compartment,
      pickedUpAt: load.pickedUpAt!,
      deliveredAt: load.deliveredAt!,
    };
    const report = evaluateLoad(
      readings,
      period,
      profile,
      deps.settings,
      deps.alerts(load.van, load.deliveredAt!),
      { nextSeqReceived },
    );
    return { report, coldChain: loadColdChain(load, readings, report, profile, deps.timeOutOfColdBudget) };
  };
  const sign = (
    load: Load,
    { report, coldChain }: Evaluation,
    previous: SignedCertificate | undefined,
    declared?: GapsDeclaredLost,
  ) => {
    const lost = dataMissing(report) ? (declared ?? vanDeclaration(load, report)) : undefined;
    const version = (previous?.certificate.version ?? 0) + 1;
    const body: CertificateBody = {
      format: CERTIFICATE_FORMAT,
      id: certificateId(load.id, version),
      version,
      supersedes: previous?.certificate.id ?? null,
      provisional: dataMissing(report) && lost === undefined,
      ...(lost ? { gapsDeclaredLost: lost } : {}),
      issuedAt: deps.now(),
      issuer: deps.issuer?.name ?? 'Givre',
      ...(deps.issuer?.address ? { issuerAddress: deps.issuer.address } : {}),
      ...(deps.calibrations ? { calibration: calibrationOf(load, deps.calibrations(load.van)) } : {}),
      load: {
        id: load.id,
        profile: load.profile,
        weightKg: load.weightKg,
        donor: load.donor,
        recipient: load.recipient,
        van: load.van,
        compartment: load.compartment,
        status: load.status,
        reception: load.reception,
        pickedUpAt: load.pickedUpAt!,
        deliveredAt: load.deliveredAt!,
        events: load.events,
        ...(load.pickup ? { pickup: load.pickup } : {}),
        ...(load.delivery ? { delivery: load.delivery } : {}),
      },
      report,
      timeOutOfCold: coldChain.timeOutOfCold,
      ...(coldChain.disposition ? { disposition: coldChain.disposition } : {}),
    };
    const signed = signCertificate(body, deps.keys.privateKey);
    deps.certificates.add(signed);
    return signed;
  };
  return {
    readingsOf,
    async issue(load) {
      // The van's last batch often arrives after the driver marks the delivery: wait a little
      // for the records through delivery, then issue (provisional if they are still missing).
      const waitUntil = Date.now() + (deps.tailWaitMs ?? DEFAULT_TAIL_WAIT_MS);
      let evaluation = await evaluate(load);
      while (!evaluation.report.records.complete && Date.now() < waitUntil) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        evaluation = await evaluate(load);
      }
      return sign(load, evaluation, deps.certificates.latest(load.id)?.signed);
    },
    async reissueIfChanged(load) {
      const current = deps.certificates.latest(load.id)?.signed;
      if (!current?.certificate.provisional) return undefined;
      const evaluation = await evaluate(load);
      if (!changed(evaluation, current.certificate)) return undefined;
      return sign(load, evaluation, current);
    },
    async declareGapsLost(load, declaration) {
      const current = deps.certificates.latest(load.id)?.signed;
      if (!current) throw new GivreError('GIVRE_ERR_NOT_FOUND', `no certificate for load ${load.id}`);
      if (!current.certificate.provisional)
        throw new GivreError(
          'GIVRE_ERR_BAD_REQUEST',
          `certificate ${current.certificate.id} is not provisional: nothing to declare lost`,
        );
      return sign(load, await evaluate(load), current, declaration);
    },
  };
}
