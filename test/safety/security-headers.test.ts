/**
 * Security headers on every response of every registered route — pages, feeds, JSON, files, redirects and
 * errors alike — a CSP that allows no inline script, HSTS only on an https site, and pages that need no
 * inline script, handler or style (which that CSP would block).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { anonymous, get, signedIn } from '../newsroom/newsroom-client.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';

type Headers = Record<string, string | string[] | number | undefined>;

/** The headers every response must carry, as problems found in `headers` (empty when all is well). */
function headerProblems(headers: Headers, https: boolean): string[] {
  const problems: string[] = [];
  const csp = String(headers['content-security-policy'] ?? '');
  const directives = new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values] as const),
  );
  const scriptSrc = directives.get('script-src') ?? directives.get('default-src');
  if (!scriptSrc) problems.push('no script-src');
  else if (
    scriptSrc.some(
      (v) => v === "'unsafe-inline'" || v === "'unsafe-eval'" || v === '*' || /^https?:$/.test(v),
    )
  )
    problems.push(`script-src too wide: ${scriptSrc.join(' ')}`);
  if (directives.get('object-src')?.join(' ') !== "'none'") problems.push('object-src is not none');
  if (directives.get('frame-ancestors')?.join(' ') !== "'none'") problems.push('frame-ancestors is not none');
  if (!directives.get('base-uri')) problems.push('no base-uri');
  if (!directives.get('form-action')) problems.push('no form-action');
  if (directives.get('style-src')?.includes("'unsafe-inline'")) problems.push('style-src allows inline');
  if (headers['x-content-type-options'] !== 'nosniff') problems.push('no nosniff');
  if (!headers['referrer-policy']) problems.push('no Referrer-Policy');
  if (!String(headers['permissions-policy'] ?? '').includes('camera=()'))
    problems.push('no Permissions-Policy');
  const hsts = headers['strict-transport-security'];
  if (https && !/max-age=\d{7,}/.test(String(hsts ?? ''))) problems.push('no HSTS on an https site');
  if (!https && hsts) problems.push('HSTS on an http site');
  return problems;
}

/** A URL for a route pattern, with made-up but plausible parameters. */
function urlFor(pattern: string): string {
  return pattern
    .replace(/:yyyy/g, '2024')
    .replace(/:mm/g, '05')
    .replace(/:n\b/g, '2')
    .replace(/:(id|revisionId)\b/g, '1')
    .replace(/:name\b/g, 'site.css')
    .replace(/:[A-Za-z]+/g, 'harbour')
    .replace(/\*/g, 'missing/file.jpg');
}

describe('security headers', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ demo: true });
  });
  after(async () => {
    await t.close();
  });

  test('every registered route answers with the headers, whatever the status', async () => {
    const { browser } = await signedIn(t.app, t.ctx, 'admin');
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const problems: string[] = [];
    const statuses = new Set<number>();
    assert.ok(t.app.declaredRoutes.length > 100, 'the routes were collected');
    for (const route of t.app.declaredRoutes) {
      for (const as of ['anonymous', 'signed in'] as const) {
        const response = await t.app.inject({
          method: route.method as 'GET',
          url: urlFor(route.url),
          headers: as === 'signed in' ? { cookie } : {},
          ...(route.method === 'GET' || route.method === 'OPTIONS' ? {} : { payload: {} }),
        });
        statuses.add(response.statusCode);
        for (const problem of headerProblems(response.headers, false))
          problems.push(`${route.method} ${route.url} (${as}, ${response.statusCode}): ${problem}`);
      }
    }
    // Errors raised before any route runs: unknown paths, bad JSON, an oversized body.
    const extra = [
      await t.app.inject({ url: '/no/such/page/' }),
      await t.app.inject({
        method: 'POST',
        url: '/comments/',
        headers: { 'content-type': 'application/json' },
        payload: '{"comment":',
      }),
      await t.app.inject({
        method: 'POST',
        url: '/comments/',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `comment=${'x'.repeat(3 * 1024 * 1024)}`,
      }),
    ];
    for (const response of extra) {
      statuses.add(response.statusCode);
      for (const problem of headerProblems(response.headers, false))
        problems.push(`extra (${response.statusCode}): ${problem}`);
    }
    assert.deepEqual(problems, []);
    for (const status of [200, 301, 303, 400, 401, 403, 404, 413])
      assert.ok(statuses.has(status), `a ${status} response was checked too (${[...statuses].sort()})`);
  });

  test('HSTS is sent when the site URL is https', async () => {
    const https = await buildTestApp({ env: { SITE_URL: 'https://news.example' } });
    try {
      for (const url of ['/', '/no/such/page/', '/newsroom/sign-in', '/healthz']) {
        const response = await https.app.inject({ url });
        assert.deepEqual(headerProblems(response.headers, true), [], url);
      }
    } finally {
      await https.close();
    }
  });

  test('pages need no inline script, event handler, javascript: URL or inline style', async () => {
    const article = await t.ctx.stores.articles.findPublicBySlug(
      (
        await t.ctx.db.kysely
          .selectFrom('articles')
          .select('slug')
          .where('status', '=', 'published')
          .executeTakeFirstOrThrow()
      ).slug,
      new Date().toISOString(),
    );
    assert.ok(article);
    const publicPages = ['/', `/${article.slug}/`, '/search/?q=harbour', '/no/such/page/', '/page/2/'];
    const { browser } = await signedIn(t.app, t.ctx, 'admin');
    const newsroomPages = [
      '/newsroom/',
      '/newsroom/articles',
      '/newsroom/articles/new',
      `/newsroom/articles/${article.id}/edit`,
      '/newsroom/comments',
      '/newsroom/media',
      '/newsroom/settings',
      '/newsroom/users',
    ];
    const problems: string[] = [];
    const check = (url: string, html: string) => {
      for (const match of html.matchAll(/<script\b([^>]*)>/gi)) {
        const attributes = match[1] ?? '';
        if (!/\bsrc=/.test(attributes) && !/type="application\/ld\+json"/.test(attributes))
          problems.push(`${url}: inline <script${attributes}>`);
      }
      for (const match of html.matchAll(/<[a-z][^>]*\s(on[a-z]+)\s*=/gi))
        problems.push(`${url}: ${match[1]}=`);
      if (/(href|src|action)\s*=\s*["']?\s*javascript:/i.test(html)) problems.push(`${url}: javascript: URL`);
      if (/<style\b/i.test(html)) problems.push(`${url}: <style> element`);
      for (const match of html.matchAll(/<[a-z][^>]*\sstyle\s*=\s*"([^"]*)"/gi))
        problems.push(`${url}: style="${match[1]}"`);
    };
    for (const url of publicPages) check(url, (await get(t.app, anonymous(), url)).body);
    for (const url of [...newsroomPages, '/newsroom/sign-in'])
      check(url, (await get(t.app, url === '/newsroom/sign-in' ? anonymous() : browser, url)).body);
    assert.deepEqual(problems, []);
  });
});
