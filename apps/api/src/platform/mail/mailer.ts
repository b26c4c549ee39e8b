import type { FastifyBaseLogger } from 'fastify';
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Clock } from '../clock';
import type { Database, Executor } from '../db';
import { newId } from '../ids';
import { mailOutbox } from './mail.tables';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** A stable name for the kind of mail (password_reset, email_verification, ...). */
  template: string;
}

export interface MailerOptions {
  db: Database;
  clock: Clock;
  log: FastifyBaseLogger;
  smtpUrl: string | undefined;
  from: string;
  /** Development without SMTP: print the whole mail so reset links can be followed. */
  logBodies: boolean;
}

const MAX_ATTEMPTS = 8;
const BATCH = 20;
const LEASE_MS = 5 * 60_000;

export const maskEmail = (email: string) => email.replace(/^(.).*(@.*)$/, '$1***$2');

/**
 * Transactional outbox for e-mail: `enqueue` writes inside the caller's transaction, so a mail
 * exists exactly when the change that caused it committed; `dispatch` delivers pending mail
 * through SMTP, or without SMTP marks it `logged` (the outbox table is then the mailbox).
 */
export class Mailer {
  private readonly transport: Transporter | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: MailerOptions) {
    this.transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : undefined;
  }

  async enqueue(executor: Executor, message: MailMessage): Promise<string> {
    const id = newId();
    await executor.insert(mailOutbox).values({
      id,
      recipient: message.to,
      subject: message.subject,
      textBody: message.text,
      htmlBody: message.html ?? null,
      template: message.template,
      nextAttemptAt: this.options.clock.now(),
    });
    return id;
  }

  /** Ask for delivery soon (after the enqueuing transaction committed). */
  kick() {
    setImmediate(() => void this.dispatch());
  }

  start(intervalMs = 5_000) {
    this.timer = setInterval(() => void this.dispatch(), intervalMs);
    this.timer.unref();
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    await this.running;
    this.transport?.close();
  }

  /** Delivers due mail; concurrent calls (and other processes) never send one mail twice. */
  async dispatch(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.deliverDue().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async deliverDue() {
    for (;;) {
      const claimed = await this.claimDue();
      for (const mail of claimed) await this.deliverOne(mail);
      if (claimed.length < BATCH) return;
    }
  }

  /**
   * Takes a lease on due mail (pushes its next attempt 5 minutes out) so no transaction stays
   * open while SMTP talks; a process that dies mid-send leaves the mail to be retried.
   */
  private async claimDue() {
    const { db, clock } = this.options;
    const due = db
      .select({ id: mailOutbox.id })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.status, 'pending'), lte(mailOutbox.nextAttemptAt, clock.now())))
      .orderBy(asc(mailOutbox.nextAttemptAt))
      .limit(BATCH)
      .for('update', { skipLocked: true });
    return db
      .update(mailOutbox)
      .set({ nextAttemptAt: new Date(clock.now().getTime() + LEASE_MS) })
      .where(inArray(mailOutbox.id, due))
      .returning();
  }

  private async deliverOne(mail: typeof mailOutbox.$inferSelect) {
    const { db, clock, log } = this.options;
    const attempts = mail.attempts + 1;
    try {
      await this.deliver(mail);
      await db
        .update(mailOutbox)
        .set({ status: this.transport ? 'sent' : 'logged', sentAt: clock.now(), attempts })
        .where(eq(mailOutbox.id, mail.id));
    } catch (error) {
      const backoffMs = Math.min(2 ** attempts * 1000, 3_600_000);
      log.warn({ mailId: mail.id, attempts, err: error }, 'mail delivery failed');
      await db
        .update(mailOutbox)
        .set({
          attempts,
          lastError: String((error as Error).message).slice(0, 500),
          status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
          nextAttemptAt: new Date(clock.now().getTime() + backoffMs),
        })
        .where(eq(mailOutbox.id, mail.id));
    }
  }

  private async deliver(mail: typeof mailOutbox.$inferSelect) {
    if (this.transport) {
      await this.transport.sendMail({
        from: this.options.from,
        to: mail.recipient,
        subject: mail.subject,
        text: mail.textBody,
        ...(mail.htmlBody ? { html: mail.htmlBody } : {}),
        headers: { 'X-Dongne-Mail-Id': mail.id },
      });
      return;
    }
    const summary = { mailId: mail.id, to: maskEmail(mail.recipient), template: mail.template, subject: mail.subject };
    if (this.options.logBodies) this.options.log.info({ ...summary, body: mail.textBody }, 'mail (no SMTP configured)');
    else this.options.log.info(summary, 'mail kept in outbox (no SMTP configured)');
  }
}
