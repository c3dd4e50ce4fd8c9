/**
 * Role × route over every route the application registers (site, feeds, comments, search, the newsroom,
 * every API), for anonymous visitors, each role signed in, a signed-out session, content and admin API
 * tokens of each role and a revoked token — with the answer each cell must get. The table below is
 * written by hand, not read from the routes' own declarations: a route whose declared permission is
 * wrong fails, and a route added without a row here fails the first test. Then CSRF on every
 * state-changing route a cookie can reach, and sign-in timing for unknown and known accounts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { createApiTokenService } from '../../src/api/api-token-service.js';
import { createApiTokenStore } from '../../src/api/api-token-store.js';
import type { Role } from '../../src/users/user.js';
import {
  addUser,
  anonymous,
  type Browser,
  get,
  post,
  signedIn,
  TEST_PASSWORD,
} from '../newsroom/newsroom-client.js';
import { watchPasswordWork } from '../support/password-work.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';

const ROLES: Role[] = ['contributor', 'author', 'editor', 'admin'];
const RANK: Record<Role, number> = { contributor: 0, author: 1, editor: 2, admin: 3 };

/**
 * Who may use a route: anyone; any API key (Ghost's content API, which wants one); nobody (an endpoint
 * that exists for WordPress clients but authenticates no one); or a newsroom session / API caller of at
 * least a role.
 */
type Need = 'anyone' | 'any key' | 'nobody' | `newsroom:${Role}` | `api:${Role}`;

const GHOST_VERSIONS = ['content', 'canary/content', 'v2/content', 'v3/content', 'v4/content'];
const GHOST_RESOURCES = ['posts', 'pages', 'tags', 'authors'];

/** The expected access of every route, as "METHOD url". */
const TABLE: Record<string, Need> = {
  // The reader site, feeds, sitemaps, files and health.
  ...Object.fromEntries(
    [
      '/',
      '/:slug/',
      '/:slug/feed/',
      '/:yyyy/:mm/:slug/',
      '/:yyyy/:mm/:slug/feed/',
      '/page/:n/',
      '/preview/:id',
      '/author/:slug/',
      '/author/:slug/feed/',
      '/author/:slug/feed/atom/',
      '/author/:slug/page/:n/',
      '/category/:slug/',
      '/category/:slug/feed/',
      '/category/:slug/feed/atom/',
      '/category/:slug/page/:n/',
      '/tag/:slug/',
      '/tag/:slug/feed/',
      '/tag/:slug/feed/atom/',
      '/tag/:slug/page/:n/',
      '/feed/',
      '/feed/atom/',
      '/comments/feed/',
      '/comments/unsubscribe/',
      '/search',
      '/search/',
      '/search.json',
      '/sitemap.xml',
      '/sitemaps/:name',
      '/robots.txt',
      '/favicon.ico',
      '/assets/site.css',
      '/assets/icon.svg',
      '/assets/comment-reply.js',
      '/media/*',
      '/healthz',
      '/readyz',
    ].map((url) => [`GET ${url}`, 'anyone' as Need]),
  ),
  // Reader comments (a signed form token or a signed link, not a session, protects them).
  'POST /wp-comments-post.php': 'anyone',
  'POST /comments/': 'anyone',
  'POST /comments/unsubscribe/': 'anyone',
  'POST /comments/resubscribe/': 'anyone',
  // The newsroom's doors.
  ...Object.fromEntries(
    ['sign-in', 'forgot-password', 'reset-password', 'accept-invitation'].flatMap((page) => [
      [`GET /newsroom/${page}`, 'anyone' as Need],
      [`POST /newsroom/${page}`, 'anyone' as Need],
    ]),
  ),
  'GET /newsroom/assets/:name': 'anyone',
  // The newsroom: any signed-in role…
  'GET /newsroom': 'newsroom:contributor',
  'GET /newsroom/account': 'newsroom:contributor',
  'POST /newsroom/account/password': 'newsroom:contributor',
  'POST /newsroom/sign-out': 'newsroom:contributor',
  'POST /newsroom/sign-out-everywhere': 'newsroom:contributor',
  'GET /newsroom/articles': 'newsroom:contributor',
  'POST /newsroom/articles': 'newsroom:contributor',
  'GET /newsroom/articles/new': 'newsroom:contributor',
  'POST /newsroom/preview': 'newsroom:contributor',
  'GET /newsroom/articles/:id/edit': 'newsroom:contributor',
  'POST /newsroom/articles/:id': 'newsroom:contributor',
  'POST /newsroom/articles/:id/autosave': 'newsroom:contributor',
  'POST /newsroom/articles/:id/submit': 'newsroom:contributor',
  'POST /newsroom/articles/:id/trash': 'newsroom:contributor',
  'POST /newsroom/articles/:id/restore': 'newsroom:contributor',
  'GET /newsroom/articles/:id/related': 'newsroom:contributor',
  'GET /newsroom/articles/:id/revisions': 'newsroom:contributor',
  'GET /newsroom/articles/:id/revisions/:revisionId': 'newsroom:contributor',
  'POST /newsroom/articles/:id/revisions/:revisionId/restore': 'newsroom:contributor',
  'GET /newsroom/media': 'newsroom:contributor',
  'GET /newsroom/media/:id': 'newsroom:contributor',
  // …authors and up publish and upload…
  'POST /newsroom/articles/:id/publish': 'newsroom:author',
  'POST /newsroom/articles/:id/schedule': 'newsroom:author',
  'POST /newsroom/articles/:id/unpublish': 'newsroom:author',
  'POST /newsroom/articles/:id/archive': 'newsroom:author',
  'POST /newsroom/articles/:id/corrections': 'newsroom:author',
  'POST /newsroom/media': 'newsroom:author',
  'POST /newsroom/media/:id': 'newsroom:author',
  'POST /newsroom/media/:id/delete': 'newsroom:author',
  // …editors moderate and keep the taxonomy…
  'GET /newsroom/comments': 'newsroom:editor',
  'GET /newsroom/comments/:id': 'newsroom:editor',
  'POST /newsroom/comments/moderate': 'newsroom:editor',
  'POST /newsroom/comments/:id/edit': 'newsroom:editor',
  'POST /newsroom/comments/:id/reply': 'newsroom:editor',
  ...Object.fromEntries(
    ['categories', 'tags'].flatMap((kind) => [
      [`GET /newsroom/${kind}`, 'newsroom:editor' as Need],
      [`POST /newsroom/${kind}`, 'newsroom:editor' as Need],
      [`GET /newsroom/${kind}/:id`, 'newsroom:editor' as Need],
      [`POST /newsroom/${kind}/:id`, 'newsroom:editor' as Need],
      [`POST /newsroom/${kind}/:id/delete`, 'newsroom:editor' as Need],
    ]),
  ),
  'POST /newsroom/tags/:id/merge': 'newsroom:editor',
  // …admins run the site.
  'GET /newsroom/users': 'newsroom:admin',
  'POST /newsroom/users/invite': 'newsroom:admin',
  'POST /newsroom/users/:id/role': 'newsroom:admin',
  'POST /newsroom/users/:id/deactivate': 'newsroom:admin',
  'POST /newsroom/users/:id/reactivate': 'newsroom:admin',
  'GET /newsroom/settings': 'newsroom:admin',
  'POST /newsroom/settings': 'newsroom:admin',
  'GET /newsroom/api-tokens': 'newsroom:admin',
  'POST /newsroom/api-tokens': 'newsroom:admin',
  'POST /newsroom/api-tokens/:id/revoke': 'newsroom:admin',
  'GET /newsroom/webhooks': 'newsroom:admin',
  'POST /newsroom/webhooks': 'newsroom:admin',
  'GET /newsroom/webhooks/:id': 'newsroom:admin',
  'POST /newsroom/webhooks/:id/delete': 'newsroom:admin',
  // Broadsheet's content API, and the Ghost and WordPress compatible ones: public reads.
  'OPTIONS /api/*': 'anyone',
  ...Object.fromEntries(
    [
      '/api/v1/articles',
      '/api/v1/articles/:slug',
      '/api/v1/articles/:slug/comments',
      '/api/v1/articles/:slug/related',
      '/api/v1/pages',
      '/api/v1/pages/:slug',
      '/api/v1/authors',
      '/api/v1/authors/:slug',
      '/api/v1/categories',
      '/api/v1/categories/:slug',
      '/api/v1/tags',
      '/api/v1/tags/:slug',
      '/api/v1/comments',
      '/api/v1/search',
      '/api/v1/openapi.json',
      '/api/v1/docs',
      '/wp-json',
      '/wp-json/',
      '/wp-json/wp/v2',
      '/wp-json/wp/v2/posts',
      '/wp-json/wp/v2/posts/:id',
      '/wp-json/wp/v2/pages',
      '/wp-json/wp/v2/pages/:id',
      '/wp-json/wp/v2/categories',
      '/wp-json/wp/v2/categories/:id',
      '/wp-json/wp/v2/tags',
      '/wp-json/wp/v2/tags/:id',
      '/wp-json/wp/v2/comments',
      '/wp-json/wp/v2/comments/:id',
      '/wp-json/wp/v2/users',
      '/wp-json/wp/v2/users/:id',
    ].map((url) => [`GET ${url}`, 'anyone' as Need]),
  ),
  'GET /wp-json/wp/v2/users/me': 'nobody',
  ...Object.fromEntries(
    GHOST_VERSIONS.flatMap((v) => [
      `/ghost/api/${v}/settings/`,
      ...GHOST_RESOURCES.flatMap((r) => [
        `/ghost/api/${v}/${r}/`,
        `/ghost/api/${v}/${r}/:id/`,
        `/ghost/api/${v}/${r}/slug/:slug/`,
      ]),
    ]).map((url) => [`GET ${url}`, 'any key' as Need]),
  ),
  'OPTIONS /ghost/api/*': 'anyone',
  // WordPress's anonymous comment endpoint, and a catch-all answering unsupported WordPress calls.
  'POST /wp-json/wp/v2/comments': 'anyone',
  ...Object.fromEntries(
    ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].map((m) => [`${m} /wp-json/*`, 'anyone' as Need]),
  ),
  // The admin API: tokens (or the newsroom session with its CSRF header).
  'GET /api/v1/admin/articles': 'api:contributor',
  'POST /api/v1/admin/articles': 'api:contributor',
  'GET /api/v1/admin/articles/:id': 'api:contributor',
  'PATCH /api/v1/admin/articles/:id': 'api:contributor',
  'POST /api/v1/admin/media': 'api:contributor',
  'POST /api/v1/admin/articles/:id/publish': 'api:author',
  'POST /api/v1/admin/articles/:id/schedule': 'api:author',
  'POST /api/v1/admin/articles/:id/unpublish': 'api:author',
  'GET /api/v1/admin/comments': 'api:editor',
  ...Object.fromEntries(
    ['approve', 'restore', 'spam', 'trash', 'unapprove'].map((a) => [
      `POST /api/v1/admin/comments/:id/${a}`,
      'api:editor' as Need,
    ]),
  ),
  'POST /api/v1/admin/categories': 'api:editor',
  'PATCH /api/v1/admin/categories/:id': 'api:editor',
  'DELETE /api/v1/admin/categories/:id': 'api:editor',
  'POST /api/v1/admin/tags': 'api:editor',
  'PATCH /api/v1/admin/tags/:id': 'api:editor',
  'DELETE /api/v1/admin/tags/:id': 'api:editor',
  'GET /api/v1/admin/cors': 'api:admin',
  'PUT /api/v1/admin/cors': 'api:admin',
  'GET /api/v1/admin/tokens': 'api:admin',
  'POST /api/v1/admin/tokens': 'api:admin',
  'DELETE /api/v1/admin/tokens/:id': 'api:admin',
  'GET /api/v1/admin/webhooks': 'api:admin',
  'POST /api/v1/admin/webhooks': 'api:admin',
  'DELETE /api/v1/admin/webhooks/:id': 'api:admin',
  'GET /api/v1/admin/webhooks/:id/deliveries': 'api:admin',
};

/** A URL for a route pattern; ids name nothing, so an allowed caller meets a 404, never someone's data. */
function urlFor(pattern: string): string {
  return pattern
    .replace(/:yyyy/g, '2024')
    .replace(/:mm/g, '05')
    .replace(/:n\b/g, '2')
    .replace(/:(id|revisionId)\b/g, '999999')
    .replace(/:name\b/g, 'newsroom.css')
    .replace(/:slug\b/g, 'no-such-slug')
    .replace(/\*/g, 'no/such/thing');
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const API_EDGE = /^\/(api|ghost\/api|wp-json)(\/|$)/;

/** One column of the matrix. */
interface Cell {
  name: string;
  browser?: Browser;
  bearer?: string;
  role?: Role;
  /** A token cell: its role, or null for a content token. */
  tokenRole?: Role | null;
  revoked?: boolean;
  ip: string;
}

describe('role × route matrix over every registered route', () => {
  let t: TestApp;
  const cells: Cell[] = [];

  before(async () => {
    t = await buildTestApp();
    const tokens = createApiTokenService(createApiTokenStore(t.ctx.db.kysely));
    cells.push({ name: 'anonymous', browser: anonymous('203.0.113.1'), ip: '203.0.113.1' });
    for (const [i, role] of ROLES.entries()) {
      const { browser } = await signedIn(t.app, t.ctx, role);
      browser.ip = `203.0.113.${10 + i}`;
      cells.push({ name: role, browser, role, ip: browser.ip });
    }
    const signedOut = (await signedIn(t.app, t.ctx, 'admin')).browser;
    const cookies = new Map(signedOut.cookies);
    assert.equal((await post(t.app, signedOut, '/newsroom/sign-out')).statusCode, 303);
    signedOut.cookies = cookies;
    cells.push({ name: 'signed-out admin session', browser: signedOut, ip: '203.0.113.20' });
    cells.push({
      name: 'content token',
      bearer: (await tokens.createToken({ name: 'Front end', scope: 'content' })).key,
      tokenRole: null,
      ip: '203.0.113.30',
    });
    for (const [i, role] of ROLES.entries()) {
      const { key } = await tokens.createToken({ name: `${role} script`, scope: 'admin', role });
      cells.push({ name: `${role} token`, bearer: key, tokenRole: role, ip: `203.0.113.${31 + i}` });
    }
    const revoked = await tokens.createToken({ name: 'Old script', scope: 'admin', role: 'admin' });
    await tokens.revokeToken(revoked.token.id);
    cells.push({ name: 'revoked admin token', bearer: revoked.key, revoked: true, ip: '203.0.113.40' });
  });
  after(async () => {
    await t.close();
  });

  async function call(method: string, url: string, cell: Cell): Promise<LightMyRequestResponse> {
    let browser = cell.browser;
    // Signing out would end the session the other rows use: those rows get a fresh session of the role.
    if (cell.role && /sign-out/.test(url)) browser = (await signedIn(t.app, t.ctx, cell.role)).browser;
    const json = API_EDGE.test(url);
    const headers: Record<string, string> = { accept: json ? 'application/json' : 'text/html' };
    if (browser?.cookies.size) headers.cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (browser?.csrf) headers['x-csrf-token'] = browser.csrf;
    if (cell.bearer) headers.authorization = `Bearer ${cell.bearer}`;
    const hasBody = STATE_CHANGING.has(method);
    if (hasBody) headers['content-type'] = json ? 'application/json' : 'application/x-www-form-urlencoded';
    return t.app.inject({
      method: method as 'GET',
      url,
      remoteAddress: cell.ip,
      headers,
      ...(hasBody ? { payload: json ? '{}' : `_csrf=${encodeURIComponent(browser?.csrf ?? '')}` } : {}),
    });
  }

  /** What a cell must get from a route of `need`, as a check returning a problem or null. */
  function expectation(need: Need, method: string, url: string, cell: Cell) {
    const allowed = (r: LightMyRequestResponse) =>
      r.statusCode < 500 && r.statusCode !== 401 && r.statusCode !== 403 && !toSignIn(r)
        ? null
        : `expected to be let in, got ${r.statusCode} ${r.headers.location ?? ''}`;
    const refused = (status: number) => (r: LightMyRequestResponse) =>
      r.statusCode === status ? null : `expected ${status}, got ${r.statusCode}`;
    // The way in, not the "you have signed out" notice (sign-in?done=…), which is sign-out succeeding.
    const toSignIn = (r: LightMyRequestResponse) =>
      r.statusCode === 303 && /^\/newsroom\/sign-in(\?next=|$)/.test(String(r.headers.location ?? ''));
    const sentToSignIn = (r: LightMyRequestResponse) =>
      toSignIn(r) ? null : `expected 303 to sign in, got ${r.statusCode} ${r.headers.location ?? ''}`;

    if (need === 'anyone') {
      if (cell.revoked && API_EDGE.test(url) && method !== 'OPTIONS') return refused(401);
      // Public forms check their own CSRF or signed tokens; what matters here is that no role is needed.
      if (STATE_CHANGING.has(method))
        return (r: LightMyRequestResponse) =>
          r.statusCode < 500 && r.statusCode !== 401 ? null : `got ${r.statusCode}`;
      return allowed;
    }
    if (need === 'nobody') return refused(401);
    if (need === 'any key') return cell.bearer && !cell.revoked ? allowed : refused(401);
    const [kind, role] = need.split(':') as ['newsroom' | 'api', Role];
    if (kind === 'newsroom') {
      // Only a live session opens the newsroom; API tokens never do.
      if (!cell.role) return sentToSignIn;
      return RANK[cell.role] >= RANK[role] ? allowed : refused(403);
    }
    if (cell.revoked) return refused(401);
    if (cell.tokenRole === null) return refused(403);
    const acting = cell.tokenRole ?? cell.role;
    if (!acting) return refused(401);
    return RANK[acting] >= RANK[role] ? allowed : refused(403);
  }

  test('every registered route has a row, and every row a route', () => {
    const registered = t.app.declaredRoutes.map((r) => `${r.method} ${r.url}`).sort();
    assert.deepEqual(registered, [...new Set(registered)].sort(), 'no route is registered twice');
    const missing = registered.filter((key) => !(key in TABLE));
    const stale = Object.keys(TABLE).filter((key) => !registered.includes(key));
    assert.deepEqual({ missing, stale }, { missing: [], stale: [] });
  });

  test('every cell gets the answer its row says', async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const route of t.app.declaredRoutes) {
      const need = TABLE[`${route.method} ${route.url}`];
      if (!need) continue;
      const url = urlFor(route.url);
      for (const cell of cells) {
        const check = expectation(need, route.method, url, cell);
        const response = await call(route.method, url, cell);
        const problem = check(response);
        checked++;
        if (problem) problems.push(`${route.method} ${route.url} as ${cell.name}: ${problem}`);
      }
    }
    console.log(
      `role × route: ${t.app.declaredRoutes.length} routes × ${cells.length} callers = ${checked} cells`,
    );
    assert.deepEqual(problems, [], problems.join('\n'));
  });
});

describe('CSRF on every state-changing route a cookie can reach', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(async () => {
    await t.close();
  });

  test('a session cookie without its token, with another session’s token, or from another site is refused', async () => {
    const { browser } = await signedIn(t.app, t.ctx, 'admin');
    const other = (await signedIn(t.app, t.ctx, 'admin')).browser;
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const problems: string[] = [];
    let checked = 0;
    for (const route of t.app.declaredRoutes) {
      if (!STATE_CHANGING.has(route.method)) continue;
      const guarded = route.permission !== 'public' && route.permission !== 'api-token';
      const api = route.permission === 'api-token';
      if (!guarded && !api) continue;
      const url = urlFor(route.url);
      // Autosave and live preview take JSON from newsroom.js; a form body would fail validation first.
      const script = /\/(autosave|preview)$/.test(url);
      const json = API_EDGE.test(url) || script;
      const body = script
        ? JSON.stringify({ version: null, fields: { headline: 'x' }, bodySource: 'x' })
        : '{}';
      const attempts: [string, Record<string, string>, string][] = [
        ['no token', {}, ''],
        ['another session’s token', { 'x-csrf-token': other.csrf }, ''],
        ['a token in the form of another session', {}, `_csrf=${encodeURIComponent(other.csrf)}`],
        [
          'the right token from another site',
          { 'x-csrf-token': browser.csrf, origin: 'https://evil.example' },
          '',
        ],
        [
          'the right token, fetched cross-site',
          { 'x-csrf-token': browser.csrf, 'sec-fetch-site': 'cross-site' },
          '',
        ],
      ];
      for (const [what, extra, form] of attempts) {
        const response = await t.app.inject({
          method: route.method as 'POST',
          url,
          headers: {
            cookie,
            accept: json ? 'application/json' : 'text/html',
            'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded',
            ...extra,
          },
          payload: json ? body : form,
        });
        checked++;
        if (response.statusCode !== 403)
          problems.push(`${route.method} ${route.url} with ${what}: ${response.statusCode}`);
      }
    }
    console.log(`CSRF: ${checked} forged requests to cookie-authenticated state-changing routes`);
    assert.ok(checked > 100);
    assert.deepEqual(problems, []);
    // The session was never disturbed by any of them.
    assert.equal((await get(t.app, browser, '/newsroom/')).statusCode, 200);
  });

  test('the newsroom’s anonymous forms need the token bound to their bs_csrf cookie', async () => {
    const problems: string[] = [];
    for (const path of ['sign-in', 'forgot-password', 'reset-password', 'accept-invitation']) {
      const browser = anonymous('198.51.100.60');
      const page = await get(t.app, browser, `/newsroom/${path}`);
      const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      for (const [what, fields, cookies] of [
        ['no token', { _csrf: '' }, browser],
        ['a token without its cookie', { _csrf: token }, anonymous('198.51.100.60')],
      ] as const) {
        const response = await post(t.app, cookies, `/newsroom/${path}`, {
          ...fields,
          email: 'x@example.com',
        });
        if (response.statusCode !== 403)
          problems.push(`POST /newsroom/${path} with ${what}: ${response.statusCode}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  test('reader POSTs carry their own proof instead: a signed form token or a signed link', async () => {
    const publicPosts = t.app.declaredRoutes
      .filter((r) => STATE_CHANGING.has(r.method) && r.permission === 'public')
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    // Each public state-changing route, and why a forged cross-site request gains nothing there.
    const WHY: Record<string, string> = {
      'POST /wp-comments-post.php': 'signed form token bound to the article (comment-form-token.ts)',
      'POST /comments/': 'signed form token bound to the article',
      'POST /comments/unsubscribe/': 'HMAC-signed link from the email (RFC 8058 one-click)',
      'POST /comments/resubscribe/': 'HMAC-signed link from the email',
      'POST /newsroom/sign-in': 'token bound to the bs_csrf cookie',
      'POST /newsroom/forgot-password': 'token bound to the bs_csrf cookie',
      'POST /newsroom/reset-password': 'token bound to the bs_csrf cookie',
      'POST /newsroom/accept-invitation': 'token bound to the bs_csrf cookie',
      'POST /wp-json/wp/v2/comments': 'anonymous by design; cookies authenticate nothing on the API',
      'POST /wp-json/*': 'answers unsupported WordPress calls; cookies authenticate nothing on the API',
      'PUT /wp-json/*': 'answers unsupported WordPress calls',
      'PATCH /wp-json/*': 'answers unsupported WordPress calls',
      'DELETE /wp-json/*': 'answers unsupported WordPress calls',
    };
    assert.deepEqual(
      publicPosts,
      Object.keys(WHY).sort(),
      'a new public state-changing route says why it is safe',
    );
    const article = await t.ctx.services.articles.createArticle(
      { headline: 'Open for comments', bodySource: 'Text.', commentsOpen: true },
      { userId: null },
      { status: 'published', publishedAt: new Date(Date.now() - 60_000).toISOString() },
    );
    for (const path of ['/wp-comments-post.php', '/comments/']) {
      const response = await t.app.inject({
        method: 'POST',
        url: path,
        remoteAddress: '198.51.100.61',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
        payload: new URLSearchParams({
          comment: 'Forged',
          author: 'Mallory',
          email: 'mallory@example.com',
          comment_post_ID: String(article.id),
        }).toString(),
      });
      assert.ok(
        [400, 403, 422].includes(response.statusCode),
        `${path} without a form token: ${response.statusCode}`,
      );
    }
    for (const path of ['/comments/unsubscribe/?c=1&t=forged', '/comments/resubscribe/']) {
      const response = await t.app.inject({
        method: 'POST',
        url: path,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'c=1&t=forged',
      });
      assert.equal(response.statusCode, 404, path);
    }
    assert.equal(
      (await t.ctx.db.kysely.selectFrom('comments').select('id').execute()).length,
      0,
      'nothing was posted',
    );
  });
});

describe('sign-in gives nothing away', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(async () => {
    await t.close();
  });

  test('an unknown email and a wrong password get the same answer after the same password work', async () => {
    const ROUNDS = 4;
    const known = await Promise.all(Array.from({ length: ROUNDS }, () => addUser(t.ctx, 'author')));
    const work = { unknown: [] as string[], wrong: [] as string[] };
    const bodies = new Set<string>();
    const watch = watchPasswordWork();
    try {
      for (let i = 0; i < ROUNDS; i++) {
        // From fresh addresses, so the per-address back-off treats both kinds alike.
        for (const kind of ['wrong', 'unknown'] as const) {
          const browser = anonymous(`192.0.2.${kind === 'wrong' ? 100 + i : 150 + i}`);
          const page = await get(t.app, browser, '/newsroom/sign-in');
          browser.csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
          const email = kind === 'wrong' ? known[i]!.email : `nobody-${i}@example.com`;
          watch.take();
          const response = await post(t.app, browser, '/newsroom/sign-in', {
            email,
            password: `${TEST_PASSWORD} but wrong`,
          });
          work[kind].push(...watch.take());
          assert.equal(response.statusCode, 422);
          bodies.add(
            response.body
              .replaceAll(email, 'EMAIL')
              .replace(/name="_csrf" value="[^"]+"/, '')
              .replace(/content="[A-Za-z0-9_-]{20,}"/g, ''),
          );
        }
      }
    } finally {
      watch.stop();
    }
    assert.equal(bodies.size, 1, 'the same page, word for word');
    // Time is what an attacker measures, and password work is what it is made of: one derivation at the same
    // cost per attempt, whether or not the account exists. (Counted, not timed: timings on a busy box are noise.)
    assert.equal(work.wrong.length, ROUNDS);
    assert.deepEqual(work.unknown, work.wrong);
  });
});
