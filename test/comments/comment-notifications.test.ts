import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { CommentFormValues } from '../../src/comments/comment.js';
import { commentMailer } from '../../src/comments/comment-jobs.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { buildWorld, type CommentWorld, useSettings } from './comment-fixtures.js';
import { type SmtpTestServer, startSmtpTestServer } from './smtp-test-server.js';

let n = 0;
function values(overrides: Partial<CommentFormValues> = {}): CommentFormValues {
  n += 1;
  return {
    comment: `Comment number ${n} on the harbour.`,
    author: `Reader ${n}`,
    email: `reader${n}@readers.test`,
    url: '',
    parentId: null,
    notifyReplies: false,
    saveCommenter: false,
    ...overrides,
  };
}

describe('comment notifications through a real SMTP server', () => {
  let smtp: SmtpTestServer;
  let t: TestApp;
  let world: CommentWorld;

  async function post(overrides: Partial<CommentFormValues> = {}) {
    const { comment } = await t.ctx.services.comments.postComment(world.article.id, values(overrides), {
      ip: '198.51.100.3',
      userAgent: 'test',
      honeypot: '',
      elapsedMs: 60_000,
      replayKey: null,
    });
    return comment;
  }

  /** Runs the outbox and returns the mail it sent. */
  async function delivered() {
    const before = smtp.messages.length;
    await t.ctx.jobs.drain();
    return smtp.messages.slice(before);
  }

  before(async () => {
    smtp = await startSmtpTestServer();
    t = await buildTestApp({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'Courier <news@courier.test>' } });
    world = await buildWorld(t.ctx);
    await t.ctx.jobs.drain();
  });
  beforeEach(async () => {
    await useSettings(t.ctx, { commentPolicy: 'approve-all' });
    await t.ctx.jobs.drain();
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  test("the article's author hears of a new published comment; moderators do not", async () => {
    const comment = await post({ comment: 'The *railings* are lovely.' });
    const mail = await delivered();
    assert.equal(mail.length, 1);
    assert.deepEqual(mail[0]!.to, [world.author.email]);
    assert.equal(mail[0]!.subject, `[Broadsheet] New comment on “${world.article.headline}”`);
    assert.match(mail[0]!.text, /> The railings are lovely\./);
    assert.match(mail[0]!.text, new RegExp(`/${world.article.slug}/#comment-${comment.id}`));
    assert.ok(
      !mail[0]!.text.includes(comment.authorEmail),
      "the author's copy does not carry the reader's address",
    );
  });

  test('moderators hear of a held comment, with why it was held', async () => {
    await useSettings(t.ctx, { commentPolicy: 'hold-all' });
    await post();
    const mail = await delivered();
    assert.deepEqual(
      mail.map((m) => m.to[0]),
      [world.editor.email],
    );
    assert.match(mail[0]!.subject, /Please moderate/);
    assert.match(mail[0]!.text, /Held because: policy:hold-all/);
    assert.match(mail[0]!.text, /\/newsroom\/comments\?status=pending/);
  });

  test('a commenter who opted in hears of a reply, and one click unsubscribes them', async () => {
    const parent = await post({ notifyReplies: true, email: 'subscriber@readers.test' });
    await delivered();
    await post({ parentId: parent.id, author: 'Replying Rob', comment: 'I disagree, politely.' });
    const mail = (await delivered()).filter((m) => m.to[0] === 'subscriber@readers.test');
    assert.equal(mail.length, 1);
    assert.equal(
      mail[0]!.subject,
      `[Broadsheet] Replying Rob replied to your comment on “${world.article.headline}”`,
    );
    assert.match(mail[0]!.text, /> I disagree, politely\./);
    const link = /(http:\/\/\S+\/comments\/unsubscribe\/\?c=\d+&t=[\w-]+)/.exec(mail[0]!.text)?.[1];
    assert.ok(link, mail[0]!.text);
    assert.match(
      mail[0]!.headers,
      /List-Unsubscribe: <http:\/\/\S+\/comments\/unsubscribe\/\?c=\d+&t=[\w-]+>/,
    );
    assert.match(mail[0]!.headers, /List-Unsubscribe-Post: List-Unsubscribe=One-Click/);

    const url = new URL(link);
    const res = await t.app.inject(`${url.pathname}${url.search}`);
    assert.equal(res.statusCode, 200);
    await post({ parentId: parent.id, comment: 'Another reply nobody should be emailed about.' });
    assert.equal((await delivered()).filter((m) => m.to[0] === 'subscriber@readers.test').length, 0);
  });

  test('no reply email without opting in, nor for replying to oneself', async () => {
    const quiet = await post({ email: 'quiet@readers.test' });
    const chatty = await post({ email: 'self@readers.test', notifyReplies: true });
    await delivered();
    await post({ parentId: quiet.id });
    await post({ parentId: chatty.id, email: 'self@readers.test' });
    const mail = await delivered();
    assert.ok(!mail.some((m) => m.to[0] === 'quiet@readers.test' || m.to[0] === 'self@readers.test'));
  });

  test('a held reply notifies the subscriber and the author only once a moderator approves it', async () => {
    const parent = await post({ notifyReplies: true, email: 'waiting@readers.test' });
    await delivered();
    await useSettings(t.ctx, { commentPolicy: 'hold-all' });
    const reply = await post({ parentId: parent.id });
    const held = await delivered();
    assert.ok(!held.some((m) => m.to[0] === 'waiting@readers.test'));
    await t.ctx.services.comments.approve(world.editor, reply.id);
    const approved = await delivered();
    assert.deepEqual(
      approved.map((m) => m.to[0]).sort(),
      [world.author.email, 'waiting@readers.test'].sort(),
    );
  });

  test('a staff reply reaches the subscriber but not the staff member who wrote it', async () => {
    const parent = await post({ notifyReplies: true, email: 'asks@readers.test' });
    await delivered();
    await t.ctx.services.comments.replyAsStaff(world.editor, parent.id, 'We have corrected it, thanks.');
    const mail = await delivered();
    const subscriber = mail.find((m) => m.to[0] === 'asks@readers.test');
    assert.ok(subscriber);
    assert.match(subscriber.subject, /Edith Editor replied/);
  });
});

describe('housekeeping after commit', () => {
  test("any event purges commenters' IP addresses past retention, even with no new comments", async () => {
    const t = await buildTestApp();
    try {
      const world = await buildWorld(t.ctx);
      await useSettings(t.ctx, { commentIpRetentionDays: 7 });
      const old = await t.ctx.stores.comments.insert({
        article_id: world.article.id,
        status: 'approved',
        author_name: 'Old',
        author_email: 'old@readers.test',
        author_ip: '192.0.2.8',
        body: 'Old',
        body_html: '<p>Old</p>',
        created_at: new Date(Date.now() - 8 * 86_400_000).toISOString(),
      });
      await t.ctx.stores.events.record('article.saved', { articleId: world.article.id });
      await t.ctx.jobs.drain();
      assert.equal((await t.ctx.stores.comments.findById(old.id))!.authorIp, '');
    } finally {
      await t.close();
    }
  });
});

describe('without SMTP_URL', () => {
  test('comment email is logged at debug level, with no address and no text', async () => {
    const lines: { level: string; obj: unknown }[] = [];
    const log = {
      info: (obj: unknown) => lines.push({ level: 'info', obj }),
      debug: (obj: unknown) => lines.push({ level: 'debug', obj }),
    };
    await commentMailer({ smtpUrl: null, mailFrom: 'x <x@x.test>' }, log).send({
      to: 'secret.reader@readers.test',
      subject: 'Hello',
      text: 'Body with secret.reader@readers.test',
    });
    assert.deepEqual(lines, [{ level: 'debug', obj: { subject: 'Hello' } }]);
  });
});
