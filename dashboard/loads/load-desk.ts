import type { SignedCertificate } from '../../core/certificates/certificate.ts';
import { GivreError } from '../../platform/errors.ts';
import type { CertificateRepository } from '../../state/certificate-repository.ts';
import type { LoadRepository } from '../../state/load-repository.ts';
import type { CommandClient } from '../command-client.ts';
import type { LoadDesk } from './loads-feature.ts';

/**
 * Loads as the dashboard serves them (issue 9): it reads the state store and sends every
 * change to ingest as a command, then shows what ingest decided (read back from the store).
 */
export function createLoadDesk(deps: {
  commands: CommandClient;
  loads: Pick<LoadRepository, 'get' | 'list'>;
  certificates: Pick<CertificateRepository, 'get'>;
}): LoadDesk {
  const get = (id: string) => {
    const load = deps.loads.get(id);
    if (!load) throw new GivreError('GIVRE_ERR_NOT_FOUND', `unknown load ${id}`);
    return load;
  };
  const certificate = (id: string | undefined): SignedCertificate | undefined =>
    id === undefined ? undefined : deps.certificates.get(id)?.signed;
  return {
    get,
    list: (filter) => deps.loads.list(filter),
    async create(input, by) {
      const { loadId } = await deps.commands.send({ type: 'load-create', input, by });
      return get(loadId ?? '');
    },
    async edit(id, input, by) {
      await deps.commands.send({ type: 'load-edit', loadId: id, input, by });
      return get(id);
    },
    async mark(id, e) {
      const result = await deps.commands.send({
        type: 'load-event',
        loadId: id,
        event: e.type,
        by: e.by,
        ...(e.at !== undefined ? { at: e.at } : {}),
        ...(e.reception ? { reception: e.reception } : {}),
        ...(e.pickup ? { pickup: e.pickup } : {}),
        ...(e.delivery ? { delivery: e.delivery } : {}),
      });
      const signed = certificate(result.certificateId);
      return { load: get(id), ...(signed ? { certificate: signed } : {}) };
    },
    async declareGapsLost(id, who) {
      const result = await deps.commands.send({ type: 'gaps-declare-lost', loadId: id, ...who });
      const signed = certificate(result.certificateId);
      if (!signed) throw new GivreError('GIVRE_ERR_INTERNAL', `no certificate came back for load ${id}`);
      return signed;
    },
  };
}
