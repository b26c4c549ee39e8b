/** Options every scenario receives from scripts/bench.mjs. */
export interface BenchOptions {
  /** ~2 s per measurement: checks that the scenario runs (CI), the figures mean little. */
  quick: boolean;
  /** Seconds per measured run. */
  durationSeconds: number;
  /** Seconds of unmeasured load before each measured run (JIT, caches, connection pools). */
  warmupSeconds: number;
  /** Write V8 CPU profiles of the server processes under test. */
  cpuProf: boolean;
}

export function benchOptions(argv: string[] = process.argv.slice(2)): BenchOptions {
  const quick = argv.includes('--quick');
  return {
    quick,
    durationSeconds: quick ? 2 : 10,
    warmupSeconds: quick ? 1 : 3,
    cpuProf: argv.includes('--cpu-prof'),
  };
}
