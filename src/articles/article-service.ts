/**
 * Use cases of writing and publishing: create and save drafts (with a revision
 * each time), publish, schedule, unpublish, archive, trash, correct. Every
 * change records its outbox event in the same transaction, and lets the
 * registered in-transaction hooks (the search index) see the new state.
 */
import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { ArticlesTable, Database } from '../db/schema.js';
import { Conflict, Invalid, NotFound } from '../errors.js';
import type { EventStore } from '../jobs/event-store.js';
import { renderArticleMarkdown } from '../text/markdown.js';
import { htmlToText, truncateWords } from '../text/plain-text.js';
import { sanitizeArticleHtml } from '../text/sanitize.js';
import { isValidSlug, slugify, uniqueSlug } from '../text/slug.js';
import { type Article, type ArticleDraft, MAX_DEK_LENGTH, MAX_HEADLINE_LENGTH } from './article.js';
import type { ArticleStore } from './article-store.js';

/** Something that must change in the same transaction as an article (e.g. the search index). */
export type ArticleHook = (trx: Kysely<Database>, articleId: number) => Promise<void>;

/** Who is acting, for revisions and ownership. */
export interface Actor {
  userId: number | null;
}

const EXCERPT_CHARS = 240;

function renderBody(source: string, format: 'markdown' | 'html'): string {
  return format === 'html' ? sanitizeArticleHtml(source) : renderArticleMarkdown(source);
}

function validateDraft(draft: Partial<ArticleDraft>): void {
  const errors: Record<string, string> = {};
  if (draft.headline !== undefined) {
    if (draft.headline.trim() === '') errors.headline = 'A headline is required.';
    else if (draft.headline.length > MAX_HEADLINE_LENGTH)
      errors.headline = `The headline is limited to ${MAX_HEADLINE_LENGTH} characters.`;
  }
  if (draft.dek !== undefined && draft.dek.length > MAX_DEK_LENGTH)
    errors.dek = `The dek is limited to ${MAX_DEK_LENGTH} characters.`;
  if (draft.slug !== undefined && draft.slug !== '' && !isValidSlug(draft.slug)) {
    errors.slug = 'The slug may use only lowercase letters, digits and single hyphens.';
  }
  if (draft.language !== undefined && !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(draft.language)) {
    errors.language = 'The language must be a language tag such as en or fr.';
  }
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
}

/** Article use cases. */
export function createArticleService(deps: {
  db: Kysely<Database>;
  articles: ArticleStore;
  events: EventStore;
  hooks?: ArticleHook[];
}) {
  const { db, articles, events } = deps;
  const hooks = deps.hooks ?? [];

  async function runHooks(trx: Kysely<Database>, id: number): Promise<void> {
    for (const hook of hooks) await hook(trx, id);
  }

  async function snapshotRevision(trx: Kysely<Database>, article: Article, actor: Actor): Promise<void> {
    await articles.insertRevision(
      {
        articleId: article.id,
        userId: actor.userId,
        headline: article.headline,
        dek: article.dek,
        bodySource: article.bodySource,
        excerpt: article.excerpt,
        snapshot: {
          slug: article.slug,
          categoryId: article.category?.id ?? null,
          tags: article.tags.map((t) => t.id),
          status: article.status,
        },
      },
      trx,
    );
  }

  async function load(id: number, trx: Kysely<Database> = db): Promise<Article> {
    const article = await articles.findById(id, trx);
    if (!article) throw new NotFound('That article does not exist.');
    return article;
  }

  async function changeStatus(
    id: number,
    values: Updateable<ArticlesTable>,
    eventKind: string,
    actor: Actor,
  ): Promise<Article> {
    return db.transaction().execute(async (trx) => {
      const before = await load(id, trx);
      await articles.update(
        id,
        { ...values, version: before.version + 1, updated_at: new Date().toISOString() },
        undefined,
        trx,
      );
      await events.record(eventKind, { articleId: id, slug: before.slug, actorId: actor.userId }, trx);
      await runHooks(trx, id);
      return load(id, trx);
    });
  }

  return {
    load,

    /**
     * Lets the in-transaction hooks (the search index, …) see an article that an import or a backup
     * restore wrote straight to the database inside `trx`.
     */
    async afterImport(trx: Kysely<Database>, articleId: number): Promise<void> {
      await runHooks(trx, articleId);
    },

    /** Creates a draft (or, for imports and seeds, an article in any status). */
    async createArticle(
      draft: ArticleDraft,
      actor: Actor,
      options: {
        status?: Article['status'];
        publishedAt?: string | null;
        createdAt?: string;
        updatedAt?: string;
      } = {},
    ): Promise<Article> {
      validateDraft(draft);
      const format = draft.bodyFormat ?? 'markdown';
      const bodySource = draft.bodySource ?? '';
      const bodyHtml = renderBody(bodySource, format);
      const base = draft.slug || slugify(draft.headline);
      const now = new Date().toISOString();
      return db.transaction().execute(async (trx) => {
        const slug = await uniqueSlug(base, (s) => articles.isSlugTaken(s, undefined, trx));
        const status = options.status ?? 'draft';
        const values: Insertable<ArticlesTable> = {
          kind: draft.kind ?? 'article',
          headline: draft.headline.trim(),
          slug,
          dek: draft.dek ?? '',
          body_source: bodySource,
          body_format: format,
          body_html: bodyHtml,
          excerpt: draft.excerpt?.trim() || truncateWords(htmlToText(bodyHtml), EXCERPT_CHARS),
          status,
          published_at: options.publishedAt ?? (status === 'published' ? now : null),
          created_at: options.createdAt ?? now,
          updated_at: options.updatedAt ?? options.publishedAt ?? now,
          language: draft.language ?? 'en',
          translation_group: draft.translationGroup ?? null,
          category_id: draft.categoryId ?? null,
          featured_media_id: draft.featuredImage?.mediaId ?? null,
          featured_image_url: draft.featuredImage?.url ?? null,
          featured_image_alt: draft.featuredImage?.alt ?? '',
          featured_image_caption: draft.featuredImage?.caption ?? '',
          featured_image_credit: draft.featuredImage?.credit ?? '',
          comments_open: draft.commentsOpen === false ? 0 : 1,
          sticky: draft.sticky ? 1 : 0,
          see_also_mode: draft.seeAlsoMode ?? 'auto',
          see_also_pin_id: draft.seeAlsoPinId ?? null,
          meta_description: draft.metaDescription ?? '',
          owner_id: draft.ownerId ?? actor.userId,
          source_id: draft.sourceId ?? null,
        };
        const id = await articles.insert(values, trx);
        await articles.setBylines(id, draft.authorIds ?? [], trx);
        await articles.setTags(id, draft.tagIds ?? [], trx);
        const article = await load(id, trx);
        await snapshotRevision(trx, article, actor);
        await events.record(
          status === 'published' ? 'article.published' : 'article.saved',
          { articleId: id, slug },
          trx,
        );
        await runHooks(trx, id);
        return article;
      });
    },

    /**
     * Saves edits. `expectedVersion` is the version the editor loaded: when
     * someone else saved in between, Conflict carries both versions.
     */
    async saveArticle(
      id: number,
      draft: Partial<ArticleDraft>,
      expectedVersion: number,
      actor: Actor,
    ): Promise<Article> {
      validateDraft(draft);
      return db.transaction().execute(async (trx) => {
        const before = await load(id, trx);
        if (before.version !== expectedVersion) {
          throw new Conflict(
            'Someone else saved this article while you were editing. Both versions are shown below.',
            {
              theirs: {
                headline: before.headline,
                dek: before.dek,
                bodySource: before.bodySource,
                version: before.version,
              },
              yours: draft,
            },
          );
        }
        const values: Updateable<ArticlesTable> = {
          updated_at: new Date().toISOString(),
          version: before.version + 1,
        };
        if (draft.headline !== undefined) values.headline = draft.headline.trim();
        if (draft.dek !== undefined) values.dek = draft.dek;
        if (draft.bodySource !== undefined || draft.bodyFormat !== undefined) {
          const format = draft.bodyFormat ?? before.bodyFormat;
          const source = draft.bodySource ?? before.bodySource;
          values.body_source = source;
          values.body_format = format;
          values.body_html = renderBody(source, format);
        }
        if (draft.excerpt !== undefined)
          values.excerpt =
            draft.excerpt.trim() ||
            truncateWords(htmlToText(values.body_html ?? before.bodyHtml), EXCERPT_CHARS);
        if (draft.slug !== undefined && draft.slug !== '' && draft.slug !== before.slug) {
          if (await articles.isSlugTaken(draft.slug, id, trx))
            throw new Invalid({ slug: `The slug "${draft.slug}" is already used by another article.` });
          values.slug = draft.slug;
        }
        if (draft.language !== undefined) values.language = draft.language;
        if (draft.translationGroup !== undefined) values.translation_group = draft.translationGroup;
        if (draft.categoryId !== undefined) values.category_id = draft.categoryId;
        if (draft.featuredImage !== undefined) {
          values.featured_media_id = draft.featuredImage?.mediaId ?? null;
          values.featured_image_url = draft.featuredImage?.url ?? null;
          values.featured_image_alt = draft.featuredImage?.alt ?? '';
          values.featured_image_caption = draft.featuredImage?.caption ?? '';
          values.featured_image_credit = draft.featuredImage?.credit ?? '';
        }
        if (draft.commentsOpen !== undefined) values.comments_open = draft.commentsOpen ? 1 : 0;
        if (draft.sticky !== undefined) values.sticky = draft.sticky ? 1 : 0;
        if (draft.seeAlsoMode !== undefined) values.see_also_mode = draft.seeAlsoMode;
        if (draft.seeAlsoPinId !== undefined) values.see_also_pin_id = draft.seeAlsoPinId;
        if (draft.metaDescription !== undefined) values.meta_description = draft.metaDescription;
        const changed = await articles.update(id, values, expectedVersion, trx);
        if (!changed) throw new Conflict('Someone else saved this article while you were editing.');
        if (draft.authorIds !== undefined) await articles.setBylines(id, draft.authorIds, trx);
        if (draft.tagIds !== undefined) await articles.setTags(id, draft.tagIds, trx);
        const after = await load(id, trx);
        await snapshotRevision(trx, after, actor);
        await events.record(
          after.status === 'published' ? 'article.updated' : 'article.saved',
          { articleId: id, slug: after.slug, previousSlug: before.slug },
          trx,
        );
        await runHooks(trx, id);
        return after;
      });
    },

    /** Publishes now (or keeps the original publication time when re-publishing). */
    async publishArticle(id: number, actor: Actor, at: Date = new Date()): Promise<Article> {
      const before = await load(id);
      const publishedAt =
        before.status === 'scheduled' || !before.publishedAt || before.publishedAt > at.toISOString()
          ? at.toISOString()
          : before.publishedAt;
      return changeStatus(
        id,
        { status: 'published', published_at: publishedAt, submitted_for_review: 0 },
        'article.published',
        actor,
      );
    },

    /** Schedules publication at `when` (must be in the future). */
    async scheduleArticle(id: number, when: Date, actor: Actor): Promise<Article> {
      if (Number.isNaN(when.getTime()))
        throw new Invalid({ publishAt: 'Give a date and time to publish at.' });
      if (when.getTime() <= Date.now())
        throw new Invalid({ publishAt: 'The scheduled time must be in the future.' });
      return changeStatus(
        id,
        { status: 'scheduled', published_at: when.toISOString() },
        'article.scheduled',
        actor,
      );
    },

    /** Takes a published article back to draft. */
    async unpublishArticle(id: number, actor: Actor): Promise<Article> {
      return changeStatus(id, { status: 'draft' }, 'article.unpublished', actor);
    },

    /** Archives: no longer listed or readable publicly, kept for the record. */
    async archiveArticle(id: number, actor: Actor): Promise<Article> {
      return changeStatus(id, { status: 'archived' }, 'article.unpublished', actor);
    },

    /** Moves to the trash (restorable). */
    async trashArticle(id: number, actor: Actor): Promise<Article> {
      return changeStatus(id, { deleted_at: new Date().toISOString() }, 'article.unpublished', actor);
    },

    /** Brings an article back from the trash, as a draft. */
    async restoreArticle(id: number, actor: Actor): Promise<Article> {
      return changeStatus(id, { deleted_at: null, status: 'draft' }, 'article.saved', actor);
    },

    /** Marks a draft as submitted for an editor's review. */
    async submitForReview(id: number, actor: Actor): Promise<Article> {
      return changeStatus(id, { submitted_for_review: 1 }, 'article.submitted', actor);
    },

    /** Adds a dated correction; it bumps the article's modified time. */
    async addCorrection(id: number, text: string, actor: Actor, at: Date = new Date()): Promise<Article> {
      if (text.trim() === '') throw new Invalid({ correction: 'Write what was corrected.' });
      return db.transaction().execute(async (trx) => {
        const before = await load(id, trx);
        await articles.insertCorrection(id, at.toISOString(), text.trim(), trx);
        await articles.update(
          id,
          { updated_at: at.toISOString(), version: before.version + 1 },
          undefined,
          trx,
        );
        await events.record(
          'article.updated',
          { articleId: id, slug: before.slug, actorId: actor.userId },
          trx,
        );
        await runHooks(trx, id);
        return load(id, trx);
      });
    },

    /** Publishes every scheduled article whose time has come; returns their ids. */
    async publishDueArticles(now: Date = new Date()): Promise<number[]> {
      const due = await articles.listDueScheduled(now.toISOString());
      for (const id of due) {
        await db.transaction().execute(async (trx) => {
          // Only one process wins the status change; the others see no scheduled row left.
          const changed = await trx
            .updateTable('articles')
            .set({ status: 'published' })
            .where('id', '=', id)
            .where('status', '=', 'scheduled')
            .executeTakeFirst();
          if (Number(changed.numUpdatedRows) === 1) {
            await events.record('article.published', { articleId: id }, trx);
            await runHooks(trx, id);
          }
        });
      }
      return due;
    },

    /** A new translation group id for linking translations. */
    newTranslationGroup(): string {
      return randomUUID();
    },
  };
}

export type ArticleService = ReturnType<typeof createArticleService>;
