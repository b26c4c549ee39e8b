/**
 * The server the e2e suite runs against: the real API (apps/api/src/main.ts under tsx) serving the
 * built web app, on a free port, with its own fresh embedded database in a temp DATA_DIR.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
/** Screenshots and HTML of failed tests (cleared at the start of every e2e run). */
export const RESULTS_DIR = path.join(repoRoot, 'test-results', 'e2e');
const webIndex = path.join(repoRoot, 'apps/web/dist/index.html');
/** Everything the web build is made from (scripts/start.mjs checks the same, plus public/). */
const WEB_SOURCES = [
  'apps/web/src',
  'apps/web/public',
  'apps/web/index.html',
  'apps/web/vite.config.ts',
  'packages/contracts/src',
];
/**
 * Only these variables pass from the shell to the server: an exported DATABASE_URL, REDIS_URL,
 * SMTP_URL… must not change what the browser tests see.
 */
const PASSED_THROUGH = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'LC_ALL', 'TZ'];
const LISTENING = /^listening on (https?:\/\/\S+)/;

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

export function webBuildIsStale(): boolean {
  if (!existsSync(webIndex)) return true;
  const built = statSync(webIndex).mtimeMs;
  return WEB_SOURCES.some((source) => newestMtime(path.join(repoRoot, source)) > built);
}

/** Collects a child's output lines (last `keep`), calling `onLine` for each; both pipes are always drained. */
function collectOutput(child: ChildProcess, keep: number, onLine?: (line: string, isStdout: boolean) => void) {
  const tail: string[] = [];
  const collect = (stream: NodeJS.ReadableStream | null, isStdout: boolean) => {
    if (!stream) return;
    createInterface({ input: stream }).on('line', (line) => {
      tail.push(line);
      if (tail.length > keep) tail.shift();
      onLine?.(line, isStdout);
    });
  };
  collect(child.stdout, true);
  collect(child.stderr, false);
  return tail;
}

/** `vite build` of apps/web into apps/web/dist; throws with vite's output when it fails. */
export async function buildWebApp(): Promise<void> {
  const vite = path.join(repoRoot, 'node_modules', '.bin', 'vite');
  const child = spawn(vite, ['build', '--logLevel', 'warn'], {
    cwd: path.join(repoRoot, 'apps/web'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collectOutput(child, Infinity);
  const code = await new Promise<number>((resolve) => {
    child.on('error', () => resolve(1));
    child.on('exit', (status) => resolve(status ?? 1));
  });
  if (code !== 0) {
    // The first errors say the most; a long tail is cut.
    const shown = output.slice(0, 80).join('\n');
    throw new Error(
      `e2e: the web build (vite build in apps/web) failed (exit ${code}):\n${shown}${output.length > 80 ? `\n… (${output.length - 80} more lines)` : ''}`,
    );
  }
}

export interface E2eServer {
  url: string;
  pid: number;
  dataDir: string;
  /** The server's last output lines (stdout and stderr). */
  logTail(): string[];
  /** How the process ended (`exit code 1`, `signal SIGKILL`), or undefined while it runs. */
  exitStatus(): string | undefined;
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** Extra environment for the server (merged over the defaults). */
  env?: Record<string, string>;
  startTimeoutMs?: number;
}

/** Starts the API with a fresh temp DATA_DIR on a free port and waits for its `listening on` line. */
export async function startServer(options: ServerOptions = {}): Promise<E2eServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dongne-e2e-'));
  const env: Record<string, string> = {};
  for (const key of PASSED_THROUGH) {
    // eslint-disable-next-line rooms/no-process-env -- test infrastructure (like scripts/ and bench/), not app code
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  Object.assign(env, {
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    SEED_DEMO: 'true',
    LOG_LEVEL: 'warn',
    JWT_SECRET: randomBytes(48).toString('base64url'),
    DATA_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    // Every test signs users up and in from 127.0.0.1: the per-client auth limit is not under test here.
    AUTH_RATE_LIMIT: '100000',
    ...options.env,
  });

  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const child = spawn(process.execPath, ['--import', tsxLoader, path.join(repoRoot, 'apps/api/src/main.ts')], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) {
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error('e2e: could not spawn the server');
  }
  // Last resort: the server never outlives the test run.
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);

  let exited: string | undefined;
  const exitedPromise = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exited = signal ? `signal ${signal}` : `exit code ${code}`;
      process.off('exit', killOnExit);
      resolve();
    });
  });

  const timeoutMs = options.startTimeoutMs ?? 90_000;
  let resolveUrl: (url: string) => void = () => undefined;
  const urlPromise = new Promise<string>((resolve) => (resolveUrl = resolve));
  const tail = collectOutput(child, 300, (line, isStdout) => {
    const match = isStdout ? LISTENING.exec(line) : null;
    if (match?.[1]) resolveUrl(match[1]);
  });

  let timer: NodeJS.Timeout | undefined;
  const url = await Promise.race([
    urlPromise,
    exitedPromise.then(() => {
      throw new Error(`e2e: the server exited (${exited}) before listening. Its output:\n${tail.join('\n')}`);
    }),
    new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(`e2e: the server did not start within ${timeoutMs / 1000} s. Its output:\n${tail.join('\n')}`),
          ),
        timeoutMs,
      );
    }),
  ]).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await exitedPromise;
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  clearTimeout(timer);

  let stopping: Promise<void> | undefined;
  return {
    url,
    pid,
    dataDir,
    logTail: () => [...tail],
    exitStatus: () => exited,
    stop() {
      stopping ??= (async () => {
        if (!exited) {
          child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
          await exitedPromise;
          clearTimeout(killer);
        }
        rmSync(dataDir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}
