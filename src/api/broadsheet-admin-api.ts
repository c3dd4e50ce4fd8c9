/**
 * Broadsheet's admin (write) API under /api/v1/admin: articles and pages
 * (create, update, publish, schedule, unpublish), taxonomy, API tokens,
 * webhooks and CORS origins. Callers are admin-scope tokens or the newsroom
 * session (with its CSRF header); each route declares the access it needs and
 * the newsroom's own policies decide per article.
 */
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Article, ArticleDraft } from '../articles/article.js';
import { MODERATION_ACTIONS } from '../comments/comment-service.js';
import { Forbidden, Invalid, NotFound } from '../errors.js';
import { MAX_UPLOAD_BYTES, mediaUrl } from '../media/media.js';
import { absoluteUrl } from '../site/permalinks.js';
import { canEditArticle, canPublishArticle, hasRoleAtLeast } from '../users/user.js';
import { type ApiDeps, linkContext } from './api-deps.js';
import { isValidOrigin } from './api-edge-rules.js';
import { type ApiPrincipal, policyUser, userIdOf } from './api-principal.js';
import type { ApiAccess } from './api-token.js';
import { presentNewsroomArticle, presentQueuedComment } from './broadsheet-presenter.js';
import {
  AdminArticleQuery,
  ApiTokenList,
  CorsSettings,
  CreateArticleBody,
  CreatedTerm,
  CreatedToken,
  CreatedWebhook,
  CreateTermBody,
  CreateTokenBody,
  CreateWebhookBody,
  DeleteTermQuery,
  DeliveryList,
  IdParams,
  ModeratedComment,
  ModerationQueue,
  ModerationQueueQuery,
  NewsroomArticleList,
  NewsroomArticleOne,
  ScheduleBody,
  UpdateArticleBody,
  UpdateTermBody,
  UploadedMedia,
  UploadQuery,
  WebhookList,
} from './broadsheet-schemas.js';

const token = (apiAccess: ApiAccess) => ({ permission: 'api-token' as const, apiAccess });
const ADMIN_TAGS = ['Admin'];

function principalOf(request: FastifyRequest): ApiPrincipal {
  // The edge has refused every request without one before the handler runs.
  return request.apiPrincipal!;
}

function actor(request: FastifyRequest): { userId: number | null } {
  return { userId: userIdOf(principalOf(request)) };
}

function toDraft(body: Partial<Static<typeof CreateArticleBody>>): Partial<ArticleDraft> {
  const { featuredImage, ...rest } = body;
  const draft: Partial<ArticleDraft> = { ...rest };
  if (featuredImage !== undefined) {
    draft.featuredImage = featuredImage && {
      url: featuredImage.url,
      alt: featuredImage.alt ?? '',
      caption: featuredImage.caption ?? '',
      credit: featuredImage.credit ?? '',
      mediaId: featuredImage.mediaId ?? null,
    };
  }
  return draft;
}

/** Registers the admin routes of /api/v1/admin. */
export function registerBroadsheetAdminApi(api: FastifyInstance, deps: ApiDeps): void {
  const { ctx } = deps;
  const articles = ctx.services.articles;

  async function loadFor(
    request: FastifyRequest<{ Params: { id: number } }>,
    may: 'edit' | 'publish',
  ): Promise<Article> {
    const article = await articles.load(request.params.id).catch(() => undefined);
    if (!article || article.deletedAt) throw new NotFound('That article does not exist.');
    const user = policyUser(principalOf(request))!;
    const allowed = may === 'edit' ? canEditArticle(user, article) : canPublishArticle(user, article);
    if (!allowed) throw new Forbidden(`This role may not ${may} that article.`);
    return article;
  }

  api.post<{ Body: Static<typeof CreateArticleBody> }>(
    '/api/v1/admin/articles',
    {
      config: token('write'),
      schema: {
        summary: 'Create a draft article or page',
        tags: ADMIN_TAGS,
        body: CreateArticleBody,
        response: { 201: NewsroomArticleOne },
      },
    },
    async (request, reply) => {
      const who = actor(request);
      const draft = { ...toDraft(request.body), headline: request.body.headline, ownerId: who.userId };
      const article = await articles.createArticle(draft, who);
      return reply
        .code(201)
        .header('location', `/api/v1/admin/articles/${article.id}`)
        .send({
          data: presentNewsroomArticle(article),
        });
    },
  );

  api.get<{ Querystring: Static<typeof AdminArticleQuery> }>(
    '/api/v1/admin/articles',
    {
      config: token('write'),
      schema: {
        summary: 'List articles of any status',
        description:
          'Most recently changed first; trashed ones are left out. Editors and admins see everyone’s; authors and contributors their own.',
        tags: ADMIN_TAGS,
        querystring: AdminArticleQuery,
        response: { 200: NewsroomArticleList },
      },
    },
    async (request) => {
      const { page, per_page, status, kind } = request.query;
      const user = policyUser(principalOf(request))!;
      const found = await deps.adminArticles.listIds({
        status,
        kind,
        ownerId: hasRoleAtLeast(user, 'editor') ? undefined : user.id,
        page: { limit: per_page, offset: (page - 1) * per_page },
      });
      const items = await Promise.all(found.items.map((id) => articles.load(id)));
      return {
        data: items.map(presentNewsroomArticle),
        meta: {
          page,
          perPage: per_page,
          total: found.total,
          totalPages: Math.max(1, Math.ceil(found.total / per_page)),
        },
      };
    },
  );

  api.get<{ Params: Static<typeof IdParams> }>(
    '/api/v1/admin/articles/:id',
    {
      config: token('write'),
      schema: {
        summary: 'Read an article of any status',
        tags: ADMIN_TAGS,
        params: IdParams,
        response: { 200: NewsroomArticleOne },
      },
    },
    async (request) => ({ data: presentNewsroomArticle(await loadFor(request, 'edit')) }),
  );

  api.patch<{ Params: Static<typeof IdParams>; Body: Static<typeof UpdateArticleBody> }>(
    '/api/v1/admin/articles/:id',
    {
      config: token('write'),
      schema: {
        summary: 'Update an article',
        description:
          'Send the `version` you read: if someone saved since, the answer is 409 and nothing changes.',
        tags: ADMIN_TAGS,
        params: IdParams,
        body: UpdateArticleBody,
        response: { 200: NewsroomArticleOne },
      },
    },
    async (request) => {
      await loadFor(request, 'edit');
      const { version, ...changes } = request.body;
      const saved = await articles.saveArticle(request.params.id, toDraft(changes), version, actor(request));
      return { data: presentNewsroomArticle(saved) };
    },
  );

  const transitions = [
    ['publish', 'Publish now', (id: number, r: FastifyRequest) => articles.publishArticle(id, actor(r))],
    [
      'unpublish',
      'Unpublish (back to draft)',
      (id: number, r: FastifyRequest) => articles.unpublishArticle(id, actor(r)),
    ],
  ] as const;
  for (const [verb, summary, change] of transitions) {
    api.post<{ Params: Static<typeof IdParams> }>(
      `/api/v1/admin/articles/:id/${verb}`,
      {
        config: token('publish'),
        schema: { summary, tags: ADMIN_TAGS, params: IdParams, response: { 200: NewsroomArticleOne } },
      },
      async (request) => {
        await loadFor(request, 'publish');
        return { data: presentNewsroomArticle(await change(request.params.id, request)) };
      },
    );
  }

  api.post<{ Params: Static<typeof IdParams>; Body: Static<typeof ScheduleBody> }>(
    '/api/v1/admin/articles/:id/schedule',
    {
      config: token('publish'),
      schema: {
        summary: 'Schedule publication',
        tags: ADMIN_TAGS,
        params: IdParams,
        body: ScheduleBody,
        response: { 200: NewsroomArticleOne },
      },
    },
    async (request) => {
      await loadFor(request, 'publish');
      const when = new Date(request.body.publishAt);
      return {
        data: presentNewsroomArticle(await articles.scheduleArticle(request.params.id, when, actor(request))),
      };
    },
  );

  // Uploads are the raw image as the body (as WordPress's media endpoint takes them), so no multipart parser is needed.
  api.addContentTypeParser(
    /^image\//,
    { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES },
    (_request, body, done) => done(null, body),
  );
  api.post<{ Querystring: Static<typeof UploadQuery>; Body: Buffer }>(
    '/api/v1/admin/media',
    {
      config: token('write'),
      schema: {
        summary: 'Upload an image',
        description:
          'Send the image itself as the body with its Content-Type (image/jpeg, png, gif, webp, avif), up to 15 MB. It is re-encoded without metadata, with responsive variants. Use the returned id and url as an article’s featuredImage.',
        tags: ADMIN_TAGS,
        querystring: UploadQuery,
        response: { 201: UploadedMedia },
      },
    },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body))
        throw new Invalid({ file: 'Send the image as the body, with an image/… Content-Type.' });
      const disposition = /filename="?([^";]+)"?/i.exec(
        String(request.headers['content-disposition'] ?? ''),
      )?.[1];
      const item = await deps.media.upload({
        data: request.body,
        fileName: request.query.fileName ?? disposition ?? 'image',
        altText: request.query.alt,
        caption: request.query.caption,
        credit: request.query.credit,
        uploadedBy: actor(request).userId,
      });
      const links = await linkContext(deps, request);
      return reply.code(201).send({
        data: {
          id: item.id,
          url: absoluteUrl(links.baseUrl, item.url),
          fileName: item.fileName,
          mimeType: item.mimeType,
          byteSize: item.byteSize,
          width: item.width,
          height: item.height,
          altText: item.altText,
          caption: item.caption,
          credit: item.credit,
          variants: item.variants.map((v) => ({
            width: v.width,
            format: v.format,
            url: absoluteUrl(links.baseUrl, mediaUrl(v.path)),
          })),
        },
      });
    },
  );

  for (const kind of ['category', 'tag'] as const) {
    const plural = kind === 'category' ? 'categories' : 'tags';
    const present = (term: {
      id: number;
      name: string;
      slug: string;
      description: string;
      parentId?: number | null;
    }) => ({
      data: {
        id: term.id,
        name: term.name,
        slug: term.slug,
        description: term.description,
        ...(kind === 'category' ? { parentId: term.parentId ?? null } : {}),
      },
    });
    const load = (id: number) => (kind === 'category' ? deps.taxonomy.category(id) : deps.taxonomy.tag(id));

    api.post<{ Body: Static<typeof CreateTermBody> }>(
      `/api/v1/admin/${plural}`,
      {
        config: token('edit-taxonomy'),
        schema: {
          summary: `Create a ${kind}`,
          tags: ADMIN_TAGS,
          body: CreateTermBody,
          response: { 201: CreatedTerm },
        },
      },
      async (request, reply) => {
        const { name, slug = '', description = '', parentId = null } = request.body;
        const term =
          kind === 'category'
            ? await deps.taxonomy.createCategory({ name, slug, description, parentId })
            : await deps.taxonomy.createTag({ name, slug, description });
        return reply.code(201).send(present(term));
      },
    );

    api.patch<{ Params: Static<typeof IdParams>; Body: Static<typeof UpdateTermBody> }>(
      `/api/v1/admin/${plural}/:id`,
      {
        config: token('edit-taxonomy'),
        schema: {
          summary: `Rename or move a ${kind}`,
          description: 'Fields left out keep their values.',
          tags: ADMIN_TAGS,
          params: IdParams,
          body: UpdateTermBody,
          response: { 200: CreatedTerm },
        },
      },
      async (request) => {
        const before = (await load(request.params.id)) as {
          name: string;
          slug: string;
          description: string;
          parentId?: number | null;
        };
        const next = {
          name: request.body.name ?? before.name,
          slug: request.body.slug ?? before.slug,
          description: request.body.description ?? before.description,
        };
        if (kind === 'category') {
          const parentId =
            request.body.parentId !== undefined ? request.body.parentId : (before.parentId ?? null);
          await deps.taxonomy.updateCategory(request.params.id, { ...next, parentId });
        } else {
          await deps.taxonomy.updateTag(request.params.id, next);
        }
        return present(await load(request.params.id));
      },
    );

    api.delete<{ Params: Static<typeof IdParams>; Querystring: Static<typeof DeleteTermQuery> }>(
      `/api/v1/admin/${plural}/:id`,
      {
        config: token('edit-taxonomy'),
        schema: {
          summary: `Delete a ${kind}`,
          description:
            kind === 'category'
              ? 'Its articles and subcategories move to `replacementId`, or to no category.'
              : 'With `replacementId`, its articles get that tag instead (a merge).',
          tags: ADMIN_TAGS,
          params: IdParams,
          querystring: DeleteTermQuery,
        },
      },
      async (request, reply) => {
        const replacementId = request.query.replacementId ?? null;
        if (kind === 'category') await deps.taxonomy.deleteCategory(request.params.id, replacementId);
        else await deps.taxonomy.deleteTag(request.params.id, replacementId);
        return reply.code(204).send();
      },
    );
  }

  api.get<{ Querystring: Static<typeof ModerationQueueQuery> }>(
    '/api/v1/admin/comments',
    {
      config: token('moderate'),
      schema: {
        summary: 'The moderation queue',
        description:
          'Newest first, with the count of each status. Carries commenters’ emails: moderators only.',
        tags: ADMIN_TAGS,
        querystring: ModerationQueueQuery,
        response: { 200: ModerationQueue },
      },
    },
    async (request) => {
      const { page, per_page, status, search } = request.query;
      const queue = await ctx.services.comments.listQueue(policyUser(principalOf(request))!, {
        status,
        search,
        page,
        perPage: per_page,
      });
      return {
        data: queue.items.map(presentQueuedComment),
        meta: {
          page,
          perPage: per_page,
          total: queue.total,
          totalPages: Math.max(1, Math.ceil(queue.total / per_page)),
          counts: queue.counts,
        },
      };
    },
  );

  for (const action of MODERATION_ACTIONS) {
    api.post<{ Params: Static<typeof IdParams> }>(
      `/api/v1/admin/comments/:id/${action}`,
      {
        config: token('moderate'),
        schema: {
          summary: `${action[0]!.toUpperCase()}${action.slice(1)} a comment`,
          tags: ADMIN_TAGS,
          params: IdParams,
          response: { 200: ModeratedComment },
        },
      },
      async (request) => {
        const { id } = request.params;
        const actor = policyUser(principalOf(request))!;
        if (!(await ctx.stores.comments.findById(id))) throw new NotFound('That comment does not exist.');
        await ctx.services.comments.moderate(actor, action, [id]);
        const comment = (await ctx.stores.comments.findById(id))!;
        const article = await ctx.services.articles.load(comment.articleId);
        return {
          data: presentQueuedComment({
            ...comment,
            articleSlug: article.slug,
            articleHeadline: article.headline,
          }),
        };
      },
    );
  }

  api.get(
    '/api/v1/admin/tokens',
    {
      config: token('administer'),
      schema: { summary: 'List API tokens', tags: ADMIN_TAGS, response: { 200: ApiTokenList } },
    },
    async () => ({ data: await deps.tokens.listTokens() }),
  );

  api.post<{ Body: Static<typeof CreateTokenBody> }>(
    '/api/v1/admin/tokens',
    {
      config: token('administer'),
      schema: {
        summary: 'Create an API token',
        description: 'The key is in this response only. Admin tokens default to the editor role.',
        tags: ADMIN_TAGS,
        body: CreateTokenBody,
        response: { 201: CreatedToken },
      },
    },
    async (request, reply) => {
      const { token: created, key } = await deps.tokens.createToken({
        ...request.body,
        userId: userIdOf(principalOf(request)),
      });
      return reply.code(201).send({ data: created, key });
    },
  );

  api.delete<{ Params: Static<typeof IdParams> }>(
    '/api/v1/admin/tokens/:id',
    {
      config: token('administer'),
      schema: { summary: 'Revoke an API token', tags: ADMIN_TAGS, params: IdParams },
    },
    async (request, reply) => {
      await deps.tokens.revokeToken(request.params.id);
      return reply.code(204).send();
    },
  );

  api.get(
    '/api/v1/admin/webhooks',
    {
      config: token('administer'),
      schema: { summary: 'List webhooks', tags: ADMIN_TAGS, response: { 200: WebhookList } },
    },
    async () => ({ data: await deps.webhooks.listWebhooks() }),
  );

  api.post<{ Body: Static<typeof CreateWebhookBody> }>(
    '/api/v1/admin/webhooks',
    {
      config: token('administer'),
      schema: {
        summary: 'Subscribe a URL to events',
        description:
          'Deliveries are POSTs of JSON signed with HMAC-SHA256: `X-Broadsheet-Signature: sha256=hex(HMAC(secret, timestamp + "." + body))` and `X-Broadsheet-Timestamp`. A non-2xx answer is retried with back-off.',
        tags: ADMIN_TAGS,
        body: CreateWebhookBody,
        response: { 201: CreatedWebhook },
      },
    },
    async (request, reply) => {
      const { webhook, secret } = await deps.webhooks.createWebhook({
        ...request.body,
        createdBy: userIdOf(principalOf(request)),
      });
      return reply.code(201).send({ data: webhook, secret });
    },
  );

  api.delete<{ Params: Static<typeof IdParams> }>(
    '/api/v1/admin/webhooks/:id',
    {
      config: token('administer'),
      schema: { summary: 'Remove a webhook', tags: ADMIN_TAGS, params: IdParams },
    },
    async (request, reply) => {
      await deps.webhooks.deleteWebhook(request.params.id);
      return reply.code(204).send();
    },
  );

  api.get<{ Params: Static<typeof IdParams> }>(
    '/api/v1/admin/webhooks/:id/deliveries',
    {
      config: token('administer'),
      schema: {
        summary: "A webhook's delivery log",
        tags: ADMIN_TAGS,
        params: IdParams,
        response: { 200: DeliveryList },
      },
    },
    async (request) => ({ data: await deps.webhooks.deliveries(request.params.id) }),
  );

  api.get(
    '/api/v1/admin/cors',
    {
      config: token('administer'),
      schema: { summary: 'Origins allowed by CORS', tags: ADMIN_TAGS, response: { 200: CorsSettings } },
    },
    async () => ({ origins: await deps.apiSettings.corsOrigins() }),
  );

  api.put<{ Body: Static<typeof CorsSettings> }>(
    '/api/v1/admin/cors',
    {
      config: token('administer'),
      schema: {
        summary: 'Set the origins allowed by CORS',
        description:
          'Takes effect within ten seconds in every process. Cookies are never allowed cross-origin.',
        tags: ADMIN_TAGS,
        body: CorsSettings,
        response: { 200: CorsSettings },
      },
    },
    async (request) => {
      const origins = [...new Set(request.body.origins.map((o) => o.trim().replace(/\/+$/, '')))];
      const bad = origins.findIndex((o) => !isValidOrigin(o));
      if (bad >= 0) {
        throw new Invalid({
          [`origins/${bad}`]: `"${origins[bad]}" is not an origin: use scheme://host[:port], or * for any.`,
        });
      }
      await deps.apiSettings.saveCorsOrigins(origins);
      deps.cors.forget();
      return { origins };
    },
  );
}
