/**
 * The HTTP APIs: Broadsheet's own (/api/v1, with its OpenAPI document), the
 * Ghost Content API (/ghost/api/content) and the WordPress REST API
 * (/wp-json). All of them sit in one encapsulated context behind the API
 * edge, read through the content store (which sees only what readers may),
 * and webhooks are delivered from the outbox.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.js';
import { createRateLimiter } from '../http/rate-limit.js';
import { createSessionStore } from '../http/session-store.js';
import { createSessions } from '../http/sessions.js';
import { createMediaService } from '../media/media-service.js';
import { createMediaStore } from '../media/media-store.js';
import { createTaxonomyService } from '../newsroom/taxonomy-service.js';
import { h, renderDocument } from '../views/jsx.js';
import { createAdminArticleStore } from './admin-article-store.js';
import type { ApiDeps } from './api-deps.js';
import { registerApiEdge, registerPreflight } from './api-edge.js';
import { createApiSettingsStore } from './api-settings-store.js';
import { createApiTokenService } from './api-token-service.js';
import { createApiTokenStore } from './api-token-store.js';
import { registerBroadsheetAdminApi } from './broadsheet-admin-api.js';
import { registerBroadsheetContentApi } from './broadsheet-api.js';
import { createContentStore } from './content-store.js';
import { registerGhostContentApi } from './ghost-content-api.js';
import { buildOpenApiDocument, recordRoutes } from './openapi.js';
import { OpenApiReference } from './openapi-reference.js';
import { registerWebhookDelivery } from './webhook-events.js';
import { createWebhookService } from './webhook-service.js';
import { createWebhookStore } from './webhook-store.js';
import { registerWpDiscoveryLink, registerWpRestApi } from './wp-rest-api.js';

const API_VERSION = '1.0.0';
// Origins change rarely; re-reading them on every request would add a query to each API call.
// Other processes see a change within this time.
const CORS_CACHE_MS = 10_000;

/** Builds what the API modules share from the app context. */
export function createApiDeps(ctx: AppContext): ApiDeps {
  const k = ctx.db.kysely;
  const apiSettings = createApiSettingsStore(k);
  let cached: { list: string[]; at: number } | null = null;
  return {
    ctx,
    content: createContentStore(k),
    adminArticles: createAdminArticleStore(k),
    tokens: createApiTokenService(createApiTokenStore(k)),
    apiSettings,
    webhooks: createWebhookService({ store: createWebhookStore(k) }),
    // The same files and rows the newsroom's media library uses.
    media: createMediaService({ store: createMediaStore(k), mediaDir: join(ctx.config.dataDir, 'media') }),
    // The newsroom's taxonomy rules (slugs, cycles, reassignment) and its `taxonomy.changed` event, shared.
    taxonomy: createTaxonomyService({ store: ctx.stores.taxonomy, events: ctx.stores.events }),
    cors: {
      async origins() {
        if (!cached || Date.now() - cached.at > CORS_CACHE_MS) {
          cached = { list: await apiSettings.corsOrigins(), at: Date.now() };
        }
        return cached.list;
      },
      forget() {
        cached = null;
      },
    },
  };
}

/** Registers the APIs and webhook delivery. */
export async function registerApiRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const deps = createApiDeps(ctx);
  const secureCookies = (ctx.config.siteUrl ?? '').startsWith('https:');

  const limiter = createRateLimiter(ctx.stores.rateLimits);
  registerWpDiscoveryLink(app);

  await app.register(async (api) => {
    registerApiEdge(api, {
      secret: ctx.secret,
      tokens: deps.tokens,
      sessions: createSessions({ store: createSessionStore(ctx.db.kysely), secureCookies }),
      corsOrigins: deps.cors.origins,
      limiter,
    });
    const recorded = recordRoutes(api, '/api/v1/');
    for (const prefix of ['/api/*', '/ghost/api/*', '/wp-json/*']) registerPreflight(api, prefix);

    registerBroadsheetContentApi(api, deps);
    registerBroadsheetAdminApi(api, deps);
    await registerGhostContentApi(api, deps);
    await registerWpRestApi(api, { ...deps, limiter });

    let document: Record<string, unknown> | null = null;
    const openApi = async (baseUrl: string) => {
      const settings = await ctx.settings();
      document ??= buildOpenApiDocument(recorded, {
        title: `${settings.title} API`,
        version: API_VERSION,
        serverUrl: '/',
      });
      return { ...document, servers: [{ url: baseUrl }] };
    };
    api.get(
      '/api/v1/openapi.json',
      {
        config: { permission: 'public' },
        schema: { summary: 'This OpenAPI 3.1 document', tags: ['Reference'] },
      },
      async (request, reply) => {
        const settings = await ctx.settings();
        const base = settings.url || ctx.config.siteUrl || `${request.protocol}://${request.host}`;
        return reply.type('application/json; charset=utf-8').send(JSON.stringify(await openApi(base)));
      },
    );
    api.get(
      '/api/v1/docs',
      {
        config: { permission: 'public' },
        schema: { summary: 'This reference, as a page', tags: ['Reference'] },
      },
      async (request, reply) => {
        const settings = await ctx.settings();
        const base = settings.url || ctx.config.siteUrl || `${request.protocol}://${request.host}`;
        const doc = await openApi(base);
        return reply
          .type('text/html; charset=utf-8')
          .send(renderDocument(h(OpenApiReference, { doc, siteTitle: settings.title })));
      },
    );
  });

  registerWebhookDelivery(deps);
}
