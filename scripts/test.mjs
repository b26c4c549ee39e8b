// `npm test`: typecheck → lint → vitest on PGlite → vitest on PostgreSQL (when one is reachable) →
// e2e in Chromium (when it is installed), stopping at the first failure. The database phases run the
// vitest project `api`, the e2e phase the project `e2e` (see vitest.config.ts), once.
// Extra arguments (`npm test -- path/to/file`) go to every vitest phase; a phase none of whose
// files match is passed over. The last line is the summary over all phases: `N passed, N failed, N skipped`.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const vitestArgs = process.argv.slice(2);
const inCi = Boolean(process.env.CI) && !['0', 'false'].includes(process.env.CI.toLowerCase());
const DEFAULT_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';
const CHROMIUM = '/usr/bin/chromium'; // Debian's package; playwright-core drives it (apps/web/e2e/support/browser.ts)
const totals = { passed: 0, failed: 0, skipped: 0 };

let child;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
    else finish(128 + constants.signals[signal]);
  });
}

function run(command, args, env = process.env) {
  return new Promise((resolve) => {
    child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
    child.on('error', (error) => {
      process.stderr.write(`could not run ${command}: ${error.message}\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? 128 + (constants.signals[signal] ?? 0)));
  });
}

const heading = (text) => process.stdout.write(`\n━━ ${text}\n`);

function finish(code) {
  const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
  process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed${skipped}\n`);
  process.exit(code);
}

/** A check that is not a test runner (typecheck, lint): a failure counts as one failed test. */
async function check(name, command, args) {
  heading(name);
  const code = await run(command, args);
  if (code !== 0) {
    totals.failed += 1;
    process.stderr.write(`\n✗ ${name} failed (exit ${code})\n`);
    finish(code);
  }
}

/** One vitest run of one project; its JSON report is added to the totals. */
async function vitest(phase, project, env) {
  heading(`vitest (${phase})`);
  const report = path.join(root, 'test-results', `${phase}.json`);
  rmSync(report, { force: true });
  // With a file filter, the phases whose project has no matching file pass without running anything.
  const filtered = vitestArgs.length > 0 ? ['--passWithNoTests'] : [];
  const code = await run(
    bin('vitest'),
    ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile=${report}`, ...filtered, ...vitestArgs],
    env,
  );
  let failed = 0;
  if (existsSync(report)) {
    const result = JSON.parse(readFileSync(report, 'utf8'));
    // A file that failed to load or run has no failed test of its own: count it as one.
    const brokenFiles = result.testResults.filter(
      (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
    ).length;
    totals.passed += result.numPassedTests;
    totals.skipped += result.numPendingTests + result.numTodoTests;
    failed = result.numFailedTests + brokenFiles;
  }
  if (code !== 0 && failed === 0) failed = 1;
  totals.failed += failed;
  if (code !== 0) {
    process.stderr.write(`\n✗ vitest (${phase}) failed (exit ${code})\n`);
    finish(code);
  }
}

/** Connects and runs `select 1` within 3 s; returns undefined when it works, else the reason. */
async function postgresProblem(url) {
  const pg = createRequire(path.join(root, 'apps/api/package.json'))('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000, query_timeout: 3000 });
  client.on('error', () => undefined);
  const timeout = new Promise((resolve) => setTimeout(resolve, 3500, 'no answer within 3 s').unref());
  const probe = (async () => {
    await client.connect();
    await client.query('select 1');
  })().then(
    () => undefined,
    (error) => error.message || error.code || String(error),
  );
  const problem = await Promise.race([probe, timeout]);
  await client.end().catch(() => undefined);
  return problem;
}

const withoutTestDatabase = { ...process.env };
delete withoutTestDatabase.TEST_DATABASE_URL;

const npmCli = process.env.npm_execpath;
await check('typecheck', npmCli ? process.execPath : 'npm', [...(npmCli ? [npmCli] : []), 'run', 'typecheck']);
await check('lint', bin('eslint'), ['.', '--max-warnings', '0']);
await vitest('pglite', 'api', withoutTestDatabase);

const givenUrl = process.env.TEST_DATABASE_URL;
const postgresUrl = givenUrl || DEFAULT_POSTGRES;
const shownUrl = postgresUrl.replace(/\/\/[^@/]*@/, '//…@');
const problem = await postgresProblem(postgresUrl);
if (problem === undefined) {
  await vitest('postgres', 'api', { ...process.env, TEST_DATABASE_URL: postgresUrl });
} else if (inCi || givenUrl) {
  heading('vitest (postgres)');
  process.stderr.write(
    `✗ PostgreSQL is not reachable at ${shownUrl}: ${problem}\n` +
      (inCi ? '  CI must run the suite on real PostgreSQL (see .ci/run).\n' : '  Unset TEST_DATABASE_URL or fix it.\n'),
  );
  totals.failed += 1;
  finish(1);
} else {
  heading('vitest (postgres)');
  process.stdout.write(
    `– skipped: PostgreSQL is not reachable at ${shownUrl} (${problem}). ` +
      'Set TEST_DATABASE_URL to run the suite on PostgreSQL too.\n',
  );
}

// e2e: Chromium (playwright-core + Debian's /usr/bin/chromium) against one server that the project's
// global setup builds and starts (apps/web/e2e/global-setup.ts). CI installs Chromium (.ci/run).
if (existsSync(CHROMIUM)) {
  await vitest('e2e', 'e2e', process.env);
} else if (inCi) {
  heading('vitest (e2e)');
  process.stderr.write(`✗ Chromium is not installed at ${CHROMIUM}.\n  CI must run the e2e tests (see .ci/run).\n`);
  totals.failed += 1;
  finish(1);
} else {
  heading('vitest (e2e)');
  process.stdout.write(
    `– skipped: Chromium is not installed at ${CHROMIUM}. ` +
      'Install it (apt-get install -y chromium fonts-noto-cjk) to run the browser tests too.\n',
  );
}

if (vitestArgs.length > 0 && totals.passed + totals.failed + totals.skipped === 0) {
  process.stderr.write(`\n✗ no test ran for ${vitestArgs.join(' ')}\n`);
  totals.failed += 1;
  finish(1);
}

finish(0);
