import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebBundle, WEB_DIR, webEntries, writeWebBundles } from './web-bundle.ts';

describe('web bundles (issue 9: built at image build time, in memory otherwise)', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'givre-web-bundle-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('serves a prebuilt dist file verbatim, without building', async () => {
    const dist = tempDir();
    // Not what esbuild would make of driver-main.ts: proves the file itself is served.
    writeFileSync(join(dist, 'driver-main.js'), '/* prebuilt */ window.prebuilt = 1;\n');
    const bundle = createWebBundle(`${WEB_DIR}driver-main.ts`, dist);
    expect(await bundle.script()).toBe('/* prebuilt */ window.prebuilt = 1;\n');
  });

  it('bundles the sources in memory when no prebuilt file exists', async () => {
    const src = tempDir();
    writeFileSync(join(src, 'main.ts'), 'const greeting: string = "bonjour";\nconsole.log(greeting);\n');
    const script = await createWebBundle(join(src, 'main.ts'), tempDir()).script();
    expect(script).toContain('bonjour');
    expect(script).not.toContain(': string');
  });

  it('rejects when the sources do not build, so listen() fails at start-up', async () => {
    const src = tempDir();
    writeFileSync(join(src, 'main.ts'), 'import "./missing.ts";\n');
    await expect(createWebBundle(join(src, 'main.ts'), tempDir()).script()).rejects.toThrow();
  });

  it('writes one bundle per page entry, named as createWebBundle looks it up', async () => {
    const src = tempDir();
    writeFileSync(join(src, 'main.ts'), 'console.log("fleet");\n');
    writeFileSync(join(src, 'driver-main.ts'), 'console.log("driver");\n');
    writeFileSync(join(src, 'dom.ts'), 'export const notAnEntry = 1;\n');
    const dist = tempDir();
    const written = await writeWebBundles(dist, src);
    expect(written.map((f) => basename(f)).sort()).toEqual(['driver-main.js', 'main.js']);
    const served = await createWebBundle(join(src, 'driver-main.ts'), dist).script();
    expect(served).toBe(readFileSync(join(dist, 'driver-main.js'), 'utf8'));
    expect(served).toContain('driver');
  });

  it('outside the image, always bundles the sources, even with a dist file beside them', async () => {
    const src = tempDir();
    writeFileSync(join(src, 'main.ts'), 'console.log("fresh");\n');
    const dist = tempDir();
    writeFileSync(join(dist, 'main.js'), 'console.log("stale");\n');
    expect(process.env.NODE_ENV).not.toBe('production');
    expect(await createWebBundle(join(src, 'main.ts'), undefined).script()).toContain('fresh');
  });

  it('finds every page entry the dashboard serves', () => {
    expect(webEntries()).toEqual([
      'account-main.ts',
      'desk-main.ts',
      'driver-main.ts',
      'loads-main.ts',
      'main.ts',
      'van-main.ts',
    ]);
  });
});
