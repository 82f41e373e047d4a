// Sums a .cpuprofile's self time by source file (or by function with --functions), largest
// first, as a share of all samples (issue 14: which part of ingest costs what). With
// --inclusive, a file counts every sample with it anywhere on the stack (what it costs with
// everything it calls).
// argv: file.cpuprofile [--functions] [--inclusive] [--per N (µs per N units, e.g. messages)] [top]
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const [file = '', ...rest] = process.argv.slice(2);
const byFunction = rest.includes('--functions');
const perAt = rest.indexOf('--per');
const per = perAt >= 0 ? Number(rest[perAt + 1]) : 0;
const top = Number(rest.find((a, i) => /^\d+$/.test(a) && i !== perAt + 1) ?? 40);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const inclusive = rest.includes('--inclusive');
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const totals = new Map<string, number>();
let all = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  const keys = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = inclusive ? parent.get(at) : undefined) {
    const frame = nodes.get(at)?.callFrame;
    const where =
      (frame?.url ?? '').replace(/^file:\/\/.*?\/(node_modules\/|wt-[^/]+\/)/, '$1') || '(native)';
    keys.add(
      byFunction ? `${frame?.functionName || '(anonymous)'} ${where}:${frame?.lineNumber ?? 0}` : where,
    );
  }
  for (const key of keys) totals.set(key, (totals.get(key) ?? 0) + dt);
  all += dt;
});
for (const [key, us] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(
    `${((100 * us) / all).toFixed(1).padStart(5)} %${per ? `${(us / per).toFixed(1).padStart(8)} µs` : ''}  ${key}`,
  );
