// What every benchmark shares: a fast seeded generator for bulk data, and the line that says
// what machine the figures were measured on.
import os from 'node:os';

/** mulberry32: a small, fast, seedable generator (the same rows on every run). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** "machine: 2 cores (AMD EPYC …), 24 GiB, Node 20.20.2[, extra]; load average 0.4 0.5 0.6" */
export function machineLine(extra?: string): string {
  const cpu = os.cpus();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  return `machine: ${cpu.length} cores (${cpu[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}${extra ? `, ${extra}` : ''}; load average ${load}`;
}
