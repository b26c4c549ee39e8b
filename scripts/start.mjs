// `npm start`: builds the web app when its build is missing or stale, then runs the API
// (which serves the web app) with tsx. Signals are forwarded; the exit code is the API's.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const webIndex = path.join(root, 'apps/web/dist/index.html');
/** Everything the web build is made from. */
const webSources = ['apps/web/src', 'apps/web/index.html', 'apps/web/vite.config.ts', 'packages/contracts/src'];

/** The newest modification time under a file or folder (0 when it does not exist). */
function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function webBuildIsStale() {
  if (!existsSync(webIndex)) return true;
  const built = statSync(webIndex).mtimeMs;
  return webSources.some((source) => newestMtime(path.join(root, source)) > built);
}

let child;
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
    else process.exit(128 + constants.signals[signal]);
  });
}

/** Runs a command with inherited stdio; resolves with its exit code (128 + n when a signal ended it). */
function run(command, args, options = {}) {
  return new Promise((resolve) => {
    child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    child.on('error', (error) => {
      process.stderr.write(`could not run ${command}: ${error.message}\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? 128 + (constants.signals[signal] ?? 0)));
  });
}

if (webBuildIsStale()) {
  process.stdout.write('building the web app (apps/web/dist)…\n');
  const code = await run(bin('vite'), ['build', '--logLevel', 'warn'], { cwd: path.join(root, 'apps/web') });
  if (code !== 0) {
    process.stderr.write(`web build failed (exit ${code})\n`);
    process.exit(code);
  }
}

process.exit(await run(bin('tsx'), [path.join(root, 'apps/api/src/main.ts')]));
