/**
 * The newsroom: builds its services, serves media files and signed previews,
 * and registers every /newsroom/ route inside one context guarded by session,
 * role and CSRF (src/http/newsroom-plugin.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { createApiTokenService } from '../api/api-token-service.js';
import { createApiTokenStore } from '../api/api-token-store.js';
import { createWebhookService } from '../api/webhook-service.js';
import { createWebhookStore } from '../api/webhook-store.js';
import type { AppContext } from '../app.js';
import { NotFound } from '../errors.js';
import { sendError } from '../http/errors.js';
import { type GuardedRoute, registerNewsroomGuard, SIGN_IN_PATH } from '../http/newsroom-plugin.js';
import { createSessionStore } from '../http/session-store.js';
import { createSessions } from '../http/sessions.js';
import { createMailer } from '../jobs/mailer.js';
import { MAX_UPLOAD_BYTES } from '../media/media.js';
import { registerMediaFileRoutes } from '../media/media-routes.js';
import { createMediaService } from '../media/media-service.js';
import { createMediaStore } from '../media/media-store.js';
import { h } from '../views/jsx.js';
import { registerAccountRoutes } from './account-routes.js';
import { createAccountService } from './account-service.js';
import { createAccountStore } from './account-store.js';
import { registerApiTokenRoutes } from './api-token-routes.js';
import { createArticleEditor } from './article-editor.js';
import { registerArticleRoutes } from './article-routes.js';
import { registerCommentModerationRoutes } from './comment-moderation-routes.js';
import { registerDashboardRoutes } from './dashboard-routes.js';
import { registerMediaLibraryRoutes } from './media-library-routes.js';
import { type NewsroomDeps, renderPage } from './newsroom-context.js';
import { createNewsroomStore } from './newsroom-store.js';
import { registerPreviewRoutes } from './preview-routes.js';
import { registerRelatedRoutes } from './related-routes.js';
import { registerSettingsRoutes } from './settings-routes.js';
import { registerTaxonomyRoutes } from './taxonomy-routes.js';
import { registerUserRoutes } from './user-routes.js';
import { registerWebhookRoutes } from './webhook-routes.js';

const ASSETS: Record<string, { type: string; body: string }> = {
  'newsroom.css': {
    type: 'text/css; charset=utf-8',
    body: readFileSync(new URL('../../public/newsroom.css', import.meta.url), 'utf8'),
  },
  'newsroom.js': {
    type: 'text/javascript; charset=utf-8',
    body: readFileSync(new URL('../../public/newsroom.js', import.meta.url), 'utf8'),
  },
};

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route of the guarded /newsroom/ context with its permission. */
    newsroomRoutes: GuardedRoute[];
  }
}

/** Builds the newsroom's dependencies from the app context. */
export function createNewsroomDeps(ctx: AppContext, log: FastifyInstance['log']): NewsroomDeps {
  const k = ctx.db.kysely;
  const sessionStore = createSessionStore(k);
  const secureCookies = (ctx.config.siteUrl ?? '').startsWith('https:');
  const sessions = createSessions({ store: sessionStore, secureCookies });
  const mailer = createMailer(ctx.config, log);
  const accounts = createAccountService({
    accounts: createAccountStore(k),
    users: ctx.stores.users,
    userService: ctx.services.users,
    sessions: sessionStore,
    mailer,
    siteName: async () => (await ctx.settings()).title,
    log,
  });
  const media = createMediaService({
    store: createMediaStore(k),
    mediaDir: join(ctx.config.dataDir, 'media'),
  });
  const store = createNewsroomStore(k);
  const editor = createArticleEditor({
    articles: ctx.services.articles,
    articleStore: ctx.stores.articles,
    taxonomy: ctx.stores.taxonomy,
    users: ctx.stores.users,
    media,
    newsroom: store,
  });
  // Built over the same tables as the JSON admin API's, so a token made here works there at once.
  const tokens = createApiTokenService(createApiTokenStore(k));
  const webhooks = createWebhookService({ store: createWebhookStore(k) });
  return { ctx, sessions, accounts, media, store, editor, tokens, webhooks, secureCookies };
}

/** Registers the newsroom, its media files and previews. */
export async function registerNewsroomRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const deps = createNewsroomDeps(ctx, app.log);
  const routes: GuardedRoute[] = [];
  app.decorate('newsroomRoutes', routes);
  registerMediaFileRoutes(app, deps.media.mediaDir);
  registerPreviewRoutes(app, deps);

  await app.register(
    async (newsroom) => {
      registerNewsroomGuard(newsroom, { sessions: deps.sessions, secret: ctx.secret, routes });
      await newsroom.register(multipart, {
        attachFieldsToBody: true,
        limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20 },
      });

      newsroom.setErrorHandler((error, request, reply) =>
        sendError(request, reply, error, (req, status, message) => {
          const heading =
            status === 403
              ? 'Not allowed'
              : status === 404
                ? 'Not found'
                : status === 409
                  ? 'Conflict'
                  : 'Sorry';
          reply.header('cache-control', 'private, no-store');
          return renderPage(
            deps,
            req,
            { title: heading, status },
            h('section', { class: 'error-page' }, h('h1', null, heading), h('p', null, message)),
          );
        }),
      );

      newsroom.setNotFoundHandler(async (request, reply) => {
        // Unknown newsroom addresses tell anonymous visitors nothing beyond "sign in".
        if (!request.viewer) return reply.redirect(SIGN_IN_PATH, 303);
        throw new NotFound('There is no newsroom page at this address.');
      });

      newsroom.get<{ Params: { name: string } }>(
        '/assets/:name',
        { config: { permission: 'public' } },
        async (request, reply) => {
          const asset = ASSETS[request.params.name];
          if (!asset) throw new NotFound();
          return reply.type(asset.type).header('cache-control', 'public, max-age=300').send(asset.body);
        },
      );

      registerAccountRoutes(newsroom, deps);
      registerDashboardRoutes(newsroom, deps);
      registerArticleRoutes(newsroom, deps);
      registerRelatedRoutes(newsroom, deps);
      registerMediaLibraryRoutes(newsroom, deps);
      registerCommentModerationRoutes(newsroom, deps);
      registerTaxonomyRoutes(newsroom, deps);
      registerUserRoutes(newsroom, deps);
      registerSettingsRoutes(newsroom, deps);
      registerApiTokenRoutes(newsroom, deps);
      registerWebhookRoutes(newsroom, deps);
    },
    { prefix: '/newsroom' },
  );
}
