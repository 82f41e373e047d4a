import { readFileSync } from 'node:fs';
import type { Config } from './config.ts';
import { GivreError } from './errors.ts';

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

/**
 * The PEM certificate chain and key named by GIVRE_TLS_CERT and GIVRE_TLS_KEY, or undefined
 * when TLS is not configured. Read once at start-up: an unreadable file stops the process
 * with one line naming the variable.
 */
export function readTlsFiles(config: Config): TlsFiles | undefined {
  if (!config.GIVRE_TLS_CERT || !config.GIVRE_TLS_KEY) return undefined;
  const read = (name: 'GIVRE_TLS_CERT' | 'GIVRE_TLS_KEY', path: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new GivreError(
        'GIVRE_ERR_CONFIG',
        `${name}="${path}" is invalid: expected a readable PEM file (${code})`,
      );
    }
  };
  return {
    cert: read('GIVRE_TLS_CERT', config.GIVRE_TLS_CERT),
    key: read('GIVRE_TLS_KEY', config.GIVRE_TLS_KEY),
  };
}
