import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSimArgs } from './sim-args.ts';

/** Throws unless `run` throws a GIVRE_ERR_CONFIG error of one line matching `message`. */
function expectOneLineRefusal(run: () => unknown, message: RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (err) {
    caught = err;
  }
  expect(caught).toMatchObject({ code: 'GIVRE_ERR_CONFIG', message: expect.stringMatching(message) });
  expect((caught as Error).message).not.toContain('\n');
}

describe('givre sim arguments', () => {
  it('reads a fleet with its settings and scenarios', () => {
    const args = parseSimArgs([
      '--vans',
      '3',
      '--url',
      'mqtt://broker.local:1883',
      '--speed',
      '60',
      '--seed',
      '9',
      '--interval',
      '60',
      '--scenario',
      'VAN-02=reefer-failure',
      '--scenario',
      'VAN-03=network-outage',
    ]);
    expect(args).toEqual({
      help: false,
      vans: 3,
      url: 'mqtt://broker.local:1883',
      speed: 60,
      seed: 9,
      intervalS: 60,
      scenarios: { 'VAN-02': 'reefer-failure', 'VAN-03': 'network-outage' },
      receipts: true,
      receiptTimeoutS: 30,
    });
  });

  it('defaults to real time, seed 1 and a 30 s interval', () => {
    expect(parseSimArgs(['--vans', '1'])).toMatchObject({ speed: 1, seed: 1, intervalS: 30 });
    expect(parseSimArgs(['--help']).help).toBe(true);
  });

  it('waits for ingest’s receipts by default, as long as --receipt-timeout says, or not at all', () => {
    expect(parseSimArgs(['--vans', '1', '--receipt-timeout', '5'])).toMatchObject({
      receipts: true,
      receiptTimeoutS: 5,
    });
    expect(parseSimArgs(['--vans', '1', '--no-receipts']).receipts).toBe(false);
  });

  it.each([
    [['--vans', '2', '--interval', '600'], /--interval "600": expected a number from 1 to 300/],
    [['--vans', 'many'], /--vans "many"/],
    [['--vans', '2.5'], /whole number/],
    [[], /--vans N or --credentials FILE is required/],
    [['--vans', '2', '--scenario', 'VAN-02'], /expected VAN=scenario/],
    [['--vans', '2', '--scenario', 'VAN-02=explode'], /unknown scenario/],
    [['--vans', '2', '--url', 'http://x'], /--url/],
    [['--vans', '2', '--bogus'], /bogus/],
    [['--vans', '2', '--speed', '0'], /--speed/],
    [['--vans', '2', '--receipt-timeout', '0'], /--receipt-timeout "0": expected a number from 1/],
    [['--vans', '2', '--no-receipts', '--receipt-timeout', '5'], /mutually exclusive/],
  ])('refuses %j in one clear line', (argv, message) => {
    expectOneLineRefusal(() => parseSimArgs(argv), message);
  });
});

describe('givre sim --credentials FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'givre-sim-args-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let files = 0;
  const file = (text: string) => {
    const path = join(dir, `credentials-${++files}.json`);
    writeFileSync(path, text);
    return path;
  };
  const SECRET = 's3cr3t-VAN-01-do-not-print';

  it('gives each simulated van its own secret, username = its id; other vans in the file are ignored', () => {
    const path = file(JSON.stringify({ 'VAN-01': SECRET, 'VAN-02': 'two', 'VAN-09': 'nine' }));
    const args = parseSimArgs(['--vans', '2', '--credentials', path]);
    expect(args.credentials).toEqual({
      'VAN-01': { username: 'VAN-01', password: SECRET },
      'VAN-02': { username: 'VAN-02', password: 'two' },
    });
    expect(args).not.toHaveProperty('username');
    expect(args).not.toHaveProperty('password');
  });

  it.each([
    ['a missing file', () => join(dir, 'nope.json'), /^--credentials ".*nope\.json": no such file$/],
    ['a directory', () => dir, /: cannot read the file \(EISDIR\)$/],
    ['bad JSON', () => file(`{"VAN-01": ${SECRET}}`), /: not valid JSON$/],
    ['bad JSON at a position', () => file('{"VAN-01": "x",}'), /: not valid JSON \(at character 15\)$/],
    ['an array', () => file('["VAN-01"]'), /: expected a JSON object mapping van id → secret/],
    [
      'a bad van id',
      () => file('{"VAN-01": "x", "VAN-02": "y", "VAN/03": "z"}'),
      /: "VAN\/03" is not a van id/,
    ],
    [
      'an empty secret',
      () => file('{"VAN-01": "", "VAN-02": "y"}'),
      /: the secret of VAN-01 must be a non-empty string/,
    ],
    ['a number as secret', () => file('{"VAN-01": 1, "VAN-02": "y"}'), /: the secret of VAN-01 must be/],
    [
      'a simulated van missing',
      () => file(`{"VAN-01": "${SECRET}"}`),
      /: no secret for VAN-02 \(givre device add VAN-02/,
    ],
  ])('refuses %s in one line naming --credentials, never quoting a secret', (_what, path, message) => {
    const argv = ['--vans', '2', '--credentials', path()];
    expectOneLineRefusal(() => parseSimArgs(argv), message);
    expectOneLineRefusal(() => parseSimArgs(argv), /^--credentials /);
    expect(() => parseSimArgs(argv)).not.toThrow(/s3cr3t/);
  });

  it('without --vans, simulates exactly the vans the file lists (issue 11, 9)', () => {
    const path = file(JSON.stringify({ 'VAN-06': 'b', 'VAN-05': 'a' }));
    const args = parseSimArgs(['--credentials', path]);
    expect(args.vans).toBe(2);
    expect(args.credentials).toEqual({
      'VAN-05': { username: 'VAN-05', password: 'a' },
      'VAN-06': { username: 'VAN-06', password: 'b' },
    });
    expectOneLineRefusal(() => parseSimArgs(['--credentials', file('{}')]), /lists no van/);
  });

  it('names the first missing vans and counts the rest, in one line', () => {
    const path = file('{"VAN-01": "x"}');
    expectOneLineRefusal(
      () => parseSimArgs(['--vans', '12', '--credentials', path]),
      /no secret for VAN-02, VAN-03, VAN-04, VAN-05, VAN-06 and 6 more/,
    );
  });

  it.each([[['--username', 'VAN-01']], [['--password', 'p']], [['--username', 'VAN-01', '--password', 'p']]])(
    'refuses --credentials with %j: mutually exclusive',
    (shared) => {
      const path = file(JSON.stringify({ 'VAN-01': 'x' }));
      expectOneLineRefusal(
        () => parseSimArgs(['--vans', '1', '--credentials', path, ...shared]),
        /--credentials and --username\/--password are mutually exclusive/,
      );
    },
  );

  it('reads the store-and-forward bound, in readings, and refuses one that is not a whole number', () => {
    expect(parseSimArgs(['--vans', '1', '--state-dir', '/tmp/s', '--max-backlog', '500'])).toMatchObject({
      stateDir: '/tmp/s',
      maxBacklogReadings: 500,
    });
    expect(parseSimArgs(['--vans', '1']).maxBacklogReadings).toBeUndefined();
    expect(() => parseSimArgs(['--vans', '1', '--max-backlog', '0'])).toThrow(/--max-backlog "0"/);
    expect(() => parseSimArgs(['--vans', '1', '--max-backlog', '2.5'])).toThrow(/whole number/);
  });
});
