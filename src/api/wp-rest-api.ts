/**
 * The WordPress REST API at /wp-json: the discovery index and wp/v2 posts,
 * pages, categories, tags, users (public authors) and comments, with
 * WordPress's parameters, X-WP-Total / X-WP-TotalPages and Link headers,
 * `_embed`, and its error format, so the `wpapi` client works unmodified.
 * Anonymous comments posted here go through the same rules as the site's form.
 */
import { createHmac } from 'node:crypto';
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Article, ArticleKind } from '../articles/article.js';
import { COMMENTS_PER_EMAIL_RULE, COMMENTS_PER_IP_RULE } from '../comments/comment-policy.js';
import { DomainError, Invalid } from '../errors.js';
import type { RateLimiter } from '../http/rate-limit.js';
import { type ApiDeps, commaList, linkContext, pageWindow } from './api-deps.js';
import { articleUrl, type LinkContext } from './broadsheet-presenter.js';
import {
  type ArticleFilter,
  type ArticleOrderField,
  allOf,
  type Order,
  pagination,
  type TermOrderField,
} from './content-filter.js';
import { type WpEmbeds, wpComment, wpPost, wpTerm, wpUser } from './wp-presenter.js';

const PREFIX = '/wp-json/wp/v2';

/** A WordPress REST error: `{ code, message, data: { status } }`. */
class WpError extends DomainError {
  constructor(
    code: string,
    message: string,
    status: number,
    readonly params?: Record<string, string>,
  ) {
    super(code, message, status);
  }
}

const Ids = Type.String({ pattern: '^\\d+(,\\d+)*$', description: 'Ids, comma-separated.' });
const Direction = Type.Union([Type.Literal('asc'), Type.Literal('desc')]);
const pageArgs = {
  context: Type.Optional(Type.String()),
  page: Type.Integer({ minimum: 1, default: 1 }),
  per_page: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
  search: Type.Optional(Type.String({ maxLength: 200 })),
  include: Type.Optional(Ids),
  exclude: Type.Optional(Ids),
  slug: Type.Optional(Type.String({ maxLength: 1000 })),
  order: Type.Optional(Direction),
  _embed: Type.Optional(Type.String()),
  _fields: Type.Optional(Type.String({ maxLength: 500 })),
};
const PostQuery = Type.Object({
  ...pageArgs,
  orderby: Type.Optional(
    Type.Union(['date', 'id', 'title', 'slug', 'modified', 'include'].map((v) => Type.Literal(v))),
  ),
  categories: Type.Optional(Ids),
  categories_exclude: Type.Optional(Ids),
  tags: Type.Optional(Ids),
  tags_exclude: Type.Optional(Ids),
  author: Type.Optional(Ids),
  author_exclude: Type.Optional(Ids),
  after: Type.Optional(Type.String({ format: 'date-time' })),
  before: Type.Optional(Type.String({ format: 'date-time' })),
  sticky: Type.Optional(Type.Boolean()),
  status: Type.Optional(Type.String()),
});
const TermQuery = Type.Object({
  ...pageArgs,
  orderby: Type.Optional(Type.Union(['name', 'id', 'slug', 'count', 'include'].map((v) => Type.Literal(v)))),
  hide_empty: Type.Optional(Type.Boolean()),
  parent: Type.Optional(Type.Integer({ minimum: 0 })),
  post: Type.Optional(Type.Integer({ minimum: 1 })),
});
const CommentQuery = Type.Object({
  ...pageArgs,
  orderby: Type.Optional(Type.Union(['date', 'date_gmt', 'id'].map((v) => Type.Literal(v)))),
  post: Type.Optional(Ids),
  parent: Type.Optional(Ids),
  status: Type.Optional(Type.String()),
});
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const CommentBody = Type.Object({
  post: Type.Integer({ minimum: 1 }),
  parent: Type.Optional(Type.Integer({ minimum: 0 })),
  author_name: Type.Optional(Type.String({ maxLength: 245 })),
  author_email: Type.Optional(Type.String({ maxLength: 254 })),
  author_url: Type.Optional(Type.String({ maxLength: 200 })),
  content: Type.Union([
    Type.String({ maxLength: 65525 }),
    Type.Object({ raw: Type.String({ maxLength: 65525 }) }),
  ]),
});
type PostArgs = Static<typeof PostQuery>;
const POST_ORDER: Record<string, ArticleOrderField> = {
  date: 'publishedAt',
  id: 'id',
  title: 'headline',
  slug: 'slug',
  modified: 'updatedAt',
};
type TermArgs = Static<typeof TermQuery>;
type CommentArgs = Static<typeof CommentQuery>;

function ids(value: string | undefined): number[] | undefined {
  return commaList(value)?.map(Number);
}

/** Answers an error in WordPress's shape. */
function sendWpError(request: FastifyRequest, reply: FastifyReply, error: FastifyError | DomainError) {
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const params: Record<string, string> = {};
    for (const v of fastifyError.validation) {
      const name =
        String(v.instancePath ?? '')
          .replace(/^\//, '')
          .split('/')[0] || String((v.params as { missingProperty?: string }).missingProperty ?? 'request');
      params[name] ??= `${name} ${v.message ?? 'is invalid'}.`;
    }
    const missing = fastifyError.validation.some((v) => v.keyword === 'required');
    return reply.code(400).send({
      code: missing ? 'rest_missing_callback_param' : 'rest_invalid_param',
      message: `${missing ? 'Missing' : 'Invalid'} parameter(s): ${Object.keys(params).join(', ')}`,
      data: { status: 400, params },
    });
  }
  if (error instanceof Invalid) {
    return reply.code(400).send({
      code: 'rest_invalid_param',
      message: error.message,
      data: { status: 400, params: error.fields },
    });
  }
  const status = error instanceof DomainError ? error.status : (fastifyError.statusCode ?? 500);
  if (status >= 500) request.log.error({ err: error }, 'WordPress API request failed');
  const code =
    error instanceof WpError
      ? error.code
      : status === 401
        ? 'rest_not_logged_in'
        : status === 403
          ? 'rest_forbidden'
          : status === 404
            ? 'rest_no_route'
            : status === 409
              ? 'comment_duplicate'
              : status === 429
                ? 'rest_too_many_requests'
                : status >= 500
                  ? 'internal_server_error'
                  : 'rest_error';
  return reply.code(status).send({
    code,
    message: status >= 500 ? 'Something went wrong on our side.' : error.message,
    data: { status, ...(error instanceof WpError && error.params ? { params: error.params } : {}) },
  });
}

// wpapi sends lists as `key[]=1&key[]=2`; WordPress (PHP) reads them as arrays, Fastify as a key named `key[]`.
function normaliseQuery(request: FastifyRequest): void {
  const query = request.query as Record<string, unknown>;
  for (const [key, value] of Object.entries(query)) {
    const base = key.endsWith('[]') ? key.slice(0, -2) : key;
    const list = Array.isArray(value) ? value.map(String) : null;
    if (base !== key || list) {
      delete query[key];
      const merged = [...(commaList(query[base] as string | undefined) ?? []), ...(list ?? [String(value)])];
      query[base] = merged.join(',');
    }
  }
  if ('_embed' in query && (query._embed === '' || query._embed === undefined)) query._embed = '1';
}

function embedsOf(value: string | undefined): WpEmbeds | null {
  if (value === undefined || value === 'false' || value === '0') return null;
  const list = commaList(value) ?? [];
  const all = list.length === 0 || list.every((v) => v === '1' || v === 'true');
  return {
    author: all || list.includes('author'),
    featuredMedia: all || list.includes('wp:featuredmedia'),
    terms: all || list.includes('wp:term'),
  };
}

function pickFields(item: Record<string, unknown>, fields: string | undefined): Record<string, unknown> {
  const list = commaList(fields);
  if (!list) return item;
  return Object.fromEntries(list.filter((f) => f in item).map((f) => [f, item[f]]));
}

/** Sets X-WP-Total, X-WP-TotalPages and the next/prev Link header; refuses a page past the end like WordPress. */
function paginate(
  request: FastifyRequest,
  reply: FastifyReply,
  site: LinkContext,
  page: number,
  perPage: number,
  total: number,
): void {
  const p = pagination(page, perPage, total);
  if (page > p.pages && total > 0) {
    throw new WpError(
      'rest_post_invalid_page_number',
      'The page number requested is larger than the number of pages available.',
      400,
    );
  }
  reply.header('x-wp-total', String(total));
  reply.header('x-wp-totalpages', String(total === 0 ? 0 : p.pages));
  const url = new URL(request.url, site.baseUrl);
  const link = (n: number, rel: string) => {
    url.searchParams.set('page', String(n));
    return `<${url.toString()}>; rel="${rel}"`;
  };
  const rels = [p.prev ? link(p.prev, 'prev') : null, p.next ? link(p.next, 'next') : null].filter(Boolean);
  if (rels.length) reply.header('link', rels.join(', '));
}

function routeEntry(links: LinkContext, path: string, methods: string[], args: TSchema | null) {
  const argNames = args
    ? Object.keys((args as unknown as { properties: Record<string, unknown> }).properties)
    : [];
  return {
    namespace: 'wp/v2',
    methods,
    endpoints: methods.map((method) => ({
      methods: [method],
      args: Object.fromEntries((method === 'GET' ? argNames : []).map((name) => [name, { required: false }])),
    })),
    _links: { self: [{ href: `${links.baseUrl}/wp-json${path}` }] },
  };
}

/** Registers the WordPress REST API. */
export async function registerWpRestApi(
  api: FastifyInstance,
  deps: ApiDeps & { limiter: RateLimiter },
): Promise<void> {
  const { content, ctx } = deps;
  const now = () => new Date().toISOString();
  const keyOf = (value: string) =>
    createHmac('sha256', ctx.secret).update(`rate:${value}`).digest('base64url');

  await api.register(async (wp) => {
    wp.setErrorHandler((error, request, reply) => sendWpError(request, reply, error as FastifyError));
    wp.addHook('preValidation', async (request) => normaliseQuery(request));
    wp.addHook('preHandler', async (request) => {
      const query = request.query as { context?: string; status?: string };
      if (query.context && query.context !== 'view' && query.context !== 'embed') {
        throw new WpError('rest_forbidden_context', 'Sorry, you are not allowed to edit this resource.', 401);
      }
    });
    const config = { permission: 'public' as const };

    const index = async (request: FastifyRequest) => {
      const links = await linkContext(deps, request);
      const settings = await ctx.settings();
      const routes: Record<string, unknown> = {
        '/': routeEntry(links, '/', ['GET'], null),
        '/wp/v2': routeEntry(links, '/wp/v2', ['GET'], null),
      };
      for (const [name, query] of [
        ['posts', PostQuery],
        ['pages', PostQuery],
        ['categories', TermQuery],
        ['tags', TermQuery],
        ['users', Type.Object(pageArgs)],
        ['comments', CommentQuery],
      ] as const) {
        const methods = name === 'comments' ? ['GET', 'POST'] : ['GET'];
        routes[`/wp/v2/${name}`] = routeEntry(links, `/wp/v2/${name}`, methods, query);
        routes[`/wp/v2/${name}/(?P<id>[\\d]+)`] = routeEntry(
          links,
          `/wp/v2/${name}/(?P<id>[\\d]+)`,
          ['GET'],
          null,
        );
      }
      return {
        name: settings.title,
        description: settings.tagline,
        url: links.baseUrl,
        home: links.baseUrl,
        gmt_offset: 0,
        timezone_string: settings.timezone,
        namespaces: ['wp/v2'],
        authentication: {},
        routes,
        _links: { help: [{ href: 'https://developer.wordpress.org/rest-api/' }] },
      };
    };
    wp.get('/wp-json', { config }, index);
    wp.get('/wp-json/', { config }, index);
    wp.get(`${PREFIX}`, { config }, async (request) => {
      const full = await index(request);
      return { namespace: 'wp/v2', routes: full.routes, _links: full._links };
    });

    // ——— posts and pages ———
    for (const [route, kind] of [
      ['posts', 'article'],
      ['pages', 'page'],
    ] as [string, ArticleKind][]) {
      wp.get<{ Querystring: PostArgs }>(
        `${PREFIX}/${route}`,
        { config, schema: { querystring: PostQuery } },
        async (request, reply) => {
          const q = request.query;
          if (q.status && q.status !== 'publish') {
            throw new WpError('rest_invalid_param', 'Invalid parameter(s): status', 400, {
              status: 'Status is forbidden.',
            });
          }
          const list = (
            field: 'id' | 'slug' | 'categoryId' | 'tagId' | 'authorId',
            value: (string | number)[] | undefined,
          ) => (value ? ({ field, in: value } as ArticleFilter) : null);
          const not = (f: ArticleFilter | null): ArticleFilter | null => (f ? { not: f } : null);
          const filter = allOf(
            list('id', ids(q.include)),
            not(list('id', ids(q.exclude))),
            list('slug', commaList(q.slug)),
            list('categoryId', ids(q.categories)),
            not(list('categoryId', ids(q.categories_exclude))),
            list('tagId', ids(q.tags)),
            not(list('tagId', ids(q.tags_exclude))),
            list('authorId', ids(q.author)),
            not(list('authorId', ids(q.author_exclude))),
            q.search ? { search: q.search } : null,
            q.after ? { field: 'publishedAt', compare: '>', value: new Date(q.after).toISOString() } : null,
            q.before ? { field: 'publishedAt', compare: '<', value: new Date(q.before).toISOString() } : null,
            q.sticky !== undefined ? { field: 'sticky', in: [q.sticky] } : null,
          );
          const field = POST_ORDER[q.orderby ?? 'date'] ?? 'publishedAt';
          const order: Order<ArticleOrderField>[] = [{ field, direction: q.order ?? 'desc' }];
          const result = await content.listArticles({
            now: now(),
            kind,
            filter,
            order,
            page: pageWindow(q.page, q.per_page),
          });
          const links = await linkContext(deps, request);
          paginate(request, reply, links, q.page, q.per_page, result.total);
          const embeds = embedsOf(q._embed);
          return result.items.map((a) => pickFields(wpPost(links, a, embeds), q._fields));
        },
      );

      wp.get<{ Params: Static<typeof IdParams>; Querystring: { _embed?: string; _fields?: string } }>(
        `${PREFIX}/${route}/:id`,
        { config, schema: { params: IdParams } },
        async (request) => {
          const article = await content.findArticle(now(), kind, { id: request.params.id });
          if (!article)
            throw new WpError(
              `rest_${kind === 'page' ? 'post' : 'post'}_invalid_id`,
              'Invalid post ID.',
              404,
            );
          const links = await linkContext(deps, request);
          return pickFields(wpPost(links, article, embedsOf(request.query._embed)), request.query._fields);
        },
      );
    }

    // ——— categories and tags ———
    for (const kind of ['category', 'tag'] as const) {
      const route = kind === 'category' ? 'categories' : 'tags';
      const listTerms = kind === 'category' ? content.listCategories : content.listTags;
      wp.get<{ Querystring: TermArgs }>(
        `${PREFIX}/${route}`,
        { config, schema: { querystring: TermQuery } },
        async (request, reply) => {
          const q = request.query;
          let restrictTo = ids(q.include);
          if (q.post !== undefined) {
            const article = await content.findArticle(now(), null, { id: q.post });
            if (!article) throw new WpError('rest_post_invalid_id', 'Invalid post ID.', 404);
            const own =
              kind === 'category'
                ? article.category
                  ? [article.category.id]
                  : []
                : article.tags.map((t) => t.id);
            restrictTo = restrictTo ? restrictTo.filter((id) => own.includes(id)) : own;
          }
          const excluded = new Set(ids(q.exclude) ?? []);
          if (excluded.size)
            restrictTo = (restrictTo ?? (await allTermIds())).filter((id) => !excluded.has(id));
          const orderField: TermOrderField =
            q.orderby === 'id'
              ? 'id'
              : q.orderby === 'slug'
                ? 'slug'
                : q.orderby === 'count'
                  ? 'count'
                  : 'name';
          const result = await listTerms(
            now(),
            {
              ids: restrictTo,
              slugs: commaList(q.slug),
              search: q.search,
              parentId: kind === 'category' ? q.parent : undefined,
              hideEmpty: q.hide_empty,
            },
            [{ field: orderField, direction: q.order ?? 'asc' }],
            pageWindow(q.page, q.per_page),
          );
          const links = await linkContext(deps, request);
          paginate(request, reply, links, q.page, q.per_page, result.total);
          return result.items.map((t) => pickFields(wpTerm(links, kind, t), q._fields));

          async function allTermIds(): Promise<number[]> {
            const all = await listTerms(now(), {}, [], { limit: 100_000, offset: 0 });
            return all.items.map((t) => t.id);
          }
        },
      );
      wp.get<{ Params: Static<typeof IdParams> }>(
        `${PREFIX}/${route}/:id`,
        { config, schema: { params: IdParams } },
        async (request) => {
          const result = await listTerms(now(), { ids: [request.params.id] }, [], { limit: 1, offset: 0 });
          const term = result.items[0];
          if (!term) throw new WpError('rest_term_invalid', 'Term does not exist.', 404);
          return wpTerm(await linkContext(deps, request), kind, term);
        },
      );
    }

    // ——— users: public authors only ———
    const UserQuery = Type.Object({
      ...pageArgs,
      orderby: Type.Optional(Type.Union(['name', 'id', 'slug'].map((v) => Type.Literal(v)))),
      who: Type.Optional(Type.String()),
    });
    wp.get<{ Querystring: Static<typeof UserQuery> }>(
      `${PREFIX}/users`,
      { config, schema: { querystring: UserQuery } },
      async (request, reply) => {
        const q = request.query;
        const result = await content.listAuthors(
          now(),
          { ids: ids(q.include), slugs: commaList(q.slug), search: q.search },
          [
            {
              field: q.orderby === 'id' ? 'id' : q.orderby === 'slug' ? 'slug' : 'name',
              direction: q.order ?? 'asc',
            },
          ],
          pageWindow(q.page, q.per_page),
        );
        const links = await linkContext(deps, request);
        paginate(request, reply, links, q.page, q.per_page, result.total);
        return result.items.map((a) => pickFields(wpUser(links, a), q._fields));
      },
    );
    wp.get(`${PREFIX}/users/me`, { config }, async () => {
      throw new WpError('rest_not_logged_in', 'You are not currently logged in.', 401);
    });
    wp.get<{ Params: Static<typeof IdParams> }>(
      `${PREFIX}/users/:id`,
      { config, schema: { params: IdParams } },
      async (request) => {
        const result = await content.listAuthors(now(), { ids: [request.params.id] }, [], {
          limit: 1,
          offset: 0,
        });
        const author = result.items[0];
        if (!author) throw new WpError('rest_user_invalid_id', 'Invalid user ID.', 404);
        return wpUser(await linkContext(deps, request), author);
      },
    );

    // ——— comments ———
    async function articleLinks(links: LinkContext, articleIds: number[]): Promise<Map<number, string>> {
      const unique = [...new Set(articleIds)];
      if (unique.length === 0) return new Map();
      const found = await content.listArticles({
        now: now(),
        kind: null,
        filter: { field: 'id', in: unique },
        order: [],
        page: { limit: unique.length, offset: 0 },
      });
      return new Map(found.items.map((a: Article) => [a.id, articleUrl(links, a)]));
    }

    wp.get<{ Querystring: CommentArgs }>(
      `${PREFIX}/comments`,
      { config, schema: { querystring: CommentQuery } },
      async (request, reply) => {
        const q = request.query;
        if (q.status && q.status !== 'approve' && q.status !== 'approved') {
          throw new WpError('rest_forbidden_param', 'Query parameter not permitted: status', 401);
        }
        const result = await content.listComments({
          now: now(),
          articleIds: ids(q.post),
          parentIds: ids(q.parent),
          ids: ids(q.include),
          newestFirst: (q.order ?? 'desc') === 'desc',
          page: pageWindow(q.page, q.per_page),
        });
        const links = await linkContext(deps, request);
        paginate(request, reply, links, q.page, q.per_page, result.total);
        const urls = await articleLinks(
          links,
          result.items.map((c) => c.articleId),
        );
        return result.items.map((c) =>
          pickFields(wpComment(links, c, { articleLink: urls.get(c.articleId) ?? links.baseUrl }), q._fields),
        );
      },
    );

    wp.get<{ Params: Static<typeof IdParams> }>(
      `${PREFIX}/comments/:id`,
      { config, schema: { params: IdParams } },
      async (request) => {
        const result = await content.listComments({
          now: now(),
          ids: [request.params.id],
          page: { limit: 1, offset: 0 },
        });
        const comment = result.items[0];
        if (!comment) throw new WpError('rest_comment_invalid_id', 'Invalid comment ID.', 404);
        const links = await linkContext(deps, request);
        const urls = await articleLinks(links, [comment.articleId]);
        return wpComment(links, comment, { articleLink: urls.get(comment.articleId) ?? links.baseUrl });
      },
    );

    wp.post<{ Body: Static<typeof CommentBody> }>(
      `${PREFIX}/comments`,
      { config, schema: { body: CommentBody } },
      async (request, reply) => {
        const body = request.body;
        const article = await content.findArticle(now(), null, { id: body.post });
        if (!article)
          throw new WpError(
            'rest_comment_invalid_post_id',
            'Sorry, you are not allowed to create this comment without a post.',
            403,
          );
        const email = (body.author_email ?? '').trim().toLowerCase();
        const tooMany = 'You are posting comments too quickly. Slow down.';
        await deps.limiter.hitOrThrow(COMMENTS_PER_IP_RULE, keyOf(request.ip), tooMany);
        if (email) await deps.limiter.hitOrThrow(COMMENTS_PER_EMAIL_RULE, keyOf(email), tooMany);
        const { comment } = await ctx.services.comments.postComment(
          article.id,
          {
            comment: typeof body.content === 'string' ? body.content : body.content.raw,
            author: body.author_name ?? '',
            email: body.author_email ?? '',
            url: body.author_url ?? '',
            parentId: body.parent ? body.parent : null,
            notifyReplies: false,
            saveCommenter: false,
          },
          {
            ip: request.ip,
            userAgent: request.headers['user-agent'] ?? '',
            honeypot: '',
            // There is no form to time over the API; every other rule (links, blocklist, duplicates, first-time
            // commenters, the classifier, the rate limits above) applies as it does to the site's form.
            elapsedMs: Number.MAX_SAFE_INTEGER,
            replayKey: null,
          },
        );
        const links = await linkContext(deps, request);
        // A comment filed as spam is reported as held: telling a spammer which attempts failed teaches them.
        const status = comment.status === 'approved' ? 'approved' : 'hold';
        return reply
          .code(201)
          .send(wpComment(links, comment, { status, articleLink: articleUrl(links, article) }));
      },
    );

    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      wp.route({
        method,
        url: '/wp-json/*',
        config,
        handler: async () => {
          throw new WpError('rest_no_route', 'No route was found matching the URL and request method.', 404);
        },
      });
    }
  });
}

/** Adds WordPress's discovery header to the site's pages, so `WPAPI.discover(siteUrl)` finds the API. */
export function registerWpDiscoveryLink(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    if (!type.startsWith('text/html') || request.url.startsWith('/newsroom')) return payload;
    const site = String(reply.getHeader('link') ?? '');
    const base = `${request.protocol}://${request.host}`;
    const discovery = `<${base}/wp-json/>; rel="https://api.w.org/"`;
    reply.header('link', site ? `${site}, ${discovery}` : discovery);
    return payload;
  });
}
