import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database';
import { defineJob, Jobs } from './jobs';

const silent = pino({ level: 'silent' });

let database: TestDatabase;
let jobs: Jobs;
const handled: string[] = [];
let failuresLeft = 0;

const greet = defineJob<{ to: string }>({
  name: 'test.greet',
  handler: async ({ to }) => {
    handled.push(to);
  },
});
const flaky = defineJob<{ id: string }>({
  name: 'test.flaky',
  retryLimit: 1,
  retryDelaySeconds: 1,
  handler: async ({ id }) => {
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      throw new Error(`refused ${id}`);
    }
    handled.push(id);
  },
});
const nightly = defineJob<{ kind: string }>({
  name: 'test.nightly',
  schedule: { cron: '0 4 * * *', data: { kind: 'cleanup' } },
  handler: async () => undefined,
});

beforeAll(async () => {
  database = await createTestDatabase();
  jobs = new Jobs(database.handle, silent);
  for (const definition of [greet, flaky, nightly]) jobs.register(definition as never);
  await jobs.start({ work: false });
});
afterAll(async () => {
  await jobs.stop();
  await database.drop();
});

describe('jobs', () => {
  it('exists only if the transaction that enqueued it committed', async () => {
    handled.length = 0;
    await database.handle.db
      .transaction(async (tx) => {
        await jobs.enqueue(tx, greet, { to: 'rolled-back' });
        throw new Error('business rule failed');
      })
      .catch(() => undefined);
    await database.handle.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      await jobs.enqueue(tx, greet, { to: 'committed' });
    });
    expect(await jobs.runDue(greet)).toEqual({ ran: 1, failed: 0 });
    expect(handled).toEqual(['committed']);
    expect(await jobs.runDue(greet)).toEqual({ ran: 0, failed: 0 });
  });

  it('retries a failed run after a back-off, then dead-letters it when attempts run out', async () => {
    handled.length = 0;
    failuresLeft = 1;
    await jobs.enqueue(database.handle.db, flaky, { id: 'recovers' });
    expect(await jobs.runDue(flaky)).toEqual({ ran: 1, failed: 1 });
    // Not due again at once: the retry waits.
    expect(await jobs.runDue(flaky)).toEqual({ ran: 0, failed: 0 });
    await expect.poll(async () => (await jobs.runDue(flaky)).ran, { timeout: 8000, interval: 300 }).toBe(1);
    expect(handled).toEqual(['recovers']);

    failuresLeft = 2;
    await jobs.enqueue(database.handle.db, flaky, { id: 'gives-up' });
    expect((await jobs.runDue(flaky)).failed).toBe(1);
    await expect.poll(async () => (await jobs.runDue(flaky)).failed, { timeout: 8000, interval: 300 }).toBe(1);
    const letters = await jobs.deadLetters();
    expect(letters).toEqual([expect.objectContaining({ queue: 'test.flaky', data: { id: 'gives-up' } })]);
    expect(handled).toEqual(['recovers']);
  });

  it('waits for startAfter', async () => {
    handled.length = 0;
    await jobs.enqueue(database.handle.db, greet, { to: 'later' }, { startAfter: new Date(Date.now() + 1500) });
    expect(await jobs.runDue(greet)).toEqual({ ran: 0, failed: 0 });
    await expect.poll(async () => (await jobs.runDue(greet)).ran, { timeout: 6000, interval: 300 }).toBe(1);
    expect(handled).toEqual(['later']);
  });

  it('refuses a job kind nobody registered, and any job before start', async () => {
    const stray = defineJob<{ x: number }>({ name: 'test.stray', handler: async () => undefined });
    await expect(jobs.enqueue(database.handle.db, stray, { x: 1 })).rejects.toThrow('not registered');
    const unstarted = new Jobs(database.handle, silent);
    unstarted.register(greet);
    await expect(unstarted.enqueue(database.handle.db, greet, { to: 'x' })).rejects.toThrow('not started');
  });
});

describe('workers', () => {
  it('run enqueued jobs in the background, keep schedules in Seoul time, and finish a running job on stop', async () => {
    const workerDatabase = await createTestDatabase();
    const worker = new Jobs(workerDatabase.handle, silent);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const done: string[] = [];
    const slow = defineJob<{ id: string }>({
      name: 'test.slow',
      handler: async ({ id }) => {
        await gate;
        done.push(id);
      },
    });
    worker.register(slow);
    worker.register(nightly);
    try {
      await worker.start({ work: true });
      expect(await worker.schedules()).toEqual([{ name: 'test.nightly', cron: '0 4 * * *', timezone: 'Asia/Seoul' }]);
      await worker.enqueue(workerDatabase.handle.db, slow, { id: 'a' });
      // Wait until a worker has picked it up, then stop while it runs.
      await expect
        .poll(async () => {
          const rows = await workerDatabase.handle.db.execute<{ state: string }>(
            sql`select state from pgboss.job where name = 'test.slow'`,
          );
          return rows.rows[0]?.state;
        }, { timeout: 10_000, interval: 200 })
        .toBe('active');
      const stopping = worker.stop(5000);
      setTimeout(release, 300);
      await stopping;
      expect(done).toEqual(['a']);
    } finally {
      release();
      await worker.stop();
      await workerDatabase.drop();
    }
  });
});
