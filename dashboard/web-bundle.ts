import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { GivreError } from '../platform/errors.ts';

/** The browser sources, beside this file. */
export const WEB_DIR = fileURLToPath(new URL('./web/', import.meta.url));

/** The repository's root: the manifest names every input relative to it. */
const ROOT_DIR = fileURLToPath(new URL('../', import.meta.url));

/**
 * Where the bundles are built (issue 12: once, at install, build or image time — never on a
 * request): `npm install`/`npm ci` (postinstall), `npm start`, `npm test` and the image build
 * all run `npm run build:web` (scripts/build-web.ts), which writes `dist/web/` at the root.
 */
export const DIST_WEB_DIR = fileURLToPath(new URL('../dist/web/', import.meta.url));

/** The file beside the bundles that says what each was built from. */
export const MANIFEST_FILE = 'manifest.json';

/** For each bundle (`main.js`, …), the sha256 of every file esbuild read to make it. */
const Manifest = z.record(z.string(), z.record(z.string(), z.string()));
type Manifest = z.infer<typeof Manifest>;

/**
 * Every entry point in `web/`, by file name: each page's (`main.ts`, `driver-main.ts`, …) and
 * each service worker's (`driver-sw.ts`, issue 15).
 */
export function webEntries(webDir = WEB_DIR): string[] {
  return readdirSync(webDir)
    .filter((f) => /^((.+-)?main|.+-sw)\.ts$/.test(f))
    .sort();
}

/** One page's browser bundle (with socket.io-client and the shared event types), as built. */
export interface WebBundle {
  script(): Promise<string>;
}

/** The bundle's file name for an entry: `driver-main.ts` → `driver-main.js`. */
export const bundleName = (entry: string) => `${basename(entry, '.ts')}.js`;

/**
 * The bundle of `entry`, read once from `distDir`. It is refused (rejects, so the dashboard's
 * `listen()` fails at start-up with one line saying what to run) when it was never built or
 * when any file it was built from has changed since: a clone never serves a page older than
 * its code, and no request waits for esbuild.
 */
export function createWebBundle(entry = `${WEB_DIR}main.ts`, distDir: string = DIST_WEB_DIR): WebBundle {
  let read: Promise<string> | undefined;
  return {
    script() {
      read ??= readBuilt(bundleName(entry), distDir);
      return read;
    },
  };
}

async function readBuilt(name: string, distDir: string): Promise<string> {
  const notBuilt = (why: string) =>
    new GivreError('GIVRE_ERR_CONFIG', `the browser bundle ${name} ${why}: run \`npm run build:web\``);
  let manifest: Manifest;
  let text: string;
  try {
    manifest = Manifest.parse(JSON.parse(await readFile(join(distDir, MANIFEST_FILE), 'utf8')));
    text = await readFile(join(distDir, name), 'utf8');
  } catch {
    throw notBuilt('is not built');
  }
  const inputs = manifest[name];
  if (!inputs) throw notBuilt('is not built');
  for (const [file, hash] of Object.entries(inputs)) {
    const now = await readFile(resolve(ROOT_DIR, file)).then(sha256, () => undefined);
    if (now !== hash) throw notBuilt(`is older than ${file}`);
  }
  return text;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Bundles one entry point in memory; `inputs`: the files it read, relative to the root. */
export async function bundleWeb(entry: string): Promise<{ text: string; inputs: string[] }> {
  const result = await esbuild.build({
    entryPoints: [entry],
    absWorkingDir: ROOT_DIR,
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`esbuild produced no output for ${entry}`);
  return { text: file.text, inputs: Object.keys(result.metafile.inputs) };
}

/** Writes every entry's bundle to `outDir/<name>.js` and the manifest; returns the bundles written. */
export async function writeWebBundles(outDir = DIST_WEB_DIR, webDir = WEB_DIR): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const manifest: Manifest = {};
  const written: string[] = [];
  for (const file of webEntries(webDir)) {
    const name = bundleName(file);
    const { text, inputs } = await bundleWeb(join(webDir, file));
    const hashes: Record<string, string> = {};
    for (const input of inputs) hashes[input] = sha256(await readFile(resolve(ROOT_DIR, input)));
    manifest[name] = hashes;
    await writeFile(join(outDir, name), text);
    written.push(join(outDir, name));
  }
  await writeFile(join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 1)}\n`);
  return written;
}
