/**
 * Writing and publishing routes: the article list, the editor (create, save,
 * autosave, live preview), workflow actions, revisions and corrections. Each
 * route declares its role-level permission; per-article rights (own drafts,
 * own publishing) are checked here with the policies of src/users/user.ts.
 */
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Article } from '../articles/article.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../errors.js';
import { type NewsroomViewer, viewerOf } from '../http/newsroom-plugin.js';
import { articlePath } from '../site/permalinks.js';
import { renderArticleMarkdown } from '../text/markdown.js';
import { canEditArticle, canPublishArticle } from '../users/user.js';
import { h } from '../views/jsx.js';
import { ArticleEditorPage, type ConflictView } from './article-editor-page.js';
import {
  ARTICLE_FORM_FIELDS,
  type ArticleForm,
  emptyArticleForm,
  missingAltText,
  readArticleForm,
} from './article-form.js';
import { ArticleListPage, type ListQuery } from './article-list-page.js';
import { type NewsroomDeps, redirectAfterPost, sendPage } from './newsroom-context.js';
import { LIST_VIEWS, type ListSort, type ListView } from './newsroom-store.js';
import { previewPath } from './preview-link.js';
import { RevisionComparePage, RevisionListPage } from './revision-pages.js';
import { zonedLocalToUtc } from './zoned-time.js';

const PAGE_SIZE = 25;
// The list adds the best full-text matches to headline matches; beyond these, results would not help anyone.
const FULL_TEXT_PAGES = 5;
const LANGUAGES = ['en', 'fr', 'de', 'es', 'it', 'pt', 'nl', 'pl', 'cy', 'ga', 'ar', 'zh', 'ja', 'uk'];

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const RevisionParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  revisionId: Type.Integer({ minimum: 1 }),
});
const ListQuerySchema = Type.Object({
  view: Type.String({ default: 'all', maxLength: 20 }),
  author: Type.String({ default: '', maxLength: 20 }),
  category: Type.String({ default: '', maxLength: 20 }),
  q: Type.String({ default: '', maxLength: 200 }),
  sort: Type.String({ default: 'updated', maxLength: 20 }),
  page: Type.Integer({ default: 1, minimum: 1, maximum: 100000 }),
});
const EditorQuery = Type.Object({ restore: Type.String({ default: '', maxLength: 20 }) });
// The editor form is read field by field by readArticleForm; the schema only bounds it.
const EditorBody = Type.Object(
  {
    version: Type.String({ default: '0', maxLength: 12 }),
    intent: Type.String({ default: 'save', maxLength: 20 }),
  },
  { additionalProperties: true },
);
const AutosaveBody = Type.Object({
  version: Type.Union([Type.Integer(), Type.Null()], { default: null }),
  fields: Type.Record(Type.String(), Type.Union([Type.String({ maxLength: 500_000 }), Type.Boolean()])),
});
const PreviewBody = Type.Object({ bodySource: Type.String({ maxLength: 500_000 }) });
const ScheduleBody = Type.Object({ publishAt: Type.String({ default: '', maxLength: 40 }) });
const CorrectionBody = Type.Object({ correction: Type.String({ default: '', maxLength: 5000 }) });
const VersionBody = Type.Object({ version: Type.Integer({ default: 0 }) });

type Intent = 'save' | 'submit' | 'publish' | 'schedule';

function intentOf(value: string): Intent {
  return value === 'submit' || value === 'publish' || value === 'schedule' ? value : 'save';
}

/** Registers the article routes on the newsroom context. */
export function registerArticleRoutes(app: FastifyInstance, deps: NewsroomDeps): void {
  const { ctx, editor, store } = deps;
  const articles = ctx.services.articles;

  async function loadArticle(id: number): Promise<Article> {
    const article = await ctx.stores.articles.findById(id);
    if (!article) throw new NotFound('That article does not exist.');
    return article;
  }

  function requireEdit(viewer: NewsroomViewer, article: Article): void {
    if (!canEditArticle(viewer.user, article))
      throw new Forbidden(
        viewer.user.role === 'contributor' && article.ownerId === viewer.user.id
          ? 'This article has been published; ask an editor to change it.'
          : 'You can only change your own articles.',
      );
  }

  function requirePublish(viewer: NewsroomViewer, article: Pick<Article, 'ownerId'>): void {
    if (!canPublishArticle(viewer.user, article))
      throw new Forbidden(
        viewer.user.role === 'contributor'
          ? 'Contributors submit articles for review; an editor publishes them.'
          : 'You can only publish your own articles.',
      );
  }

  async function renderEditor(
    request: FastifyRequest,
    reply: FastifyReply,
    state: {
      article: Article | null;
      form: ArticleForm;
      version: number;
      errors?: Record<string, string>;
      message?: string;
      conflict?: ConflictView;
      restored?: boolean;
      status?: number;
    },
  ): Promise<FastifyReply> {
    const viewer = viewerOf(request);
    const settings = await ctx.settings();
    const { article } = state;
    const [categories, media, choices, revisions, autosave] = await Promise.all([
      ctx.stores.taxonomy.listCategories(),
      deps.media.list('', 100, 0),
      store.articleChoices(300),
      article ? ctx.stores.articles.listRevisions(article.id) : Promise.resolve([]),
      store.findAutosave(viewer.user.id, article?.id ?? null),
    ]);
    const mediaItems = media.items;
    const selected = Number(state.form.featuredMediaId);
    if (selected && !mediaItems.some((m) => m.id === selected)) {
      const item = await deps.media.find(selected);
      if (item) mediaItems.unshift(item);
    }
    return sendPage(
      deps,
      request,
      reply,
      {
        title: article ? `Edit: ${article.headline}` : 'New article',
        current: '/newsroom/articles',
        status: state.status,
        bodyClass: 'newsroom wide',
      },
      <ArticleEditorPage
        viewer={viewer}
        article={article}
        form={state.form}
        version={state.version}
        errors={state.errors ?? {}}
        message={state.message}
        conflict={state.conflict}
        autosave={autosave ?? null}
        restoredFromAutosave={state.restored}
        categories={categories}
        media={mediaItems}
        choices={choices.filter((c) => c.slug !== article?.slug)}
        previewUrl={article ? previewPath(ctx.secret, article.id) : null}
        publicUrl={article ? articlePath(article, settings) : null}
        revisionCount={revisions.length}
        timeZone={settings.timezone}
        languages={LANGUAGES}
      />,
    );
  }

  /** Ids of the best full-text matches the viewer may see (the search index covers bodies, deks and tags). */
  async function fullTextMatches(q: string, viewer: NewsroomViewer): Promise<number[]> {
    const ids: number[] = [];
    for (let page = 1; page <= FULL_TEXT_PAGES; page++) {
      const results = await ctx.services.search.searchNewsroom(q, viewer.user, {}, page);
      ids.push(...results.hits.map((hit) => hit.id));
      if (page >= results.pageCount) break;
    }
    return ids;
  }

  /** Applies the intent after a successful save; returns the notice, or re-renders the editor on a refusal. */
  async function applyIntent(
    request: FastifyRequest,
    reply: FastifyReply,
    intent: Intent,
    saved: Article,
    form: ArticleForm,
  ): Promise<FastifyReply> {
    const viewer = viewerOf(request);
    const actor = { userId: viewer.user.id };
    const editUrl = `/newsroom/articles/${saved.id}/edit`;
    const refuse = (errors: Record<string, string>, what: string) =>
      renderEditor(request, reply, {
        article: saved,
        form: { ...form, slug: saved.slug },
        version: saved.version,
        errors,
        message: `Your changes are saved, but the article was not ${what}:`,
        status: 422,
      });
    if (intent === 'submit') {
      if (!saved.submittedForReview) await articles.submitForReview(saved.id, actor);
      return redirectAfterPost(reply, editUrl, 'submitted');
    }
    if (intent === 'publish' || intent === 'schedule') {
      const problems = missingAltText(saved);
      if (Object.keys(problems).length)
        return refuse(problems, intent === 'publish' ? 'published' : 'scheduled');
      if (intent === 'publish') {
        await articles.publishArticle(saved.id, actor);
        return redirectAfterPost(reply, editUrl, 'published');
      }
      const settings = await ctx.settings();
      const when = zonedLocalToUtc(form.publishAt, settings.timezone);
      try {
        await articles.scheduleArticle(saved.id, when ?? new Date(Number.NaN), actor);
      } catch (error) {
        if (error instanceof Invalid) return refuse(error.fields, 'scheduled');
        throw error;
      }
      return redirectAfterPost(reply, editUrl, 'scheduled');
    }
    return redirectAfterPost(reply, editUrl, 'saved');
  }

  app.get<{ Querystring: Static<typeof ListQuerySchema> }>(
    '/articles',
    { config: { permission: 'write' }, schema: { querystring: ListQuerySchema } },
    async (request, reply) => {
      const settings = await ctx.settings();
      const q = request.query;
      const view = (LIST_VIEWS as string[]).includes(q.view) ? (q.view as ListView) : 'all';
      const sort: ListSort = q.sort === 'published' || q.sort === 'headline' ? q.sort : 'updated';
      const query: ListQuery = {
        view,
        author: /^\d+$/.test(q.author) ? q.author : undefined,
        category: /^\d+$/.test(q.category) ? q.category : undefined,
        q: q.q.trim() || undefined,
        sort,
        page: q.page,
      };
      const [{ rows, total }, counts, authors, categories] = await Promise.all([
        store.listArticles({
          view,
          authorId: query.author ? Number(query.author) : undefined,
          categoryId: query.category ? Number(query.category) : undefined,
          search: query.q,
          searchIds: query.q ? await fullTextMatches(query.q, viewerOf(request)) : undefined,
          sort,
          limit: PAGE_SIZE,
          offset: (q.page - 1) * PAGE_SIZE,
        }),
        store.countByView(),
        ctx.stores.users.listAuthors(),
        ctx.stores.taxonomy.listCategories(),
      ]);
      return sendPage(
        deps,
        request,
        reply,
        { title: 'Articles', current: '/newsroom/articles', bodyClass: 'newsroom wide' },
        <ArticleListPage
          viewer={viewerOf(request)}
          rows={rows}
          total={total}
          pages={Math.max(1, Math.ceil(total / PAGE_SIZE))}
          query={query}
          counts={counts}
          authors={authors}
          categories={categories}
          timeZone={settings.timezone}
        />,
      );
    },
  );

  app.get<{ Querystring: Static<typeof EditorQuery> }>(
    '/articles/new',
    { config: { permission: 'write' }, schema: { querystring: EditorQuery } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const settings = await ctx.settings();
      if (request.query.restore === 'autosave') {
        const autosave = await store.findAutosave(viewer.user.id, null);
        if (autosave)
          return renderEditor(request, reply, {
            article: null,
            form: readArticleForm(autosave.fields),
            version: 0,
            restored: true,
          });
      }
      const author = viewer.user.authorId
        ? await ctx.stores.users.findAuthorById(viewer.user.authorId)
        : undefined;
      return renderEditor(request, reply, {
        article: null,
        form: emptyArticleForm({
          language: settings.language,
          bylines: author?.name ?? viewer.user.displayName,
        }),
        version: 0,
      });
    },
  );

  app.post<{ Body: Static<typeof EditorBody> }>(
    '/articles',
    { config: { permission: 'write' }, schema: { body: EditorBody } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const intent = intentOf(request.body.intent);
      if (intent === 'publish' || intent === 'schedule') requirePublish(viewer, { ownerId: viewer.user.id });
      const form = readArticleForm(request.body);
      let article: Article;
      try {
        article = await editor.create(form, viewer.user);
      } catch (error) {
        if (error instanceof Invalid)
          return renderEditor(request, reply, {
            article: null,
            form,
            version: 0,
            errors: error.fields,
            status: 422,
          });
        throw error;
      }
      await store.deleteAutosave(viewer.user.id, null);
      if (intent === 'save')
        return redirectAfterPost(reply, `/newsroom/articles/${article.id}/edit`, 'created');
      return applyIntent(request, reply, intent, article, form);
    },
  );

  app.get<{ Params: Static<typeof IdParams>; Querystring: Static<typeof EditorQuery> }>(
    '/articles/:id/edit',
    { config: { permission: 'write' }, schema: { params: IdParams, querystring: EditorQuery } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const article = await loadArticle(request.params.id);
      requireEdit(viewer, article);
      if (request.query.restore === 'autosave') {
        const autosave = await store.findAutosave(viewer.user.id, article.id);
        // The autosave's base version goes back into the form, so saving it still detects later saves by others.
        if (autosave)
          return renderEditor(request, reply, {
            article,
            form: readArticleForm(autosave.fields),
            version: autosave.baseVersion ?? article.version,
            restored: true,
          });
      }
      const settings = await ctx.settings();
      return renderEditor(request, reply, {
        article,
        form: await editor.formFor(article, settings.timezone),
        version: article.version,
      });
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof EditorBody> }>(
    '/articles/:id',
    { config: { permission: 'write' }, schema: { params: IdParams, body: EditorBody } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const article = await loadArticle(request.params.id);
      requireEdit(viewer, article);
      const intent = intentOf(request.body.intent);
      if (intent === 'publish' || intent === 'schedule') requirePublish(viewer, article);
      const form = readArticleForm(request.body);
      const version = Number(request.body.version) || 0;
      let saved: Article;
      try {
        saved = await editor.save(article.id, form, version, viewer.user);
      } catch (error) {
        if (error instanceof Invalid)
          return renderEditor(request, reply, { article, form, version, errors: error.fields, status: 422 });
        if (error instanceof Conflict) {
          const current = await loadArticle(article.id);
          return renderEditor(request, reply, {
            article: current,
            form,
            // Saving again now is a conscious choice to replace their version.
            version: current.version,
            message: error.message,
            conflict: {
              headline: current.headline,
              dek: current.dek,
              bodySource: current.bodySource,
              version: current.version,
            },
            status: 409,
          });
        }
        throw error;
      }
      await store.deleteAutosave(viewer.user.id, article.id);
      return applyIntent(request, reply, intent, saved, form);
    },
  );

  app.post<{ Params: { id: string }; Body: Static<typeof AutosaveBody> }>(
    '/articles/:id/autosave',
    {
      config: { permission: 'write' },
      schema: {
        params: Type.Object({ id: Type.String({ pattern: '^(new|[1-9][0-9]*)$' }) }),
        body: AutosaveBody,
      },
    },
    async (request, reply) => {
      const viewer = viewerOf(request);
      let articleId: number | null = null;
      if (request.params.id !== 'new') {
        const article = await loadArticle(Number(request.params.id));
        requireEdit(viewer, article);
        articleId = article.id;
      }
      const form = readArticleForm(request.body.fields);
      const fields = Object.fromEntries(ARTICLE_FORM_FIELDS.map((name) => [name, form[name]]));
      const savedAt = await store.saveAutosave({
        userId: viewer.user.id,
        articleId,
        baseVersion: request.body.version,
        fields,
      });
      return reply.header('cache-control', 'no-store').send({ savedAt });
    },
  );

  app.post<{ Body: Static<typeof PreviewBody> }>(
    '/preview',
    { config: { permission: 'write' }, schema: { body: PreviewBody } },
    async (request, reply) =>
      reply
        .header('cache-control', 'no-store')
        .send({ html: renderArticleMarkdown(request.body.bodySource) }),
  );

  function action(
    path: string,
    permission: 'write' | 'publish',
    run: (article: Article, viewer: NewsroomViewer, body: unknown) => Promise<string>,
  ): void {
    app.post<{ Params: Static<typeof IdParams> }>(
      `/articles/:id/${path}`,
      { config: { permission }, schema: { params: IdParams } },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const article = await loadArticle(request.params.id);
        if (permission === 'publish') requirePublish(viewer, article);
        else requireEdit(viewer, article);
        const done = await run(article, viewer, request.body);
        return redirectAfterPost(reply, `/newsroom/articles/${article.id}/edit`, done);
      },
    );
  }

  action('publish', 'publish', async (article, viewer) => {
    const problems = missingAltText(article);
    if (Object.keys(problems).length) throw new Invalid(problems);
    await articles.publishArticle(article.id, { userId: viewer.user.id });
    return 'published';
  });
  action('schedule', 'publish', async (article, viewer, body) => {
    const problems = missingAltText(article);
    if (Object.keys(problems).length) throw new Invalid(problems);
    const { publishAt } = (body ?? {}) as Partial<Static<typeof ScheduleBody>>;
    const when = zonedLocalToUtc(String(publishAt ?? ''), (await ctx.settings()).timezone);
    await articles.scheduleArticle(article.id, when ?? new Date(Number.NaN), { userId: viewer.user.id });
    return 'scheduled';
  });
  action('unpublish', 'publish', async (article, viewer) => {
    await articles.unpublishArticle(article.id, { userId: viewer.user.id });
    return 'unpublished';
  });
  action('archive', 'publish', async (article, viewer) => {
    await articles.archiveArticle(article.id, { userId: viewer.user.id });
    return 'archived';
  });
  action('trash', 'write', async (article, viewer) => {
    await articles.trashArticle(article.id, { userId: viewer.user.id });
    return 'trashed';
  });
  action('restore', 'write', async (article, viewer) => {
    await articles.restoreArticle(article.id, { userId: viewer.user.id });
    return 'restored';
  });
  action('submit', 'write', async (article, viewer) => {
    await articles.submitForReview(article.id, { userId: viewer.user.id });
    return 'submitted';
  });
  action('corrections', 'publish', async (article, viewer, body) => {
    const { correction } = (body ?? {}) as Partial<Static<typeof CorrectionBody>>;
    await articles.addCorrection(article.id, String(correction ?? ''), { userId: viewer.user.id });
    return 'corrected';
  });

  app.get<{ Params: Static<typeof IdParams> }>(
    '/articles/:id/revisions',
    { config: { permission: 'write' }, schema: { params: IdParams } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const article = await loadArticle(request.params.id);
      requireEdit(viewer, article);
      const revisions = await ctx.stores.articles.listRevisions(article.id);
      const names = await store.userNames([
        ...new Set(revisions.map((r) => r.userId).filter((id) => id !== null)),
      ]);
      const settings = await ctx.settings();
      return sendPage(
        deps,
        request,
        reply,
        { title: `Revisions: ${article.headline}`, current: '/newsroom/articles' },
        <RevisionListPage
          article={article}
          revisions={revisions}
          names={names}
          timeZone={settings.timezone}
        />,
      );
    },
  );

  async function loadRevision(articleId: number, revisionId: number) {
    const revisions = await ctx.stores.articles.listRevisions(articleId);
    const revision = revisions.find((r) => r.id === revisionId);
    if (!revision) throw new NotFound('That revision does not exist.');
    return revision;
  }

  app.get<{ Params: Static<typeof RevisionParams> }>(
    '/articles/:id/revisions/:revisionId',
    { config: { permission: 'write' }, schema: { params: RevisionParams } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const article = await loadArticle(request.params.id);
      requireEdit(viewer, article);
      const revision = await loadRevision(article.id, request.params.revisionId);
      const names = await store.userNames(revision.userId !== null ? [revision.userId] : []);
      const settings = await ctx.settings();
      return sendPage(
        deps,
        request,
        reply,
        { title: 'Compare revisions', current: '/newsroom/articles', bodyClass: 'newsroom wide' },
        <RevisionComparePage
          viewer={viewer}
          article={article}
          revision={revision}
          author={revision.userId !== null ? (names.get(revision.userId) ?? 'a former user') : 'an import'}
          timeZone={settings.timezone}
          mayRestore={!article.deletedAt}
        />,
      );
    },
  );

  app.post<{ Params: Static<typeof RevisionParams>; Body: Static<typeof VersionBody> }>(
    '/articles/:id/revisions/:revisionId/restore',
    { config: { permission: 'write' }, schema: { params: RevisionParams, body: VersionBody } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const article = await loadArticle(request.params.id);
      requireEdit(viewer, article);
      const revision = await loadRevision(article.id, request.params.revisionId);
      await articles.saveArticle(
        article.id,
        {
          headline: revision.headline,
          dek: revision.dek,
          bodySource: revision.bodySource,
          excerpt: revision.excerpt,
        },
        request.body.version,
        { userId: viewer.user.id },
      );
      return redirectAfterPost(reply, `/newsroom/articles/${article.id}/edit`, 'revision-restored');
    },
  );
}
