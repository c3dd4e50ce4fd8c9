/**
 * The API tokens and webhooks screens on the real app: a key or signing secret is shown once and never
 * again, a key made here works against the APIs until it is revoked, bad input re-shows the form, and
 * only admins (with their CSRF token) get in.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createWebhookStore } from '../../src/api/webhook-store.js';
import { DIALECTS } from '../support/databases.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { anonymous, type Browser, get, post, signedIn } from './newsroom-client.js';

const KEY = /bsk_[0-9a-f]{40}/;
const SECRET = /whsec_[A-Za-z0-9_-]+/;

for (const dialect of DIALECTS) {
  describe(`newsroom API tokens and webhooks on ${dialect}`, () => {
    let t: TestApp;
    let admin: Browser;

    /** Calls an API with `key` as its bearer token. */
    const withKey = (url: string, key: string) =>
      t.app.inject({ url, headers: { authorization: `Bearer ${key}`, accept: 'application/json' } });

    before(async () => {
      t = await buildTestApp({ dialect });
      admin = (await signedIn(t.app, t.ctx, 'admin')).browser;
    });
    after(async () => {
      await t.close();
    });

    test('a new token’s key is shown once, works against the admin API, and stops working when revoked', async () => {
      const listed = await get(t.app, admin, '/newsroom/api-tokens');
      assert.equal(listed.statusCode, 200);
      assert.match(listed.body, /href="\/newsroom\/api-tokens" aria-current="page"/);

      const created = await post(t.app, admin, '/newsroom/api-tokens', {
        name: 'Mobile app',
        scope: 'admin',
        role: 'admin',
      });
      assert.equal(created.statusCode, 201, created.body.slice(0, 500));
      assert.match(String(created.headers['cache-control']), /no-store/);
      assert.equal(created.headers.location, undefined, 'no redirect carries the key');
      assert.match(created.body, /will not be shown again/);
      const key = KEY.exec(created.body)?.[0];
      assert.ok(key, 'the key is on the answer page');

      const tokens = await withKey('/api/v1/admin/tokens', key);
      assert.equal(tokens.statusCode, 200);
      const mine = (tokens.json() as { data: { id: number; name: string; role: string }[] }).data.find(
        (x) => x.name === 'Mobile app',
      );
      assert.equal(mine?.role, 'admin');

      const again = await get(t.app, admin, '/newsroom/api-tokens');
      assert.doesNotMatch(again.body, KEY, 'the key is never shown again');
      assert.ok(again.body.includes(`…${key.slice(-6)}`), 'its hint tells it apart');
      assert.match(again.body, /Mobile app/);

      const revoked = await post(t.app, admin, `/newsroom/api-tokens/${mine!.id}/revoke`);
      assert.equal(revoked.statusCode, 303);
      assert.equal(revoked.headers.location, '/newsroom/api-tokens?done=token-revoked');
      assert.equal((await withKey('/api/v1/admin/tokens', key)).statusCode, 401);
      const afterRevoke = await get(t.app, admin, '/newsroom/api-tokens?done=token-revoked');
      assert.match(afterRevoke.body, /API token revoked/);
      assert.match(afterRevoke.body, /Revoked /);
      assert.doesNotMatch(afterRevoke.body, new RegExp(`/newsroom/api-tokens/${mine!.id}/revoke`));
    });

    test('a content token reads through the Ghost Content API and has no role', async () => {
      const created = await post(t.app, admin, '/newsroom/api-tokens', {
        name: 'Front end',
        scope: 'content',
      });
      assert.equal(created.statusCode, 201);
      const key = KEY.exec(created.body)![0];
      const posts = await t.app.inject({ url: `/ghost/api/content/posts/?key=${key}` });
      assert.equal(posts.statusCode, 200);
      assert.equal((await withKey('/api/v1/admin/tokens', key)).statusCode, 403);
    });

    test('bad token input re-shows the form with what was typed and a message per field', async () => {
      const countBefore = (await t.ctx.db.kysely.selectFrom('api_tokens').select('id').execute()).length;
      const refused = await post(t.app, admin, '/newsroom/api-tokens', {
        name: 'Newsletter <beta>',
        scope: 'content',
        role: 'editor',
      });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /value="Newsletter &lt;beta&gt;"/);
      assert.match(refused.body, /Only admin tokens have a role\./);
      assert.match(refused.body, /<option value="editor" selected>/);
      assert.doesNotMatch(refused.body, KEY);

      const nameless = await post(t.app, admin, '/newsroom/api-tokens', { name: '   ', scope: 'everything' });
      assert.equal(nameless.statusCode, 422);
      assert.match(nameless.body, /Give the token a name/);
      assert.match(nameless.body, /Unknown scope &quot;everything&quot;/);
      const afterwards = (await t.ctx.db.kysely.selectFrom('api_tokens').select('id').execute()).length;
      assert.equal(afterwards, countBefore, 'nothing was created');
    });

    test('a webhook is created with its secret shown once, listed with its deliveries, and deleted', async () => {
      const created = await post(t.app, admin, '/newsroom/webhooks', {
        name: 'Newsletter',
        url: 'https://hooks.example.com/broadsheet',
        events: ['article.published', 'comment.approved'],
      });
      assert.equal(created.statusCode, 201, created.body.slice(0, 500));
      assert.match(String(created.headers['cache-control']), /no-store/);
      assert.match(created.body, /will not be shown again/);
      const secret = SECRET.exec(created.body)?.[0];
      assert.ok(secret, 'the secret is on the answer page');

      // One ticked box arrives as a single value, not a list.
      const single = await post(t.app, admin, '/newsroom/webhooks', {
        name: 'Search index',
        url: 'http://indexer.example.net/hook',
        events: 'article.updated',
      });
      assert.equal(single.statusCode, 201);

      const [hook, indexer] = await t.ctx.db.kysely
        .selectFrom('webhooks')
        .select(['id', 'events'])
        .orderBy('id')
        .execute();
      assert.deepEqual(JSON.parse(indexer!.events), ['article.updated']);
      const listed = await get(t.app, admin, '/newsroom/webhooks');
      assert.equal(listed.statusCode, 200);
      assert.match(listed.body, /https:\/\/hooks\.example\.com\/broadsheet/);
      assert.match(listed.body, /article\.published, comment\.approved/);
      assert.ok(!listed.body.includes(secret), 'the secret is never shown again');

      const log = createWebhookStore(t.ctx.db.kysely);
      const attempt = { webhookId: hook!.id, eventId: 7, eventKind: 'article.published', durationMs: 12 };
      await log.logDelivery({
        ...attempt,
        attempt: 1,
        statusCode: 500,
        ok: false,
        error: 'The receiver answered 500.',
      });
      await log.logDelivery({ ...attempt, attempt: 2, statusCode: 200, ok: true, error: null });
      const deliveries = await get(t.app, admin, `/newsroom/webhooks/${hook!.id}`);
      assert.equal(deliveries.statusCode, 200);
      assert.match(deliveries.body, /delivered \(200\)/);
      assert.match(deliveries.body, /failed: The receiver answered 500\./);
      assert.equal((await get(t.app, admin, '/newsroom/webhooks/999999')).statusCode, 404);

      const deleted = await post(t.app, admin, `/newsroom/webhooks/${hook!.id}/delete`);
      assert.equal(deleted.statusCode, 303);
      assert.equal(deleted.headers.location, '/newsroom/webhooks?done=webhook-deleted');
      const remaining = await get(t.app, admin, '/newsroom/webhooks');
      assert.doesNotMatch(remaining.body, /hooks\.example\.com/);
      assert.match(remaining.body, /indexer\.example\.net/);
    });

    test('bad webhook input re-shows the form with what was typed and a message per field', async () => {
      const refused = await post(t.app, admin, '/newsroom/webhooks', {
        name: 'Archive',
        url: 'ftp://files.example.com/in',
      });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /value="ftp:\/\/files\.example\.com\/in"/);
      assert.match(refused.body, /value="Archive"/);
      assert.match(refused.body, /absolute http:\/\/ or https:\/\/ address/);
      assert.match(refused.body, /Choose at least one event/);
      assert.doesNotMatch(refused.body, SECRET);
    });

    test('editors, authors and contributors get 403 and see no link; anonymous visitors are sent to sign in', async () => {
      for (const role of ['editor', 'author', 'contributor'] as const) {
        const { browser } = await signedIn(t.app, t.ctx, role);
        for (const url of ['/newsroom/api-tokens', '/newsroom/webhooks'])
          assert.equal((await get(t.app, browser, url)).statusCode, 403, `${role} GET ${url}`);
        const made = await post(t.app, browser, '/newsroom/api-tokens', { name: 'Sneaky', scope: 'admin' });
        assert.equal(made.statusCode, 403, role);
        const hooked = await post(t.app, browser, '/newsroom/webhooks', {
          name: 'Sneaky',
          url: 'https://evil.example/',
          events: 'article.published',
        });
        assert.equal(hooked.statusCode, 403, role);
        const dashboard = await get(t.app, browser, '/newsroom/');
        assert.doesNotMatch(dashboard.body, /\/newsroom\/(api-tokens|webhooks)/);
      }
      const rows = await t.ctx.db.kysely.selectFrom('api_tokens').select('name').execute();
      assert.ok(!rows.some((r) => r.name === 'Sneaky'));
      const anon = await get(t.app, anonymous(), '/newsroom/api-tokens');
      assert.equal(anon.statusCode, 303);
      assert.equal(anon.headers.location, '/newsroom/sign-in?next=%2Fnewsroom%2Fapi-tokens');
    });

    test('a form without its CSRF token is refused and changes nothing', async () => {
      const made = await post(t.app, admin, '/newsroom/api-tokens', {
        _csrf: '',
        name: 'Forged',
        scope: 'admin',
      });
      assert.equal(made.statusCode, 403);
      assert.doesNotMatch(made.body, KEY);
      const hooked = await post(t.app, admin, '/newsroom/webhooks', {
        _csrf: '',
        name: 'Forged',
        url: 'https://evil.example/',
        events: 'article.published',
      });
      assert.equal(hooked.statusCode, 403);
      assert.doesNotMatch(hooked.body, SECRET);

      const kept = await post(t.app, admin, '/newsroom/api-tokens', { name: 'Kept', scope: 'content' });
      const key = KEY.exec(kept.body)![0];
      const token = await t.ctx.db.kysely
        .selectFrom('api_tokens')
        .select('id')
        .where('name', '=', 'Kept')
        .executeTakeFirstOrThrow();
      const revoke = await post(t.app, admin, `/newsroom/api-tokens/${token.id}/revoke`, { _csrf: 'forged' });
      assert.equal(revoke.statusCode, 403);
      assert.equal((await t.app.inject({ url: `/ghost/api/content/posts/?key=${key}` })).statusCode, 200);
      const names = (await t.ctx.db.kysely.selectFrom('api_tokens').select('name').execute()).map(
        (r) => r.name,
      );
      const hooks = (await t.ctx.db.kysely.selectFrom('webhooks').select('name').execute()).map(
        (r) => r.name,
      );
      assert.ok(!names.includes('Forged') && !hooks.includes('Forged'));
    });
  });
}
