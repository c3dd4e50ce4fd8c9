/**
 * Role × route: every /newsroom/ route, for anonymous visitors and each role,
 * with the status it must answer. Denied is 403 (anonymous: 303 to sign-in),
 * including direct POSTs the interface never offers. A new route without a
 * row here fails the first test.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApiTokenService } from '../../src/api/api-token-service.js';
import { createApiTokenStore } from '../../src/api/api-token-store.js';
import { createWebhookService } from '../../src/api/webhook-service.js';
import { createWebhookStore } from '../../src/api/webhook-store.js';
import type { Article } from '../../src/articles/article.js';
import { createMediaStore } from '../../src/media/media-store.js';
import type { Role, User } from '../../src/users/user.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { anonymous, type Browser, get, post, signedIn } from './newsroom-client.js';

const ROLES: Role[] = ['contributor', 'author', 'editor', 'admin'];
type Owner = 'own' | 'other';

/** What a route needs filled into its URL, and who may use it. */
interface Row {
  /** Roles allowed; for per-article routes, on the actor's own article. */
  own: Role[];
  /** Roles allowed on someone else's article or upload (defaults to `own`). */
  other?: Role[];
  /** Makes the URL (and form fields) for one attempt by `actor`. */
  make?: (actor: User, owner: Owner) => Promise<{ url: string; fields?: Record<string, string> }>;
}

describe('role × route matrix', () => {
  let t: TestApp;
  const browsers = new Map<Role, Browser>();
  const users = new Map<Role, User>();
  let stranger: User;

  const everyone = ROLES;
  const authorsUp: Role[] = ['author', 'editor', 'admin'];
  const editorsUp: Role[] = ['editor', 'admin'];
  const admins: Role[] = ['admin'];

  async function article(owner: User, status: 'draft' | 'published' = 'draft'): Promise<Article> {
    return t.ctx.services.articles.createArticle(
      { headline: `Matrix ${Math.random().toString(36).slice(2)}`, bodySource: 'Text.', ownerId: owner.id },
      { userId: owner.id },
      { status },
    );
  }
  const ownerOf = (actor: User, owner: Owner) => (owner === 'own' ? actor : stranger);
  const onArticle =
    (suffix: string, fields: Record<string, string> = {}) =>
    async (actor: User, owner: Owner) => {
      const a = await article(ownerOf(actor, owner));
      return {
        url: `/newsroom/articles/${a.id}${suffix}`,
        fields: { version: String(a.version), ...fields },
      };
    };
  const onRevision = (suffix: string) => async (actor: User, owner: Owner) => {
    const a = await article(ownerOf(actor, owner));
    const [revision] = await t.ctx.stores.articles.listRevisions(a.id);
    return {
      url: `/newsroom/articles/${a.id}/revisions/${revision!.id}${suffix}`,
      fields: { version: String(a.version) },
    };
  };
  const onMedia = (suffix: string) => async (actor: User, owner: Owner) => {
    const item = await createMediaStore(t.ctx.db.kysely).insert({
      fileName: 'x.jpg',
      mimeType: 'image/jpeg',
      byteSize: 1,
      width: 1,
      height: 1,
      altText: '',
      caption: '',
      credit: '',
      storagePath: `2024/01/matrix-${Math.random().toString(36).slice(2)}.jpg`,
      variants: [],
      uploadedBy: ownerOf(actor, owner).id,
    });
    return { url: `/newsroom/media/${item.id}${suffix}` };
  };
  const onComment =
    (suffix: string, fields: Record<string, string> = {}) =>
    async (actor: User) => {
      const a = await article(actor, 'published');
      const comment = await t.ctx.stores.comments.insert({
        article_id: a.id,
        parent_id: null,
        status: 'pending',
        author_name: 'Reader',
        author_email: 'reader@example.com',
        user_id: null,
        body: 'A comment.',
        body_html: '<p>A comment.</p>',
        created_at: new Date().toISOString(),
        source_id: null,
        status_before_trash: null,
        edited_at: null,
        learned_as: null,
      });
      return {
        url: `/newsroom/comments/${comment.id}${suffix}`,
        fields: { ids: String(comment.id), ...fields },
      };
    };
  const onCategory = (suffix: string) => async () => {
    const c = await t.ctx.stores.taxonomy.insertCategory({
      name: 'Matrix',
      slug: `matrix-${Math.random().toString(36).slice(2)}`,
    });
    return { url: `/newsroom/categories/${c.id}${suffix}`, fields: { name: 'Renamed' } };
  };
  const onTag = (suffix: string) => async () => {
    const into = await t.ctx.stores.taxonomy.insertTag({
      name: 'Into',
      slug: `into-${Math.random().toString(36).slice(2)}`,
    });
    const tag = await t.ctx.stores.taxonomy.insertTag({
      name: 'Matrix',
      slug: `matrix-${Math.random().toString(36).slice(2)}`,
    });
    return { url: `/newsroom/tags/${tag.id}${suffix}`, fields: { name: 'Renamed', intoId: String(into.id) } };
  };
  const onUser = (suffix: string) => async () => {
    const { user } = await t.ctx.services.users.addUser({
      email: `matrix-${Math.random().toString(36).slice(2)}@example.com`,
      name: 'Matrix Person',
      role: 'contributor',
      password: 'a long enough password',
    });
    return { url: `/newsroom/users/${user.id}${suffix}`, fields: { role: 'author' } };
  };

  const onToken = (suffix: string) => async () => {
    const { token } = await createApiTokenService(createApiTokenStore(t.ctx.db.kysely)).createToken({
      name: 'Matrix',
      scope: 'content',
    });
    return { url: `/newsroom/api-tokens/${token.id}${suffix}` };
  };
  const onWebhook = (suffix: string) => async () => {
    const { webhook } = await createWebhookService({
      store: createWebhookStore(t.ctx.db.kysely),
    }).createWebhook({
      name: 'Matrix',
      url: 'https://hooks.example.com/',
      events: ['article.published'],
      createdBy: null,
    });
    return { url: `/newsroom/webhooks/${webhook.id}${suffix}` };
  };

  /** Every guarded route. Keys are "METHOD url" exactly as registered. */
  const MATRIX: Record<string, Row> = {
    // The dashboard; Fastify records a prefixed '/' route as the bare prefix and serves both forms.
    'GET /newsroom': { own: everyone, make: async () => ({ url: '/newsroom/' }) },
    'GET /newsroom/account': { own: everyone },
    'POST /newsroom/account/password': { own: everyone },
    'POST /newsroom/sign-out': { own: everyone },
    'POST /newsroom/sign-out-everywhere': { own: everyone },
    'GET /newsroom/articles': { own: everyone },
    'GET /newsroom/articles/new': { own: everyone },
    'POST /newsroom/articles': {
      own: everyone,
      make: async () => ({ url: '/newsroom/articles', fields: { headline: 'From the matrix' } }),
    },
    'POST /newsroom/preview': { own: everyone },
    'GET /newsroom/articles/:id/edit': { own: everyone, other: editorsUp, make: onArticle('/edit') },
    'POST /newsroom/articles/:id': {
      own: everyone,
      other: editorsUp,
      make: onArticle('', { headline: 'Saved' }),
    },
    'POST /newsroom/articles/:id/autosave': { own: everyone, other: editorsUp, make: onArticle('/autosave') },
    'POST /newsroom/articles/:id/publish': { own: authorsUp, other: editorsUp, make: onArticle('/publish') },
    'POST /newsroom/articles/:id/schedule': {
      own: authorsUp,
      other: editorsUp,
      make: onArticle('/schedule', { publishAt: '2099-01-01T10:00' }),
    },
    'POST /newsroom/articles/:id/unpublish': {
      own: authorsUp,
      other: editorsUp,
      make: onArticle('/unpublish'),
    },
    'POST /newsroom/articles/:id/archive': { own: authorsUp, other: editorsUp, make: onArticle('/archive') },
    'POST /newsroom/articles/:id/corrections': {
      own: authorsUp,
      other: editorsUp,
      make: onArticle('/corrections', { correction: 'Fixed.' }),
    },
    'POST /newsroom/articles/:id/trash': { own: everyone, other: editorsUp, make: onArticle('/trash') },
    'POST /newsroom/articles/:id/restore': { own: everyone, other: editorsUp, make: onArticle('/restore') },
    'POST /newsroom/articles/:id/submit': { own: everyone, other: editorsUp, make: onArticle('/submit') },
    'GET /newsroom/articles/:id/related': { own: everyone, other: editorsUp, make: onArticle('/related') },
    'GET /newsroom/articles/:id/revisions': {
      own: everyone,
      other: editorsUp,
      make: onArticle('/revisions'),
    },
    'GET /newsroom/articles/:id/revisions/:revisionId': {
      own: everyone,
      other: editorsUp,
      make: onRevision(''),
    },
    'POST /newsroom/articles/:id/revisions/:revisionId/restore': {
      own: everyone,
      other: editorsUp,
      make: onRevision('/restore'),
    },
    'GET /newsroom/media': { own: everyone },
    'POST /newsroom/media': { own: authorsUp },
    'GET /newsroom/media/:id': { own: everyone, make: onMedia('') },
    'POST /newsroom/media/:id': { own: authorsUp, other: editorsUp, make: onMedia('') },
    'POST /newsroom/media/:id/delete': { own: authorsUp, other: editorsUp, make: onMedia('/delete') },
    'GET /newsroom/comments': { own: editorsUp },
    'POST /newsroom/comments/moderate': {
      own: editorsUp,
      make: async (actor) => {
        const { fields } = await onComment('')(actor);
        return { url: '/newsroom/comments/moderate', fields: { ...fields, action: 'approve' } };
      },
    },
    'GET /newsroom/comments/:id': { own: editorsUp, make: onComment('') },
    'POST /newsroom/comments/:id/edit': { own: editorsUp, make: onComment('/edit', { body: 'Edited.' }) },
    'POST /newsroom/comments/:id/reply': { own: editorsUp, make: onComment('/reply', { reply: 'Thanks.' }) },
    'GET /newsroom/categories': { own: editorsUp },
    'POST /newsroom/categories': { own: editorsUp },
    'GET /newsroom/categories/:id': { own: editorsUp, make: onCategory('') },
    'POST /newsroom/categories/:id': { own: editorsUp, make: onCategory('') },
    'POST /newsroom/categories/:id/delete': { own: editorsUp, make: onCategory('/delete') },
    'GET /newsroom/tags': { own: editorsUp },
    'POST /newsroom/tags': { own: editorsUp },
    'GET /newsroom/tags/:id': { own: editorsUp, make: onTag('') },
    'POST /newsroom/tags/:id': { own: editorsUp, make: onTag('') },
    'POST /newsroom/tags/:id/merge': { own: editorsUp, make: onTag('/merge') },
    'POST /newsroom/tags/:id/delete': { own: editorsUp, make: onTag('/delete') },
    'GET /newsroom/users': { own: admins },
    'POST /newsroom/users/invite': { own: admins },
    'POST /newsroom/users/:id/role': { own: admins, make: onUser('/role') },
    'POST /newsroom/users/:id/deactivate': { own: admins, make: onUser('/deactivate') },
    'POST /newsroom/users/:id/reactivate': { own: admins, make: onUser('/reactivate') },
    'GET /newsroom/settings': { own: admins },
    'POST /newsroom/settings': { own: admins },
    'GET /newsroom/api-tokens': { own: admins },
    'POST /newsroom/api-tokens': {
      own: admins,
      make: async () => ({ url: '/newsroom/api-tokens', fields: { name: 'Matrix', scope: 'content' } }),
    },
    'POST /newsroom/api-tokens/:id/revoke': { own: admins, make: onToken('/revoke') },
    'GET /newsroom/webhooks': { own: admins },
    'POST /newsroom/webhooks': {
      own: admins,
      make: async () => ({
        url: '/newsroom/webhooks',
        fields: { name: 'Matrix', url: 'https://hooks.example.com/', events: 'article.published' },
      }),
    },
    'GET /newsroom/webhooks/:id': { own: admins, make: onWebhook('') },
    'POST /newsroom/webhooks/:id/delete': { own: admins, make: onWebhook('/delete') },
  };

  before(async () => {
    t = await buildTestApp();
    const strangerSession = await signedIn(t.app, t.ctx, 'author');
    stranger = strangerSession.user;
    for (const role of ROLES) {
      const { user, browser } = await signedIn(t.app, t.ctx, role);
      users.set(role, user);
      browsers.set(role, browser);
    }
  });
  after(async () => {
    await t.close();
  });

  test('every guarded route has a row, and every row a route', () => {
    const guarded = t.app.newsroomRoutes
      .filter((r) => r.permission !== 'public')
      .map((r) => `${r.method} ${r.url}`);
    assert.deepEqual([...guarded].sort(), Object.keys(MATRIX).sort());
    const publicOnes = t.app.newsroomRoutes
      .filter((r) => r.permission === 'public')
      .map((r) => `${r.method} ${r.url}`);
    assert.deepEqual(publicOnes.sort(), [
      'GET /newsroom/accept-invitation',
      'GET /newsroom/assets/:name',
      'GET /newsroom/forgot-password',
      'GET /newsroom/reset-password',
      'GET /newsroom/sign-in',
      'POST /newsroom/accept-invitation',
      'POST /newsroom/forgot-password',
      'POST /newsroom/reset-password',
      'POST /newsroom/sign-in',
    ]);
  });

  test('anonymous requests to every guarded route are sent to sign in (303), GET and POST alike', async () => {
    for (const [key, row] of Object.entries(MATRIX)) {
      const [method, template] = key.split(' ') as [string, string];
      const { url } = row.make ? await row.make(stranger, 'own') : { url: template };
      const response =
        method === 'GET'
          ? await get(t.app, anonymous(), url)
          : await post(t.app, anonymous(), url, { _csrf: '' });
      assert.equal(response.statusCode, 303, key);
      assert.match(String(response.headers.location), /^\/newsroom\/sign-in/, key);
    }
  });

  for (const role of ROLES) {
    test(`${role}: allowed routes answer, denied ones are 403`, async () => {
      const actor = users.get(role)!;
      // Sign-out routes would end the session the rest of the matrix uses; they get their own browser.
      const failures: string[] = [];
      for (const [key, row] of Object.entries(MATRIX)) {
        const [method, template] = key.split(' ') as [string, string];
        const owners: Owner[] = row.make && row.other ? ['own', 'other'] : ['own'];
        for (const owner of owners) {
          const allowed = (owner === 'own' ? row.own : (row.other ?? row.own)).includes(role);
          const { url, fields } = row.make ? await row.make(actor, owner) : { url: template, fields: {} };
          let browser = browsers.get(role)!;
          if (key.includes('sign-out') || key.includes('/password'))
            browser = (await signedIn(t.app, t.ctx, role)).browser;
          const response =
            method === 'GET'
              ? await get(t.app, browser, url)
              : key.endsWith('/autosave') || key.endsWith('/preview')
                ? await t.app.inject({
                    method: 'POST',
                    url,
                    payload: { version: null, fields: { headline: 'x' }, bodySource: 'x' },
                    headers: {
                      cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
                      'x-csrf-token': browser.csrf,
                      accept: 'application/json',
                    },
                  })
                : await post(t.app, browser, url, fields ?? {});
          const status = response.statusCode;
          const ok = allowed ? status !== 403 && status < 500 : status === 403;
          if (!ok) failures.push(`${key} (${owner}) → ${status}, expected ${allowed ? 'allowed' : '403'}`);
        }
      }
      assert.deepEqual(failures, []);
    });
  }

  test('direct POSTs the interface does not offer are refused and change nothing', async () => {
    const contributor = users.get('contributor')!;
    const browser = browsers.get('contributor')!;
    const own = await article(contributor);
    const viaForm = await post(t.app, browser, `/newsroom/articles/${own.id}`, {
      version: String(own.version),
      headline: 'Sneaky headline',
      intent: 'publish',
    });
    assert.equal(viaForm.statusCode, 403);
    const after = await t.ctx.stores.articles.findById(own.id);
    assert.equal(after?.status, 'draft');
    assert.equal(after?.headline, own.headline, 'nothing saved when the intent is refused');
    const created = await post(t.app, browser, '/newsroom/articles', {
      headline: 'Straight to print',
      intent: 'publish',
    });
    assert.equal(created.statusCode, 403);

    // A contributor cannot edit their article once it is published.
    const published = await article(contributor, 'published');
    const edit = await post(t.app, browser, `/newsroom/articles/${published.id}`, {
      version: String(published.version),
      headline: 'Changed after publication',
    });
    assert.equal(edit.statusCode, 403);

    // An author cannot publish a colleague's draft, even by naming it in the form.
    const author = browsers.get('author')!;
    const colleague = await article(stranger);
    const publish = await post(t.app, author, `/newsroom/articles/${colleague.id}`, {
      version: String(colleague.version),
      headline: colleague.headline,
      intent: 'publish',
    });
    assert.equal(publish.statusCode, 403);
    assert.equal((await t.ctx.stores.articles.findById(colleague.id))?.status, 'draft');
  });
});
