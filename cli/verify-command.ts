import { createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PUBLIC_KEY_FILE } from '../compliance/certificate-keys.ts';
import { readCertificateDocument } from '../compliance/certificate-document.ts';
import { verifyCertificate } from '../compliance/certificate-signature.ts';
import { UsageError } from '../platform/usage-error.ts';

const HELP = `Usage: givre verify <certificate.json> [--public-key fichier.pem]

Vérifie hors ligne la signature Ed25519 d’un certificat Givre.
Checks a Givre certificate's Ed25519 signature offline.
Controleert offline de Ed25519-handtekening van een certificaat van Givre.

  --public-key FILE  clé publique (GET /api/certificates/public-key) / the public key;
                     default $GIVRE_DATA_DIR/${PUBLIC_KEY_FILE}

Code de sortie / exit code: 0 valide / valid, 1 invalide / invalid, 2 usage.`;

/** `givre verify`: exit 0 when the certificate is genuine and unchanged, 1 otherwise, saying why in French, English and Dutch. */
export async function runVerify(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'public-key': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return void console.log(HELP);
  const [file] = positionals;
  if (!file || positionals.length > 1)
    throw new UsageError('verify takes one certificate file (givre verify --help)');
  const keyFile = values['public-key'] ?? join(env.GIVRE_DATA_DIR ?? './data', PUBLIC_KEY_FILE);
  if (!existsSync(keyFile)) throw new UsageError(`no public key at ${keyFile} (use --public-key)`);
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const publicKey = createPublicKey(readFileSync(keyFile));
  // Read as the text it is (issue 10): a parser would silently resolve a repeated key.
  const reading = readCertificateDocument(readFileSync(file, 'utf8'));
  const doc = reading.ok ? reading.doc : null;
  const result = reading.ok
    ? verifyCertificate(doc, publicKey)
    : { valid: false as const, reason: reading.reason };
  if (result.valid) {
    const c = (doc as { certificate: { report: { verdict: string }; provisional: boolean } }).certificate;
    console.log(
      `VALIDE : certificat ${result.id} authentique et intact (${c.report.verdict}${c.provisional ? ', provisoire' : ''}).`,
    );
    console.log(
      `VALID: certificate ${result.id} is genuine and unchanged (${c.report.verdict}${c.provisional ? ', provisional' : ''}).`,
    );
    console.log(
      `GELDIG: certificaat ${result.id} is authentiek en ongewijzigd (${c.report.verdict}${c.provisional ? ', voorlopig' : ''}).`,
    );
    return;
  }
  console.log(`INVALIDE : ${result.reason.fr}.`);
  console.log(`INVALID: ${result.reason.en}.`);
  console.log(`ONGELDIG: ${result.reason.nl}.`);
  process.exitCode = 1;
}
