import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createArticleStore } from '../../src/articles/article-store.js';
import { createTaxonomyStore } from '../../src/articles/taxonomy-store.js';
import { createSessionStore } from '../../src/http/session-store.js';
import { createMediaStore } from '../../src/media/media-store.js';
import { createAccountStore } from '../../src/newsroom/account-store.js';
import { createNewsroomStore } from '../../src/newsroom/newsroom-store.js';
import { createUserStore } from '../../src/users/user-store.js';
import { createTestDb, DIALECTS, type TestDb } from '../support/databases.js';

const iso = (offsetMs = 0) => new Date(Date.now() + offsetMs).toISOString();

for (const dialect of DIALECTS) {
  describe(`newsroom stores on ${dialect}`, () => {
    let db: TestDb;
    let userId: number;
    let otherUserId: number;
    const article = async (values: Record<string, unknown>) => {
      const row = await db.kysely
        .insertInto('articles')
        .values({
          headline: 'Untitled',
          slug: `a-${Math.random().toString(36).slice(2)}`,
          created_at: iso(),
          updated_at: iso(),
          ...values,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    };

    before(async () => {
      db = await createTestDb(dialect);
      const users = createUserStore(db.kysely);
      const base = { displayName: 'A', passwordHash: null, authorId: null };
      userId = (await users.insertUser({ ...base, email: 'a@example.com', role: 'editor' })).id;
      otherUserId = (await users.insertUser({ ...base, email: 'b@example.com', role: 'author' })).id;
    });
    after(async () => {
      await db.close();
    });

    test('sessions: found while live and active, gone when expired, deactivated or deleted', async () => {
      const sessions = createSessionStore(db.kysely);
      const session = { id: 'hash-1', userId, createdAt: iso(), lastSeenAt: iso(), expiresAt: iso(60_000) };
      await sessions.insert(session);
      await sessions.insert({ ...session, id: 'hash-2' });
      await sessions.insert({ ...session, id: 'hash-old', expiresAt: iso(-1000) });
      const found = await sessions.findActive('hash-1', iso());
      assert.equal(found?.user.id, userId);
      assert.equal(found?.user.role, 'editor');
      assert.equal(await sessions.findActive('hash-old', iso()), undefined);
      await sessions.deleteExpired(iso());
      assert.equal(await sessions.countForUser(userId), 2);
      await sessions.deleteForUser(userId, 'hash-1');
      assert.equal(await sessions.countForUser(userId), 1);
      await db.kysely.updateTable('users').set({ deactivated_at: iso() }).where('id', '=', userId).execute();
      assert.equal(await sessions.findActive('hash-1', iso()), undefined);
      await db.kysely.updateTable('users').set({ deactivated_at: null }).where('id', '=', userId).execute();
      await sessions.delete('hash-1');
      assert.equal(await sessions.countForUser(userId), 0);
    });

    test('accounts: failures by key and window, one-time reset links, invitations', async () => {
      const accounts = createAccountStore(db.kysely);
      await accounts.recordFailure(['email:x', 'ip:1'], iso(-7200_000));
      await accounts.recordFailure(['email:x', 'ip:1'], iso());
      assert.equal((await accounts.failuresSince('email:x', iso(-3600_000))).length, 1);
      await accounts.clearFailures('email:x');
      assert.equal((await accounts.failuresSince('email:x', iso(-10_000_000))).length, 0);
      assert.equal((await accounts.failuresSince('ip:1', iso(-10_000_000))).length, 2);

      await accounts.insertPasswordReset({
        tokenHash: 't1',
        userId,
        createdAt: iso(),
        expiresAt: iso(60_000),
      });
      await accounts.insertPasswordReset({
        tokenHash: 't-old',
        userId,
        createdAt: iso(),
        expiresAt: iso(-1),
      });
      assert.equal(await accounts.findUsablePasswordReset('t1', iso()), userId);
      assert.equal(await accounts.findUsablePasswordReset('t-old', iso()), undefined);
      assert.ok(await accounts.latestPasswordResetSince(userId, iso(-60_000)));
      assert.equal(await accounts.usePasswordReset('t1', iso()), true);
      assert.equal(await accounts.usePasswordReset('t1', iso()), false);
      assert.equal(await accounts.findUsablePasswordReset('t1', iso()), undefined);

      await accounts.insertInvitation({
        tokenHash: 'i1',
        email: 'new@example.com',
        displayName: 'New',
        role: 'author',
        invitedBy: userId,
        createdAt: iso(),
        expiresAt: iso(60_000),
      });
      const invitation = await accounts.findOpenInvitation('i1', iso());
      assert.equal(invitation?.role, 'author');
      assert.equal((await accounts.listOpenInvitations(iso())).length, 1);
      assert.equal(await accounts.acceptInvitation(invitation!.id, iso()), true);
      assert.equal(await accounts.acceptInvitation(invitation!.id, iso()), false);
      assert.equal(await accounts.findOpenInvitation('i1', iso()), undefined);
    });

    test('article list: views, owner, search, sorting, paging and counts', async () => {
      const store = createNewsroomStore(db.kysely);
      const before = await store.countByView();
      await article({ headline: 'Harbour wall draft', owner_id: userId });
      await article({ headline: 'Harbour review', owner_id: otherUserId, submitted_for_review: 1 });
      await article({
        headline: 'Ferry published',
        status: 'published',
        published_at: iso(-1000),
        owner_id: userId,
      });
      await article({ headline: 'Old trashed', deleted_at: iso(), owner_id: userId });
      const counts = await store.countByView();
      assert.equal(counts.draft - before.draft, 2);
      assert.equal(counts.review - before.review, 1);
      assert.equal(counts.published - before.published, 1);
      assert.equal(counts.trash - before.trash, 1);
      assert.equal(counts.all - before.all, 3);
      const harbour = await store.listArticles({
        view: 'all',
        search: 'HARBOUR',
        sort: 'headline',
        limit: 10,
        offset: 0,
      });
      assert.deepEqual(
        harbour.rows.map((r) => r.headline),
        ['Harbour review', 'Harbour wall draft'],
      );
      const mine = await store.listArticles({
        view: 'draft',
        ownerId: otherUserId,
        sort: 'updated',
        limit: 10,
        offset: 0,
      });
      assert.deepEqual(
        mine.rows.map((r) => r.headline),
        ['Harbour review'],
      );
      assert.equal(mine.rows[0]!.submittedForReview, true);
      const review = await store.listArticles({ view: 'review', sort: 'updated', limit: 10, offset: 0 });
      assert.equal(review.total, 1);
      const trash = await store.listArticles({ view: 'trash', sort: 'updated', limit: 10, offset: 0 });
      assert.deepEqual(
        trash.rows.map((r) => r.headline),
        ['Old trashed'],
      );
      const paged = await store.listArticles({
        view: 'all',
        search: 'harbour',
        sort: 'headline',
        limit: 1,
        offset: 1,
      });
      assert.equal(paged.total, 2);
      assert.deepEqual(
        paged.rows.map((r) => r.headline),
        ['Harbour wall draft'],
      );
      const wildcard = await store.listArticles({
        view: 'all',
        search: '%',
        sort: 'headline',
        limit: 1,
        offset: 0,
      });
      assert.equal(wildcard.total, before.all + 3);
    });

    test('autosaves: one per person and article, new articles included', async () => {
      const store = createNewsroomStore(db.kysely);
      const id = await article({ headline: 'Autosaved' });
      await store.saveAutosave({ userId, articleId: id, baseVersion: 1, fields: { bodySource: 'first' } });
      await store.saveAutosave({ userId, articleId: id, baseVersion: 1, fields: { bodySource: 'second' } });
      await store.saveAutosave({
        userId,
        articleId: null,
        baseVersion: null,
        fields: { headline: 'new one' },
      });
      assert.deepEqual((await store.findAutosave(userId, id))?.fields, { bodySource: 'second' });
      assert.deepEqual((await store.findAutosave(userId, null))?.fields, { headline: 'new one' });
      assert.equal(await store.findAutosave(otherUserId, id), undefined);
      const count = await db.kysely
        .selectFrom('autosaves')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 2);
      await store.deleteAutosave(userId, id);
      assert.equal(await store.findAutosave(userId, id), undefined);
      assert.ok(await store.findAutosave(userId, null));
    });

    test('media: search and where an item is used', async () => {
      const media = createMediaStore(db.kysely);
      const base = {
        mimeType: 'image/jpeg',
        byteSize: 10,
        width: 10,
        height: 10,
        caption: '',
        credit: '',
        variants: [],
        uploadedBy: userId,
      };
      const gull = await media.insert({
        ...base,
        fileName: 'gull.jpg',
        altText: 'A herring gull',
        storagePath: '2024/04/gull-00aa.jpg',
      });
      const crane = await media.insert({
        ...base,
        fileName: 'crane.jpg',
        altText: '',
        storagePath: '2024/04/crane-00bb.jpg',
      });
      assert.deepEqual(
        (await media.list('HERRING', 10, 0)).items.map((m) => m.id),
        [gull.id],
      );
      assert.equal((await media.list('', 10, 0)).total, 2);
      assert.equal(gull.url, '/media/2024/04/gull-00aa.jpg');
      assert.deepEqual(await media.usesOf(gull), []);
      const inBody = await article({
        headline: 'Gulls',
        body_source: 'See ![gull](/media/2024/04/gull-00aa-640.webp)',
      });
      const featured = await article({ headline: 'Cranes', featured_media_id: crane.id });
      assert.deepEqual(
        (await media.usesOf(gull)).map((u) => u.articleId),
        [inBody],
      );
      assert.deepEqual(
        (await media.usesOf(crane)).map((u) => u.articleId),
        [featured],
      );
      await media.updateDetails(crane.id, { altText: 'A crane', caption: 'Dock', credit: 'Ana' });
      assert.equal((await media.findById(crane.id))?.altText, 'A crane');
    });

    test('taxonomy: merge tags, delete a category moving its articles, See also exclusions', async () => {
      const taxonomy = createTaxonomyStore(db.kysely);
      const articles = createArticleStore(db.kysely);
      const flood = await taxonomy.insertTag({ name: 'Flood', slug: 'flood' });
      const floods = await taxonomy.insertTag({ name: 'Floods', slug: 'floods' });
      const a = await article({ headline: 'Both tags' });
      const b = await article({ headline: 'One tag' });
      await articles.setTags(a, [flood.id, floods.id]);
      await articles.setTags(b, [floods.id]);
      await taxonomy.mergeTags(floods.id, flood.id);
      assert.equal(await taxonomy.findTagById(floods.id), undefined);
      assert.equal((await taxonomy.countArticlesByTag()).get(flood.id), 2);

      const news = await taxonomy.insertCategory({ name: 'News', slug: 'news' });
      const local = await taxonomy.insertCategory({ name: 'Local', slug: 'local', parentId: news.id });
      const sport = await taxonomy.insertCategory({ name: 'Sport', slug: 'sport' });
      const c = await article({ headline: 'In news', category_id: news.id });
      await taxonomy.deleteCategory(news.id, sport.id);
      assert.equal((await articles.findById(c))?.category?.id, sport.id);
      assert.equal((await taxonomy.findCategoryById(local.id))?.parentId, sport.id);
      await taxonomy.updateCategory(sport.id, {
        name: 'Sports',
        slug: 'sports',
        description: 'x',
        parentId: null,
      });
      assert.equal((await taxonomy.findCategoryBySlug('sports'))?.name, 'Sports');

      await articles.setSeeAlsoExclusions(a, [b, c, a, b]);
      assert.deepEqual(
        await articles.listSeeAlsoExclusions(a),
        [b, c].sort((x, y) => x - y),
      );
      await articles.setSeeAlsoExclusions(a, []);
      assert.deepEqual(await articles.listSeeAlsoExclusions(a), []);
    });
  });
}
