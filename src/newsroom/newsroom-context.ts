/** What every newsroom route module receives, and the helper that renders a page in the newsroom frame. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiTokenService } from '../api/api-token-service.js';
import type { WebhookService } from '../api/webhook-service.js';
import type { AppContext } from '../app.js';
import type { Sessions } from '../http/sessions.js';
import type { MediaService } from '../media/media-service.js';
import { renderDocument, type SafeHtml } from '../views/jsx.js';
import type { AccountService } from './account-service.js';
import type { ArticleEditor } from './article-editor.js';
import { NewsroomLayout } from './newsroom-layout.js';
import type { NewsroomStore } from './newsroom-store.js';

/** The dependencies of the newsroom routes, built once in `registerNewsroomRoutes`. */
export interface NewsroomDeps {
  ctx: AppContext;
  sessions: Sessions;
  accounts: AccountService;
  media: MediaService;
  store: NewsroomStore;
  editor: ArticleEditor;
  /** API tokens and webhooks, the same services the JSON admin API uses. */
  tokens: ApiTokenService;
  webhooks: WebhookService;
  secureCookies: boolean;
}

/** Options of one rendered page. */
export interface PageOptions {
  title: string;
  current?: string;
  status?: number;
  bodyClass?: string;
}

/** Renders `content` inside the newsroom layout. */
export async function renderPage(
  deps: NewsroomDeps,
  request: FastifyRequest,
  options: PageOptions,
  content: SafeHtml,
): Promise<string> {
  const settings = await deps.ctx.settings();
  const done = (request.query as Record<string, unknown> | undefined)?.done;
  return renderDocument(
    NewsroomLayout({
      title: options.title,
      siteTitle: settings.title,
      viewer: request.viewer,
      current: options.current,
      notice: typeof done === 'string' ? done : null,
      bodyClass: options.bodyClass,
      children: content,
    }),
  );
}

/** Sends `content` inside the newsroom layout, never cached. */
export async function sendPage(
  deps: NewsroomDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  options: PageOptions,
  content: SafeHtml,
): Promise<FastifyReply> {
  const html = await renderPage(deps, request, options, content);
  return reply
    .code(options.status ?? 200)
    .header('cache-control', 'private, no-store')
    .type('text/html; charset=utf-8')
    .send(html);
}

/** Redirects after a successful form post (303 See Other), with an optional notice code. */
export function redirectAfterPost(reply: FastifyReply, path: string, done?: string): FastifyReply {
  const target = done ? `${path}${path.includes('?') ? '&' : '?'}done=${done}` : path;
  return reply.redirect(target, 303);
}

/** A string form value ('' when absent or repeated). */
export function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | null | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}
