import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { VanId } from '../core/ids.ts';
import { GivreError } from '../platform/errors.ts';

/**
 * `givre sim --credentials FILE`: one JSON object, van id → the secret `givre device add`
 * printed for it, e.g. `{"VAN-01": "…", "VAN-02": "…"}`. Vans the fleet does not simulate
 * may be listed too, so that one file serves fleets of any size.
 */
export const SimCredentialsFile = z.record(VanId, z.string().min(1));

/** What each simulated van presents to the broker (issue 4: username = van id). */
export type VanCredentials = Record<string, { username: string; password: string }>;

/** Missing vans named in the refusal; the rest are counted, so the line stays one line. */
const MAX_NAMED = 5;

/** The one line to print for a refused file; never quotes a secret. */
function problemOf(error: z.ZodError): string {
  const issue = error.issues[0];
  const key = issue?.path[0];
  if (key === undefined) return 'expected a JSON object mapping van id → secret, e.g. {"VAN-01": "…"}';
  if (issue?.code === 'invalid_key') {
    return `${JSON.stringify(String(key))} is not a van id (letters, digits, - or _, 1–32)`;
  }
  return `the secret of ${String(key)} must be a non-empty string`;
}

/**
 * Reads and validates the file for the vans `vans` (`VAN-01` …). Every refusal — no such
 * file, bad JSON, a bad van id or secret, a simulated van missing — throws one
 * `GIVRE_ERR_CONFIG` line naming the option (exit code 2 in the CLI).
 */
export function readSimCredentials(file: string, vans?: readonly string[]): VanCredentials {
  const refuse = (problem: string) =>
    new GivreError('GIVRE_ERR_CONFIG', `--credentials ${JSON.stringify(file)}: ${problem}`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw refuse(code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    // V8's message may quote the text around the fault, which could be part of a secret.
    const at = /at position (\d+)/.exec((err as Error).message)?.[1];
    throw refuse(`not valid JSON${at !== undefined ? ` (at character ${at})` : ''}`);
  }
  const parsed = SimCredentialsFile.safeParse(json);
  if (!parsed.success) throw refuse(problemOf(parsed.error));
  // Without a fleet size (`--vans`), the file says which vans to simulate (issue 11, 9).
  if (vans === undefined) {
    const listed = Object.keys(parsed.data).sort();
    if (listed.length === 0)
      throw refuse('lists no van (givre device add VAN-05 --credentials-file … adds one)');
    if (listed.length > 999) throw refuse('lists more than 999 vans');
    vans = listed;
  }
  const missing = vans.filter((van) => !Object.hasOwn(parsed.data, van));
  if (missing.length > 0) {
    const named = missing.slice(0, MAX_NAMED).join(', ');
    const more = missing.length > MAX_NAMED ? ` and ${missing.length - MAX_NAMED} more` : '';
    throw refuse(`no secret for ${named}${more} (givre device add ${missing[0]} prints one)`);
  }
  return Object.fromEntries(vans.map((van) => [van, { username: van, password: parsed.data[van]! }]));
}

/**
 * Adds `secrets` (van → secret) to the credentials file `givre sim --credentials` reads,
 * creating it readable by its owner only (0600), keeping the vans already in it, replacing
 * those given again. Written whole to a temporary file, then renamed: never half a file.
 */
export function addSimCredentials(file: string, secrets: Record<string, string>): void {
  const existing: Record<string, string> = {};
  if (existsSync(file)) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      json = undefined;
    }
    const parsed = SimCredentialsFile.safeParse(json);
    if (!parsed.success)
      throw new GivreError(
        'GIVRE_ERR_CONFIG',
        `--credentials-file ${JSON.stringify(file)}: exists but is not a credentials file (a JSON object van → secret); nothing written`,
      );
    Object.assign(existing, parsed.data);
  }
  const merged = { ...existing, ...secrets };
  const sorted = Object.fromEntries(
    Object.keys(merged)
      .sort()
      .map((van) => [van, merged[van]]),
  );
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(sorted, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}
