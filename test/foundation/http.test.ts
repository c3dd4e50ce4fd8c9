import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS } from '../support/databases.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';

for (const dialect of DIALECTS) {
  describe(`demo site over HTTP on ${dialect}`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp({ dialect, demo: true });
    });
    after(async () => {
      await t.close();
    });

    test('health and readiness answer JSON', async () => {
      const health = await t.app.inject('/healthz');
      assert.equal(health.statusCode, 200);
      assert.deepEqual(health.json(), { status: 'ok' });
      const ready = await t.app.inject('/readyz');
      assert.equal(ready.statusCode, 200);
      assert.equal(ready.json().migrations, 'current');
    });

    test('the demo has 30+ articles, categories, tags, authors, approved comments and an admin', async () => {
      assert.ok(t.demo?.password && t.demo.email);
      assert.ok((await t.ctx.stores.articles.countAll()) >= 30);
      assert.ok((await t.ctx.stores.taxonomy.listCategories()).length >= 5);
      assert.ok((await t.ctx.stores.taxonomy.listTags()).length >= 10);
      assert.ok((await t.ctx.stores.users.listAuthors()).length >= 5);
      assert.ok((await t.ctx.stores.comments.countByStatus('approved')) >= 5);
    });

    test('front page and an article page render', async () => {
      const front = await t.app.inject('/');
      assert.equal(front.statusCode, 200);
      assert.match(front.headers['content-type'] as string, /text\/html; charset=utf-8/);
      const settings = await t.ctx.settings();
      const [latest] = await t.ctx.stores.articles.listPublic(new Date().toISOString(), {}, 1);
      assert.ok(front.body.includes(`href="/${latest!.slug}/"`));
      const page = await t.app.inject(`/${latest!.slug}/`);
      assert.equal(page.statusCode, 200);
      const escaped = latest!.headline.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
      assert.ok(page.body.includes(`<title>${escaped} – ${settings.title.replace(/&/g, '&amp;')}</title>`));
    });

    test('unknown paths are a 404 page; JSON clients get problem details', async () => {
      const missing = await t.app.inject('/no-such-story/');
      assert.equal(missing.statusCode, 404);
      assert.match(missing.body, /Page not found/);
      const json = await t.app.inject({ url: '/no-such-story/', headers: { accept: 'application/json' } });
      assert.equal(json.statusCode, 404);
      assert.equal(json.json().code, 'not_found');
    });

    test('security headers are on every response', async () => {
      const res = await t.app.inject('/');
      assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
    });
  });
}
