/**
 * Hostile requests at the edge: path traversal on the file and asset routes, open redirects and header
 * injection through every redirect a visitor can steer, oversized bodies, and a slowloris client.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { issueFormToken } from '../../src/comments/comment-form-token.js';
import { anonymous, get, post, signedIn, TEST_PASSWORD } from '../newsroom/newsroom-client.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';

const SITE = 'http://site.test';

/** True when a Location header keeps the visitor on this site. */
function staysOnSite(location: string): boolean {
  if (/^\s*[/\\]{2}/.test(location) || /^\s*\/\\/.test(location)) return false;
  try {
    return new URL(location, SITE).origin === SITE;
  } catch {
    return false;
  }
}

describe('hostile requests', () => {
  let t: TestApp;
  const sentinel = `sentinel-${randomBytes(8).toString('hex')}`;

  before(async () => {
    t = await buildTestApp({ demo: true });
    writeFileSync(join(t.config.dataDir, 'secret.txt'), sentinel);
    mkdirSync(join(t.config.dataDir, 'media', '2024', '01'), { recursive: true });
    writeFileSync(join(t.config.dataDir, 'media', '2024', '01', 'harbour-1a2b.jpg'), 'JPEG');
  });
  after(async () => {
    await t.close();
  });

  test('path traversal on /media/, /assets/, /newsroom/assets/ and /sitemaps/ reaches no other file', async () => {
    assert.equal(
      (await t.app.inject('/media/2024/01/harbour-1a2b.jpg')).statusCode,
      200,
      'a real file is served',
    );
    const attacks = [
      '../secret.txt',
      '../../secret.txt',
      '..%2fsecret.txt',
      '..%2F..%2Fsecret.txt',
      '%2e%2e/secret.txt',
      '%2e%2e%2fsecret.txt',
      '..%5csecret.txt',
      '..\\secret.txt',
      '....//secret.txt',
      '..%252fsecret.txt',
      '%c0%ae%c0%ae/secret.txt',
      '..%00/secret.txt',
      'secret.txt%00.jpg',
      '2024/01/../../../secret.txt',
      '2024/01/harbour-1a2b.jpg/../../../../secret.txt',
      '2024/01/..%2f..%2f..%2fsecret.txt',
      '%2fetc%2fpasswd',
      '/etc/passwd',
      '../../../../../../../../etc/passwd',
      '../broadsheet.db',
      '..%2fbroadsheet.db',
      '../../../../../../../../proc/self/environ',
      'site.css/../../secret.txt',
    ];
    const problems: string[] = [];
    for (const prefix of ['/media/', '/assets/', '/newsroom/assets/', '/sitemaps/', '/']) {
      for (const attack of attacks) {
        const url = `${prefix}${attack}`;
        const response = await t.app.inject({ url });
        const body = response.body;
        if (response.statusCode >= 500) problems.push(`${url}: ${response.statusCode}`);
        if (body.includes(sentinel) || body.includes('root:x:0:0') || body.startsWith('SQLite format'))
          problems.push(`${url}: leaked a file`);
        if (response.statusCode === 200 && prefix === '/media/') problems.push(`${url}: 200`);
      }
    }
    assert.deepEqual(problems, []);
  });

  test('sign-in follows only newsroom paths, whatever `next` says', async () => {
    const user = (await signedIn(t.app, t.ctx, 'author')).user;
    const nexts = [
      '//evil.example/',
      '///evil.example/',
      '/\\evil.example/',
      '\\\\evil.example',
      '/%5Cevil.example',
      '/%2F%2Fevil.example',
      'https://evil.example/newsroom/',
      'http:evil.example',
      'javascript:alert(1)',
      '\t//evil.example',
      ' //evil.example',
      '/newsroom/../..//evil.example',
      '/newsroom//evil.example',
      '/newsroom/\\\\evil.example',
      '/newsroom@evil.example',
      `${SITE.replace('site.test', 'evil.example')}/newsroom/`,
    ];
    const problems: string[] = [];
    for (const next of nexts) {
      const browser = anonymous();
      const page = await get(t.app, browser, `/newsroom/sign-in?next=${encodeURIComponent(next)}`);
      browser.csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      const response = await post(t.app, browser, '/newsroom/sign-in', {
        email: user.email,
        password: TEST_PASSWORD,
        next,
      });
      const location = String(response.headers.location ?? '');
      if (response.statusCode !== 303 || !staysOnSite(location))
        problems.push(`POST next=${JSON.stringify(next)} → ${response.statusCode} ${location}`);
      // Already signed in, the sign-in page sends the visitor straight on.
      const again = await get(t.app, browser, `/newsroom/sign-in?next=${encodeURIComponent(next)}`);
      const onward = String(again.headers.location ?? '');
      if (again.statusCode !== 303 || !staysOnSite(onward))
        problems.push(`GET next=${JSON.stringify(next)} → ${again.statusCode} ${onward}`);
    }
    assert.deepEqual(problems, []);
  });

  test('no redirect a visitor can steer leaves the site', async () => {
    const { browser } = await signedIn(t.app, t.ctx, 'editor');
    const problems: string[] = [];
    const check = (what: string, response: { statusCode: number; headers: Record<string, unknown> }) => {
      const location = response.headers.location;
      if (location !== undefined && !staysOnSite(String(location)))
        problems.push(`${what} → ${response.statusCode} ${String(location)}`);
    };
    for (const path of [
      '//evil.example',
      '//evil.example/',
      '/%2F%2Fevil.example',
      '/\\evil.example',
      '/.//evil.example',
    ])
      check(`GET ${path}`, await t.app.inject({ url: path }));
    check('GET /search?//evil.example', await t.app.inject({ url: '/search?//evil.example' }));
    check('GET /search?q=x', await t.app.inject({ url: '/search?q=x&next=//evil.example' }));
    for (const back of [
      '//evil.example/',
      'https://evil.example/newsroom/comments',
      '/newsroom/comments?\\evil',
    ])
      check(
        `moderate back=${back}`,
        await post(t.app, browser, '/newsroom/comments/moderate', {
          action: 'approve',
          ids: ['999999'],
          back,
        }),
      );
    assert.deepEqual(problems, []);
  });

  test('CR/LF or non-Latin text in a redirect target injects no header and breaks nothing', async () => {
    const injected = (response: { headers: Record<string, unknown>; rawPayload: Buffer }) =>
      Object.keys(response.headers).some((h) => h.toLowerCase() === 'x-injected') ||
      String(response.headers['set-cookie'] ?? '').includes('injected');
    const problems: string[] = [];
    // Redirect rows come from imports and renamed slugs.
    await t.ctx.stores.redirects.upsert({
      fromPath: '/old-crlf/',
      toPath: '/new/\r\nX-Injected: 1\r\nSet-Cookie: injected=1',
      statusCode: 301,
    });
    await t.ctx.stores.redirects.upsert({
      fromPath: '/old-unicode/',
      toPath: '/nouvelles/été-€/',
      statusCode: 301,
    });
    for (const url of ['/old-crlf/', '/old-unicode/']) {
      const response = await t.app.inject({ url });
      if (injected(response)) problems.push(`${url}: header injected`);
      if (response.statusCode >= 500) problems.push(`${url}: ${response.statusCode}`);
    }
    const user = (await signedIn(t.app, t.ctx, 'author')).user;
    for (const next of ['/newsroom/\r\nX-Injected: 1', '/newsroom/%0d%0aX-Injected:%201', '/newsroom/€']) {
      const browser = anonymous();
      const page = await get(t.app, browser, '/newsroom/sign-in');
      browser.csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      const response = await post(t.app, browser, '/newsroom/sign-in', {
        email: user.email,
        password: TEST_PASSWORD,
        next,
      });
      if (injected(response)) problems.push(`next=${JSON.stringify(next)}: header injected`);
      if (response.statusCode !== 303) problems.push(`next=${JSON.stringify(next)}: ${response.statusCode}`);
      const again = await get(t.app, browser, `/newsroom/sign-in?next=${encodeURIComponent(next)}`);
      if (injected(again)) problems.push(`GET next=${JSON.stringify(next)}: header injected`);
      if (again.statusCode !== 303) problems.push(`GET next=${JSON.stringify(next)}: ${again.statusCode}`);
    }
    assert.deepEqual(problems, []);
  });

  test('oversized bodies are refused with 413 and a clear message, as a page or as problem details', async () => {
    const form = await t.app.inject({
      method: 'POST',
      url: '/wp-comments-post.php',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: `comment=${'x'.repeat(2 * 1024 * 1024)}`,
    });
    assert.equal(form.statusCode, 413);
    assert.match(String(form.headers['content-type']), /text\/html/);
    assert.match(form.body, /too large/i);

    const json = await t.app.inject({
      method: 'POST',
      url: '/comments/',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      payload: JSON.stringify({ comment: 'x'.repeat(3 * 1024 * 1024) }),
    });
    assert.equal(json.statusCode, 413);
    assert.match(String(json.headers['content-type']), /application\/problem\+json/);
    assert.match(json.json().detail, /too large/i);

    const { browser } = await signedIn(t.app, t.ctx, 'author');
    const article = await post(t.app, browser, '/newsroom/articles', {
      headline: 'Too long',
      bodySource: 'x'.repeat(1.5 * 1024 * 1024),
    });
    assert.equal(article.statusCode, 413);
    assert.match(article.body, /too large/i);

    const upload = await t.app.inject({
      method: 'POST',
      url: '/newsroom/media',
      headers: {
        'content-type': 'multipart/form-data; boundary=X',
        cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-csrf-token': browser.csrf,
        accept: 'application/json',
      },
      payload: Buffer.concat([
        Buffer.from(
          '--X\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n',
        ),
        Buffer.alloc(30 * 1024 * 1024, 0xff),
        Buffer.from('\r\n--X--\r\n'),
      ]),
    });
    assert.ok([413, 422].includes(upload.statusCode), `upload over the limit: ${upload.statusCode}`);
    assert.match(upload.body, /too large|limited to/i);
  });

  async function postLongComment(length: number) {
    const article = await t.ctx.db.kysely
      .selectFrom('articles')
      .select('id')
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow();
    return t.app.inject({
      method: 'POST',
      url: '/wp-comments-post.php',
      remoteAddress: '192.0.2.44',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({
        comment: 'y'.repeat(length),
        author: 'Long Winded',
        email: 'long@readers.test',
        comment_post_ID: String(article.id),
        bs_form_token: issueFormToken(t.ctx.secret, article.id, Date.now() - 60_000),
      }).toString(),
    });
  }

  test('a comment over its length limit re-shows the form with the text and a message', async () => {
    const response = await postLongComment(6_000);
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /the limit is 5,000/);
    assert.match(response.body, /value="Long Winded"/);
  });

  test('so does one far over it but under the body limit', async () => {
    const response = await postLongComment(150_000);
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /the limit is 5,000/);
    assert.match(response.body, /value="Long Winded"/);
    assert.ok(response.body.includes('y'.repeat(150_000)), 'the text typed is in the form again');
  });

  test('a client trickling its headers is cut off (slowloris), while others are served', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    assert.ok(t.app.server.headersTimeout <= 15_000, `headersTimeout ${t.app.server.headersTimeout}`);
    assert.ok(t.app.server.requestTimeout <= 30_000, `requestTimeout ${t.app.server.requestTimeout}`);
    const started = Date.now();
    const closedAfter = await new Promise<number>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write('GET / HTTP/1.1\r\nHost: site.test\r\n');
        const drip = setInterval(() => socket.write(`X-Drip-${Date.now()}: 1\r\n`), 500);
        socket.on('close', () => {
          clearInterval(drip);
          resolve(Date.now() - started);
        });
      });
      socket.on('error', () => {});
      socket.resume();
    });
    const meanwhile = await fetch(`http://127.0.0.1:${port}/healthz`);
    assert.equal(meanwhile.status, 200);
    assert.ok(closedAfter < t.app.server.headersTimeout + 5_000, `closed after ${closedAfter} ms`);
  });
});
