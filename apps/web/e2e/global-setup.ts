/**
 * Global setup of the `e2e` vitest project: builds the web app when its build is stale, starts ONE
 * server for the whole run (fresh temp database, demo accounts seeded) and hands its URL to the
 * tests (`inject('e2eBaseUrl')`). Stops it and removes its data at the end.
 */
import { existsSync, rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_PATH } from './support/browser';
import { buildWebApp, RESULTS_DIR, startServer, webBuildIsStale } from './support/server';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eBaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`e2e: Chromium is not installed at ${CHROMIUM_PATH} (apt-get install -y chromium fonts-noto-cjk)`);
  }
  // Screenshots and HTML of failed tests: only this run's.
  rmSync(RESULTS_DIR, { recursive: true, force: true });
  if (webBuildIsStale()) {
    const started = Date.now();
    process.stdout.write('e2e: building the web app (apps/web/dist)…\n');
    await buildWebApp();
    process.stdout.write(`e2e: web app built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  const server = await startServer();
  process.stdout.write(`e2e: server on ${server.url} (pid ${server.pid}, DATA_DIR ${server.dataDir})\n`);
  project.provide('e2eBaseUrl', server.url);

  return async () => {
    const died = server.exitStatus();
    if (died)
      process.stderr.write(
        `e2e: the server died during the run (${died}). Its last output:\n${server.logTail().slice(-40).join('\n')}\n`,
      );
    await server.stop();
  };
}
