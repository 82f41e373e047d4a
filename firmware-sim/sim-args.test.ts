import { describe, expect, it } from 'vitest';
import { parseSimArgs } from './sim-args.ts';

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
    });
  });

  it('defaults to real time, seed 1 and a 30 s interval', () => {
    expect(parseSimArgs(['--vans', '1'])).toMatchObject({ speed: 1, seed: 1, intervalS: 30 });
    expect(parseSimArgs(['--help']).help).toBe(true);
  });

  it.each([
    [['--vans', '2', '--interval', '600'], /--interval "600": expected a number from 1 to 300/],
    [['--vans', 'many'], /--vans "many"/],
    [['--vans', '2.5'], /whole number/],
    [[], /--vans N is required/],
    [['--vans', '2', '--scenario', 'VAN-02'], /expected VAN=scenario/],
    [['--vans', '2', '--scenario', 'VAN-02=explode'], /unknown scenario/],
    [['--vans', '2', '--url', 'http://x'], /--url/],
    [['--vans', '2', '--bogus'], /bogus/],
    [['--vans', '2', '--speed', '0'], /--speed/],
  ])('refuses %j in one clear line', (argv, message) => {
    expect(() => parseSimArgs(argv)).toThrow(message);
    try {
      parseSimArgs(argv);
    } catch (err) {
      expect((err as Error).message).not.toContain('\n');
    }
  });
});
