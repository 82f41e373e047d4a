import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { Config } from './config.ts';
import { GivreError } from './errors.ts';

/** What an operator can do about each failure, in words rather than errno names alone. */
const WHY: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EEXIST: 'a file of that name is in the way',
  ENOSPC: 'no space left on the device',
  ENOENT: 'no such place',
};

const checked = new Set<string>();

/**
 * The data directory, created if need be and proved writable (issue 11, 8): without this the
 * first sign of a wrong GIVRE_DATA_DIR was SQLite's "unable to open database file", naming
 * neither the variable nor the path. Checked once per directory and process.
 */
export function requireDataDir(config: Pick<Config, 'GIVRE_DATA_DIR'>): string {
  const dir = config.GIVRE_DATA_DIR;
  if (checked.has(dir)) return dir;
  const probe = join(dir, `.givre-write-check-${process.pid}`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    const where = isAbsolute(dir) ? '' : ` (${resolve(dir)})`;
    throw new GivreError(
      'GIVRE_ERR_CONFIG',
      `GIVRE_DATA_DIR=${JSON.stringify(dir)}${where} is invalid: expected a directory Givre can create and write to (${code}: ${WHY[code] ?? 'cannot write there'})`,
    );
  }
  checked.add(dir);
  return dir;
}

/** A file of the data directory (`state.db`, `givre.db`), the directory checked first. */
export function dataFile(config: Pick<Config, 'GIVRE_DATA_DIR'>, name: string): string {
  return join(requireDataDir(config), name);
}
