import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ: 100 on every Linux we run on). */
const USER_HZ = 100;

export interface ProcessUsage {
  /** Resident set now and its peak, MB (VmRSS, VmHWM of /proc/<pid>/status). */
  rssMb: number;
  hwmMb: number;
  /** User + system CPU time since the process started, s. */
  cpuSeconds: number;
}

/** VmRSS and VmHWM of a /proc/<pid>/status text, MB. */
export function parseStatus(text: string): { rssMb: number; hwmMb: number } {
  const kb = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
    if (!match) throw new Error(`/proc status without ${field}`);
    return Number(match[1]) / 1024;
  };
  return { rssMb: kb('VmRSS'), hwmMb: kb('VmHWM') };
}

/** utime + stime of a /proc/<pid>/stat line, s (fields 14 and 15; the name in parentheses may hold spaces). */
export function parseStatCpuSeconds(text: string): number {
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so utime (14) and stime (15) are at 11 and 12.
  return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
}

/** What the operating system says process `pid` uses now (Linux). */
export function processUsage(pid: number): ProcessUsage {
  return {
    ...parseStatus(readFileSync(`/proc/${pid}/status`, 'utf8')),
    cpuSeconds: parseStatCpuSeconds(readFileSync(`/proc/${pid}/stat`, 'utf8')),
  };
}
