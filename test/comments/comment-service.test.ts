import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CommentFormValues } from '../../src/comments/comment.js';
import type { CommentService, PostingContext } from '../../src/comments/comment-service.js';
import { DIALECTS } from '../support/databases.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { buildWorld, type CommentWorld, publishArticle, useSettings } from './comment-fixtures.js';

let sequence = 0;

/** A fresh commenter each time unless told otherwise, so "first-time" rules are predictable. */
function values(overrides: Partial<CommentFormValues> = {}): CommentFormValues {
  sequence += 1;
  return {
    comment: `Thoughtful remark number ${sequence} about the harbour.`,
    author: 'Rita Reader',
    email: `rita${sequence}@readers.test`,
    url: '',
    parentId: null,
    notifyReplies: false,
    saveCommenter: false,
    ...overrides,
  };
}

function context(overrides: Partial<PostingContext> = {}): PostingContext {
  return {
    ip: '198.51.100.7',
    userAgent: 'test',
    honeypot: '',
    elapsedMs: 60_000,
    replayKey: null,
    ...overrides,
  };
}

for (const dialect of DIALECTS) {
  describe(`comment use cases on ${dialect}`, () => {
    let t: TestApp;
    let service: CommentService;
    let world: CommentWorld;

    async function events(kind: string): Promise<Record<string, unknown>[]> {
      const rows = await t.db.kysely
        .selectFrom('events')
        .select('payload')
        .where('kind', '=', kind)
        .execute();
      return rows.map((r) => JSON.parse(r.payload));
    }

    async function post(overrides: Partial<CommentFormValues> = {}, ctx: Partial<PostingContext> = {}) {
      return (await service.postComment(world.article.id, values(overrides), context(ctx))).comment;
    }

    before(async () => {
      t = await buildTestApp({ dialect });
      service = t.ctx.services.comments;
      world = await buildWorld(t.ctx);
    });
    after(async () => {
      await t.close();
    });

    describe('moderation policies', () => {
      test('approve all publishes at once and records comment.posted', async () => {
        await useSettings(t.ctx, { commentPolicy: 'approve-all' });
        const comment = await post();
        assert.equal(comment.status, 'approved');
        assert.ok(
          (await events('comment.posted')).some((p) => p.commentId === comment.id && p.status === 'approved'),
        );
      });

      test('hold first-time commenters: held until one comment is approved, then trusted', async () => {
        await useSettings(t.ctx, { commentPolicy: 'hold-first-time' });
        const first = await post({ email: 'newcomer@readers.test' });
        assert.equal(first.status, 'pending');
        assert.deepEqual(first.moderationReasons, ['policy:first-time-commenter']);
        await service.approve(world.editor, first.id);
        assert.equal((await post({ email: 'newcomer@readers.test' })).status, 'approved');
      });

      test('hold all holds even a known commenter', async () => {
        await useSettings(t.ctx, { commentPolicy: 'approve-all' });
        await post({ email: 'known@readers.test' });
        await useSettings(t.ctx, { commentPolicy: 'hold-all' });
        assert.equal((await post({ email: 'known@readers.test' })).status, 'pending');
      });

      test('more links than allowed holds', async () => {
        await useSettings(t.ctx, { commentPolicy: 'approve-all', commentMaxLinks: 1 });
        const comment = await post({ comment: 'See https://a.example/x and https://b.example/y for more.' });
        assert.equal(comment.status, 'pending');
        assert.ok(comment.moderationReasons.includes('too-many-links'));
        assert.equal((await post({ comment: 'See https://a.example/x for more.' })).status, 'approved');
      });

      test('the blocklist holds or files as spam by word, IP and email', async () => {
        await useSettings(t.ctx, {
          commentPolicy: 'approve-all',
          commentBlocklist: ['casino', '203.0.113.0/24', '@junk.test'],
          commentBlocklistAction: 'hold',
        });
        assert.equal((await post({ comment: 'Visit my Casino tonight please.' })).status, 'pending');
        assert.equal((await post({}, { ip: '203.0.113.40' })).status, 'pending');
        assert.equal((await post({ email: 'x@junk.test' })).status, 'pending');
        await useSettings(t.ctx, { commentBlocklistAction: 'spam' });
        const spam = await post({ comment: 'casino casino casino' });
        assert.equal(spam.status, 'spam');
        assert.ok(spam.moderationReasons.includes('blocked-word:casino'));
        await useSettings(t.ctx, { commentBlocklist: [], commentBlocklistAction: 'hold' });
      });

      test('the honeypot and duplicates file as spam; posting too fast holds', async () => {
        await useSettings(t.ctx, { commentPolicy: 'approve-all', commentMinSecondsToSubmit: 3 });
        assert.equal((await post({}, { honeypot: 'http://spam.example' })).status, 'spam');
        const text = 'I completely agree with every single word of this fine article.';
        assert.equal((await post({ comment: text, email: 'twice@readers.test' })).status, 'approved');
        assert.equal((await post({ comment: text, email: 'twice@readers.test' })).status, 'spam');
        const fast = await post({}, { elapsedMs: 1200 });
        assert.equal(fast.status, 'pending');
        assert.ok(fast.moderationReasons.includes('submitted-too-fast'));
      });
    });

    describe('rejections', () => {
      test('closed per article and after N days', async () => {
        const closed = await publishArticle(t.ctx, { commentsOpen: false });
        await assert.rejects(service.postComment(closed.id, values(), context()), {
          code: 'forbidden',
          status: 403,
        });
        const old = await publishArticle(t.ctx, {
          publishedAt: new Date(Date.now() - 40 * 86_400_000).toISOString(),
        });
        await useSettings(t.ctx, { commentCloseAfterDays: 30 });
        await assert.rejects(service.postComment(old.id, values(), context()), /more than 30 days old/);
        await useSettings(t.ctx, { commentCloseAfterDays: 0 });
        assert.ok(await service.postComment(old.id, values(), context()));
      });

      test('one form token posts once per commenter', async () => {
        await post({ email: 'replay@readers.test' }, { replayKey: 'nonce-x:replay' });
        await assert.rejects(post({ email: 'replay@readers.test' }, { replayKey: 'nonce-x:replay' }), {
          code: 'conflict',
        });
      });

      test('a reply must go to an approved comment of the same article', async () => {
        await useSettings(t.ctx, { commentPolicy: 'hold-all' });
        const held = await post();
        await assert.rejects(post({ parentId: held.id }), (error: { fields?: Record<string, string> }) =>
          Boolean(error.fields?.comment_parent),
        );
        const other = await publishArticle(t.ctx);
        await useSettings(t.ctx, { commentPolicy: 'approve-all' });
        const elsewhere = (await service.postComment(other.id, values(), context())).comment;
        await assert.rejects(post({ parentId: elsewhere.id }), { code: 'invalid' });
        const parent = await post();
        assert.equal((await post({ parentId: parent.id })).parentId, parent.id);
      });
    });

    describe('moderation actions', () => {
      test('approve, unapprove, spam, trash and restore each move the comment and record an event', async () => {
        await useSettings(t.ctx, { commentPolicy: 'hold-all' });
        const c = await post();
        assert.equal((await service.approve(world.editor, c.id)).status, 'approved');
        assert.equal((await service.unapprove(world.editor, c.id)).status, 'pending');
        assert.equal((await service.markSpam(world.editor, c.id)).status, 'spam');
        const trashed = await service.trash(world.editor, c.id);
        assert.equal(trashed.status, 'trash');
        assert.equal(trashed.statusBeforeTrash, 'spam');
        assert.equal((await service.restore(world.editor, c.id)).status, 'spam');
        for (const kind of ['approved', 'unapproved', 'spammed', 'trashed', 'restored']) {
          assert.ok(
            (await events(`comment.${kind}`)).some(
              (p) => p.commentId === c.id && p.actorId === world.editor.id,
            ),
            kind,
          );
        }
      });

      test('bulk actions change many at once and skip those already there', async () => {
        await useSettings(t.ctx, { commentPolicy: 'hold-all' });
        const a = await post();
        const b = await post();
        assert.equal(await service.moderate(world.editor, 'approve', [a.id, b.id, a.id]), 2);
        assert.equal(await service.moderate(world.editor, 'approve', [a.id, b.id]), 0);
        assert.equal(await service.moderate(world.editor, 'trash', [a.id, b.id]), 2);
        assert.equal(await service.moderate(world.editor, 'restore', [a.id, b.id]), 2);
        assert.equal((await t.ctx.stores.comments.findById(a.id))!.status, 'approved');
      });

      test('edit re-renders the text and marks it edited; a bad edit is refused', async () => {
        const c = await post();
        const edited = await service.edit(world.editor, c.id, {
          body: 'Now with *emphasis*.',
          authorName: 'R. Reader',
        });
        assert.equal(edited.bodyHtml, '<p>Now with <em>emphasis</em>.</p>\n');
        assert.equal(edited.authorName, 'R. Reader');
        assert.ok(edited.editedAt);
        await assert.rejects(service.edit(world.editor, c.id, { body: '  ' }), { code: 'invalid' });
        assert.ok((await events('comment.edited')).some((p) => p.commentId === c.id));
      });

      test('reply as staff publishes at once under the comment, approving a held parent', async () => {
        await useSettings(t.ctx, { commentPolicy: 'hold-all' });
        const held = await post();
        const reply = await service.replyAsStaff(
          world.editor,
          held.id,
          'Thanks, we have corrected the date.',
        );
        assert.equal(reply.status, 'approved');
        assert.equal(reply.userId, world.editor.id);
        assert.equal(reply.parentId, held.id);
        assert.equal((await t.ctx.stores.comments.findById(held.id))!.status, 'approved');
        await assert.rejects(service.replyAsStaff(world.editor, held.id, ''), { code: 'invalid' });
      });

      test('the queue lists with filters and counts, for moderators only', async () => {
        const queue = await service.listQueue(world.editor, {
          articleId: world.article.id,
          status: 'pending',
        });
        assert.ok(queue.items.every((c) => c.status === 'pending' && c.articleId === world.article.id));
        assert.equal(queue.total, queue.counts.pending);
      });

      test('authors and contributors cannot moderate', async () => {
        const c = await post();
        for (const attempt of [
          () => service.approve(world.author, c.id),
          () => service.unapprove(world.author, c.id),
          () => service.markSpam(world.author, c.id),
          () => service.trash(world.author, c.id),
          () => service.restore(world.author, c.id),
          () => service.moderate(world.author, 'approve', [c.id]),
          () => service.edit(world.author, c.id, { body: 'x' }),
          () => service.replyAsStaff(world.author, c.id, 'x'),
          () => service.listQueue(world.author, {}),
        ]) {
          await assert.rejects(attempt(), { code: 'forbidden' });
        }
      });
    });

    describe('the classifier learns from moderators', () => {
      test('spam and approve verdicts train it; a reversed verdict is unlearned; it then holds look-alikes', async () => {
        await useSettings(t.ctx, { commentPolicy: 'hold-all' });
        await t.ctx.jobs.drain();
        const before = (await service.classifier()).documentCounts();
        const spamTexts = [
          'Buy cheap replica watches online now at best price discount',
          'Cheap pills online discount buy now best price guaranteed',
          'Earn money fast online casino bonus buy now discount',
        ];
        const hamTexts = [
          'The council meeting on the harbour wall ran late into the evening.',
          'My grandfather worked on the original harbour wall in the fifties.',
          'Will the footpath along the harbour reopen before the summer?',
        ];
        const spam = await Promise.all(spamTexts.map((comment) => post({ comment })));
        const ham = await Promise.all(hamTexts.map((comment) => post({ comment })));
        await service.moderate(
          world.editor,
          'spam',
          spam.map((c) => c.id),
        );
        await service.moderate(
          world.editor,
          'approve',
          ham.map((c) => c.id),
        );
        // A slip: one good comment marked spam, then approved.
        await service.moderate(world.editor, 'spam', [ham[0]!.id]);
        await t.ctx.jobs.drain();
        await service.moderate(world.editor, 'approve', [ham[0]!.id]);
        await t.ctx.jobs.drain();

        const classifier = await service.classifier();
        const after = classifier.documentCounts();
        assert.deepEqual(
          { spam: after.spam - before.spam, ham: after.ham - before.ham },
          { spam: 3, ham: 3 },
        );
        assert.equal((await t.ctx.stores.comments.findById(ham[0]!.id))!.learnedAs, 'ham');

        await useSettings(t.ctx, { commentPolicy: 'approve-all' });
        const lookAlike = await post({ comment: 'Buy cheap watches online now, best discount price' });
        assert.notEqual(lookAlike.status, 'approved');
        assert.ok(lookAlike.moderationReasons.some((r) => r.startsWith('classifier:')));
        assert.equal(
          (await post({ comment: 'The harbour wall footpath reopened this evening.' })).status,
          'approved',
        );
      });
    });

    test('IP addresses are purged after the retention period', async () => {
      await useSettings(t.ctx, { commentIpRetentionDays: 30 });
      const old = await t.ctx.stores.comments.insert({
        article_id: world.article.id,
        status: 'approved',
        author_name: 'Old',
        author_email: 'old@readers.test',
        author_ip: '192.0.2.99',
        body: 'Old',
        body_html: '<p>Old</p>',
        created_at: new Date(Date.now() - 31 * 86_400_000).toISOString(),
      });
      const fresh = await post();
      const purged = await service.purgeExpired();
      assert.ok(purged.ips >= 1);
      assert.equal((await t.ctx.stores.comments.findById(old.id))!.authorIp, '');
      assert.equal((await t.ctx.stores.comments.findById(fresh.id))!.authorIp, '198.51.100.7');
    });
  });
}
