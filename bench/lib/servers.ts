import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { BenchFailure, onCleanup, trackChild, untrackChild } from './lifecycle';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The local tsx loader: `node --import <tsx>` is `tsx` in one process, so the pid is the server's. */
const tsxLoader = import.meta.resolve('tsx');

/**
 * Only these variables pass from the shell to a server under test: an exported DATABASE_URL,
 * REDIS_URL, SMTP_URL… must not change what is measured.
 */
const PASSED_THROUGH = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'LC_ALL', 'TZ'];

export function baseEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of PASSED_THROUGH) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}

/** A free TCP port on 127.0.0.1 (asked from the kernel, then released for the child). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface MemorySample {
  /** Resident set size now (VmRSS), MB. */
  rssMb: number;
  /** Peak resident set size since start (VmHWM), MB. */
  peakRssMb: number;
}

export interface ServerProcess {
  name: string;
  pid: number;
  /** Base URL read back from the `listening on http://…` line. */
  url: string;
  memory(): MemorySample;
  /** Lines the server wrote since it started (last 200). */
  logTail(): string[];
  /** Fails when the process has exited since it started listening. */
  assertAlive(): void;
  stop(): Promise<void>;
}

export interface StartOptions {
  name: string;
  /** Entry module, relative to the repository root. */
  entry: string;
  env: Record<string, string>;
  /** Directory for a V8 CPU profile (written when the process exits). */
  cpuProfDir?: string | undefined;
  startTimeoutMs?: number;
}

const LISTENING = /^listening on (https?:\/\/\S+)/;

function readMemory(pid: number): MemorySample {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kib('VmRSS') / 1024, peakRssMb: kib('VmHWM') / 1024 };
}

/** Starts `node --import tsx <entry>` and waits for its `listening on http://…` line. */
export async function startServer(options: StartOptions): Promise<ServerProcess> {
  const nodeArgs = ['--import', tsxLoader];
  if (options.cpuProfDir) nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`, `--cpu-prof-name=${options.name}.cpuprofile`);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, path.join(repoRoot, options.entry)], {
    cwd: repoRoot,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new BenchFailure(`${options.name}: could not spawn ${options.entry}`);
  trackChild(pid);

  const tail: string[] = [];
  let exited: string | undefined;
  const exitedPromise = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exited = signal ? `signal ${signal}` : `exit code ${code}`;
      untrackChild(pid);
      resolve();
    });
  });

  // Both pipes are always drained: a full pipe would stall the server mid-measurement.
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new BenchFailure(`${options.name} did not start within ${(options.startTimeoutMs ?? 60_000) / 1000} s:\n${tail.join('\n')}`)),
      options.startTimeoutMs ?? 60_000,
    );
    const collect = (stream: NodeJS.ReadableStream, isStdout: boolean) =>
      createInterface({ input: stream }).on('line', (line) => {
        tail.push(line);
        if (tail.length > 200) tail.shift();
        const match = isStdout ? LISTENING.exec(line) : null;
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    collect(child.stdout!, true);
    collect(child.stderr!, false);
    void exitedPromise.then(() => {
      clearTimeout(timer);
      reject(new BenchFailure(`${options.name} exited (${exited}) before listening:\n${tail.join('\n')}`));
    });
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await exitedPromise;
    throw error;
  });

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (exited) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exitedPromise;
      clearTimeout(killer);
    })();
    return stopping;
  };
  onCleanup(`stop ${options.name}`, stop);

  return {
    name: options.name,
    pid,
    url,
    memory: () => readMemory(pid),
    logTail: () => [...tail],
    assertAlive() {
      if (exited) throw new BenchFailure(`${options.name} exited (${exited}) during the run:\n${tail.slice(-30).join('\n')}`);
    },
    stop,
  };
}
