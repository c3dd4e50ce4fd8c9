/**
 * Use cases of moving in: writes the records of a WordPress (WXR) or Ghost export into the site inside
 * one transaction, so a malformed or truncated file changes nothing. Matches an earlier import of the
 * same file by source id (no duplicates), keeps old URLs working through redirects, and takes the
 * site's settings only when the site has no articles yet.
 */
import { createReadStream, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { ArticleService } from '../articles/article-service.js';
import { acceptableAuthorUrl } from '../comments/comment.js';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { EventStore } from '../jobs/event-store.js';
import { excerptOf } from '../text/plain-text.js';
import { sanitizeArticleHtml, sanitizeCommentHtml } from '../text/sanitize.js';
import { uniqueSlug } from '../text/slug.js';
import { isPlausibleEmail, normaliseEmail } from '../users/user.js';
import { parseGhost } from './ghost-parser.js';
import { ImportFormatError } from './import-format-error.js';
import {
  absoluteMediaUrl,
  articlePathFor,
  articleRedirectPaths,
  attachmentRedirectPaths,
  categoryArchivePath,
  importedArticleState,
  importedCommentStatus,
  importedDek,
  importedHeadline,
  importedLanguage,
  importedSiteUrl,
  importedSlug,
  mediaFileName,
  mimeTypeFor,
  resolveGhostUrls,
  type SourceItemKind,
  siteKeyOf,
  sourceKey,
} from './import-plan.js';
import type {
  ArticleRecord,
  AttachmentRecord,
  AuthorRecord,
  CategoryRecord,
  CommentRecord,
  GalleryPlaceholder,
  ImportRecord,
  ImportSource,
  SiteRecord,
  TagRecord,
  TermRef,
} from './import-records.js';
import { createImportStore, type ImportStore } from './import-store.js';
import { addParserSummary, addWarning, emptySummary, type ImportSummary } from './import-summary.js';
import { fetchMediaFile } from './media-fetch.js';
import { type GalleryImage, resolveGalleries, wpautop } from './wordpress-content.js';
import { parseWxr } from './wxr-parser.js';

/** Where an import stands, for a progress bar. */
export interface ImportProgress {
  records: number;
  articles: number;
  bytesRead: number | null;
  totalBytes: number | null;
}

/** How to import. */
export interface ImportOptions {
  /** Also add a newsroom account (without a password) for each author with an email address. */
  createUsers?: boolean;
  /** Download attachments and featured images into the media directory. */
  fetchMedia?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  now?: Date;
}

/** What the import service needs. */
export interface ImportServiceDeps {
  db: Kysely<Database>;
  store: ImportStore;
  events: EventStore;
  articles: Pick<ArticleService, 'afterImport'>;
  /** Where fetched media files go (the site's media directory). */
  mediaDir: string;
  mediaFetch?: { timeoutMs?: number; maxBytes?: number };
}

// The role of an account made for an imported byline: they wrote for the site, and may publish their own.
const IMPORTED_USER_ROLE = 'author';
const MEDIA_URL_PREFIX = '/media/';
const BODY_URL_RE = /https?:\/\/[^\s"'<>()]+/g;
const REWRITE_BATCH_SIZE = 500;

/** Import use cases. */
export function createImportService(deps: ImportServiceDeps) {
  /** Writes a stream of records in one transaction; throws (changing nothing) when the stream fails. */
  async function importRecords(
    records: AsyncIterable<ImportRecord> | Iterable<ImportRecord>,
    options: ImportOptions = {},
    progress: () => Pick<ImportProgress, 'bytesRead' | 'totalBytes'> = () => ({
      bytesRead: null,
      totalBytes: null,
    }),
  ): Promise<ImportSummary> {
    const writtenFiles: string[] = [];
    try {
      return await deps.db.transaction().execute(async (trx) => {
        const run = new ImportRun(deps, trx, options, writtenFiles);
        for await (const record of records) {
          await run.write(record);
          options.onProgress?.({ records: run.records, articles: run.articles, ...progress() });
        }
        await run.finish();
        return run.summary;
      });
    } catch (error) {
      // The rows are rolled back; the files downloaded for them must go too.
      for (const file of writtenFiles) rmSync(file, { force: true });
      throw error;
    }
  }

  return {
    importRecords,

    /** Streams a WordPress WXR file into the site (constant memory however large the file). */
    async importWxrFile(path: string, options: ImportOptions = {}): Promise<ImportSummary> {
      const totalBytes = statSync(path).size;
      let bytesRead = 0;
      async function* counted(): AsyncGenerator<Uint8Array> {
        for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
          bytesRead += (chunk as Buffer).length;
          yield chunk as Buffer;
        }
      }
      return importRecords(parseWxr(counted()), options, () => ({ bytesRead, totalBytes }));
    },

    /** Reads a Ghost JSON export into the site. */
    async importGhostFile(path: string, options: ImportOptions = {}): Promise<ImportSummary> {
      const text = await readFile(path, 'utf8');
      return importRecords(parseGhost(parseJson(text, 'Ghost export')), options);
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;

/** JSON.parse that reports where the file is broken, as an ImportFormatError. */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    if (!position) throw new ImportFormatError(`Malformed ${what}: ${message}`);
    const before = text.slice(0, Number(position[1]));
    const line = before.split('\n').length;
    const column = Number(position[1]) - before.lastIndexOf('\n');
    throw new ImportFormatError(`Malformed ${what} at line ${line}, column ${column}: ${message}`, {
      line,
      column,
    });
  }
}

interface AttachmentInfo {
  mediaId: number;
  url: string;
  alt: string;
  caption: string;
  parentRef: string | null;
  isImage: boolean;
}

interface CurrentArticle {
  sourceId: string;
  id: number;
  /** Written by this run: its comments cannot be in the site yet, so nobody looks them up. */
  isNew: boolean;
  comments: Map<string, number>;
  orphans: { id: number; parentRef: string }[];
}

interface PendingArticle {
  id: number;
  sourceId: string;
  label: string;
  galleries: GalleryPlaceholder[];
  featuredRef: string | null;
}

/** One import's state: the maps from source references to our ids, and what must be resolved at the end. */
class ImportRun {
  readonly summary: ImportSummary;
  records = 0;
  articles = 0;
  private source: ImportSource = 'wxr';
  private siteKey = siteKeyOf(null);
  private siteUrl: string | null = null;
  private language = 'en';
  private readonly now: string;
  private readonly authors = new Map<string, { id: number; userId: number | null }>();
  private readonly usersBySourceId = new Map<string, number>();
  private readonly categories = new Map<string, { id: number; slug: string; parentSlug: string | null }>();
  private readonly orphanCategories: { id: number; slug: string; parentSlug: string }[] = [];
  private readonly tags = new Map<string, { id: number; slug: string }>();
  private readonly attachments = new Map<string, AttachmentInfo>();
  private readonly attachmentRedirects: {
    record: Pick<AttachmentRecord, 'sourceId' | 'path' | 'parentRef'>;
    url: string;
  }[] = [];
  private readonly pending: PendingArticle[] = [];
  private readonly mediaByUrl = new Map<string, { id: number; url: string }>();
  /** Source URL → our URL of every file downloaded in this run, for rewriting bodies at the end. */
  private readonly fetched = new Map<string, string>();
  private readonly importedIds: number[] = [];
  private current: CurrentArticle | null = null;

  constructor(
    private readonly deps: ImportServiceDeps,
    private readonly trx: Kysely<Database>,
    private readonly options: ImportOptions,
    private readonly writtenFiles: string[],
  ) {
    this.now = (options.now ?? new Date()).toISOString();
    this.summary = emptySummary('wxr');
  }

  private get store(): ImportStore {
    return this.deps.store;
  }

  async write(record: ImportRecord): Promise<void> {
    this.records++;
    switch (record.kind) {
      case 'site':
        return this.writeSite(record);
      case 'author':
        return void (await this.writeAuthor(record));
      case 'category':
        return this.writeCategory(record);
      case 'tag':
        return void (await this.writeTag(record));
      case 'attachment':
        return this.writeAttachment(record);
      case 'article':
        return this.writeArticle(record);
      case 'comment':
        return this.writeComment(record);
      case 'summary':
        return addParserSummary(this.summary, record);
    }
  }

  private key(kind: SourceItemKind, id: string): string {
    return sourceKey(this.source, this.siteKey, kind, id);
  }

  private async writeSite(site: SiteRecord): Promise<void> {
    this.source = site.source;
    this.summary.source = site.source;
    this.siteKey = siteKeyOf(site);
    this.siteUrl = importedSiteUrl(site.blogUrl ?? site.siteUrl);
    const language = importedLanguage(site.language);
    const siteLanguage = await this.store.findSetting('language', this.trx);
    this.language = language ?? (typeof siteLanguage === 'string' ? siteLanguage : 'en');
    if ((await this.store.countArticles(this.trx)) > 0) return;
    const settings: Record<string, unknown> = {};
    const title = site.name.trim();
    if (title && title.length <= 200) settings.title = title;
    if (site.tagline.trim()) settings.tagline = site.tagline.trim();
    if (language) settings.language = language;
    if (this.siteUrl) settings.url = this.siteUrl;
    if (Object.keys(settings).length === 0) return;
    await this.store.saveSettings(settings, this.trx);
    await this.deps.events.record('settings.changed', { keys: Object.keys(settings) }, this.trx);
    this.summary.settingsTaken = true;
  }

  private async writeAuthor(record: AuthorRecord): Promise<{ id: number; userId: number | null }> {
    const known = this.authors.get(record.ref);
    if (known) return known;
    const key = this.key('author', record.ref);
    let id = await this.store.findAuthorIdBySource(key, this.trx);
    if (id !== undefined) {
      this.summary.alreadyPresent.authors++;
    } else {
      const base = importedSlug(record.slug ?? record.login, record.displayName, 'author');
      const slug = await uniqueSlug(base, (s) => this.store.isAuthorSlugTaken(s, this.trx));
      id = await this.store.insertAuthor(
        { name: record.displayName, slug, bio: record.bio ?? '', sourceId: key, createdAt: this.now },
        this.trx,
      );
      this.summary.created.authors++;
    }
    const userId = this.options.createUsers ? await this.ensureUser(record, id) : null;
    const entry = { id, userId };
    this.authors.set(detached(record.ref), entry);
    if (userId !== null && record.sourceId) this.usersBySourceId.set(detached(record.sourceId), userId);
    return entry;
  }

  private async ensureUser(record: AuthorRecord, authorId: number): Promise<number | null> {
    const email = normaliseEmail(record.email ?? '');
    if (!isPlausibleEmail(email)) {
      addWarning(
        this.summary,
        'author without a usable email address: no account created',
        record.displayName,
      );
      return null;
    }
    const existing = await this.store.findUserByEmail(email, this.trx);
    if (existing) {
      if (existing.authorId === null) await this.store.linkUserToAuthor(existing.id, authorId, this.trx);
      this.summary.alreadyPresent.users++;
      return existing.id;
    }
    const id = await this.store.insertUser(
      { email, displayName: record.displayName, role: IMPORTED_USER_ROLE, authorId, createdAt: this.now },
      this.trx,
    );
    this.summary.created.users++;
    return id;
  }

  private async writeCategory(record: CategoryRecord): Promise<void> {
    await this.ensureCategory({ slug: record.slug, name: record.name }, record);
  }

  private async ensureCategory(term: TermRef, record?: CategoryRecord): Promise<number> {
    const known = this.categories.get(term.slug);
    if (known) return known.id;
    const slug = importedSlug(term.slug, term.name, 'category');
    const key = this.key('category', record?.sourceId ?? `slug-${term.slug}`);
    const parentSlug = record?.parentSlug ?? null;
    const existing = await this.store.findCategory(key, slug, this.trx);
    let id: number;
    let finalSlug = slug;
    if (existing) {
      id = existing.id;
      finalSlug = existing.slug;
      this.summary.alreadyPresent.categories++;
    } else {
      const parentId = parentSlug ? (this.categories.get(parentSlug)?.id ?? null) : null;
      id = await this.store.insertCategory(
        { name: term.name, slug, description: record?.description ?? '', parentId, sourceId: key },
        this.trx,
      );
      if (parentSlug && parentId === null)
        this.orphanCategories.push(detached({ id, slug: term.slug, parentSlug }));
      this.summary.created.categories++;
    }
    this.categories.set(detached(term.slug), detached({ id, slug: finalSlug, parentSlug }));
    return id;
  }

  private async writeTag(record: TagRecord): Promise<number> {
    return this.ensureTag({ slug: record.slug, name: record.name }, record);
  }

  private async ensureTag(term: TermRef, record?: TagRecord): Promise<number> {
    const known = this.tags.get(term.slug);
    if (known) return known.id;
    const slug = importedSlug(term.slug, term.name, 'tag');
    const key = this.key('tag', record?.sourceId ?? `slug-${term.slug}`);
    const existing = await this.store.findTag(key, slug, this.trx);
    let id: number;
    let finalSlug = slug;
    if (existing) {
      id = existing.id;
      finalSlug = existing.slug;
      this.summary.alreadyPresent.tags++;
    } else {
      id = await this.store.insertTag(
        {
          name: term.name,
          slug,
          description: record?.description ?? '',
          isInternal: record?.isInternal ?? term.name.startsWith('#'),
          sourceId: key,
        },
        this.trx,
      );
      this.summary.created.tags++;
    }
    this.tags.set(detached(term.slug), detached({ id, slug: finalSlug }));
    return id;
  }

  /** The media row for a source URL: found from an earlier import, or added (and downloaded when asked). */
  private async ensureMedia(
    url: string,
    details: { alt: string; caption: string; uploadedAt: string | null },
  ): Promise<{ id: number; url: string; mimeType: string }> {
    const known = this.mediaByUrl.get(url);
    const guessedType = mimeTypeFor(mediaFileName(url));
    if (known) return { ...known, mimeType: guessedType };
    const existing = await this.store.findMediaBySourceUrl(url, this.trx);
    if (existing) {
      this.summary.alreadyPresent.media++;
      const ours = existing.storagePath ? `${MEDIA_URL_PREFIX}${existing.storagePath}` : url;
      this.mediaByUrl.set(detached(url), detached({ id: existing.id, url: ours }));
      return { id: existing.id, url: ours, mimeType: guessedType };
    }
    let storagePath: string | null = null;
    let byteSize = 0;
    let mimeType = guessedType;
    if (this.options.fetchMedia) {
      const result = await fetchMediaFile(url, this.deps.mediaDir, {
        ...this.deps.mediaFetch,
        uploadedAt: details.uploadedAt,
      });
      if (result.ok) {
        this.writtenFiles.push(result.media.absolutePath);
        storagePath = result.media.storagePath;
        byteSize = result.media.byteSize;
        mimeType = result.media.mimeType;
      } else {
        this.summary.mediaNotFetched.push(detached({ url, reason: result.reason }));
      }
    } else {
      this.summary.mediaKeptRemote++;
    }
    const id = await this.store.insertMedia(
      {
        file_name: mediaFileName(url),
        mime_type: mimeType,
        byte_size: byteSize,
        alt_text: details.alt,
        caption: details.caption,
        source_url: url,
        storage_path: storagePath,
        created_at: details.uploadedAt ?? this.now,
      },
      this.trx,
    );
    this.summary.created.media++;
    const ours = storagePath ? `${MEDIA_URL_PREFIX}${storagePath}` : url;
    if (storagePath) this.fetched.set(detached(url), ours);
    this.mediaByUrl.set(detached(url), detached({ id, url: ours }));
    return { id, url: ours, mimeType };
  }

  private async writeAttachment(record: AttachmentRecord): Promise<void> {
    const alt = record.alt ?? '';
    const caption = record.caption ?? '';
    const media = await this.ensureMedia(record.url, { alt, caption, uploadedAt: record.uploadedAt });
    this.attachments.set(
      detached(record.sourceId),
      detached({
        mediaId: media.id,
        url: media.url,
        alt,
        caption,
        parentRef: record.parentRef,
        isImage: media.mimeType.startsWith('image/'),
      }),
    );
    const { sourceId, path, parentRef } = record;
    this.attachmentRedirects.push(detached({ record: { sourceId, path, parentRef }, url: media.url }));
  }

  private async writeArticle(record: ArticleRecord): Promise<void> {
    await this.closeCurrentArticle();
    this.articles++;
    const counter = record.articleKind === 'page' ? 'pages' : 'articles';
    const key = this.key('post', record.sourceId);
    const existing = await this.store.findArticleBySource(key, this.trx);
    if (existing) {
      this.summary.alreadyPresent[counter]++;
      await this.addRedirects(articleRedirectPaths(record, articlePathFor(existing.slug)), existing.slug);
      this.current = {
        sourceId: record.sourceId,
        id: existing.id,
        isNew: false,
        comments: new Map(),
        orphans: [],
      };
      return;
    }

    const { headline, warning: headlineWarning } = importedHeadline(record.headline);
    const label = `${record.articleKind} ${record.sourceId} "${headline.slice(0, 60)}"`;
    for (const warning of record.warnings) addWarning(this.summary, warning, label);
    if (headlineWarning) addWarning(this.summary, headlineWarning, label);
    const state = importedArticleState(record, this.now);
    for (const warning of state.warnings) addWarning(this.summary, warning, label);

    const base = importedSlug(record.slug, headline);
    const slug = await uniqueSlug(base, (s) => this.store.isArticleSlugTaken(s, this.trx));
    if (record.slug && base !== slug) {
      addWarning(this.summary, 'slug already in use: a number was added (the old URL redirects)', label);
    }

    let html = record.source === 'ghost' ? resolveGhostUrls(record.bodyHtml, this.siteUrl) : record.bodyHtml;
    const galleriesNow = record.galleries.every(
      (g) => !g.fromAttachedImages && g.attachmentIds.every((id) => this.attachments.has(id)),
    );
    if (galleriesNow) html = resolveGalleries(html, record.galleries, (g) => this.galleryImages(g, label));

    let featured: { url: string; alt: string; caption: string; mediaId: number | null } | null = null;
    let featuredLater: string | null = null;
    const image = record.featuredImage;
    if (image?.attachmentRef) {
      const attachment = this.attachments.get(image.attachmentRef);
      if (attachment) featured = featuredFrom(attachment);
      else featuredLater = image.attachmentRef;
    } else if (image?.url) {
      const url = absoluteMediaUrl(resolveGhostUrls(image.url, this.siteUrl), this.siteUrl);
      const alt = image.alt ?? '';
      const caption = image.caption ?? '';
      const media = await this.ensureMedia(url, { alt, caption, uploadedAt: state.createdAt });
      featured = { url: media.url, alt, caption, mediaId: media.id };
    }

    const categoryId = await this.primaryCategory(record.categories, label);
    const tagIds: number[] = [];
    for (const tag of record.tags) tagIds.push(await this.ensureTag(tag));
    const bylines: { id: number; userId: number | null }[] = [];
    for (const ref of record.authorRefs) bylines.push(await this.bylineFor(ref));

    const bodyHtml = sanitizeArticleHtml(html);
    const id = await this.store.insertArticle(
      {
        kind: record.articleKind,
        headline,
        slug,
        dek: importedDek(record.dek),
        body_source: html,
        body_format: 'html',
        body_html: bodyHtml,
        excerpt: excerptOf('', bodyHtml),
        status: state.status,
        submitted_for_review: state.submittedForReview ? 1 : 0,
        published_at: state.publishedAt,
        created_at: state.createdAt,
        updated_at: state.updatedAt,
        deleted_at: state.deletedAt,
        language: this.language,
        category_id: categoryId,
        featured_media_id: featured?.mediaId ?? null,
        featured_image_url: featured?.url ?? null,
        featured_image_alt: featured?.alt ?? '',
        featured_image_caption: featured?.caption ?? '',
        comments_open: record.commentsOpen ? 1 : 0,
        sticky: record.sticky ? 1 : 0,
        owner_id: bylines.find((b) => b.userId !== null)?.userId ?? null,
        source_id: key,
      },
      { authorIds: bylines.map((b) => b.id), tagIds, revisionAt: state.updatedAt },
      this.trx,
    );
    this.summary.created[counter]++;
    if (this.options.fetchMedia) this.importedIds.push(id);
    await this.addRedirects(articleRedirectPaths(record, articlePathFor(slug)), slug);
    if (!galleriesNow || featuredLater) {
      this.pending.push(
        detached({
          id,
          sourceId: record.sourceId,
          label,
          galleries: galleriesNow ? [] : record.galleries,
          featuredRef: featuredLater,
        }),
      );
    } else {
      await this.deps.articles.afterImport(this.trx, id);
    }
    this.current = { sourceId: record.sourceId, id, isNew: true, comments: new Map(), orphans: [] };
  }

  private async addRedirects(paths: string[], slug: string): Promise<void> {
    for (const path of paths) {
      await this.store.upsertRedirect(path, articlePathFor(slug), this.trx);
      this.summary.created.redirects++;
    }
  }

  // We keep one category per article: the most specific one the source listed (not a parent of another).
  private async primaryCategory(terms: TermRef[], label: string): Promise<number | null> {
    if (terms.length === 0) return null;
    const ancestors = new Set<string>();
    for (const term of terms) {
      let parent = this.categories.get(term.slug)?.parentSlug ?? null;
      for (let depth = 0; parent && depth < 20; depth++) {
        ancestors.add(parent);
        parent = this.categories.get(parent)?.parentSlug ?? null;
      }
    }
    const specific = terms.filter((t) => !ancestors.has(t.slug));
    const chosen = specific[0] ?? terms[0]!;
    if (specific.length > 1) {
      addWarning(this.summary, 'filed in several categories: the first most specific one was kept', label);
    }
    return this.ensureCategory(chosen);
  }

  private async bylineFor(ref: string): Promise<{ id: number; userId: number | null }> {
    return (
      this.authors.get(ref) ??
      // WXR 1.0 and hand-made files name bylines that the author list lacks.
      this.writeAuthor({
        kind: 'author',
        source: this.source,
        ref,
        sourceId: null,
        login: ref,
        email: null,
        displayName: ref,
        firstName: null,
        lastName: null,
        slug: null,
        bio: null,
      })
    );
  }

  private galleryImages(
    gallery: GalleryPlaceholder,
    label: string,
    articleSourceId?: string,
  ): GalleryImage[] {
    const found = gallery.fromAttachedImages
      ? [...this.attachments.entries()]
          .filter(([, a]) => a.parentRef === articleSourceId && a.isImage)
          .sort(([a], [b]) => Number(a) - Number(b))
          .map(([, a]) => a)
      : gallery.attachmentIds.flatMap((id) => {
          const attachment = this.attachments.get(id);
          if (!attachment)
            addWarning(this.summary, 'gallery image not in the file: left out', `${label}, attachment ${id}`);
          return attachment ? [attachment] : [];
        });
    return found.map((a) => ({ url: a.url, alt: a.alt, caption: a.caption }));
  }

  private async writeComment(record: CommentRecord): Promise<void> {
    let current = this.current;
    if (!current || current.sourceId !== record.articleRef) {
      await this.closeCurrentArticle();
      const article = await this.store.findArticleBySource(this.key('post', record.articleRef), this.trx);
      if (!article) {
        addWarning(
          this.summary,
          'comment on an item that was not imported: skipped',
          `comment ${record.sourceId}`,
        );
        return;
      }
      current = {
        sourceId: record.articleRef,
        id: article.id,
        isNew: false,
        comments: new Map(),
        orphans: [],
      };
      this.current = current;
    }
    const key = this.key('comment', record.sourceId);
    const existing = current.isNew ? undefined : await this.store.findCommentIdBySource(key, this.trx);
    if (existing !== undefined) {
      current.comments.set(record.sourceId, existing);
      this.summary.alreadyPresent.comments++;
      return;
    }
    for (const warning of record.warnings) addWarning(this.summary, warning, `comment ${record.sourceId}`);
    const parentId = record.parentRef ? (current.comments.get(record.parentRef) ?? null) : null;
    const local = record.localPostedAt ? `${record.localPostedAt.replace(' ', 'T')}.000Z` : null;
    const id = await this.store.insertComment(
      {
        article_id: current.id,
        parent_id: parentId,
        status: importedCommentStatus(record.status),
        author_name: record.authorName || 'Anonymous',
        author_email: record.authorEmail,
        // Written by another system: only an http(s) address is kept as the commenter's link.
        author_url: acceptableAuthorUrl(record.authorUrl),
        author_ip: record.authorIp,
        user_id: record.userRef ? (this.usersBySourceId.get(record.userRef) ?? null) : null,
        body: record.body,
        // WordPress paragraphs comments when it shows them; stored comments are plain text with light HTML.
        body_html: sanitizeCommentHtml(wpautop(record.body)),
        created_at: record.postedAt ?? local ?? this.now,
        source_id: key,
      },
      this.trx,
    );
    current.comments.set(record.sourceId, id);
    if (record.parentRef && parentId === null) current.orphans.push({ id, parentRef: record.parentRef });
    this.summary.created.comments++;
  }

  // Replies listed before the comment they answer get their parent once the article's comments are all in.
  private async closeCurrentArticle(): Promise<void> {
    const current = this.current;
    this.current = null;
    if (!current) return;
    for (const orphan of current.orphans) {
      const parentId = current.comments.get(orphan.parentRef);
      if (parentId !== undefined) await this.store.setCommentParent(orphan.id, parentId, this.trx);
      else addWarning(this.summary, 'reply to a comment that is not in the file: shown as a new thread');
    }
  }

  async finish(): Promise<void> {
    await this.closeCurrentArticle();
    for (const orphan of this.orphanCategories) {
      const parent = this.categories.get(orphan.parentSlug);
      if (parent) await this.store.setCategoryParent(orphan.id, parent.id, this.trx);
      else
        addWarning(this.summary, 'category parent not in the file: made a top-level category', orphan.slug);
    }
    await this.addTermRedirects();
    for (const pending of this.pending) await this.resolvePending(pending);
    for (const { record, url } of this.attachmentRedirects) {
      const parent = record.parentRef
        ? await this.store.findArticleBySource(this.key('post', record.parentRef), this.trx)
        : undefined;
      // An attachment page showed the file in its article's context: the article is the better landing.
      const target = parent ? articlePathFor(parent.slug) : url;
      for (const path of attachmentRedirectPaths(record, target)) {
        await this.store.upsertRedirect(path, target, this.trx);
        this.summary.created.redirects++;
      }
    }
    if (this.fetched.size > 0) await this.rewriteFetchedUrls();
    await this.deps.events.record(
      'site.imported',
      { source: this.source, created: this.summary.created },
      this.trx,
    );
  }

  private async addTermRedirects(): Promise<void> {
    for (const [sourceSlug, category] of this.categories) {
      const chain = [sourceSlug];
      let parent = category.parentSlug;
      for (let depth = 0; parent && depth < 20; depth++) {
        chain.unshift(parent);
        parent = this.categories.get(parent)?.parentSlug ?? null;
      }
      const from = categoryArchivePath(chain);
      const to = `/category/${category.slug}/`;
      if (from !== to) {
        await this.store.upsertRedirect(from, to, this.trx);
        this.summary.created.redirects++;
      }
    }
    for (const [sourceSlug, tag] of this.tags) {
      const from = `/tag/${encodeURIComponent(sourceSlug)}/`;
      const to = `/tag/${tag.slug}/`;
      if (from !== to) {
        await this.store.upsertRedirect(from, to, this.trx);
        this.summary.created.redirects++;
      }
    }
  }

  private async resolvePending(pending: PendingArticle): Promise<void> {
    const article = await this.store.findArticleBody(pending.id, this.trx);
    if (!article) return;
    const html = resolveGalleries(article.bodySource, pending.galleries, (g) =>
      this.galleryImages(g, pending.label, pending.sourceId),
    );
    const bodyHtml = sanitizeArticleHtml(html);
    const excerpt = excerptOf('', bodyHtml);
    const values: Parameters<ImportStore['updateArticle']>[1] = {
      body_source: html,
      body_html: bodyHtml,
      excerpt,
    };
    if (pending.featuredRef) {
      const attachment = this.attachments.get(pending.featuredRef);
      if (attachment) {
        const featured = featuredFrom(attachment);
        values.featured_media_id = featured.mediaId;
        values.featured_image_url = featured.url;
        values.featured_image_alt = featured.alt;
        values.featured_image_caption = featured.caption;
      } else {
        addWarning(this.summary, 'featured image not in the file: left out', pending.label);
      }
    }
    await this.store.updateArticle(pending.id, values, this.trx);
    await this.store.updateFirstRevisionBody(pending.id, html, excerpt, this.trx);
    await this.deps.articles.afterImport(this.trx, pending.id);
  }

  // Bodies written before their images were downloaded still point at the old site: point them here.
  private async rewriteFetchedUrls(): Promise<void> {
    for (let i = 0; i < this.importedIds.length; i += REWRITE_BATCH_SIZE) {
      const batch = this.importedIds.slice(i, i + REWRITE_BATCH_SIZE);
      for (const article of await this.store.listArticleBodies(batch, this.trx)) {
        const html = article.bodySource.replace(BODY_URL_RE, (url) => this.fetched.get(url) ?? url);
        const featured = article.featuredImageUrl ? this.fetched.get(article.featuredImageUrl) : undefined;
        if (html === article.bodySource && !featured) continue;
        const bodyHtml = sanitizeArticleHtml(html);
        const excerpt = excerptOf('', bodyHtml);
        await this.store.updateArticle(
          article.id,
          {
            body_source: html,
            body_html: bodyHtml,
            excerpt,
            ...(featured ? { featured_image_url: featured } : {}),
          },
          this.trx,
        );
        await this.store.updateFirstRevisionBody(article.id, html, excerpt, this.trx);
        await this.deps.articles.afterImport(this.trx, article.id);
      }
    }
  }
}

/**
 * A deep copy with fresh strings. Text the parser hands over may be a V8 slice of a whole 256 KB chunk of
 * the file, and keeping one such id or URL in a map keeps its chunk alive: over a large file that is the
 * file's size in memory. What outlives its record is copied, so memory stays flat however large the file.
 */
function detached<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function featuredFrom(attachment: AttachmentInfo) {
  return {
    url: attachment.url,
    alt: attachment.alt,
    caption: attachment.caption,
    mediaId: attachment.mediaId,
  };
}

/** Where fetched media files live under a data directory. */
export function mediaDirIn(dataDir: string): string {
  return join(dataDir, 'media');
}

/** The parts of an open site an import writes through (the CLI passes its AppContext). */
export interface ImportContext {
  db: Db;
  config: { dataDir: string };
  stores: { events: EventStore };
  services: { articles: Pick<ArticleService, 'afterImport'> };
  invalidateSettings(): void;
}

/** Builds the import service for an open site. */
export function createImportServiceFor(
  ctx: ImportContext,
  options: { mediaFetch?: { timeoutMs?: number; maxBytes?: number } } = {},
) {
  return createImportService({
    db: ctx.db.kysely,
    store: createImportStore(ctx.db.kysely),
    events: ctx.stores.events,
    articles: ctx.services.articles,
    mediaDir: mediaDirIn(ctx.config.dataDir),
    mediaFetch: options.mediaFetch,
  });
}
