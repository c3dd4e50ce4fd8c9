/**
 * Broadsheet's own content API under /api/v1: published articles and pages,
 * categories, tags, authors, approved comments, search and related articles,
 * with filters, field selection, pagination with totals and a stable order.
 */
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Article } from '../articles/article.js';
import { Invalid, NotFound } from '../errors.js';
import { seeAlsoFor } from '../related/see-also.js';
import { type ApiDeps, commaList, linkContext, pageWindow } from './api-deps.js';
import {
  presentArticle,
  presentAuthor,
  presentComment,
  presentTerm,
  selectFields,
} from './broadsheet-presenter.js';
import {
  ARTICLE_FIELDS,
  ArticleList,
  ArticleListQuery,
  ArticleOne,
  AuthorList,
  AuthorOne,
  CommentList,
  CommentListQuery,
  FieldsQuery,
  PageOnlyQuery,
  SearchQuery,
  SearchResults,
  SlugParams,
  TermList,
  TermListQuery,
  TermOne,
} from './broadsheet-schemas.js';
import {
  type ArticleFilter,
  type ArticleOrderField,
  allOf,
  type Order,
  pagination,
  type TermOrderField,
} from './content-filter.js';

const PUBLIC = { permission: 'public' as const };
// Lists leave the body out unless `fields` asks for it: a page of twenty full articles is rarely what a list needs.
const LIST_FIELDS = ARTICLE_FIELDS.filter((f) => f !== 'bodyHtml');

function parseFields(value: string | undefined, fallback: string[] | null): string[] | null {
  const fields = commaList(value);
  if (!fields) return fallback;
  const unknown = fields.filter((f) => !ARTICLE_FIELDS.includes(f));
  if (unknown.length > 0) {
    throw new Invalid({ fields: `Unknown field "${unknown[0]}". Use any of: ${ARTICLE_FIELDS.join(', ')}.` });
  }
  return fields;
}

function meta(page: number, perPage: number, total: number) {
  const p = pagination(page, perPage, total);
  return { page, perPage, total, totalPages: p.pages };
}

function articleOrder(sort: string): Order<ArticleOrderField>[] {
  const direction = sort.startsWith('-') ? 'desc' : 'asc';
  return [{ field: sort.replace(/^-/, '') as ArticleOrderField, direction }];
}

function termOrder(sort: string): Order<TermOrderField>[] {
  return sort === '-articleCount'
    ? [
        { field: 'count', direction: 'desc' },
        { field: 'name', direction: 'asc' },
      ]
    : [{ field: 'name', direction: 'asc' }];
}

/** Registers the public content routes of /api/v1. */
export function registerBroadsheetContentApi(api: FastifyInstance, deps: ApiDeps): void {
  const { content } = deps;
  const now = () => new Date().toISOString();

  function listFilter(query: Static<typeof ArticleListQuery>): ArticleFilter {
    const slugs = (field: 'category' | 'tag' | 'author', value: string | undefined): ArticleFilter | null =>
      value ? { field, in: commaList(value) ?? [] } : null;
    return allOf(
      slugs('category', query.category),
      slugs('tag', query.tag),
      slugs('author', query.author),
      query.language ? { field: 'language', in: [query.language] } : null,
      query.search ? { search: query.search } : null,
      query.since
        ? { field: 'publishedAt', compare: '>=', value: new Date(query.since).toISOString() }
        : null,
      query.until ? { field: 'publishedAt', compare: '<', value: new Date(query.until).toISOString() } : null,
    );
  }

  async function findOr404(kind: 'article' | 'page', slug: string): Promise<Article> {
    const article = await content.findArticle(now(), kind, { slug });
    if (!article) throw new NotFound(`No published ${kind} has the slug "${slug}".`);
    return article;
  }

  for (const kind of ['article', 'page'] as const) {
    const plural = `${kind}s`;
    api.get<{ Querystring: Static<typeof ArticleListQuery> }>(
      `/api/v1/${plural}`,
      {
        config: PUBLIC,
        schema: {
          summary: `List published ${plural}`,
          description: `Newest first by default. Filters combine (all must match); a comma list in one filter matches any.`,
          tags: ['Content'],
          querystring: ArticleListQuery,
          response: { 200: ArticleList },
        },
      },
      async (request) => {
        const q = request.query;
        const fields = parseFields(q.fields, LIST_FIELDS);
        const links = await linkContext(deps, request);
        const result = await content.listArticles({
          now: now(),
          kind,
          filter: listFilter(q),
          order: articleOrder(q.sort),
          page: pageWindow(q.page, q.per_page),
        });
        return {
          data: result.items.map((a) => selectFields(presentArticle(links, a), fields)),
          meta: meta(q.page, q.per_page, result.total),
        };
      },
    );

    api.get<{ Params: Static<typeof SlugParams>; Querystring: Static<typeof FieldsQuery> }>(
      `/api/v1/${plural}/:slug`,
      {
        config: PUBLIC,
        schema: {
          summary: `Read one published ${kind}`,
          tags: ['Content'],
          params: SlugParams,
          querystring: FieldsQuery,
          response: { 200: ArticleOne },
        },
      },
      async (request) => {
        const fields = parseFields(request.query.fields, null);
        const article = await findOr404(kind, request.params.slug);
        return { data: selectFields(presentArticle(await linkContext(deps, request), article), fields) };
      },
    );
  }

  api.get<{ Params: Static<typeof SlugParams> }>(
    '/api/v1/articles/:slug/related',
    {
      config: PUBLIC,
      schema: {
        summary: 'Related articles',
        description: 'What the article page shows as "Related", in its order.',
        tags: ['Content'],
        params: SlugParams,
        response: { 200: ArticleList },
      },
    },
    async (request) => {
      const article = await findOr404('article', request.params.slug);
      const { related } = await seeAlsoFor(deps.ctx, article);
      // The related engine returns summaries; reload them so every item is checked as public and shaped alike.
      const ids = related.map((r) => r.id);
      const found = ids.length
        ? await content.listArticles({
            now: now(),
            kind: null,
            filter: { field: 'id', in: ids },
            order: [],
            page: { limit: ids.length, offset: 0 },
          })
        : { items: [], total: 0 };
      const byId = new Map(found.items.map((a) => [a.id, a]));
      const links = await linkContext(deps, request);
      const items = ids.map((id) => byId.get(id)).filter((a): a is Article => a !== undefined);
      return {
        data: items.map((a) => selectFields(presentArticle(links, a), LIST_FIELDS)),
        meta: meta(1, Math.max(1, items.length), items.length),
      };
    },
  );

  api.get<{ Params: Static<typeof SlugParams>; Querystring: Static<typeof PageOnlyQuery> }>(
    '/api/v1/articles/:slug/comments',
    {
      config: PUBLIC,
      schema: {
        summary: "An article's approved comments",
        description: 'Oldest first, as threads read; `parentId` links replies.',
        tags: ['Comments'],
        params: SlugParams,
        querystring: PageOnlyQuery,
        response: { 200: CommentList },
      },
    },
    async (request) => {
      const article = await findOr404('article', request.params.slug);
      const { page, per_page } = request.query;
      const result = await content.listComments({
        now: now(),
        articleIds: [article.id],
        page: pageWindow(page, per_page),
      });
      return { data: result.items.map(presentComment), meta: meta(page, per_page, result.total) };
    },
  );

  api.get<{ Querystring: Static<typeof CommentListQuery> }>(
    '/api/v1/comments',
    {
      config: PUBLIC,
      schema: {
        summary: 'Recent approved comments',
        description: 'Newest first, across the site or on one article (`article=slug`).',
        tags: ['Comments'],
        querystring: CommentListQuery,
        response: { 200: CommentList },
      },
    },
    async (request) => {
      const { page, per_page, article: slug } = request.query;
      const article = slug ? await findOr404('article', slug) : null;
      const result = await content.listComments({
        now: now(),
        articleIds: article ? [article.id] : undefined,
        newestFirst: true,
        page: pageWindow(page, per_page),
      });
      return { data: result.items.map(presentComment), meta: meta(page, per_page, result.total) };
    },
  );

  for (const kind of ['category', 'tag'] as const) {
    const plural = kind === 'category' ? 'categories' : 'tags';
    const list = kind === 'category' ? content.listCategories : content.listTags;
    api.get<{ Querystring: Static<typeof TermListQuery> }>(
      `/api/v1/${plural}`,
      {
        config: PUBLIC,
        schema: {
          summary: `List ${plural}`,
          tags: ['Taxonomy'],
          querystring: TermListQuery,
          response: { 200: TermList },
        },
      },
      async (request) => {
        const { page, per_page, search, sort } = request.query;
        const links = await linkContext(deps, request);
        const result = await list(now(), { search }, termOrder(sort), pageWindow(page, per_page));
        return {
          data: result.items.map((t) => presentTerm(links, kind, t)),
          meta: meta(page, per_page, result.total),
        };
      },
    );
    api.get<{ Params: Static<typeof SlugParams> }>(
      `/api/v1/${plural}/:slug`,
      {
        config: PUBLIC,
        schema: {
          summary: `Read one ${kind}`,
          description: `Its articles: \`/api/v1/articles?${kind}=slug\`.`,
          tags: ['Taxonomy'],
          params: SlugParams,
          response: { 200: TermOne },
        },
      },
      async (request) => {
        const result = await list(now(), { slugs: [request.params.slug] }, [], { limit: 1, offset: 0 });
        const term = result.items[0];
        if (!term) throw new NotFound(`No ${kind} has the slug "${request.params.slug}".`);
        return { data: presentTerm(await linkContext(deps, request), kind, term) };
      },
    );
  }

  api.get<{ Querystring: Static<typeof TermListQuery> }>(
    '/api/v1/authors',
    {
      config: PUBLIC,
      schema: {
        summary: 'List authors',
        description: 'Authors with at least one published article or page.',
        tags: ['Taxonomy'],
        querystring: TermListQuery,
        response: { 200: AuthorList },
      },
    },
    async (request) => {
      const { page, per_page, search, sort } = request.query;
      const links = await linkContext(deps, request);
      const result = await content.listAuthors(
        now(),
        { search },
        termOrder(sort),
        pageWindow(page, per_page),
      );
      return {
        data: result.items.map((a) => presentAuthor(links, a)),
        meta: meta(page, per_page, result.total),
      };
    },
  );

  api.get<{ Params: Static<typeof SlugParams> }>(
    '/api/v1/authors/:slug',
    {
      config: PUBLIC,
      schema: {
        summary: 'Read one author',
        description: 'Their articles: `/api/v1/articles?author=slug`.',
        tags: ['Taxonomy'],
        params: SlugParams,
        response: { 200: AuthorOne },
      },
    },
    async (request) => {
      const result = await content.listAuthors(now(), { slugs: [request.params.slug] }, [], {
        limit: 1,
        offset: 0,
      });
      const author = result.items[0];
      if (!author) throw new NotFound(`No author with published work has the slug "${request.params.slug}".`);
      return { data: presentAuthor(await linkContext(deps, request), author) };
    },
  );

  api.get<{ Querystring: Static<typeof SearchQuery> }>(
    '/api/v1/search',
    {
      config: PUBLIC,
      schema: {
        summary: 'Search published articles and pages',
        description: "The site's own search: relevance order, 20 results a page.",
        tags: ['Content'],
        querystring: SearchQuery,
        response: { 200: SearchResults },
      },
    },
    async (request) => {
      const { q, page, category, tag, author } = request.query;
      const results = await deps.ctx.services.search.searchPublic(q, { category, tag, author }, page);
      const ids = results.hits.map((hit) => hit.id);
      const found = ids.length
        ? await content.listArticles({
            now: now(),
            kind: null,
            filter: { field: 'id', in: ids },
            order: [],
            page: { limit: ids.length, offset: 0 },
          })
        : { items: [], total: 0 };
      const byId = new Map(found.items.map((a) => [a.id, a]));
      const links = await linkContext(deps, request);
      const data = results.hits.flatMap((hit) => {
        const article = byId.get(hit.id);
        if (!article) return [];
        const { bodyHtml: _body, ...shown } = presentArticle(links, article);
        return [{ ...shown, snippetHtml: hit.snippetHtml }];
      });
      return { data, meta: meta(page, results.pageSize, results.total) };
    },
  );
}
