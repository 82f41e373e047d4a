import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Issue 14: Givre's TypeScript runs through bin/ts-hooks.js, which compiles without esbuild's
// keepNames (tsx's naming helper was about 5 % of ingest's thread at one reading per message).
describe('the TypeScript loader (bin/run-ts.js, bin/givre.js)', () => {
  const probe = () =>
    JSON.parse(
      execFileSync(process.execPath, [resolve('bin/run-ts.js'), 'test/fixtures/ts-loader-probe.ts'], {
        encoding: 'utf8',
      }),
    ) as { compiled: string; name: string; at: string };

  it('removes the types and wraps no function in a naming helper, names kept', () => {
    const { compiled, name } = probe();
    expect(compiled).toContain('const inner = (x) => x + 1');
    expect(compiled).not.toContain('__name');
    expect(name).toBe('inner');
  });

  it('reports errors at the TypeScript line', () => {
    expect(probe().at).toMatch(/ts-loader-probe\.ts:16:\d+/);
  });
});
