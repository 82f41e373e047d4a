import { readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';

/** Linux clock ticks per second (`getconf CLK_TCK`), the unit of /proc/PID/stat's utime and stime. */
const CLK_TCK = 100;

/** One process of a system under test, as /proc shows it. */
export interface WatchedProcess {
  name: string;
  pid: number;
}

/** CPU seconds (user + system) the process has used since it started: /proc/PID/stat fields 14 and 15. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** Peak resident set size, MiB (VmHWM of /proc/PID/status). */
export function peakRssMiB(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/**
 * Resets VmHWM to the current RSS (`5` into /proc/PID/clear_refs, Linux ≥ 4.0), so that the
 * peak read at the end of a run is that run's. Returns false where the kernel refuses: the peak
 * is then the process's lifetime peak, and the report says so.
 */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * The PID of the process listening on a TCP port of 127.0.0.1 (Mosquitto, influxd, Node-RED
 * are started by harnesses that do not hand out their PID): the socket's inode in
 * /proc/net/tcp, then the process holding a descriptor on it.
 */
export function pidListeningOn(port: number): number {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const inode = readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    // local_address is field 2 (ADDR:PORT), st is field 4 (0A = LISTEN), inode field 10.
    .find((f) => f[1]?.endsWith(`:${hex}`) && f[3] === '0A')?.[9];
  if (!inode) throw new Error(`nothing listens on port ${port}`);
  const target = `socket:[${inode}]`;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue; // another user's process, or one that just ended
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${entry}/fd/${fd}`) === target) return Number(entry);
      } catch {
        // the descriptor closed meanwhile
      }
    }
  }
  throw new Error(`no process of ours holds the socket listening on port ${port}`);
}

/** CPU seconds and peak RSS of each process over one run: `start()` before, `finish()` after. */
export function watchProcesses(processes: readonly WatchedProcess[]) {
  const started = processes.map((p) => ({ ...p, cpu: cpuSeconds(p.pid), peakReset: resetPeakRss(p.pid) }));
  return {
    finish(): ProcessFigures[] {
      return started.map((p) => ({
        name: p.name,
        pid: p.pid,
        cpuSeconds: round3(cpuSeconds(p.pid) - p.cpu),
        peakRssMiB: Math.round(peakRssMiB(p.pid)),
        peakOf: p.peakReset ? 'run' : 'lifetime',
      }));
    },
  };
}

export interface ProcessFigures {
  name: string;
  pid: number;
  /** CPU seconds (user + system) used during the run. */
  cpuSeconds: number;
  /** Peak RSS, MiB, over the run (or over the process's life where it could not be reset). */
  peakRssMiB: number;
  peakOf: 'run' | 'lifetime';
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
