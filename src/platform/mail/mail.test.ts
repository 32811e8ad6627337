import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp, type TestSmtp } from '../../../test/helpers/smtp.js';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { inTransaction } from '../context.js';
import { enqueueMail } from './mail.service.js';

describe('mail outbox', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ smtpUrl: smtp.url });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('delivers every mail exactly once after the SMTP server was down', async () => {
    await smtp.stop();
    for (let i = 0; i < 5; i++) {
      await enqueueMail(t.ctx, {
        to: `c${i}@example.de`,
        subject: `Hallo ${i}`,
        text: `Text ${i}`,
        purpose: 'test',
      });
    }
    await t.drainJobs();
    const failed = await t.ctx.db
      .selectFrom('jobs')
      .select(['attempts', 'last_error', 'status'])
      .where('type', '=', 'mail.send')
      .execute();
    expect(failed.every((j) => j.status === 'pending' && j.attempts === 1 && j.last_error)).toBe(true);
    await smtp.start();
    // Backoff: nothing is retried before its time has come.
    expect(await t.drainJobs()).toBe(0);
    t.clock.advance(60_000);
    await t.drainJobs();
    t.clock.advance(60_000);
    await t.drainJobs();
    const received = await smtp.waitFor(5);
    expect(received.map((m) => m.subject).sort()).toEqual([
      'Hallo 0',
      'Hallo 1',
      'Hallo 2',
      'Hallo 3',
      'Hallo 4',
    ]);
    expect(new Set(received.map((m) => m.messageId)).size).toBe(5);
    t.clock.advance(3_600_000);
    await t.drainJobs();
    expect(smtp.messages).toHaveLength(5);
  });

  it('sends nothing when the transaction that wrote the mail rolls back', async () => {
    const before = smtp.messages.length;
    await expect(
      inTransaction(t.ctx, async (tx) => {
        await enqueueMail(tx, { to: 'rollback@example.de', subject: 'Never', text: 'x', purpose: 'test' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await t.drainJobs();
    expect(smtp.messages.length).toBe(before);
  });

  it('sends the HTML part, the text part and attachments', async () => {
    await enqueueMail(t.ctx, {
      to: 'rich@example.de',
      subject: 'Rich',
      text: 'plain',
      html: '<p>html</p>',
      purpose: 'test',
      attachments: [
        { filename: 'a.txt', contentType: 'text/plain', contentBase64: Buffer.from('hi').toString('base64') },
      ],
    });
    await t.drainJobs();
    const m = (await smtp.waitFor(smtp.messages.length)).find((x) => x.subject === 'Rich')!;
    expect(m.text?.trim()).toBe('plain');
    expect(m.html).toContain('<p>html</p>');
    expect(m.attachments[0].content.toString()).toBe('hi');
  });
});
