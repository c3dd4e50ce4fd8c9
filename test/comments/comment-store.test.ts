import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Insertable } from 'kysely';
import type { CommentStore } from '../../src/comments/comment-store.js';
import type { CommentsTable } from '../../src/db/schema.js';
import { DIALECTS } from '../support/databases.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { buildWorld, type CommentWorld, publishArticle } from './comment-fixtures.js';

for (const dialect of DIALECTS) {
  describe(`comment store on ${dialect}`, () => {
    let t: TestApp;
    let store: CommentStore;
    let world: CommentWorld;
    let minute = 0;

    function row(overrides: Partial<Insertable<CommentsTable>>): Insertable<CommentsTable> {
      minute += 1;
      return {
        article_id: world.article.id,
        parent_id: null,
        status: 'approved',
        author_name: 'Reader',
        author_email: 'reader@readers.test',
        author_ip: '192.0.2.1',
        body: 'A comment.',
        body_html: '<p>A comment.</p>',
        created_at: new Date(Date.UTC(2024, 0, 1, 0, minute)).toISOString(),
        ...overrides,
      };
    }

    before(async () => {
      t = await buildTestApp({ dialect });
      store = t.ctx.stores.comments;
      world = await buildWorld(t.ctx);
    });
    after(async () => {
      await t.close();
    });

    test('a reader sees approved comments and only their own held ones', async () => {
      const article = await publishArticle(t.ctx);
      const approved = await store.insert(row({ article_id: article.id }));
      const mine = await store.insert(row({ article_id: article.id, status: 'pending' }));
      const myFiltered = await store.insert(row({ article_id: article.id, status: 'spam' }));
      const theirs = await store.insert(row({ article_id: article.id, status: 'pending' }));
      await store.insert(row({ article_id: article.id, status: 'trash' }));
      assert.deepEqual(
        (await store.listVisible(article.id, [])).map((c) => c.id),
        [approved.id],
      );
      assert.deepEqual(
        (await store.listVisible(article.id, [mine.id, myFiltered.id])).map((c) => c.id),
        [approved.id, mine.id, myFiltered.id],
      );
      assert.ok(!(await store.listVisible(article.id, [mine.id])).some((c) => c.id === theirs.id));
    });

    test('the moderation queue filters by status, article and search, pages, and counts', async () => {
      const article = await publishArticle(t.ctx);
      await store.insert(row({ article_id: article.id, status: 'pending', author_name: 'Zed 100%_sure' }));
      await store.insert(
        row({ article_id: article.id, status: 'pending', author_email: 'Casino@Spam.test' }),
      );
      await store.insert(row({ article_id: article.id, status: 'spam', body: 'Cheap WATCHES here' }));
      await store.insert(row({ article_id: article.id, status: 'trash', author_ip: '203.0.113.9' }));
      await store.insert(row({ article_id: article.id, status: 'approved' }));

      const all = await store.listQueue({ articleId: article.id });
      assert.equal(all.total, 4, 'trash is left out unless asked for');
      assert.equal(all.items[0]!.articleHeadline, article.headline);
      assert.ok(all.items[0]!.id > all.items[1]!.id, 'newest first');
      assert.equal((await store.listQueue({ articleId: article.id, status: 'pending' })).total, 2);
      assert.equal((await store.listQueue({ articleId: article.id, status: 'trash' })).total, 1);
      assert.equal((await store.listQueue({ articleId: article.id, search: 'watches' })).total, 1);
      assert.equal((await store.listQueue({ articleId: article.id, search: 'casino@' })).total, 1);
      assert.equal(
        (await store.listQueue({ articleId: article.id, status: 'trash', search: '203.0.113' })).total,
        1,
      );
      // % and _ are literal characters in a search, not wildcards.
      assert.equal((await store.listQueue({ articleId: article.id, search: '100%_' })).total, 1);
      assert.equal((await store.listQueue({ articleId: article.id, search: '1%0' })).total, 0);
      const page2 = await store.listQueue({ articleId: article.id, perPage: 3, page: 2 });
      assert.equal(page2.items.length, 1);
      assert.equal(page2.total, 4);
      assert.deepEqual(await store.countsByStatus(article.id), {
        pending: 2,
        approved: 1,
        spam: 1,
        trash: 1,
      });
    });

    test('a form nonce is used once', async () => {
      const expires = new Date(Date.now() + 60_000).toISOString();
      assert.equal(await store.useFormNonce('nonce-1:who', expires), true);
      assert.equal(await store.useFormNonce('nonce-1:who', expires), false);
      assert.equal(await store.useFormNonce('nonce-1:someone-else', expires), true);
      assert.equal(await store.purgeExpiredNonces(new Date(Date.now() + 120_000).toISOString()), 2);
    });

    test('the classifier is saved only over the version it was loaded at', async () => {
      assert.equal(await store.loadClassifier(), undefined);
      assert.equal(await store.saveClassifier('{"a":1}', 0), true);
      assert.equal(await store.saveClassifier('{"a":2}', 0), false);
      assert.deepEqual(await store.loadClassifier(), { model: '{"a":1}', version: 1 });
      assert.equal(await store.saveClassifier('{"a":3}', 1), true);
      assert.equal(await store.saveClassifier('{"a":4}', 1), false);
      assert.deepEqual(await store.loadClassifier(), { model: '{"a":3}', version: 2 });
    });

    test('IP addresses older than a cut-off are forgotten, newer ones kept', async () => {
      const old = await store.insert(
        row({ created_at: '2020-01-01T00:00:00.000Z', author_ip: '192.0.2.50' }),
      );
      const recent = await store.insert(
        row({ created_at: new Date().toISOString(), author_ip: '192.0.2.51' }),
      );
      assert.ok((await store.purgeIpsBefore('2021-01-01T00:00:00.000Z')) >= 1);
      assert.equal((await store.findById(old.id))!.authorIp, '');
      assert.equal((await store.findById(recent.id))!.authorIp, '192.0.2.51');
    });

    test('notification recipients: the bylined author, else the owner; active moderators only', async () => {
      assert.deepEqual(await store.listArticleAuthorEmails(world.article.id), [
        { userId: world.author.id, email: world.author.email },
      ]);
      const owned = await publishArticle(t.ctx, { ownerId: world.editor.id });
      assert.deepEqual(await store.listArticleAuthorEmails(owned.id), [
        { userId: world.editor.id, email: world.editor.email },
      ]);
      const moderators = await store.listEmailsOfRoles(['editor', 'admin']);
      assert.ok(moderators.includes(world.editor.email));
      assert.ok(!moderators.includes(world.author.email));
      await t.ctx.stores.users.updateUser(world.editor.id, { deactivatedAt: new Date().toISOString() });
      assert.ok(!(await store.listEmailsOfRoles(['editor'])).includes(world.editor.email));
      await t.ctx.stores.users.updateUser(world.editor.id, { deactivatedAt: null });
    });

    test('unsubscribing stops reply notifications on every comment by that email', async () => {
      const a = await store.insert(row({ author_email: 'sub@readers.test', notify_replies: 1 }));
      const b = await store.insert(row({ author_email: 'sub@readers.test', notify_replies: 1 }));
      assert.equal(await store.stopReplyNotifications('sub@readers.test'), 2);
      assert.equal((await store.findById(a.id))!.notifyReplies, false);
      assert.equal((await store.findById(b.id))!.notifyReplies, false);
      await store.setNotifyReplies(a.id, true);
      assert.equal((await store.findById(a.id))!.notifyReplies, true);
    });

    test('recent bodies by email or IP feed duplicate detection', async () => {
      await store.insert(
        row({ author_email: 'dup@readers.test', author_ip: '192.0.2.77', body: 'Same words again' }),
      );
      const since = '2000-01-01T00:00:00.000Z';
      assert.ok(
        (await store.listRecentBodies({ email: 'dup@readers.test', ip: '' }, since)).some(
          (r) => r.body === 'Same words again',
        ),
      );
      assert.ok(
        (await store.listRecentBodies({ email: 'other@readers.test', ip: '192.0.2.77' }, since)).some(
          (r) => r.body === 'Same words again',
        ),
      );
      assert.equal((await store.listRecentBodies({ email: 'nobody@readers.test', ip: '' }, since)).length, 0);
    });
  });
}
