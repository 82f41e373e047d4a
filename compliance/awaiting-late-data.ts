import type { RecordCompleteness } from '../core/compliance/compliance-report.ts';
import type { Load } from '../core/loads/load.ts';
import type { CertificateRepository } from '../state/certificate-repository.ts';
import type { LoadRepository } from '../state/load-repository.ts';

/** A delivered or rejected load whose current certificate is provisional: late data may re-open it. */
export interface AwaitingLoad {
  load: Load & { pickedUpAt: number; deliveredAt: number };
  /** Its certificate still awaits the record after the period: records dated after delivery concern it too. */
  waitingForTail: boolean;
}

export interface AwaitingLateData {
  /** The van's loads awaiting late data; the same answer until `forget`. */
  of(van: string): readonly AwaitingLoad[];
  /** A certificate was issued or a load changed: the next question reads the state store again. */
  forget(): void;
}

const NONE: readonly AwaitingLoad[] = Object.freeze([]);

/**
 * The load and certificate stores as ingest writes them, and the loads they leave awaiting late
 * data, kept in memory (issue 14: the re-issuer asks on every telemetry message). Every write
 * through the returned stores forgets the answer; only ingest's issuer and load service write
 * either (issue 9), through these.
 */
export function watchLateData(
  loadStore: LoadRepository,
  certificateStore: CertificateRepository,
): { loads: LoadRepository; certificates: CertificateRepository; awaiting: AwaitingLateData } {
  const awaiting = awaitingLateData({ certificates: certificateStore, loads: loadStore });
  return {
    awaiting,
    loads: {
      ...loadStore,
      save: (load, event) => {
        loadStore.save(load, event);
        awaiting.forget();
      },
    },
    certificates: {
      ...certificateStore,
      add: (signed) => {
        certificateStore.add(signed);
        awaiting.forget();
      },
    },
  };
}

/** Which loads late data may re-open, by van: read from the state store until told to forget. */
export function awaitingLateData(deps: {
  certificates: Pick<CertificateRepository, 'provisionalLoadIds' | 'latest'>;
  loads: Pick<LoadRepository, 'get'>;
}): AwaitingLateData {
  let byVan: Map<string, AwaitingLoad[]> | undefined;
  const read = () => {
    const map = new Map<string, AwaitingLoad[]>();
    for (const id of deps.certificates.provisionalLoadIds()) {
      const load = deps.loads.get(id);
      if (!load || load.pickedUpAt === null || load.deliveredAt === null) continue;
      const current = deps.certificates.latest(id)?.signed.certificate;
      if (!current?.provisional) continue;
      // Certificates from before record numbering was checked carry no `records`.
      const records = current.report.records as RecordCompleteness | undefined;
      const entry: AwaitingLoad = {
        load: load as AwaitingLoad['load'],
        waitingForTail: records !== undefined && !records.tailReceived,
      };
      map.set(load.van, [...(map.get(load.van) ?? []), entry]);
    }
    return map;
  };
  return {
    of(van) {
      byVan ??= read();
      return byVan.get(van) ?? NONE;
    },
    forget() {
      byVan = undefined;
    },
  };
}
