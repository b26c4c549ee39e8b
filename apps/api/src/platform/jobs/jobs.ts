import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'drizzle-orm';
import { fromDrizzle, fromPglite, PgBoss, type Job } from 'pg-boss';
import type { DatabaseHandle, Executor } from '../db';

/** Everything about one kind of job, in one place: its queue, its retries, its handler. */
export interface JobDefinition<Data extends object> {
  /** Queue name, `<module>.<what>`, e.g. `media.transcode`. */
  name: string;
  handler: (data: Data, job: Job<Data>) => Promise<void>;
  /** Attempts after the first before the job is dead-lettered (default 3). */
  retryLimit?: number;
  /** First retry delay in seconds; doubles with jitter each attempt (default 10). */
  retryDelaySeconds?: number;
  /** Longest wait between retries, in seconds (default 1 hour). */
  retryDelayMaxSeconds?: number;
  /** How long one run may take before it counts as failed (default 15 minutes). */
  expireInSeconds?: number;
  /** Runs at once in this process (default 1). */
  concurrency?: number;
  /** Cron schedule (5 fields, Asia/Seoul time): the job is also enqueued on that schedule with `data`. */
  schedule?: { cron: string; data: Data };
}

export function defineJob<Data extends object>(definition: JobDefinition<Data>): JobDefinition<Data> {
  return definition;
}

export interface EnqueueOptions {
  /** Not before this time. */
  startAfter?: Date;
}

export interface DeadLetter {
  queue: string;
  id: string;
  data: unknown;
  deadSince: Date;
}

const TIME_ZONE = 'Asia/Seoul';
const deadLetterQueue = (name: string) => `${name}.dead`;

/**
 * Background jobs on pg-boss in the application's own database (PostgreSQL, or PGlite in one
 * process). A job is enqueued inside the business transaction, so it exists exactly when the
 * change that asks for it committed. Failed runs retry with exponential back-off; a job that
 * runs out of attempts moves to its queue's dead-letter queue (`<name>.dead`) for an operator.
 */
export class Jobs {
  private bossInstance: PgBoss | undefined;
  private readonly definitions = new Map<string, JobDefinition<object>>();
  private started: Promise<void> | undefined;
  private working = false;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Call once per job kind, before `start`. */
  register<Data extends object>(definition: JobDefinition<Data>) {
    if (this.definitions.has(definition.name)) throw new Error(`job ${definition.name} is defined twice`);
    this.definitions.set(definition.name, definition as unknown as JobDefinition<object>);
  }

  /**
   * Installs pg-boss's schema when needed and creates every queue; call it once, before the
   * first `enqueue` (on PGlite a start inside an open transaction would wait for itself). With
   * `work`, this process also runs the handlers, the schedules and pg-boss's maintenance (API
   * servers do; tests run jobs by hand with `runDue`).
   */
  start(options: { work: boolean }): Promise<void> {
    this.started ??= this.startOnce(options.work);
    return this.started;
  }

  private get boss(): PgBoss {
    if (!this.bossInstance) throw new Error('jobs are not started: call jobs.start() first');
    return this.bossInstance;
  }

  private async startOnce(work: boolean) {
    const connection = this.database.jobsConnection();
    const role = { schema: 'pgboss', supervise: work, schedule: work };
    const boss =
      'connectionString' in connection
        ? new PgBoss({ ...role, connectionString: connection.connectionString, max: work ? 4 : 2 })
        : new PgBoss({ ...role, db: fromPglite(connection.pglite), backend: 'pglite' });
    boss.on('error', (error: Error) => this.log.error({ err: error }, 'jobs: pg-boss error'));
    this.bossInstance = boss;
    await boss.start();
    for (const definition of this.definitions.values()) {
      await this.boss.createQueue(deadLetterQueue(definition.name));
      await this.boss.createQueue(definition.name, {
        retryLimit: definition.retryLimit ?? 3,
        retryDelay: definition.retryDelaySeconds ?? 10,
        retryBackoff: true,
        retryDelayMax: definition.retryDelayMaxSeconds ?? 3600,
        expireInSeconds: definition.expireInSeconds ?? 900,
        deadLetter: deadLetterQueue(definition.name),
      });
    }
    if (!work) return;
    this.working = true;
    for (const definition of this.definitions.values()) {
      await this.boss.work<object>(
        definition.name,
        { localConcurrency: definition.concurrency ?? 1, batchSize: 1, pollingIntervalSeconds: 2 },
        async ([job]) => {
          if (job) await this.run(definition, job);
        },
      );
      if (definition.schedule) {
        await this.boss.schedule(definition.name, definition.schedule.cron, definition.schedule.data, { tz: TIME_ZONE });
      }
    }
  }

  /** Enqueues inside the caller's transaction (or on the database directly). */
  async enqueue<Data extends object>(executor: Executor, definition: JobDefinition<Data>, data: Data, options: EnqueueOptions = {}) {
    this.assertRegistered(definition);
    return this.boss.send(definition.name, data, {
      db: fromDrizzle(executor, sql),
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
    });
  }

  /**
   * Runs every job of this kind that is due now, here, one by one, and reports how many ran and
   * failed. For tests and operators (`npm run admin`); servers run jobs through `start({ work })`.
   */
  async runDue<Data extends object>(definition: JobDefinition<Data>): Promise<{ ran: number; failed: number }> {
    this.assertRegistered(definition);
    let ran = 0;
    let failed = 0;
    for (;;) {
      const [job] = await this.boss.fetch<Data>(definition.name, { batchSize: 1 });
      if (!job) return { ran, failed };
      ran += 1;
      try {
        await definition.handler(job.data, job);
        await this.boss.complete(definition.name, job.id);
      } catch (error) {
        failed += 1;
        await this.boss.fail(definition.name, job.id, errorOutput(error));
      }
    }
  }

  async deadLetters(limit = 100): Promise<DeadLetter[]> {
    const letters: DeadLetter[] = [];
    for (const name of this.definitions.keys()) {
      const jobs = await this.boss.findJobs(deadLetterQueue(name), { limit });
      for (const job of jobs) letters.push({ queue: name, id: job.id, data: job.data, deadSince: job.createdOn });
    }
    return letters.sort((a, b) => b.deadSince.getTime() - a.deadSince.getTime()).slice(0, limit);
  }

  async schedules(): Promise<{ name: string; cron: string; timezone: string }[]> {
    return (await this.boss.getSchedules()).map((schedule) => ({
      name: schedule.name,
      cron: schedule.cron,
      timezone: schedule.timezone,
    }));
  }

  /** Stops taking jobs, lets running handlers finish (up to `timeoutMs`), then closes. */
  async stop(timeoutMs = 10_000) {
    if (!this.started) return;
    await this.started.catch(() => undefined);
    await this.boss.stop({ graceful: this.working, timeout: timeoutMs, close: true });
  }

  private async run(definition: JobDefinition<object>, job: Job<object>) {
    try {
      await definition.handler(job.data, job);
    } catch (error) {
      this.log.warn({ job: definition.name, jobId: job.id, retry: job.retryCount, err: error }, 'job failed');
      throw error;
    }
  }

  private assertRegistered(definition: { name: string }) {
    if (this.definitions.get(definition.name) !== definition) {
      throw new Error(`job ${definition.name} is not registered`);
    }
  }
}

function errorOutput(error: unknown) {
  return error instanceof Error ? { name: error.name, message: error.message } : { message: String(error) };
}
