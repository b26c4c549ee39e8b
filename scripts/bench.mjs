#!/usr/bin/env node
/**
 * Benchmark runner: `npm run bench -- [scenario...] [--quick] [--cpu-prof]`.
 *
 * Every scenario is a module `bench/<name>.ts`, run in its own Node process with the local tsx
 * loader (one process, so signals and exit codes need no relaying). No scenario named = all of them.
 * Scenarios run one after another, never in parallel: they measure this machine.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.join(root, 'bench');
const FLAGS = new Set(['--quick', '--cpu-prof']);

// The project runs on Node 22 (the `node` devDependency); `node scripts/bench.mjs` on an older
// system Node re-runs itself on the pinned one instead of measuring the wrong runtime.
const pinnedNode = path.join(root, 'node_modules', 'node', 'bin', 'node');
if (Number(process.versions.node.split('.')[0]) < 22) {
  if (!existsSync(pinnedNode)) {
    process.stderr.write(`bench: Node ${process.versions.node} is too old and node_modules has no pinned Node 22; run \`npm install\`.\n`);
    process.exit(1);
  }
  const again = spawnSync(pinnedNode, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(again.status ?? 1);
}

const known = readdirSync(benchDir)
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
  .map((file) => file.slice(0, -'.ts'.length))
  .sort();

function usage() {
  return [
    'usage: npm run bench -- [scenario...] [--quick] [--cpu-prof]',
    `  scenarios: ${known.join(', ')} (none named = all)`,
    '  --quick     ~2 s per measurement: checks that it runs, not how fast (CI)',
    '  --cpu-prof  also write V8 CPU profiles of the measured server processes to bench/results/profiles/',
    'See bench/README.md.',
  ].join('\n');
}

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`${usage()}\n`);
  process.exit(0);
}
const flags = args.filter((arg) => arg.startsWith('-'));
const named = args.filter((arg) => !arg.startsWith('-'));
const badFlags = flags.filter((flag) => !FLAGS.has(flag));
const unknown = named.filter((name) => !known.includes(name));
if (badFlags.length > 0 || unknown.length > 0) {
  if (badFlags.length > 0) process.stderr.write(`bench: unknown option ${badFlags.join(', ')}\n`);
  if (unknown.length > 0) process.stderr.write(`bench: unknown scenario ${unknown.join(', ')}\n`);
  process.stderr.write(`${usage()}\n`);
  process.exit(2);
}
const scenarios = named.length > 0 ? [...new Set(named)] : known;

// tsx's ESM loader, resolved from this repository (the same tsx `npx tsx` would run).
const tsxLoader = import.meta.resolve('tsx');

let current;
let interrupted = false;
// Ctrl-C reaches the whole foreground process group: the scenario cleans up (children,
// database) and exits; the runner only stops starting new ones. SIGTERM is passed on.
process.on('SIGINT', () => {
  interrupted = true;
});
process.on('SIGTERM', () => {
  interrupted = true;
  current?.kill('SIGTERM');
});

const failed = [];
for (const scenario of scenarios) {
  if (interrupted) break;
  process.stdout.write(`\n=== bench ${scenario}${flags.length > 0 ? ` (${flags.join(' ')})` : ''} ===\n`);
  const code = await new Promise((resolve) => {
    current = spawn(process.execPath, ['--import', tsxLoader, path.join(benchDir, `${scenario}.ts`), ...flags], {
      cwd: root,
      stdio: 'inherit',
    });
    current.on('exit', (status, signal) => resolve(status ?? (signal ? 128 : 1)));
    current.on('error', (error) => {
      process.stderr.write(`bench: could not start ${scenario}: ${error.message}\n`);
      resolve(1);
    });
  });
  current = undefined;
  if (code !== 0) failed.push(`${scenario} (exit ${code})`);
}

if (interrupted) {
  process.stderr.write('\nbench: interrupted\n');
  process.exit(130);
}
if (failed.length > 0) {
  process.stderr.write(`\nbench: failed: ${failed.join(', ')}\n`);
  process.exit(1);
}
