import { describe, expect, it } from 'vitest';
import { parseStatCpuSeconds, parseStatus, processUsage } from './measure-proc.ts';

describe('/proc parsing', () => {
  it('reads VmRSS and VmHWM in MB', () => {
    const status = 'Name:\tnode\nVmPeak:\t 999999 kB\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n';
    expect(parseStatus(status)).toEqual({ rssMb: 100, hwmMb: 200 });
  });

  it('refuses a status without the fields rather than report 0 MB', () => {
    expect(() => parseStatus('Name:\tnode\n')).toThrow(/VmRSS/);
  });

  it('reads utime + stime past a process name holding spaces and parentheses', () => {
    const stat = '4242 (node (x) y) S 1 4242 4242 0 -1 4194304 100 0 0 0 250 75 0 0 20 0 11 0 1 2 3';
    expect(parseStatCpuSeconds(stat)).toBe(3.25);
  });

  it('reads this process', () => {
    const usage = processUsage(process.pid);
    expect(usage.rssMb).toBeGreaterThan(10);
    expect(usage.hwmMb).toBeGreaterThanOrEqual(usage.rssMb);
    expect(usage.cpuSeconds).toBeGreaterThan(0);
  });
});
