import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGivre, startTestSystem, type TestSystem } from './harness/givre.ts';
import { loadInput, loadsApi, registerVans } from './harness/loads-api.ts';

/**
 * Issue 10 (6): verification checks the document that was given, by `givre verify` and by
 * `POST /api/certificates/verify` alike. A repeated key — `"verdict":"compliant"` slipped in
 * before the signed verdict — is refused, not resolved by a parser and found genuine.
 */
describe('certificate verification reads the text as given', () => {
  let system: TestSystem;
  let text = '';
  beforeAll(async () => {
    system = await startTestSystem();
    const api = loadsApi(system.baseUrl);
    await registerVans(system, 'VAN-04');
    const load = await api.create(loadInput({ van: 'VAN-04', profile: 'poultry' }));
    const at = Date.now() - 3_600_000;
    await api.mark(load.id, { type: 'picked-up', at });
    await api.mark(load.id, { type: 'delivered', at: at + 1_800_000, reception: { accepted: true } });
    // No records at all: an honest "incomplete data" verdict to tamper with.
    text = JSON.stringify(await api.certificate(load.id));
    expect(text).toContain('"verdict":"incomplete"');
  });
  afterAll(async () => {
    await system?.stop();
  });

  const tampered = () =>
    text.replace('"verdict":"incomplete"', '"verdict":"compliant","verdict":"incomplete"');
  const cli = async (document: string) => {
    const file = join(system.dataDir, `cert-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, document);
    return runGivre(['verify', file], { GIVRE_DATA_DIR: system.dataDir });
  };
  const api = async (document: string) =>
    (await (
      await fetch(`${system.baseUrl}/api/certificates/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: document,
      })
    ).json()) as { valid: boolean; reason?: { fr: string; en: string; nl: string } };

  it('finds the certificate genuine as issued, and pretty-printed', async () => {
    expect((await cli(text)).code).toBe(0);
    expect((await cli(JSON.stringify(JSON.parse(text), null, 2))).code).toBe(0);
    expect(await api(text)).toMatchObject({ valid: true });
  });

  it('refuses a repeated key, saying so, in the CLI and the API', async () => {
    // What any JSON parser makes of it is still the signed document: the check must not parse first.
    expect(JSON.parse(tampered())).toEqual(JSON.parse(text));
    const out = await cli(tampered());
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('INVALID: the document repeats the key "verdict"');
    expect(out.stdout).toContain('INVALIDE : le document répète la clé « verdict »');
    expect(out.stdout).toContain('ONGELDIG: het document herhaalt de sleutel ‘verdict’');
    const answer = await api(tampered());
    expect(answer.valid).toBe(false);
    expect(answer.reason?.en).toContain('repeats the key "verdict"');
    expect(answer.reason?.nl).toContain('herhaalt de sleutel ‘verdict’');
  });
});
