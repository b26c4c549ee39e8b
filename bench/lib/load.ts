import autocannon from 'autocannon';
import { cpuSince, cpuSnapshot, type CpuUsage } from './cpu';
import type { BenchOptions } from './options';
import type { MemorySample, ServerProcess } from './servers';

export interface LoadSpec {
  /** Row label, e.g. `GET /api/me`. */
  name: string;
  server: ServerProcess;
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
  connections: number;
  pipelining?: number;
}

export interface RunResult {
  name: string;
  url: string;
  method: string;
  connections: number;
  pipelining: number;
  durationSeconds: number;
  requests: number;
  /** Mean of the per-second request counts. */
  reqPerSec: number;
  latencyMs: { avg: number; p50: number; p90: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
  statusCodes: Record<string, number>;
  /** Server process memory right after the run. */
  memory: MemorySample;
  /** CPU during the measured run, percent of one core. */
  cpu: CpuUsage;
  /** Server CPU time per response, ms: the cost of one request, steadier than req/s on a busy machine. */
  serverCpuMsPerRequest: number;
  server: string;
}

/** CPU used by unrelated processes during a run above which its figures are flagged. */
export const OTHER_CPU_WARNING = 25;

export const problemsOf = (run: RunResult) => run.errors + run.timeouts + run.non2xx + run.mismatches;

function load(spec: LoadSpec, seconds: number) {
  return autocannon({
    url: `${spec.server.url}${spec.path}`,
    method: spec.method,
    headers: { ...(spec.body === undefined ? {} : { 'content-type': 'application/json' }), ...spec.headers },
    ...(spec.body === undefined ? {} : { body: JSON.stringify(spec.body) }),
    connections: spec.connections,
    pipelining: spec.pipelining ?? 1,
    duration: seconds,
    timeout: 10,
  });
}

/**
 * Unmeasured warm-up, then one measured autocannon run in this process (the server is a
 * separate process, so both compete for the same cores, as the issue accepts).
 */
export async function measure(spec: LoadSpec, options: BenchOptions): Promise<RunResult> {
  process.stdout.write(`  ${spec.name}: warm-up ${options.warmupSeconds} s, measuring ${options.durationSeconds} s (${spec.connections} connections)… `);
  await load(spec, options.warmupSeconds);
  spec.server.assertAlive();
  const before = cpuSnapshot(spec.server.pid);
  const result = await load(spec, options.durationSeconds);
  const cpu = cpuSince(before, spec.server.pid);
  spec.server.assertAlive();
  const memory = spec.server.memory();
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, Number(stat.count)]));
  const run: RunResult = {
    name: spec.name,
    url: `${spec.method} ${spec.path}`,
    method: spec.method,
    connections: result.connections,
    pipelining: result.pipelining,
    durationSeconds: result.duration,
    requests: result.requests.total,
    reqPerSec: result.requests.average,
    latencyMs: {
      avg: result.latency.average,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    mismatches: result.mismatches,
    statusCodes,
    memory,
    cpu,
    serverCpuMsPerRequest: Math.round((cpu.server * 10 * 1000) / Math.max(result.requests.average, 1e-9)) / 1000,
    server: spec.server.name,
  };
  const problems = problemsOf(run);
  process.stdout.write(`${Math.round(run.reqPerSec)} req/s${problems > 0 ? `, ${problems} errors/non-2xx ${JSON.stringify(statusCodes)}` : ''}\n`);
  process.stdout.write(
    `    CPU (% of one core): ${spec.server.name} ${cpu.server}, autocannon ${cpu.bench}, postgres ${cpu.postgres}, other processes ${cpu.other}` +
      ` — ${spec.server.name} ${run.serverCpuMsPerRequest.toFixed(2)} ms CPU per request\n`,
  );
  if (cpu.other >= OTHER_CPU_WARNING) {
    process.stdout.write(`    ⚠ other processes used ${cpu.other}% of a core during this run: the figures are disturbed\n`);
  }
  return run;
}
