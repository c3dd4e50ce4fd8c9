/**
 * The Ghost Content API at /ghost/api/content (and the versioned /v2–/v4 and
 * canary prefixes older clients use): posts, pages, tags, authors and
 * settings with `include`, `fields`, `filter`, `limit`, `page` and `order`,
 * answered in Ghost's shapes and error format, so `@tryghost/content-api`
 * works unmodified. A content API key (`?key=`) is required, as in Ghost.
 */
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ArticleKind } from '../articles/article.js';
import { DomainError } from '../errors.js';
import { absoluteUrl, archivePath } from '../site/permalinks.js';
import { type ApiDeps, commaList, linkContext } from './api-deps.js';
import { unauthenticated } from './api-edge.js';
import {
  type ArticleFilter,
  type ArticleOrderField,
  allOf,
  type Order,
  pagination,
  type TermOrderField,
} from './content-filter.js';
import { GhostFilterError, parseGhostFilter } from './ghost-filter.js';
import { type GhostIncludes, ghostAuthor, ghostPost, ghostSettings, ghostTag } from './ghost-presenter.js';

const PREFIXES = [
  '/ghost/api/content',
  '/ghost/api/v2/content',
  '/ghost/api/v3/content',
  '/ghost/api/v4/content',
  '/ghost/api/canary/content',
];
const DEFAULT_LIMIT = 15;
// `limit=all` is Ghost's; a ceiling keeps one request from loading an entire archive into memory.
const ALL_LIMIT = 1000;

const BrowseQuery = Type.Object({
  key: Type.Optional(Type.String()),
  include: Type.Optional(Type.String({ maxLength: 200 })),
  fields: Type.Optional(Type.String({ maxLength: 500 })),
  formats: Type.Optional(Type.String({ maxLength: 100 })),
  filter: Type.Optional(Type.String({ maxLength: 2000 })),
  limit: Type.Optional(Type.Union([Type.Literal('all'), Type.Integer({ minimum: 1, maximum: ALL_LIMIT })])),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  order: Type.Optional(Type.String({ maxLength: 200 })),
});
type Browse = Static<typeof BrowseQuery>;

const GHOST_ERROR_TYPE: Record<number, string> = {
  400: 'BadRequestError',
  401: 'UnauthorizedError',
  403: 'NoPermissionError',
  404: 'NotFoundError',
  422: 'ValidationError',
  429: 'TooManyRequestsError',
};

function badRequest(message: string): DomainError {
  return new DomainError('bad_request', message, 400);
}

/** Sends an error the way Ghost does: `{ errors: [{ message, type, … }] }`. */
function sendGhostError(request: FastifyRequest, reply: FastifyReply, error: FastifyError | DomainError) {
  const domain = error instanceof DomainError;
  const status = domain ? error.status : ((error as FastifyError).statusCode ?? 500);
  if (status >= 500) request.log.error({ err: error }, 'Ghost API request failed');
  const message =
    status >= 500
      ? 'Something went wrong on our side.'
      : (error as FastifyError).validation
        ? `Validation error: ${error.message}`
        : error.message;
  return reply.code(status).send({
    errors: [
      {
        message,
        context: null,
        type: (error as FastifyError).validation
          ? 'ValidationError'
          : (GHOST_ERROR_TYPE[status] ?? 'InternalServerError'),
        details: null,
        property: null,
        help: null,
        code: domain ? error.code : null,
        id: request.id,
      },
    ],
  });
}

function includesOf(query: Browse): GhostIncludes {
  const list = commaList(query.include) ?? [];
  return {
    tags: list.includes('tags'),
    authors: list.includes('authors'),
    countPosts: list.includes('count.posts'),
  };
}

function limitOf(query: Browse): number {
  return query.limit === 'all' ? ALL_LIMIT : (query.limit ?? DEFAULT_LIMIT);
}

const POST_ORDER: Record<string, ArticleOrderField> = {
  published_at: 'publishedAt',
  updated_at: 'updatedAt',
  created_at: 'id',
  title: 'headline',
  slug: 'slug',
  id: 'id',
};

function parseOrder<F extends string>(
  value: string | undefined,
  fields: Record<string, F>,
  fallback: Order<F>[],
): Order<F>[] {
  const parts = commaList(value);
  if (!parts || parts.length === 0) return fallback;
  return parts.map((part) => {
    const [name = '', dir = 'asc'] = part.split(/\s+/);
    const field = fields[name.toLowerCase()];
    const direction = dir.toLowerCase();
    if (!field || (direction !== 'asc' && direction !== 'desc')) {
      throw badRequest(
        `Cannot order by "${part}". Use one of ${Object.keys(fields).join(', ')} with asc or desc.`,
      );
    }
    return { field, direction };
  });
}

function meta(page: number, limit: number, total: number) {
  const p = pagination(page, limit, total);
  return { pagination: { page, limit, pages: p.pages, total, next: p.next, prev: p.prev } };
}

/** Registers the Ghost Content API. */
export async function registerGhostContentApi(api: FastifyInstance, deps: ApiDeps): Promise<void> {
  const { content } = deps;
  const now = () => new Date().toISOString();

  await api.register(async (ghost) => {
    ghost.setErrorHandler((error, request, reply) => sendGhostError(request, reply, error as FastifyError));
    ghost.addHook('preHandler', async (request, reply) => {
      if (request.apiPrincipal?.kind !== 'token') {
        throw unauthenticated(reply, 'Authorization failed: a Content API key is required (?key=…).');
      }
    });
    const config = { permission: 'public' as const };

    for (const prefix of PREFIXES) {
      for (const [resource, kind] of [
        ['posts', 'article'],
        ['pages', 'page'],
      ] as [string, ArticleKind][]) {
        const shape = async (
          request: FastifyRequest<{ Querystring: Browse }>,
          articles: Awaited<ReturnType<typeof content.listArticles>>['items'],
        ) => {
          const links = await linkContext(deps, request);
          const fields = commaList(request.query.fields) ?? null;
          const plaintext = (commaList(request.query.formats) ?? []).includes('plaintext');
          return articles.map((a) =>
            ghostPost(links, a, { includes: includesOf(request.query), fields, plaintext }),
          );
        };

        ghost.get<{ Querystring: Browse }>(
          `${prefix}/${resource}/`,
          { config, schema: { querystring: BrowseQuery } },
          async (request) => {
            const q = request.query;
            let filter: ArticleFilter | undefined;
            try {
              filter = q.filter ? parseGhostFilter(q.filter) : undefined;
            } catch (error) {
              if (error instanceof GhostFilterError) throw badRequest(`Invalid filter: ${error.message}`);
              throw error;
            }
            const limit = limitOf(q);
            const page = q.page ?? 1;
            const result = await content.listArticles({
              now: now(),
              kind,
              filter: allOf(filter),
              order: parseOrder(q.order, POST_ORDER, [{ field: 'publishedAt', direction: 'desc' }]),
              page: { limit, offset: (page - 1) * limit },
            });
            return { [resource]: await shape(request, result.items), meta: meta(page, limit, result.total) };
          },
        );

        const read = async (
          request: FastifyRequest<{ Querystring: Browse }>,
          by: { id: number } | { slug: string },
        ) => {
          const article = await content.findArticle(now(), kind, by);
          if (!article) throw new DomainError('not_found', 'Resource not found', 404);
          return { [resource]: await shape(request, [article]) };
        };
        ghost.get<{ Params: { id: string }; Querystring: Browse }>(
          `${prefix}/${resource}/:id/`,
          { config, schema: { querystring: BrowseQuery } },
          async (request) =>
            read(request, { id: /^\d+$/.test(request.params.id) ? Number(request.params.id) : -1 }),
        );
        ghost.get<{ Params: { slug: string }; Querystring: Browse }>(
          `${prefix}/${resource}/slug/:slug/`,
          { config, schema: { querystring: BrowseQuery } },
          async (request) => read(request, { slug: request.params.slug }),
        );
      }

      const TERM_ORDER: Record<string, TermOrderField> = {
        name: 'name',
        slug: 'slug',
        id: 'id',
        'count.posts': 'count',
      };
      const termFilter = (value: string | undefined): { ids?: number[]; slugs?: string[] } => {
        if (!value) return {};
        const match = /^(slug|id|visibility):(?:\[([^\]]*)\]|'?([^',+]+)'?)$/.exec(value.trim());
        if (!match) throw badRequest('Tags and authors can be filtered by slug, id or visibility only.');
        const values = match[2] !== undefined ? (commaList(match[2]) ?? []) : [match[3]!];
        if (match[1] === 'visibility') return values.includes('public') ? {} : { ids: [] };
        return match[1] === 'slug' ? { slugs: values } : { ids: values.map(Number).filter(Number.isInteger) };
      };

      for (const resource of ['tags', 'authors'] as const) {
        const list = async (
          request: FastifyRequest<{ Querystring: Browse }>,
          filter: { ids?: number[]; slugs?: string[] },
          page: number,
          limit: number,
        ) => {
          const q = request.query;
          const links = await linkContext(deps, request);
          const countPosts = includesOf(q).countPosts;
          const order = parseOrder(q.order, TERM_ORDER, [{ field: 'name', direction: 'asc' }]);
          const window = { limit, offset: (page - 1) * limit };
          if (resource === 'tags') {
            const result = await content.listTags(now(), filter, order, window);
            return { items: result.items.map((t) => ghostTag(links, t, countPosts)), total: result.total };
          }
          const result = await content.listAuthors(now(), filter, order, window);
          return { items: result.items.map((a) => ghostAuthor(links, a, countPosts)), total: result.total };
        };

        ghost.get<{ Querystring: Browse }>(
          `${prefix}/${resource}/`,
          { config, schema: { querystring: BrowseQuery } },
          async (request) => {
            const limit = limitOf(request.query);
            const page = request.query.page ?? 1;
            const result = await list(request, termFilter(request.query.filter), page, limit);
            return { [resource]: result.items, meta: meta(page, limit, result.total) };
          },
        );
        const read = async (
          request: FastifyRequest<{ Querystring: Browse }>,
          filter: { ids?: number[]; slugs?: string[] },
        ) => {
          const result = await list(request, filter, 1, 1);
          if (result.items.length === 0) throw new DomainError('not_found', 'Resource not found', 404);
          return { [resource]: result.items };
        };
        ghost.get<{ Params: { id: string }; Querystring: Browse }>(
          `${prefix}/${resource}/:id/`,
          { config, schema: { querystring: BrowseQuery } },
          async (request) =>
            read(request, { ids: /^\d+$/.test(request.params.id) ? [Number(request.params.id)] : [] }),
        );
        ghost.get<{ Params: { slug: string }; Querystring: Browse }>(
          `${prefix}/${resource}/slug/:slug/`,
          { config, schema: { querystring: BrowseQuery } },
          async (request) => read(request, { slugs: [request.params.slug] }),
        );
      }

      ghost.get(`${prefix}/settings/`, { config }, async (request) => {
        const links = await linkContext(deps, request);
        const categories = await content.listCategories(
          now(),
          { parentId: 0 },
          [{ field: 'name', direction: 'asc' }],
          {
            limit: 50,
            offset: 0,
          },
        );
        const navigation = categories.items.map((c) => ({
          label: c.name,
          url: absoluteUrl(links.baseUrl, archivePath('category', c.slug)),
        }));
        return { settings: ghostSettings(links, await deps.ctx.settings(), navigation), meta: {} };
      });
    }
  });
}
