import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { sessionCsrfToken } from '../../src/http/csrf.js';
import { createSessionStore } from '../../src/http/session-store.js';
import { hashToken, newToken, SESSION_COOKIE } from '../../src/http/sessions.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { bearer, makeToken, type Newsroom, seedNewsroom } from './api-fixtures.js';

describe("Broadsheet's admin API (/api/v1/admin)", () => {
  let t: TestApp;
  let n: Newsroom;
  const keys: Record<string, string> = {};
  before(async () => {
    t = await buildTestApp();
    n = await seedNewsroom(t.ctx);
    keys.content = (await makeToken(t.ctx, 'content')).key;
    keys.contributor = (await makeToken(t.ctx, 'admin', 'contributor')).key;
    keys.editor = (await makeToken(t.ctx, 'admin', 'editor', n.editorId)).key;
    keys.admin = (await makeToken(t.ctx, 'admin', 'admin')).key;
    const { user } = await t.ctx.services.users.addUser({
      email: 'author@example.com',
      name: 'Al Author',
      role: 'author',
    });
    keys.author = (await makeToken(t.ctx, 'admin', 'author', user.id)).key;
  });
  after(() => t.close());

  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    who?: string,
    payload?: unknown,
  ) =>
    t.app.inject({ method, url, headers: who ? bearer(keys[who] ?? who) : {}, payload: payload as object });

  test('no token is a 401 with WWW-Authenticate; a content token is a 403 insufficient_scope', async () => {
    const anonymous = await call('POST', '/api/v1/admin/articles', undefined, { headline: 'x' });
    assert.equal(anonymous.statusCode, 401);
    assert.equal(anonymous.json().code, 'unauthenticated');
    assert.match(String(anonymous.headers['www-authenticate']), /^Bearer realm="broadsheet"$/);
    assert.equal(anonymous.headers['cache-control'], 'private, no-store');
    const contentOnly = await call('POST', '/api/v1/admin/articles', 'content', { headline: 'x' });
    assert.equal(contentOnly.statusCode, 403);
    assert.equal(contentOnly.json().code, 'insufficient_scope');
  });

  test('roles decide: a contributor drafts but may not publish, add tags or manage tokens', async () => {
    const created = await call('POST', '/api/v1/admin/articles', 'contributor', {
      headline: 'Contributor draft',
    });
    assert.equal(created.statusCode, 201);
    const id = created.json().data.id;
    assert.equal(created.headers.location, `/api/v1/admin/articles/${id}`);
    assert.equal(created.json().data.status, 'draft');
    for (const [method, url, payload] of [
      ['POST', `/api/v1/admin/articles/${id}/publish`, undefined],
      ['POST', '/api/v1/admin/tags', { name: 'Nope' }],
      ['GET', '/api/v1/admin/tokens', undefined],
      ['PUT', '/api/v1/admin/cors', { origins: [] }],
    ] as const) {
      const res = await call(method, url, 'contributor', payload);
      assert.equal(res.statusCode, 403, url);
      assert.equal(res.json().code, 'forbidden', url);
    }
  });

  test('an author publishes their own article but not the newsroom’s', async () => {
    const own = (await call('POST', '/api/v1/admin/articles', 'author', { headline: 'Author scoop' })).json()
      .data;
    const published = await call('POST', `/api/v1/admin/articles/${own.id}/publish`, 'author');
    assert.equal(published.statusCode, 200);
    assert.equal(published.json().data.status, 'published');
    const theirs = await call('POST', `/api/v1/admin/articles/${n.draft.id}/publish`, 'author');
    assert.equal(theirs.statusCode, 403);
    const edit = await call('PATCH', `/api/v1/admin/articles/${n.draft.id}`, 'author', {
      version: 1,
      dek: 'x',
    });
    assert.equal(edit.statusCode, 403);
  });

  test('an editor creates, updates (with versions), schedules, publishes and unpublishes', async () => {
    const created = await call('POST', '/api/v1/admin/articles', 'editor', {
      headline: 'Bridge reopens',
      bodySource: 'The **bridge** is open.',
      tagIds: [n.tagIds.harbour],
      authorIds: [n.authorIds.ada],
      categoryId: n.categoryIds.local,
      featuredImage: { url: 'https://images.example/bridge.jpg', alt: 'The bridge' },
    });
    assert.equal(created.statusCode, 201);
    const article = created.json().data;
    assert.equal(article.ownerId, n.editorId);
    assert.equal(article.bodyHtml.trim(), '<p>The <strong>bridge</strong> is open.</p>');

    const updated = await call('PATCH', `/api/v1/admin/articles/${article.id}`, 'editor', {
      version: article.version,
      dek: 'After two years',
    });
    assert.equal(updated.statusCode, 200);
    assert.equal(updated.json().data.dek, 'After two years');
    const stale = await call('PATCH', `/api/v1/admin/articles/${article.id}`, 'editor', {
      version: article.version,
      dek: 'Lost update',
    });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().code, 'conflict');

    const past = await call('POST', `/api/v1/admin/articles/${article.id}/schedule`, 'editor', {
      publishAt: '2001-01-01T00:00:00Z',
    });
    assert.equal(past.statusCode, 422);
    assert.equal(past.json().field, 'publishAt');
    const later = new Date(Date.now() + 86_400_000).toISOString();
    const scheduled = await call('POST', `/api/v1/admin/articles/${article.id}/schedule`, 'editor', {
      publishAt: later,
    });
    assert.equal(scheduled.json().data.status, 'scheduled');
    assert.equal((await t.app.inject(`/api/v1/articles/${article.slug}`)).statusCode, 404);

    assert.equal(
      (await call('POST', `/api/v1/admin/articles/${article.id}/publish`, 'editor')).statusCode,
      200,
    );
    const readers = (await t.app.inject(`/api/v1/articles/${article.slug}`)).json().data;
    assert.equal(readers.featuredImage.url, 'https://images.example/bridge.jpg');
    assert.deepEqual(
      readers.authors.map((a: { slug: string }) => a.slug),
      ['ada-reporter'],
    );
    assert.equal(
      (await call('POST', `/api/v1/admin/articles/${article.id}/unpublish`, 'editor')).statusCode,
      200,
    );
    assert.equal((await t.app.inject(`/api/v1/articles/${article.slug}`)).statusCode, 404);
    assert.equal(
      (await call('GET', `/api/v1/admin/articles/${article.id}`, 'editor')).json().data.status,
      'draft',
    );
  });

  test('the article list shows every status to editors, and only their own to contributors', async () => {
    const drafts = (await call('GET', '/api/v1/admin/articles?status=draft&per_page=100', 'editor')).json();
    assert.ok(drafts.data.some((a: { id: number }) => a.id === n.draft.id));
    assert.ok(drafts.data.every((a: { status: string }) => a.status === 'draft'));
    assert.ok(!drafts.data.some((a: { id: number }) => a.id === n.trashed.id));
    const scheduled = (await call('GET', '/api/v1/admin/articles?status=scheduled', 'editor')).json();
    assert.deepEqual(
      scheduled.data.map((a: { id: number }) => a.id),
      [n.scheduled.id],
    );
    const mine = (await call('GET', '/api/v1/admin/articles?per_page=100', 'author')).json();
    assert.deepEqual(
      mine.data.map((a: { headline: string }) => a.headline),
      ['Author scoop'],
    );
    // A script token acts for no account, so as a contributor it owns nothing to list.
    assert.equal((await call('GET', '/api/v1/admin/articles', 'contributor')).json().meta.total, 0);
    assert.equal((await call('GET', '/api/v1/admin/articles?status=trash', 'editor')).statusCode, 400);
  });

  test('validation errors name the field; domain rules answer 422; unknown ids 404', async () => {
    const missing = await call('POST', '/api/v1/admin/articles', 'editor', { dek: 'No headline' });
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().code, 'invalid');
    assert.equal(missing.json().field, 'headline');
    const wrongType = await call('POST', '/api/v1/admin/articles', 'editor', {
      headline: 'x',
      tagIds: 'one',
    });
    assert.equal(wrongType.statusCode, 400);
    assert.match(wrongType.json().field, /^tagIds/);
    const badSlug = await call('POST', '/api/v1/admin/articles', 'editor', {
      headline: 'x',
      slug: 'Not A Slug',
    });
    assert.equal(badSlug.statusCode, 422);
    assert.equal(badSlug.json().field, 'slug');
    assert.equal((await call('GET', '/api/v1/admin/articles/999999', 'editor')).statusCode, 404);
    assert.equal((await call('GET', '/api/v1/admin/articles/abc', 'editor')).statusCode, 400);
  });

  test('taxonomy: editors add, rename, move, merge and delete categories and tags', async () => {
    const tag = await call('POST', '/api/v1/admin/tags', 'editor', { name: 'Lifeboat' });
    assert.equal(tag.statusCode, 201);
    assert.equal(tag.json().data.slug, 'lifeboat');
    const again = await call('POST', '/api/v1/admin/tags', 'editor', { name: 'Lifeboat' });
    assert.equal(again.statusCode, 422);
    assert.equal(again.json().field, 'slug');
    const renamed = await call('PATCH', `/api/v1/admin/tags/${tag.json().data.id}`, 'editor', {
      name: 'Lifeboats',
    });
    assert.deepEqual([renamed.json().data.name, renamed.json().data.slug], ['Lifeboats', 'lifeboat']);

    const child = await call('POST', '/api/v1/admin/categories', 'editor', {
      name: 'Harbour news',
      parentId: n.categoryIds.news,
    });
    const childId = child.json().data.id;
    assert.equal(child.json().data.parentId, n.categoryIds.news);
    const cycle = await call('PATCH', `/api/v1/admin/categories/${n.categoryIds.news}`, 'editor', {
      parentId: childId,
    });
    assert.equal(cycle.statusCode, 422);
    assert.equal(cycle.json().field, 'parentId');
    const moved = await call('PATCH', `/api/v1/admin/categories/${childId}`, 'editor', { parentId: null });
    assert.equal(moved.json().data.parentId, null);

    const merge = await call(
      'DELETE',
      `/api/v1/admin/tags/${tag.json().data.id}?replacementId=${n.tagIds.harbour}`,
      'editor',
    );
    assert.equal(merge.statusCode, 204);
    assert.equal((await t.app.inject('/api/v1/tags/lifeboat')).statusCode, 404);
    assert.equal((await call('DELETE', `/api/v1/admin/categories/${childId}`, 'editor')).statusCode, 204);
    assert.equal((await call('DELETE', `/api/v1/admin/categories/${childId}`, 'editor')).statusCode, 404);
    assert.equal(
      (await call('PATCH', `/api/v1/admin/tags/${n.tagIds.council}`, 'author', { name: 'x' })).statusCode,
      403,
    );
  });

  test('tokens: an admin creates one (key shown once), lists them without keys, revokes it at once', async () => {
    const created = await call('POST', '/api/v1/admin/tokens', 'admin', {
      name: 'Mobile app',
      scope: 'content',
    });
    assert.equal(created.statusCode, 201);
    const { data, key } = created.json();
    assert.match(key, /^bsk_[0-9a-f]{40}$/);
    assert.equal((await call('GET', '/api/v1/articles', key)).statusCode, 200);
    const list = await call('GET', '/api/v1/admin/tokens', 'admin');
    assert.ok(!list.body.includes(key));
    assert.ok(list.json().data.some((x: { id: number }) => x.id === data.id));
    assert.equal((await call('DELETE', `/api/v1/admin/tokens/${data.id}`, 'admin')).statusCode, 204);
    const after = await call('GET', '/api/v1/articles', key);
    assert.equal(after.statusCode, 401);
    assert.equal((await call('DELETE', '/api/v1/admin/tokens/99999', 'admin')).statusCode, 404);
    const badScope = await call('POST', '/api/v1/admin/tokens', 'admin', { name: 'x', scope: 'root' });
    assert.equal(badScope.statusCode, 400);
    assert.equal(badScope.json().field, 'scope');
  });

  test('moderation: editors read the queue (with emails, as the newsroom does) and approve, spam or trash', async () => {
    const queue = await call('GET', '/api/v1/admin/comments?status=pending', 'editor');
    assert.equal(queue.statusCode, 200);
    const pending = queue.json();
    assert.ok(pending.data.some((c: { id: number }) => c.id === n.pendingCommentId));
    assert.ok(pending.data.every((c: { status: string }) => c.status === 'pending'));
    assert.match(pending.data[0].authorEmail, /@example\.com$/);
    assert.ok(!queue.body.includes('203.0.113.9'), 'never the IP');
    assert.equal(typeof pending.meta.counts.approved, 'number');
    assert.equal((await call('GET', '/api/v1/admin/comments', 'author')).statusCode, 403);

    const approved = await call('POST', `/api/v1/admin/comments/${n.pendingCommentId}/approve`, 'editor');
    assert.equal(approved.statusCode, 200);
    assert.equal(approved.json().data.status, 'approved');
    const readers = (await t.app.inject(`/api/v1/articles/${n.published[0]!.slug}/comments`)).json();
    assert.ok(readers.data.some((c: { id: number }) => c.id === n.pendingCommentId));
    const trashed = await call('POST', `/api/v1/admin/comments/${n.pendingCommentId}/trash`, 'editor');
    assert.equal(trashed.json().data.status, 'trash');
    const restored = await call('POST', `/api/v1/admin/comments/${n.pendingCommentId}/restore`, 'editor');
    assert.equal(restored.json().data.status, 'approved');
    assert.equal((await call('POST', '/api/v1/admin/comments/999999/spam', 'editor')).statusCode, 404);
    assert.equal(
      (await call('POST', `/api/v1/admin/comments/${n.pendingCommentId}/bless`, 'editor')).statusCode,
      404,
    );
  });

  test('media: the raw image as the body becomes a library item with variants; non-images are refused', async () => {
    const png = await sharp({
      create: { width: 400, height: 300, channels: 3, background: { r: 10, g: 90, b: 160 } },
    })
      .png()
      .toBuffer();
    const uploaded = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/media?alt=A%20blue%20square&credit=Staff',
      headers: {
        ...bearer(keys.contributor!),
        'content-type': 'image/png',
        'content-disposition': 'attachment; filename="Blue Square.png"',
      },
      payload: png,
    });
    assert.equal(uploaded.statusCode, 201);
    const item = uploaded.json().data;
    assert.equal(item.width, 400);
    assert.equal(item.altText, 'A blue square');
    assert.match(item.url, /^http:\/\/localhost:80\/media\/\d{4}\/\d{2}\/blue-square-[0-9a-f]+\.png$/);
    assert.ok(item.variants.some((v: { format: string }) => v.format === 'webp'));
    const file = await t.app.inject(new URL(item.url).pathname);
    assert.equal(file.statusCode, 200);

    const text = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/media',
      headers: { ...bearer(keys.contributor!), 'content-type': 'image/png' },
      payload: Buffer.from('not an image at all'),
    });
    assert.equal(text.statusCode, 422);
    assert.equal(text.json().field, 'file');
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/media',
      headers: { 'content-type': 'image/png' },
      payload: png,
    });
    assert.equal(anonymous.statusCode, 401);
  });

  test('the newsroom session works for the UI’s own calls, with its CSRF header on changes', async () => {
    const token = newToken();
    const now = new Date();
    const sessionId = hashToken(token);
    await createSessionStore(t.db.kysely).insert({
      id: sessionId,
      userId: n.editorId,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + 3600_000).toISOString(),
    });
    const cookie = `${SESSION_COOKIE}=${token}`;
    const read = await t.app.inject({ url: `/api/v1/admin/articles/${n.draft.id}`, headers: { cookie } });
    assert.equal(read.statusCode, 200);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/tags',
      headers: { cookie },
      payload: { name: 'Session tag' },
    });
    assert.equal(noCsrf.statusCode, 403);
    assert.equal(noCsrf.json().code, 'csrf');
    const crossSite = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/tags',
      headers: {
        cookie,
        'x-csrf-token': sessionCsrfToken(t.ctx.secret, sessionId),
        origin: 'https://evil.example',
      },
      payload: { name: 'Session tag' },
    });
    assert.equal(crossSite.statusCode, 403);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/tags',
      headers: { cookie, 'x-csrf-token': sessionCsrfToken(t.ctx.secret, sessionId) },
      payload: { name: 'Session tag' },
    });
    assert.equal(ok.statusCode, 201);
    // An editor's session may not administer.
    const tokens = await t.app.inject({ url: '/api/v1/admin/tokens', headers: { cookie } });
    assert.equal(tokens.statusCode, 403);
  });
});
