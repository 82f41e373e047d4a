import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebBundle, webEntries, writeWebBundles } from './web-bundle.ts';

describe('web bundles (issue 12: built once at install, build or image time, never on a request)', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'givre-web-bundle-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const sources = () => {
    const src = tempDir();
    writeFileSync(join(src, 'main.ts'), 'import { word } from "./word.ts";\nconsole.log(word);\n');
    writeFileSync(join(src, 'word.ts'), 'export const word: string = "bonjour";\n');
    writeFileSync(join(src, 'driver-main.ts'), 'console.log("chauffeur");\n');
    return src;
  };

  it('writes one bundle per page entry and serves it as written, types stripped', async () => {
    const src = sources();
    const dist = tempDir();
    const written = await writeWebBundles(dist, src);
    expect(written.map((f) => basename(f)).sort()).toEqual(['driver-main.js', 'main.js']);
    const served = await createWebBundle(join(src, 'main.ts'), dist).script();
    expect(served).toBe(readFileSync(join(dist, 'main.js'), 'utf8'));
    expect(served).toContain('bonjour');
    expect(served).not.toContain(': string');
  });

  it('refuses a bundle that was never built, saying what to run', async () => {
    const src = sources();
    await expect(createWebBundle(join(src, 'main.ts'), tempDir()).script()).rejects.toThrow(
      /main\.js is not built: run `npm run build:web`/,
    );
  });

  it('refuses a bundle older than any file it was built from, and serves it again once rebuilt', async () => {
    const src = sources();
    const dist = tempDir();
    await writeWebBundles(dist, src);
    writeFileSync(join(src, 'word.ts'), 'export const word: string = "bonsoir";\n');
    await expect(createWebBundle(join(src, 'main.ts'), dist).script()).rejects.toThrow(
      /main\.js is older than .*word\.ts: run `npm run build:web`/,
    );
    // The other page did not read word.ts: still current.
    expect(await createWebBundle(join(src, 'driver-main.ts'), dist).script()).toContain('chauffeur');
    await writeWebBundles(dist, src);
    expect(await createWebBundle(join(src, 'main.ts'), dist).script()).toContain('bonsoir');
  });

  it('fails the build when the sources do not build', async () => {
    const src = tempDir();
    writeFileSync(join(src, 'main.ts'), 'import "./missing.ts";\n');
    await expect(writeWebBundles(tempDir(), src)).rejects.toThrow();
  });

  it('finds every page entry the dashboard serves, and the driver app’s service worker', () => {
    expect(webEntries()).toEqual([
      'account-main.ts',
      'desk-main.ts',
      'driver-main.ts',
      'driver-sw.ts',
      'loads-main.ts',
      'main.ts',
      'van-main.ts',
    ]);
  });
});
