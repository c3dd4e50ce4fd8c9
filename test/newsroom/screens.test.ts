import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Article } from '../../src/articles/article.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { anonymous, type Browser, get, post, signedIn } from './newsroom-client.js';

describe('newsroom screens: moderation, categories and tags, settings, dashboard', () => {
  let t: TestApp;
  let editor: Browser;
  let admin: Browser;
  let article: Article;

  async function comment(text: string, email = `reader-${Math.random().toString(36).slice(2)}@example.com`) {
    const { comment } = await t.ctx.services.comments.postComment(
      article.id,
      {
        comment: text,
        author: 'Reader',
        email,
        url: '',
        parentId: null,
        notifyReplies: false,
        saveCommenter: false,
      },
      { ip: '192.0.2.10', userAgent: 'test', honeypot: '', elapsedMs: 60_000, replayKey: null },
    );
    return comment;
  }

  before(async () => {
    t = await buildTestApp();
    editor = (await signedIn(t.app, t.ctx, 'editor')).browser;
    admin = (await signedIn(t.app, t.ctx, 'admin')).browser;
    article = await t.ctx.services.articles.createArticle(
      { headline: 'Pier reopens', bodySource: 'The pier is open again.' },
      { userId: null },
      { status: 'published', publishedAt: new Date(Date.now() - 60_000).toISOString() },
    );
  });
  after(async () => {
    await t.close();
  });

  test('a held comment waits in the moderation queue, is approved, and then appears on the article', async () => {
    const held = await comment('First time here: lovely to see the pier back.');
    assert.equal(held.status, 'pending', 'a first-time commenter is held');
    assert.doesNotMatch(
      (await get(t.app, anonymous(), '/pier-reopens/')).body,
      /lovely to see the pier back/,
    );
    const queue = await get(t.app, editor, '/newsroom/comments');
    assert.equal(queue.statusCode, 200);
    assert.match(queue.body, /lovely to see the pier back/);
    assert.match(queue.body, /Held <span class="count">\(1\)<\/span>/);
    const approved = await post(t.app, editor, '/newsroom/comments/moderate', {
      row: `approve:${held.id}`,
      back: '/newsroom/comments?status=pending',
    });
    assert.equal(approved.statusCode, 303);
    assert.equal(approved.headers.location, '/newsroom/comments?status=pending&done=moderated');
    assert.equal((await t.ctx.stores.comments.findById(held.id))?.status, 'approved');
    await t.ctx.jobs.drain();
    assert.match((await get(t.app, anonymous(), '/pier-reopens/')).body, /lovely to see the pier back/);
  });

  test('bulk moderation, editing and a staff reply', async () => {
    const a = await comment('Buy cheap watches');
    const b = await comment('More cheap watches');
    const bulk = await post(t.app, editor, '/newsroom/comments/moderate', {
      action: 'spam',
      ids: [String(a.id), String(b.id)],
    });
    assert.equal(bulk.statusCode, 303);
    assert.equal((await t.ctx.stores.comments.findById(a.id))?.status, 'spam');
    assert.equal((await t.ctx.stores.comments.findById(b.id))?.status, 'spam');
    assert.match((await get(t.app, editor, '/newsroom/comments?status=spam')).body, /cheap watches/);
    const none = await post(t.app, editor, '/newsroom/comments/moderate', { action: 'approve' });
    assert.equal(none.statusCode, 422);

    const c = await comment('The pier opened in 1901.');
    const page = await get(t.app, editor, `/newsroom/comments/${c.id}`);
    assert.match(page.body, /The pier opened in 1901\./);
    const edited = await post(t.app, editor, `/newsroom/comments/${c.id}/edit`, {
      body: 'The pier opened in 1902.',
      authorName: 'Reader',
      authorEmail: c.authorEmail,
      authorUrl: '',
    });
    assert.equal(edited.statusCode, 303);
    assert.equal((await t.ctx.stores.comments.findById(c.id))?.body, 'The pier opened in 1902.');
    const replied = await post(t.app, editor, `/newsroom/comments/${c.id}/reply`, {
      reply: 'Thanks, corrected.',
    });
    assert.equal(replied.statusCode, 303);
    assert.equal((await t.ctx.stores.comments.findById(c.id))?.status, 'approved', 'replying approves');
    const empty = await post(t.app, editor, `/newsroom/comments/${c.id}/reply`, { reply: '' });
    assert.equal(empty.statusCode, 422);
  });

  test('categories: create, refuse duplicates, rename, delete moving the articles', async () => {
    const created = await post(t.app, editor, '/newsroom/categories', {
      name: 'Coast',
      slug: '',
      description: 'Sea things',
    });
    assert.equal(created.statusCode, 303);
    const coast = (await t.ctx.stores.taxonomy.findCategoryBySlug('coast'))!;
    const duplicate = await post(t.app, editor, '/newsroom/categories', { name: 'Coast', slug: 'coast' });
    assert.equal(duplicate.statusCode, 422);
    assert.match(duplicate.body, /already used/);
    const empty = await post(t.app, editor, '/newsroom/categories', { name: '' });
    assert.equal(empty.statusCode, 422);
    const renamed = await post(t.app, editor, `/newsroom/categories/${coast.id}`, {
      name: 'Coastline',
      slug: 'coastline',
      description: '',
      parentId: '',
    });
    assert.equal(renamed.statusCode, 303);
    const selfParent = await post(t.app, editor, `/newsroom/categories/${coast.id}`, {
      name: 'Coastline',
      slug: 'coastline',
      parentId: String(coast.id),
    });
    assert.equal(selfParent.statusCode, 422);
    await post(t.app, editor, '/newsroom/categories', { name: 'Towns', slug: 'towns' });
    const towns = (await t.ctx.stores.taxonomy.findCategoryBySlug('towns'))!;
    const inCoast = await t.ctx.services.articles.createArticle(
      { headline: 'Cliff fall', categoryId: coast.id },
      { userId: null },
    );
    const deleted = await post(t.app, editor, `/newsroom/categories/${coast.id}/delete`, {
      replacementId: String(towns.id),
    });
    assert.equal(deleted.statusCode, 303);
    assert.equal(await t.ctx.stores.taxonomy.findCategoryById(coast.id), undefined);
    assert.equal((await t.ctx.stores.articles.findById(inCoast.id))?.category?.id, towns.id);
  });

  test('tags: create, rename, merge, delete with reassignment', async () => {
    await post(t.app, editor, '/newsroom/tags', { name: 'Floods' });
    await post(t.app, editor, '/newsroom/tags', { name: 'Flooding' });
    await post(t.app, editor, '/newsroom/tags', { name: 'Weather' });
    const floods = (await t.ctx.stores.taxonomy.findTagBySlug('floods'))!;
    const flooding = (await t.ctx.stores.taxonomy.findTagBySlug('flooding'))!;
    const weather = (await t.ctx.stores.taxonomy.findTagBySlug('weather'))!;
    const tagged = await t.ctx.services.articles.createArticle(
      { headline: 'High tide', tagIds: [flooding.id] },
      { userId: null },
    );
    const clash = await post(t.app, editor, `/newsroom/tags/${flooding.id}`, {
      name: 'Floods',
      slug: 'floods',
    });
    assert.equal(clash.statusCode, 422);
    assert.match(clash.body, /Merge them instead/);
    const merged = await post(t.app, editor, `/newsroom/tags/${flooding.id}/merge`, {
      intoId: String(floods.id),
    });
    assert.equal(merged.statusCode, 303);
    assert.deepEqual(
      (await t.ctx.stores.articles.findById(tagged.id))?.tags.map((x) => x.name),
      ['Floods'],
    );
    const deleted = await post(t.app, editor, `/newsroom/tags/${floods.id}/delete`, {
      replacementId: String(weather.id),
    });
    assert.equal(deleted.statusCode, 303);
    assert.deepEqual(
      (await t.ctx.stores.articles.findById(tagged.id))?.tags.map((x) => x.name),
      ['Weather'],
    );
    await post(t.app, editor, `/newsroom/tags/${weather.id}/delete`, { replacementId: '' });
    assert.deepEqual((await t.ctx.stores.articles.findById(tagged.id))?.tags, []);
  });

  test('settings: saved and used by the site; invalid values re-render with the field named', async () => {
    const page = await get(t.app, admin, '/newsroom/settings');
    assert.match(page.body, /name="commentPolicy"/);
    assert.match(page.body, /name="seeAlsoAfterParagraph"/);
    assert.match(page.body, /name="feedFullText"/);
    const bad = await post(t.app, admin, '/newsroom/settings', {
      title: 'The Gazette',
      timezone: 'Mars/Olympus',
      feedItems: 'lots',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /not a known time zone/);
    assert.match(bad.body, /value="The Gazette"/);
    const saved = await post(t.app, admin, '/newsroom/settings', {
      title: 'The Gazette',
      tagline: 'All the news from the bay',
      language: 'en',
      timezone: 'Europe/London',
      commentPolicy: 'hold-all',
      feedItems: '15',
      feedFullText: '1',
      seeAlsoAfterParagraph: '3',
    });
    assert.equal(saved.statusCode, 303);
    const settings = await t.ctx.settings();
    assert.equal(settings.title, 'The Gazette');
    assert.equal(settings.timezone, 'Europe/London');
    assert.equal(settings.commentPolicy, 'hold-all');
    assert.equal(settings.feedItems, 15);
    assert.equal(settings.seeAlsoAfterParagraph, 3);
    assert.match((await get(t.app, anonymous(), '/')).body, /The Gazette/);
  });

  test('the dashboard shows drafts, what awaits review, scheduled articles, held comments and recent activity', async () => {
    const { user, browser } = await signedIn(t.app, t.ctx, 'editor');
    await t.ctx.services.articles.createArticle(
      { headline: 'My unfinished draft', ownerId: user.id },
      { userId: user.id },
    );
    const waiting = await t.ctx.services.articles.createArticle(
      { headline: 'Please review me' },
      { userId: null },
    );
    await t.ctx.services.articles.submitForReview(waiting.id, { userId: null });
    const later = await t.ctx.services.articles.createArticle(
      { headline: 'Tomorrow’s story' },
      { userId: null },
    );
    await t.ctx.services.articles.scheduleArticle(later.id, new Date(Date.now() + 86400_000), {
      userId: null,
    });
    await comment('Another first-timer');
    const page = await get(t.app, browser, '/newsroom/');
    assert.match(page.body, /My unfinished draft/);
    assert.match(page.body, /Please review me/);
    assert.match(page.body, /Tomorrow’s story/);
    assert.match(page.body, /<strong>\d+<\/strong> comments? held for moderation/);
    assert.match(page.body, /Recent activity/);
  });
});
