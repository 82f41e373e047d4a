import { describe, expect, it } from 'vitest';
import { runGivre } from './harness/givre.ts';

describe('givre start with a bad configuration', () => {
  it('GIVRE_HTTP_PORT=abc stops at once with one line naming the variable and what it expects', async () => {
    const { code, stdout, stderr } = await runGivre(['start'], { GIVRE_HTTP_PORT: 'abc' });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/GIVRE_HTTP_PORT="abc" is invalid: expected a port number \(0–65535\)/);
  });

  it('an unknown command says so and points to --help', async () => {
    const { code, stderr } = await runGivre(['frobnicate']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown command "frobnicate".*--help/);
  });

  it('--help lists the commands in French and English', async () => {
    const { code, stdout } = await runGivre(['--help']);
    expect(code).toBe(0);
    for (const command of ['start', 'broker', 'ingest', 'dashboard', 'sim'])
      expect(stdout).toContain(command);
    expect(stdout).toMatch(/chaîne du froid/);
  });
});
