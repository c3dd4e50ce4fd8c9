import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { signPayload, validateWebhook, verifySignature } from '../../src/api/webhook.js';
import { DIALECTS } from '../support/databases.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { bearer, makeToken, type Newsroom, seedNewsroom } from './api-fixtures.js';

/** A real HTTP receiver on 127.0.0.1 that records requests and answers with the next queued status. */
async function startReceiver() {
  const received: { headers: IncomingHttpHeaders; body: string; path: string }[] = [];
  const statuses: number[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push({ headers: request.headers, body, path: request.url ?? '' });
      response.statusCode = statuses.shift() ?? 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received,
    statuses,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('webhook rules', () => {
  test('signatures are HMAC-SHA256 over timestamp.body and checked in constant time with a tolerance', () => {
    const now = 1_700_000_000;
    const signature = signPayload('whsec_test', now, '{"a":1}');
    assert.match(signature, /^sha256=[0-9a-f]{64}$/);
    assert.ok(verifySignature('whsec_test', signature, String(now), '{"a":1}', now + 10));
    assert.ok(!verifySignature('whsec_test', signature, String(now), '{"a":2}', now));
    assert.ok(!verifySignature('whsec_other', signature, String(now), '{"a":1}', now));
    assert.ok(!verifySignature('whsec_test', signature, String(now), '{"a":1}', now + 3600));
  });

  test('a subscription needs an http(s) URL without credentials and known events', () => {
    assert.deepEqual(
      validateWebhook({ name: 'x', url: 'https://hooks.example/in', events: ['article.published'] }),
      {},
    );
    assert.ok(validateWebhook({ name: 'x', url: 'ftp://hooks.example', events: ['article.published'] }).url);
    assert.ok(
      validateWebhook({ name: 'x', url: 'https://u:p@hooks.example', events: ['article.published'] }).url,
    );
    assert.ok(
      validateWebhook({ name: 'x', url: 'https://hooks.example', events: ['article.deleted'] }).events,
    );
    assert.ok(validateWebhook({ name: 'x', url: 'https://hooks.example', events: [] }).events);
  });
});

for (const dialect of DIALECTS) {
  describe(`webhook delivery on ${dialect}`, () => {
    let t: TestApp;
    let n: Newsroom;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let admin: string;
    before(async () => {
      t = await buildTestApp({ dialect });
      n = await seedNewsroom(t.ctx);
      receiver = await startReceiver();
      admin = (await makeToken(t.ctx, 'admin', 'admin')).key;
      // The seed's own events are not what these tests are about.
      await t.ctx.jobs.drain();
    });
    after(async () => {
      await receiver.close();
      await t.close();
    });

    const subscribe = async (path: string, events: string[]) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/webhooks',
        headers: bearer(admin),
        payload: { name: path, url: receiver.url(path), events },
      });
      assert.equal(res.statusCode, 201);
      return res.json() as { data: { id: number }; secret: string };
    };

    test('publishing sends a signed POST with the public article; the delivery is logged', async () => {
      const hook = await subscribe('/published', ['article.published', 'article.unpublished']);
      assert.match(hook.secret, /^whsec_/);
      const listed = await t.app.inject({ url: '/api/v1/admin/webhooks', headers: bearer(admin) });
      assert.ok(!listed.body.includes(hook.secret));

      await t.app.inject({
        method: 'POST',
        url: `/api/v1/admin/articles/${n.draft.id}/publish`,
        headers: bearer(admin),
      });
      await t.ctx.jobs.drain();
      const delivery = receiver.received.find((r) => r.path === '/published');
      assert.ok(delivery, 'the receiver got a POST');
      assert.equal(delivery.headers['x-broadsheet-event'], 'article.published');
      assert.ok(
        verifySignature(
          hook.secret,
          String(delivery.headers['x-broadsheet-signature']),
          String(delivery.headers['x-broadsheet-timestamp']),
          delivery.body,
        ),
      );
      const body = JSON.parse(delivery.body);
      assert.equal(body.event, 'article.published');
      assert.equal(body.data.article.slug, n.draft.slug);
      assert.ok(!delivery.body.includes('@example.com'));

      await t.app.inject({
        method: 'POST',
        url: `/api/v1/admin/articles/${n.draft.id}/unpublish`,
        headers: bearer(admin),
      });
      await t.ctx.jobs.drain();
      const unpublished = receiver.received.filter((r) => r.path === '/published').at(-1)!;
      assert.deepEqual(JSON.parse(unpublished.body).data.article, {
        id: n.draft.id,
        kind: 'article',
        slug: n.draft.slug,
      });

      const log = await t.app.inject({
        url: `/api/v1/admin/webhooks/${hook.data.id}/deliveries`,
        headers: bearer(admin),
      });
      assert.deepEqual(
        log
          .json()
          .data.map((d: { eventKind: string; ok: boolean; statusCode: number }) => [
            d.eventKind,
            d.ok,
            d.statusCode,
          ]),
        [
          ['article.unpublished', true, 204],
          ['article.published', true, 204],
        ],
      );
      await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/admin/webhooks/${hook.data.id}`,
        headers: bearer(admin),
      });
    });

    test('a failing receiver is retried with back-off; receivers that already succeeded get no resend', async () => {
      const flaky = await subscribe('/flaky', ['article.updated']);
      const steady = await subscribe('/steady', ['article.updated']);
      receiver.received.length = 0;
      // Deliveries go out in subscription order: the flaky receiver answers 500 first, the steady one 204.
      receiver.statuses.push(500, 204);
      const article = await t.ctx.services.articles.load(n.published[1]!.id);
      await t.ctx.services.articles.saveArticle(article.id, { dek: 'Updated dek' }, article.version, {
        userId: null,
      });
      await t.ctx.jobs.drain();
      assert.deepEqual(
        receiver.received.map((r) => r.path),
        ['/flaky', '/steady'],
      );
      const event = await t.db.kysely
        .selectFrom('events')
        .select(['id', 'attempts', 'done_at', 'run_after', 'last_error'])
        .where('kind', '=', 'article.updated')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      assert.equal(event.done_at, null, 'left for a retry');
      assert.ok(event.run_after > new Date().toISOString(), 'retried later, not at once');
      assert.match(String(event.last_error), /answered 500/);

      // Time passes: the retry is due.
      await t.db.kysely
        .updateTable('events')
        .set({ run_after: new Date(0).toISOString() })
        .where('id', '=', event.id)
        .execute();
      await t.ctx.jobs.drain();
      assert.deepEqual(
        receiver.received.map((r) => r.path),
        ['/flaky', '/steady', '/flaky'],
      );
      const log = await t.app.inject({
        url: `/api/v1/admin/webhooks/${flaky.data.id}/deliveries`,
        headers: bearer(admin),
      });
      assert.deepEqual(
        log.json().data.map((d: { attempt: number; ok: boolean }) => [d.attempt, d.ok]),
        [
          [2, true],
          [1, false],
        ],
      );
      for (const id of [flaky.data.id, steady.data.id]) {
        await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/webhooks/${id}`, headers: bearer(admin) });
      }
    });

    test('an approved comment is delivered without email; a held one is not', async () => {
      await subscribe('/comments', ['comment.approved']);
      receiver.received.length = 0;
      const editor = { id: n.editorId, role: 'editor' as const };
      await t.ctx.services.comments.approve(editor, n.pendingCommentId);
      await t.ctx.jobs.drain();
      const sent = receiver.received.filter((r) => r.path === '/comments');
      assert.equal(sent.length, 1);
      const body = JSON.parse(sent[0]!.body);
      assert.equal(body.event, 'comment.approved');
      assert.equal(body.data.comment.id, n.pendingCommentId);
      assert.equal(body.data.article.id, n.published[0]!.id);
      assert.ok(!sent[0]!.body.includes('@'));
      assert.ok(!sent[0]!.body.includes('203.0.113.9'));
    });

    test('subscriptions are validated and need the administer role', async () => {
      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/webhooks',
        headers: bearer(admin),
        payload: { name: 'x', url: 'ftp://example.com/', events: ['article.published'] },
      });
      assert.equal(bad.statusCode, 422);
      assert.equal(bad.json().field, 'url');
      const editor = (await makeToken(t.ctx, 'admin', 'editor')).key;
      const refused = await t.app.inject({ url: '/api/v1/admin/webhooks', headers: bearer(editor) });
      assert.equal(refused.statusCode, 403);
    });
  });
}
