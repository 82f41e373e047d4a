import * as esbuild from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The browser sources, beside this file. */
export const WEB_DIR = fileURLToPath(new URL('./web/', import.meta.url));

/** Where `npm run build:web` (scripts/build-web.ts) writes the bundles: `dist/web/` at the repo root. */
export const DIST_WEB_DIR = fileURLToPath(new URL('../dist/web/', import.meta.url));

/** Every page's entry point in `web/` (`main.ts`, `driver-main.ts`, …), by file name. */
export function webEntries(webDir = WEB_DIR): string[] {
  return readdirSync(webDir)
    .filter((f) => /^(.+-)?main\.ts$/.test(f))
    .sort();
}

/**
 * One page's browser bundle (with socket.io-client and the shared event types). In the image
 * (NODE_ENV=production, issue 9) it is read from `dist/web/<entry name>.js`, which the image
 * build wrote, so a container serves its first page without running esbuild. Anywhere else
 * it is bundled in memory from the sources, so a clone, dev and tests need no build step and
 * never see a bundle older than the code. Built or read once per server, on first use; a
 * failure rejects, so `listen()` fails at start-up, not on first visit.
 */
export interface WebBundle {
  script(): Promise<string>;
}

export function createWebBundle(
  entry = `${WEB_DIR}main.ts`,
  /** Where prebuilt bundles are; `undefined`: always bundle from the sources. */
  distDir: string | undefined = process.env.NODE_ENV === 'production' ? DIST_WEB_DIR : undefined,
): WebBundle {
  const prebuilt = distDir === undefined ? undefined : join(distDir, `${basename(entry, '.ts')}.js`);
  let built: Promise<string> | undefined;
  return {
    script() {
      built ??= prebuilt && existsSync(prebuilt) ? readFile(prebuilt, 'utf8') : bundleWeb(entry);
      return built;
    },
  };
}

/** Bundles one entry point in memory: the same output in dev and in the image. */
export async function bundleWeb(entry: string): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`esbuild produced no output for ${entry}`);
  return file.text;
}

/** Writes every entry's bundle to `outDir/<name>.js`; returns the files written. */
export async function writeWebBundles(outDir = DIST_WEB_DIR, webDir = WEB_DIR): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const file of webEntries(webDir)) {
    const out = join(outDir, `${basename(file, '.ts')}.js`);
    await writeFile(out, await bundleWeb(join(webDir, file)));
    written.push(out);
  }
  return written;
}
