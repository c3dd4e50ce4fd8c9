/** What every API route module receives, built once in `registerApiRoutes`, and small helpers they share. */
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import type { MediaService } from '../media/media-service.js';
import type { TaxonomyService } from '../newsroom/taxonomy-service.js';
import type { AdminArticleStore } from './admin-article-store.js';
import type { ApiSettingsStore } from './api-settings-store.js';
import type { ApiTokenService } from './api-token-service.js';
import type { LinkContext } from './broadsheet-presenter.js';
import type { ContentStore } from './content-store.js';
import type { WebhookService } from './webhook-service.js';

/** The dependencies of the API routes. */
export interface ApiDeps {
  ctx: AppContext;
  content: ContentStore;
  adminArticles: AdminArticleStore;
  tokens: ApiTokenService;
  apiSettings: ApiSettingsStore;
  webhooks: WebhookService;
  media: MediaService;
  taxonomy: TaxonomyService;
  /** The CORS origins, cached briefly; `forget` after a save so this process sees it at once. */
  cors: { origins(): Promise<string[]>; forget(): void };
}

/** The site's public base URL: the configured one, else the origin the request came to. */
export async function linkContext(deps: ApiDeps, request: FastifyRequest): Promise<LinkContext> {
  const settings = await deps.ctx.settings();
  const configured = settings.url || deps.ctx.config.siteUrl;
  return { baseUrl: configured || `${request.protocol}://${request.host}`, settings };
}

/** Links outside a request (webhooks): the configured base URL, else the local listener. */
export async function siteLinks(deps: Pick<ApiDeps, 'ctx'>): Promise<LinkContext> {
  const settings = await deps.ctx.settings();
  return { baseUrl: deps.ctx.baseUrl(settings), settings };
}

/** `limit` and `offset` of page `page` of `perPage` items. */
export function pageWindow(page: number, perPage: number): { limit: number; offset: number } {
  return { limit: perPage, offset: (page - 1) * perPage };
}

/** A comma-separated query value as a list (empty entries dropped). */
export function commaList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
