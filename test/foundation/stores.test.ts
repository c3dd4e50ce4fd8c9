import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createArticleService } from '../../src/articles/article-service.js';
import { createArticleStore } from '../../src/articles/article-store.js';
import { createTaxonomyStore } from '../../src/articles/taxonomy-store.js';
import { toPublicComment } from '../../src/comments/comment.js';
import { createCommentStore } from '../../src/comments/comment-store.js';
import { isSchemaCurrent } from '../../src/db/database.js';
import { Conflict, Invalid } from '../../src/errors.js';
import { createEventStore } from '../../src/jobs/event-store.js';
import { createRedirectStore } from '../../src/site/redirect-store.js';
import { DEFAULT_SETTINGS } from '../../src/site/settings.js';
import { createSettingsStore } from '../../src/site/settings-store.js';
import { verifyPassword } from '../../src/users/password.js';
import { createUserService } from '../../src/users/user-service.js';
import { createUserStore } from '../../src/users/user-store.js';
import { createTestDb, DIALECTS, type TestDb } from '../support/databases.js';

for (const dialect of DIALECTS) {
  describe(`stores on ${dialect}`, () => {
    let db: TestDb;
    before(async () => {
      db = await createTestDb(dialect);
    });
    after(async () => {
      await db.close();
    });

    test('migrations run up from empty and are current', async () => {
      assert.equal(await isSchemaCurrent(db), true);
    });

    test('settings round-trip over defaults', async () => {
      const store = createSettingsStore(db.kysely);
      assert.deepEqual(await store.load(), DEFAULT_SETTINGS);
      await store.save({ title: 'The Gazette', commentPolicy: 'hold-all', commentBlocklist: ['casino'] });
      await store.save({ title: 'The Daily Gazette' });
      const loaded = await store.load();
      assert.equal(loaded.title, 'The Daily Gazette');
      assert.equal(loaded.commentPolicy, 'hold-all');
      assert.deepEqual(loaded.commentBlocklist, ['casino']);
    });

    test('users and authors round-trip; duplicate email is refused', async () => {
      const users = createUserStore(db.kysely);
      const service = createUserService(users);
      const { user, password } = await service.addUser({
        email: ' Ana@Example.ORG ',
        name: 'Ana Ruiz',
        role: 'editor',
      });
      assert.equal(user.email, 'ana@example.org');
      assert.equal(user.role, 'editor');
      const found = await users.findUserByEmail('ana@example.org');
      assert.ok(found?.passwordHash && (await verifyPassword(password, found.passwordHash)));
      assert.equal(await verifyPassword('wrong password', found.passwordHash!), false);
      const author = await users.findAuthorById(user.authorId!);
      assert.equal(author?.slug, 'ana-ruiz');
      await assert.rejects(
        service.addUser({ email: 'ana@example.org', name: 'Other', role: 'author' }),
        (e: unknown) => e instanceof Invalid && 'email' in e.fields,
      );
      await assert.rejects(
        service.addUser({ email: 'x@example.org', name: 'X', role: 'owner' }),
        (e: unknown) => e instanceof Invalid && 'role' in e.fields,
      );
      const second = await service.addUser({
        email: 'ana2@example.org',
        name: 'Ana Ruiz',
        role: 'author',
        password: 'a long enough password',
      });
      assert.equal((await users.findAuthorById(second.user.authorId!))?.slug, 'ana-ruiz-2');
      const guest = await users.insertAuthor({
        name: 'Guest Writer',
        slug: 'guest-writer',
        bio: 'Writes sometimes.',
      });
      assert.deepEqual(await users.findAuthorBySlug('guest-writer'), guest);
    });

    test('articles round-trip with bylines, tags, corrections, revisions and translations', async () => {
      const k = db.kysely;
      const articles = createArticleStore(k);
      const taxonomy = createTaxonomyStore(k);
      const users = createUserStore(k);
      const service = createArticleService({ db: k, articles, events: createEventStore(k) });
      const news = await taxonomy.insertCategory({ name: 'News', slug: 'news' });
      const cityHall = await taxonomy.insertCategory({
        name: 'City Hall',
        slug: 'city-hall',
        parentId: news.id,
      });
      assert.equal((await taxonomy.findCategoryBySlug('city-hall'))?.parentId, news.id);
      const housing = await taxonomy.insertTag({ name: 'Housing', slug: 'housing' });
      const internal = await taxonomy.insertTag({
        name: '#newsletter',
        slug: 'hash-newsletter',
        isInternal: true,
      });
      const a1 = await users.insertAuthor({ name: 'First Writer', slug: 'first-writer' });
      const a2 = await users.insertAuthor({ name: 'Second Writer', slug: 'second-writer' });

      const draft = await service.createArticle(
        {
          headline: 'Council votes on "Harbour & Hills" plan',
          dek: 'A long night',
          bodySource: 'One.\n\nTwo <script>alert(1)</script>.',
          categoryId: cityHall.id,
          tagIds: [housing.id, internal.id],
          authorIds: [a2.id, a1.id],
        },
        { userId: null },
      );
      assert.equal(draft.slug, 'council-votes-on-harbour-hills-plan');
      assert.equal(draft.status, 'draft');
      assert.deepEqual(
        draft.authors.map((a) => a.slug),
        ['second-writer', 'first-writer'],
      );
      assert.deepEqual(
        draft.tags.map((t) => [t.slug, t.isInternal]),
        [
          ['housing', false],
          ['hash-newsletter', true],
        ],
      );
      assert.equal(draft.category?.slug, 'city-hall');
      assert.doesNotMatch(draft.bodyHtml, /<script/);
      assert.match(draft.excerpt, /^One\. Two/);

      const now = new Date().toISOString();
      assert.equal(await articles.findPublicBySlug(draft.slug, now), undefined, 'a draft is not public');
      const published = await service.publishArticle(draft.id, { userId: null });
      assert.equal(published.status, 'published');
      assert.equal((await articles.findPublicBySlug(draft.slug, new Date().toISOString()))?.id, draft.id);

      const saved = await service.saveArticle(
        draft.id,
        { headline: 'Council approves plan' },
        published.version,
        { userId: null },
      );
      assert.equal(saved.headline, 'Council approves plan');
      await assert.rejects(
        service.saveArticle(draft.id, { headline: 'Stale edit' }, published.version, { userId: null }),
        Conflict,
      );

      const corrected = await service.addCorrection(
        draft.id,
        'An earlier version misspelled the councillor’s name.',
        { userId: null },
      );
      assert.equal(corrected.corrections.length, 1);
      assert.ok(corrected.updatedAt >= saved.updatedAt);
      const revisions = await articles.listRevisions(draft.id);
      assert.deepEqual(
        revisions.map((r) => r.headline),
        ['Council approves plan', 'Council votes on "Harbour & Hills" plan'],
      );

      const group = service.newTranslationGroup();
      await service.saveArticle(draft.id, { translationGroup: group }, corrected.version, { userId: null });
      const french = await service.createArticle(
        { headline: 'Le conseil approuve le plan', language: 'fr', translationGroup: group },
        { userId: null },
        { status: 'published' },
      );
      const translations = await articles.listPublicTranslations(group, draft.id, new Date().toISOString());
      assert.deepEqual(
        translations.map((t) => [t.slug, t.language]),
        [[french.slug, 'fr']],
      );

      const future = await service.createArticle({ headline: 'Tomorrow’s story' }, { userId: null });
      await service.scheduleArticle(future.id, new Date(Date.now() + 3_600_000), { userId: null });
      await assert.rejects(
        service.scheduleArticle(future.id, new Date(Date.now() - 1000), { userId: null }),
        Invalid,
      );
      const listed = await articles.listPublic(new Date().toISOString(), {}, 10);
      assert.deepEqual(listed.map((a) => a.id).sort(), [draft.id, french.id].sort());
      assert.equal(
        await articles.countPublic(new Date().toISOString(), { categoryIds: [news.id, cityHall.id] }),
        1,
      );
      assert.equal(await articles.countPublic(new Date().toISOString(), { tagId: housing.id }), 1);
      assert.equal(await articles.countPublic(new Date().toISOString(), { authorId: a1.id }), 1);
      assert.deepEqual(await service.publishDueArticles(new Date(Date.now() + 7_200_000)), [future.id]);
      assert.equal((await articles.findById(future.id))?.status, 'published');

      await assert.rejects(
        service.createArticle({ headline: '   ' }, { userId: null }),
        (e: unknown) => e instanceof Invalid && 'headline' in e.fields,
      );
      const duplicate = await service.createArticle(
        { headline: 'Council approves plan', slug: 'council-votes-on-harbour-hills-plan' },
        { userId: null },
      );
      assert.equal(duplicate.slug, 'council-votes-on-harbour-hills-plan-2');
    });

    test('comments round-trip; the public shape has no email or IP', async () => {
      const k = db.kysely;
      const service = createArticleService({
        db: k,
        articles: createArticleStore(k),
        events: createEventStore(k),
      });
      const article = await service.createArticle(
        { headline: 'Comment host' },
        { userId: null },
        { status: 'published' },
      );
      const comments = createCommentStore(k);
      const parent = await comments.insert({
        article_id: article.id,
        parent_id: null,
        status: 'approved',
        author_name: 'Reader',
        author_email: 'reader@example.org',
        author_ip: '192.0.2.1',
        body: 'Hi',
        body_html: '<p>Hi</p>',
        created_at: new Date().toISOString(),
      });
      const reply = await comments.insert({
        article_id: article.id,
        parent_id: parent.id,
        status: 'pending',
        author_name: 'Other',
        author_email: 'other@example.org',
        body: 'Hello',
        body_html: '<p>Hello</p>',
        created_at: new Date().toISOString(),
      });
      assert.equal((await comments.findById(reply.id))?.parentId, parent.id);
      assert.deepEqual(
        (await comments.listApproved(article.id)).map((c) => c.id),
        [parent.id],
      );
      assert.equal(await comments.hasApprovedFrom('reader@example.org'), true);
      assert.equal(await comments.hasApprovedFrom('other@example.org'), false);
      await comments.setStatus(reply.id, 'spam');
      assert.equal(await comments.countByStatus('spam'), 1);
      const shown = JSON.stringify(toPublicComment(parent));
      assert.doesNotMatch(shown, /reader@example\.org|192\.0\.2\.1/);
    });

    test('redirects and outbox events round-trip', async () => {
      const redirects = createRedirectStore(db.kysely);
      await redirects.upsert({ fromPath: '/?p=12', toPath: '/new-slug/', statusCode: 301 });
      await redirects.upsert({ fromPath: '/?p=12', toPath: '/newer-slug/', statusCode: 301 });
      assert.deepEqual(await redirects.find('/?p=12'), {
        fromPath: '/?p=12',
        toPath: '/newer-slug/',
        statusCode: 301,
      });
      const events = createEventStore(db.kysely);
      const before = await events.changeCounter();
      await events.record('test.happened', { n: 1 });
      assert.equal(await events.changeCounter(), before + 1);
      const claimed = await events.claim(100, 60_000);
      const mine = claimed.filter((e) => e.kind === 'test.happened');
      assert.equal(mine.length, 1);
      assert.deepEqual(mine[0]!.payload, { n: 1 });
      assert.equal(
        (await events.claim(100, 60_000)).filter((e) => e.kind === 'test.happened').length,
        0,
        'a leased event is not claimed twice',
      );
      for (const e of claimed) await events.markDone(e.id);
    });
  });
}
