import { describe, expect, it } from 'vitest';
import { parseStartArgs } from './start-command.ts';

describe('givre start arguments', () => {
  it('simulates 4 vans when --simulate has no count', () => {
    expect(parseStartArgs(['--simulate']).simulate).toMatchObject({ vans: 4, speed: 1, intervalS: 30 });
    expect(parseStartArgs(['--simulate', '--speed', '60']).simulate).toMatchObject({ vans: 4, speed: 60 });
  });

  it('reads a count, speed and scenarios', () => {
    expect(parseStartArgs(['--simulate', '3', '--scenario', 'VAN-02=reefer-failure']).simulate).toMatchObject(
      {
        vans: 3,
        scenarios: { 'VAN-02': 'reefer-failure' },
      },
    );
  });

  it('runs without simulation by default', () => {
    expect(parseStartArgs([]).simulate).toBeUndefined();
  });

  it.each([
    [['--speed', '10'], /go with --simulate/],
    [['--simulate', '--interval', '600'], /--interval "600": expected a number from 1 to 300/],
    [['--simulate', '--scenario', 'oops'], /expected VAN=scenario/],
    [['--bogus'], /Unknown option/],
  ])('refuses %j with one clear line', (argv, message) => {
    expect(() => parseStartArgs(argv)).toThrow(message);
  });
});
