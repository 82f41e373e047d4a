import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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

  // Issue 11 (8): an empty variable was taken as unset, and the dashboard came up on 8080.
  it('GIVRE_HTTP_PORT= (empty) stops with one line naming the variable and its value', async () => {
    const { code, stdout, stderr } = await runGivre(['start', '--simulate', '0'], { GIVRE_HTTP_PORT: '' });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([
      'givre: GIVRE_HTTP_PORT="" is invalid: the variable is set but empty; give a value, or unset it to use the default (8080)',
    ]);
  });

  it('an unwritable GIVRE_DATA_DIR stops every service with one line naming the variable and the path', async () => {
    // A path below a regular file can be created by nobody, root included (the tests may run as root).
    const scratch = mkdtempSync(join(tmpdir(), 'givre-datadir-'));
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));
    writeFileSync(join(scratch, 'not-a-dir'), '');
    const dataDir = join(scratch, 'not-a-dir', 'data');
    const env = { GIVRE_DATA_DIR: dataDir, GIVRE_MQTT_PORT: '0', GIVRE_HTTP_PORT: '0' };
    const expected = `givre: GIVRE_DATA_DIR=${JSON.stringify(dataDir)} is invalid: expected a directory Givre can create and write to (ENOTDIR: a part of the path is a file, not a directory)`;
    for (const args of [['start', '--simulate', '0'], ['dashboard'], ['ingest'], ['user', 'list']]) {
      const { code, stdout, stderr } = await runGivre(args, env);
      expect({ args, code, stdout, lines: stderr.trim().split('\n') }).toEqual({
        args,
        code: 2,
        stdout: '',
        lines: [expected],
      });
    }
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
