import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../../testing/test-app';
import { mailOutbox } from './mail.tables';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP peer on a free local port; every message it accepts lands in `inbox`. */
async function startSmtp(options: { failFirst?: number } = {}) {
  const inbox: Received[] = [];
  let toFail = options.failFirst ?? 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (toFail > 0) {
          toFail--;
          callback(Object.assign(new Error('mailbox busy'), { responseCode: 451 }));
          return;
        }
        inbox.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { inbox, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('mail over SMTP', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let t: TestApp;
  beforeAll(async () => {
    smtp = await startSmtp({ failFirst: 1 });
    t = await createTestApp({ env: { SMTP_URL: smtp.url, MAIL_FROM: '동네 <no-reply@dongne.test>' } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('delivers the verification mail, retrying after a temporary failure, exactly once', async () => {
    const user = await createUser(t.app);
    await t.app.platform.mailer.dispatch(); // first attempt: 451 from the server
    const [afterFailure] = await t.database.handle.db.select().from(mailOutbox).where(eq(mailOutbox.recipient, user.user.email!));
    expect(afterFailure).toMatchObject({ status: 'pending', attempts: 1 });
    expect(afterFailure?.lastError).toContain('mailbox busy');

    // Make the retry due now, then deliver; concurrent dispatchers must not send it twice.
    await t.database.handle.db.update(mailOutbox).set({ nextAttemptAt: new Date(0) }).where(eq(mailOutbox.id, afterFailure!.id));
    await Promise.all([t.app.platform.mailer.dispatch(), t.app.platform.mailer.dispatch()]);

    const delivered = smtp.inbox.filter((mail) => mail.to.includes(user.user.email!));
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.from).toBe('no-reply@dongne.test');
    expect(delivered[0]!.raw).toMatch(/verify-email\?token=/);
    const [row] = await t.database.handle.db.select().from(mailOutbox).where(eq(mailOutbox.id, afterFailure!.id));
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
