import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { problemsOf, type RunResult } from './load';
import { repoRoot } from './servers';

const pad = (text: string, width: number, right = false) => (right ? text.padStart(width) : text.padEnd(width));
const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

/** scenario | req/s (avg) | p50 ms | p99 ms | errors/non-2xx | RSS MB */
export function formatTable(runs: RunResult[]): string {
  const header = ['scenario', 'req/s (avg)', 'p50 ms', 'p99 ms', 'errors/non-2xx', 'RSS MB'];
  const rows = runs.map((run) => [
    run.name,
    run.reqPerSec >= 100 ? run.reqPerSec.toFixed(0) : run.reqPerSec.toFixed(1),
    ms(run.latencyMs.p50),
    ms(run.latencyMs.p99),
    String(problemsOf(run)),
    run.memory.rssMb.toFixed(0),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => pad(cell, widths[column]!, column > 0)).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

export function machine() {
  const cores = cpus();
  return {
    cpu: cores[0]?.model.trim() ?? 'unknown',
    cores: cores.length,
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

/** bench/results/<scenario>-<timestamp>.json (git-ignored); returns the path relative to the repo. */
export function writeResults(scenario: string, startedAt: Date, data: object): string {
  const directory = path.join(repoRoot, 'bench', 'results');
  mkdirSync(directory, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const file = path.join(directory, `${scenario}-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return path.relative(repoRoot, file);
}
