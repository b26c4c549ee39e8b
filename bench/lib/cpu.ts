import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/**
 * Where the CPU went during a run, from /proc (Linux): the server under test, this bench
 * process (autocannon), PostgreSQL, and everything else on the machine. A server near 100 % of
 * a core is CPU-bound; "other" well above zero means the figures were disturbed.
 */
export interface CpuUsage {
  /** Percent of one core. */
  server: number;
  bench: number;
  postgres: number;
  other: number;
  /** Machine-wide busy percent of all cores. */
  machineBusy: number;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function processTicks(pid: number | 'self'): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return 0;
  }
}

function postgresTicks(): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (name !== 'postgres') continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]));
    } catch {
      // exited meanwhile
    }
  }
  return ticks;
}

function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line;
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

interface Snapshot {
  at: number;
  server: number;
  bench: number;
  postgres: Map<number, number>;
  machine: { busy: number; total: number };
}

export function cpuSnapshot(serverPid: number): Snapshot {
  return { at: performance.now(), server: processTicks(serverPid), bench: processTicks('self'), postgres: postgresTicks(), machine: machineTicks() };
}

export function cpuSince(start: Snapshot, serverPid: number): CpuUsage {
  const end = cpuSnapshot(serverPid);
  const seconds = (end.at - start.at) / 1000;
  const percent = (ticks: number) => (ticks / TICKS_PER_SECOND / seconds) * 100;
  let postgres = 0;
  for (const [pid, ticks] of end.postgres) postgres += ticks - (start.postgres.get(pid) ?? 0);
  const server = end.server - start.server;
  const bench = end.bench - start.bench;
  const busy = end.machine.busy - start.machine.busy;
  const total = end.machine.total - start.machine.total;
  const round = (value: number) => Math.round(value);
  return {
    server: round(percent(server)),
    bench: round(percent(bench)),
    postgres: round(percent(postgres)),
    // Machine ticks are summed over all cores, like the per-process ones.
    other: Math.max(0, round(percent(busy - server - bench - postgres))),
    machineBusy: total > 0 ? round((busy / total) * 100) : 0,
  };
}

/** 1-minute load average against the core count, for a warning before measuring. */
export function machineLoad(): { load1: number; cores: number } {
  const load1 = Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  return { load1, cores: cpus().length };
}
