/**
 * `npm run bench -- auth`: login throughput (argon2-bound), GET /api/me throughput and p99,
 * and a bare Fastify route as the ceiling. Goal: GET /api/me ≥ 50 % of the ceiling.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { machineLoad } from './lib/cpu';
import { prepareDatabase } from './lib/database';
import { BenchFailure, runScenario } from './lib/lifecycle';
import { measure, OTHER_CPU_WARNING, problemsOf, type RunResult } from './lib/load';
import { benchOptions } from './lib/options';
import { formatTable, machine, writeResults } from './lib/report';
import { baseEnvironment, freePort, repoRoot, startServer, type ServerProcess } from './lib/servers';

const GOAL = 0.5;
const LOGIN_CONNECTIONS = 4; // argon2 runs on libuv's 4 threads: more connections only queue
const READ_CONNECTIONS = 50; // GET /api/me and the bare route: same settings

async function request(server: ServerProcess, method: string, url: string, init: { token?: string; body?: unknown } = {}) {
  const response = await fetch(`${server.url}${url}`, {
    method,
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : undefined) as Record<string, unknown> | undefined, text };
}

runScenario(async () => {
  const options = benchOptions();
  const startedAt = new Date();
  const host = machine();
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const cpuProfDir = options.cpuProf ? path.join(repoRoot, 'bench', 'results', 'profiles', `auth-${stamp}`) : undefined;

  const database = await prepareDatabase();
  console.log(`machine:  ${host.cpu}, ${host.cores} cores, ${host.memoryGb} GB, Node ${host.node}`);
  console.log(`database: ${database.description}`);
  if (database.kind === 'pglite') console.log('          (PGlite fallback: figures are not comparable with PostgreSQL runs)');
  const load = machineLoad();
  if (load.load1 > load.cores * 0.5) {
    console.log(`⚠ load average ${load.load1} on ${load.cores} cores: other work is running, figures will be low and noisy`);
  }
  console.log(`runs:     ${options.durationSeconds} s each after ${options.warmupSeconds} s warm-up${options.quick ? ' (--quick: checks that it runs, not speed)' : ''}`);

  const api = await startServer({
    name: 'api',
    entry: 'apps/api/src/main.ts',
    cpuProfDir,
    env: {
      ...baseEnvironment(),
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(48).toString('base64url'),
      DATA_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      DATA_DIR: database.dataDir,
      ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
      // The rate limiter is not what is measured.
      AUTH_RATE_LIMIT: '100000000',
    },
  });
  console.log(`api:      ${api.url} (pid ${api.pid}, NODE_ENV=production, default argon2 parameters)`);

  // One user, signed up the way a client does it.
  const credentials = { email: `bench-${randomBytes(4).toString('hex')}@example.com`, password: 'bench1234!' };
  const signup = await request(api, 'POST', '/api/auth/signup', { body: { ...credentials, nickname: `bench${randomBytes(3).toString('hex')}` } });
  const token = signup.json?.accessToken;
  if (signup.status !== 201 || typeof token !== 'string') throw new BenchFailure(`signup failed: ${signup.status} ${signup.text}`);
  const me = await request(api, 'GET', '/api/me', { token });
  if (me.status !== 200) throw new BenchFailure(`GET /api/me failed: ${me.status} ${me.text}`);
  const login = await request(api, 'POST', '/api/auth/login', { body: credentials });
  if (login.status !== 200) throw new BenchFailure(`login failed: ${login.status} ${login.text}`);

  const runs: RunResult[] = [];
  runs.push(
    await measure(
      { name: 'POST /api/auth/login', server: api, method: 'POST', path: '/api/auth/login', body: credentials, connections: LOGIN_CONNECTIONS },
      options,
    ),
  );
  runs.push(
    await measure(
      { name: 'GET /api/me', server: api, method: 'GET', path: '/api/me', headers: { authorization: `Bearer ${token}` }, connections: READ_CONNECTIONS },
      options,
    ),
  );
  // The API is stopped, not just idle, while the ceiling is measured.
  await api.stop();

  const bare = await startServer({
    name: 'bare',
    entry: 'bench/lib/bare-server.ts',
    cpuProfDir,
    env: { ...baseEnvironment(), NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(await freePort()) },
  });
  runs.push(await measure({ name: 'GET /bare (ceiling)', server: bare, method: 'GET', path: '/bare', connections: READ_CONNECTIONS }, options));
  await bare.stop();

  const meRun = runs[1]!;
  const ceiling = runs[2]!;
  const ratio = meRun.reqPerSec / ceiling.reqPerSec;
  const goalMet = ratio >= GOAL;
  const problems = runs.reduce((sum, run) => sum + problemsOf(run), 0);

  console.log('');
  console.log(formatTable(runs));
  console.log('');
  console.log(`GET /api/me = ${(ratio * 100).toFixed(0)}% of the bare-route ceiling (goal ≥ ${GOAL * 100}%)${goalMet ? '' : '  ← BELOW GOAL'}`);
  if (options.quick) console.log('(--quick: short runs; use the full run for figures)');
  const disturbed = runs.filter((run) => run.cpu.other >= OTHER_CPU_WARNING).map((run) => run.name);
  if (disturbed.length > 0) console.log(`⚠ other processes competed for the CPU during: ${disturbed.join(', ')} — rerun on an idle machine`);

  const file = writeResults('auth', startedAt, {
    scenario: 'auth',
    startedAt: startedAt.toISOString(),
    quick: options.quick,
    durationSeconds: options.durationSeconds,
    warmupSeconds: options.warmupSeconds,
    machine: host,
    database: { kind: database.kind, description: database.description },
    runs,
    meVsCeiling: { ratio, goal: GOAL, goalMet },
    loadAverageAtStart: load.load1,
    disturbedRuns: disturbed,
    ...(cpuProfDir ? { cpuProfiles: path.relative(repoRoot, cpuProfDir) } : {}),
  });
  console.log(`results:  ${file}`);
  if (cpuProfDir) console.log(`profiles: ${path.relative(repoRoot, cpuProfDir)}`);

  if (problems > 0) {
    console.error(`\nbench auth: ${problems} errors/non-2xx responses in the measured runs`);
    return 1;
  }
  return 0;
});
