/**
 * Streams a WordPress eXtended RSS export (WXR 1.0–1.2) into import records, holding at most one item in memory.
 */
import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { decodeHtmlEntities } from './html-entities.js';
import { isoOrNull, wordpressGmtToIso, wordpressLocalDate } from './import-dates.js';
import { ImportFormatError } from './import-format-error.js';
import type {
  ArticleRecord,
  AttachmentRecord,
  AuthorRecord,
  CommentRecord,
  ImportRecord,
  MetaEntry,
  SummaryRecord,
  TermRef,
} from './import-records.js';
import { mapWordPressCommentApproval, mapWordPressStatus } from './import-status.js';
import { convertWordPressContent } from './wordpress-content.js';

// Newer files are read as this version and flagged in the summary.
const NEWEST_KNOWN_WXR_VERSION = 1.2;

// Everything before the root element is XML declaration, comments and perhaps a DOCTYPE. A real export has a
// couple of KB there; a megabyte of it is someone hiding an entity expansion in the internal subset.
const MAX_PROLOG_CHARS = 1_000_000;

const IMPORTED_POST_TYPES = new Set(['post', 'page']);
const CONTAINERS = new Set(['item', 'wp:postmeta', 'wp:comment', 'wp:commentmeta', 'wp:termmeta', 'image']);

type Fields = Record<string, string>;

interface ItemCategory {
  domain: string;
  nicename: string;
  name: string;
}

interface ItemDraft {
  fields: Fields;
  categories: ItemCategory[];
  meta: MetaEntry[];
  comments: Fields[];
}

/** Yields the records of a WXR file as its elements complete: site first, then authors, terms, items, summary. */
export async function* parseWxr(
  input: Readable | AsyncIterable<string | Uint8Array>,
): AsyncGenerator<ImportRecord> {
  const reader = new WxrReader();
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of input) {
    reader.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    yield* reader.take();
  }
  reader.write(decoder.decode());
  reader.close();
  yield* reader.take();
}

class WxrReader {
  private readonly parser = new SaxesParser<{ xmlns: false; position: true }>({
    xmlns: false,
    position: true,
  });
  private readonly stack: string[] = [];
  private text = '';
  private ready: ImportRecord[] = [];
  private prologChars = 0;
  private sawRoot = false;
  private lastClosed: string | null = null;

  private readonly site: Fields = {};
  private siteEmitted = false;
  private sawAuthorElements = false;
  private readonly authorLogins = new Set<string>();
  private termFields: Fields = {};
  private item: ItemDraft | null = null;
  private itemCategory: Omit<ItemCategory, 'name'> | null = null;
  private meta: Fields = {};
  private comment: Fields = {};

  private readonly summary: SummaryRecord = {
    kind: 'summary',
    source: 'wxr',
    counts: { authors: 0, categories: 0, tags: 0, articles: 0, pages: 0, attachments: 0, comments: 0 },
    ignoredTerms: {},
    ignoredPostTypes: {},
    warnings: [],
  };
  private commentsOnIgnoredItems = 0;

  constructor() {
    this.parser.on('error', (error) => {
      const reason = error.message.replace(/^\d+:\d+: /, '');
      // saxes closes the unclosed child (calling closetag) before it complains, so name that child.
      if (reason === 'unexpected close tag.' && this.lastClosed) {
        throw this.formatError(`<${this.lastClosed}> is not closed before its parent ends`, this.lastClosed);
      }
      throw this.formatError(reason);
    });
    this.parser.on('doctype', (doctype) => {
      // Entities are never expanded here, but a file that declares them is an attack or not an export.
      if (/<!ENTITY/i.test(doctype)) {
        throw this.formatError('a DOCTYPE declaring entities is not allowed in an import file', '!DOCTYPE');
      }
    });
    this.parser.on('opentag', (tag) => this.openTag(tag));
    this.parser.on('closetag', () => this.closeTag());
    this.parser.on('text', (text) => {
      this.text += text;
    });
    this.parser.on('cdata', (cdata) => {
      this.text += cdata;
    });
  }

  write(chunk: string): void {
    this.parser.write(chunk);
    if (!this.sawRoot) {
      this.prologChars += chunk.length;
      if (this.prologChars > MAX_PROLOG_CHARS) {
        throw this.formatError(`no root element in the first ${MAX_PROLOG_CHARS} characters`);
      }
    }
  }

  close(): void {
    this.parser.close();
    this.emitSite();
    if (this.commentsOnIgnoredItems > 0) {
      this.summary.warnings.push(
        `${this.commentsOnIgnoredItems} comments on attachments or ignored items skipped`,
      );
    }
    this.ready.push(this.summary);
  }

  take(): ImportRecord[] {
    const records = this.ready;
    this.ready = [];
    return records;
  }

  private formatError(reason: string, at?: string): ImportFormatError {
    const element = at ?? this.stack[this.stack.length - 1] ?? null;
    const { line, column } = this.parser;
    const where = `line ${line}, column ${column}${element ? ` in <${element}>` : ''}`;
    return new ImportFormatError(`Malformed WordPress export at ${where}: ${reason}`, {
      line,
      column,
      element,
    });
  }

  private openTag(tag: SaxesTagPlain): void {
    const parent = this.stack[this.stack.length - 1];
    if (!this.sawRoot) {
      this.sawRoot = true;
      this.checkRoot(tag);
    }
    this.stack.push(tag.name);
    this.text = '';
    if (parent === 'channel') {
      switch (tag.name) {
        case 'wp:author':
          this.sawAuthorElements = true;
          this.emitSite();
          this.termFields = {};
          break;
        case 'wp:category':
        case 'wp:tag':
        case 'wp:term':
          this.emitSite();
          this.termFields = {};
          break;
        case 'item':
          this.emitSite();
          this.item = { fields: {}, categories: [], meta: [], comments: [] };
          break;
      }
    } else if (parent === 'item') {
      if (tag.name === 'category') {
        this.itemCategory = { domain: tag.attributes.domain ?? '', nicename: tag.attributes.nicename ?? '' };
      } else if (tag.name === 'wp:postmeta') {
        this.meta = {};
      } else if (tag.name === 'wp:comment') {
        this.comment = {};
      }
    }
  }

  private checkRoot(tag: SaxesTagPlain): void {
    if (tag.name !== 'rss') {
      throw this.formatError(`expected an <rss> root element, found <${tag.name}>`);
    }
    const namespace = tag.attributes['xmlns:wp'] ?? '';
    if (!/^https?:\/\/wordpress\.org\/export\//.test(namespace)) {
      throw this.formatError(
        'an RSS feed without the WordPress export namespace (xmlns:wp) is not a WXR file',
      );
    }
  }

  private closeTag(): void {
    const name = this.stack.pop()!;
    this.lastClosed = name;
    const parent = this.stack[this.stack.length - 1];
    const value = this.text;
    this.text = '';
    switch (parent) {
      case 'channel':
        this.closeChannelChild(name, value);
        break;
      case 'wp:author':
      case 'wp:category':
      case 'wp:tag':
      case 'wp:term':
        if (this.stack.length === 3) this.termFields[name] = value;
        break;
      case 'item':
        this.closeItemChild(name, value);
        break;
      case 'wp:postmeta':
        this.meta[name] = value;
        break;
      case 'wp:comment':
        this.comment[name] = value;
        break;
      case 'rss':
        if (name === 'channel') this.emitSite();
        break;
    }
  }

  private closeChannelChild(name: string, value: string): void {
    switch (name) {
      case 'wp:author':
        this.emitAuthor(this.termFields);
        break;
      case 'wp:category':
        this.emitCategory(this.termFields);
        break;
      case 'wp:tag':
        this.emitTag(this.termFields);
        break;
      case 'wp:term': {
        const taxonomy = this.termFields['wp:term_taxonomy'] || 'unknown';
        this.summary.ignoredTerms[taxonomy] = (this.summary.ignoredTerms[taxonomy] ?? 0) + 1;
        break;
      }
      case 'item':
        if (this.item) this.finishItem(this.item);
        this.item = null;
        break;
      default:
        if (!CONTAINERS.has(name)) this.site[name] = value;
    }
  }

  private closeItemChild(name: string, value: string): void {
    const item = this.item;
    if (!item) return;
    if (name === 'category' && this.itemCategory) {
      item.categories.push({ ...this.itemCategory, name: plain(value) });
      this.itemCategory = null;
    } else if (name === 'wp:postmeta') {
      item.meta.push({ key: this.meta['wp:meta_key'] ?? '', value: this.meta['wp:meta_value'] ?? '' });
    } else if (name === 'wp:comment') {
      item.comments.push(this.comment);
    } else if (!CONTAINERS.has(name)) {
      item.fields[name] = value;
    }
  }

  private emitSite(): void {
    if (this.siteEmitted) return;
    this.siteEmitted = true;
    const s = this.site;
    const version = s['wp:wxr_version']?.trim() || null;
    if (version && Number.parseFloat(version) > NEWEST_KNOWN_WXR_VERSION) {
      this.summary.warnings.push(
        `WXR version ${version} is newer than ${NEWEST_KNOWN_WXR_VERSION}: read as 1.2`,
      );
    }
    this.ready.push({
      kind: 'site',
      source: 'wxr',
      name: plain(s.title),
      tagline: plain(s.description),
      language: s.language?.trim() || null,
      siteUrl: s['wp:base_site_url']?.trim() || s.link?.trim() || null,
      blogUrl: s['wp:base_blog_url']?.trim() || s.link?.trim() || null,
      formatVersion: version,
      exportedAt: isoOrNull(s.pubDate?.trim()),
    });
  }

  private emitAuthor(f: Fields): void {
    const login = (f['wp:author_login'] ?? '').trim();
    if (!login) {
      this.summary.warnings.push('an author without a login was skipped');
      return;
    }
    this.authorLogins.add(login);
    this.summary.counts.authors++;
    this.ready.push({
      kind: 'author',
      source: 'wxr',
      ref: login,
      sourceId: f['wp:author_id']?.trim() || null,
      login,
      email: f['wp:author_email']?.trim() || null,
      displayName: plain(f['wp:author_display_name']) || login,
      firstName: f['wp:author_first_name']?.trim() || null,
      lastName: f['wp:author_last_name']?.trim() || null,
      slug: null,
      bio: null,
    } satisfies AuthorRecord);
  }

  private emitCategory(f: Fields): void {
    const name = plain(f['wp:cat_name']);
    const slug = (f['wp:category_nicename'] ?? '').trim() || slugify(name);
    if (!slug) return;
    this.summary.counts.categories++;
    this.ready.push({
      kind: 'category',
      source: 'wxr',
      sourceId: f['wp:term_id']?.trim() || null,
      slug,
      parentSlug: f['wp:category_parent']?.trim() || null,
      name: name || slug,
      description: (f['wp:category_description'] ?? '').trim(),
    });
  }

  private emitTag(f: Fields): void {
    const name = plain(f['wp:tag_name']);
    const slug = (f['wp:tag_slug'] ?? '').trim() || slugify(name);
    if (!slug) return;
    this.summary.counts.tags++;
    this.ready.push({
      kind: 'tag',
      source: 'wxr',
      sourceId: f['wp:term_id']?.trim() || null,
      slug,
      name: name || slug,
      description: (f['wp:tag_description'] ?? '').trim(),
      isInternal: false,
    });
  }

  private finishItem(item: ItemDraft): void {
    const postType = item.fields['wp:post_type']?.trim() || 'post';
    if (postType === 'attachment') {
      this.emitAttachment(item);
    } else if (IMPORTED_POST_TYPES.has(postType)) {
      this.emitArticle(item, postType === 'page' ? 'page' : 'article');
      return;
    } else {
      this.summary.ignoredPostTypes[postType] = (this.summary.ignoredPostTypes[postType] ?? 0) + 1;
    }
    this.commentsOnIgnoredItems += item.comments.length;
  }

  private emitArticle(item: ItemDraft, articleKind: 'article' | 'page'): void {
    const f = item.fields;
    const sourceId = (f['wp:post_id'] ?? '').trim();
    if (!sourceId) {
      this.summary.warnings.push(`an item without wp:post_id was skipped: "${(f.title ?? '').trim()}"`);
      return;
    }
    const creator = (f['dc:creator'] ?? '').trim();
    // WXR 1.0 has no <wp:author> list: the bylines are known only from each item's dc:creator.
    if (creator && !this.sawAuthorElements && !this.authorLogins.has(creator)) {
      this.emitAuthor({ 'wp:author_login': creator });
    }
    const sourceStatus = (f['wp:status'] ?? '').trim() || 'draft';
    const mapping = mapWordPressStatus(sourceStatus);
    const content = f['content:encoded'] ?? '';
    const body = convertWordPressContent(content);
    const warnings = [...body.warnings];
    if (mapping.warning) warnings.push(mapping.warning);
    const password = (f['wp:post_password'] ?? '').trim();
    if (password) warnings.push('password-protected in WordPress: the password was not imported');
    const thumbnailId = metaValue(item.meta, '_thumbnail_id');
    const dek = (f['excerpt:encoded'] ?? '').trim();
    const link = f.link?.trim() || null;
    const rssPubDate = f.pubDate?.trim() || null;
    const publishedAt =
      wordpressGmtToIso(f['wp:post_date_gmt']) ??
      (mapping.status === 'draft' ? null : (isoOrNull(rssPubDate) ?? null));
    const record: ArticleRecord = {
      kind: 'article',
      source: 'wxr',
      sourceId,
      guid: f.guid?.trim() || null,
      articleKind,
      headline: plain(f.title),
      slug: f['wp:post_name']?.trim() || null,
      dek: dek || null,
      bodyHtml: body.html,
      galleries: body.galleries,
      sourceBody: { format: body.format, text: content },
      sourceStatus,
      status: mapping.status,
      submittedForReview: mapping.submittedForReview,
      trashed: mapping.trashed,
      passwordProtected: password !== '',
      sticky: f['wp:is_sticky']?.trim() === '1',
      publishedAt,
      localPublishedAt: wordpressLocalDate(f['wp:post_date']),
      updatedAt: wordpressGmtToIso(f['wp:post_modified_gmt']),
      localUpdatedAt: wordpressLocalDate(f['wp:post_modified']),
      createdAt: null,
      rssPubDate,
      authorRefs: creator ? [creator] : [],
      categories: itemTerms(item.categories, 'category'),
      tags: itemTerms(item.categories, 'tag'),
      featuredImage: thumbnailId ? { attachmentRef: thumbnailId, url: null, alt: null, caption: null } : null,
      parentRef: refOrNull(f['wp:post_parent']),
      menuOrder: Number.parseInt(f['wp:menu_order'] ?? '0', 10) || 0,
      commentsOpen: f['wp:comment_status']?.trim() === 'open',
      pingsOpen: f['wp:ping_status']?.trim() === 'open',
      permalink: link,
      path: pathOf(link),
      meta: item.meta,
      warnings,
    };
    this.summary.counts[articleKind === 'page' ? 'pages' : 'articles']++;
    this.ready.push(record);
    for (const comment of item.comments) this.emitComment(comment, sourceId);
  }

  private emitComment(f: Fields, articleRef: string): void {
    const sourceId = (f['wp:comment_id'] ?? '').trim();
    if (!sourceId) {
      this.summary.warnings.push(`a comment without wp:comment_id on item ${articleRef} was skipped`);
      return;
    }
    const sourceApproved = (f['wp:comment_approved'] ?? '').trim();
    const mapping = mapWordPressCommentApproval(sourceApproved);
    this.summary.counts.comments++;
    this.ready.push({
      kind: 'comment',
      source: 'wxr',
      sourceId,
      articleRef,
      parentRef: refOrNull(f['wp:comment_parent']),
      authorName: (f['wp:comment_author'] ?? '').trim(),
      authorEmail: (f['wp:comment_author_email'] ?? '').trim(),
      authorUrl: (f['wp:comment_author_url'] ?? '').trim(),
      authorIp: (f['wp:comment_author_IP'] ?? '').trim(),
      postedAt: wordpressGmtToIso(f['wp:comment_date_gmt']),
      localPostedAt: wordpressLocalDate(f['wp:comment_date']),
      body: f['wp:comment_content'] ?? '',
      sourceApproved,
      status: mapping.status,
      // WordPress before 5.5 stored ordinary comments with an empty type.
      commentType: f['wp:comment_type']?.trim() || 'comment',
      userRef: refOrNull(f['wp:comment_user_id']),
      warnings: mapping.warning ? [mapping.warning] : [],
    } satisfies CommentRecord);
  }

  private emitAttachment(item: ItemDraft): void {
    const f = item.fields;
    const sourceId = (f['wp:post_id'] ?? '').trim();
    const url = f['wp:attachment_url']?.trim() || f.guid?.trim() || '';
    if (!sourceId || !url) {
      this.summary.warnings.push(
        `an attachment without an id or URL was skipped: "${(f.title ?? '').trim()}"`,
      );
      return;
    }
    this.summary.counts.attachments++;
    this.ready.push({
      kind: 'attachment',
      source: 'wxr',
      sourceId,
      guid: f.guid?.trim() || null,
      url,
      name: plain(f.title),
      slug: f['wp:post_name']?.trim() || null,
      parentRef: refOrNull(f['wp:post_parent']),
      authorRef: f['dc:creator']?.trim() || null,
      alt: metaValue(item.meta, '_wp_attachment_image_alt'),
      caption: f['excerpt:encoded']?.trim() || null,
      description: f['content:encoded']?.trim() || null,
      uploadedAt: wordpressGmtToIso(f['wp:post_date_gmt']),
      permalink: f.link?.trim() || null,
      path: pathOf(f.link?.trim() || null),
      meta: item.meta,
    } satisfies AttachmentRecord);
  }
}

// WXR 1.0 lists each term twice (once without nicename) and calls tags "tag"; 1.1+ says "post_tag".
function itemTerms(categories: ItemCategory[], want: 'category' | 'tag'): TermRef[] {
  const terms: TermRef[] = [];
  const seen = new Set<string>();
  const matching = categories.filter((c) =>
    want === 'category'
      ? c.domain === 'category' || c.domain === ''
      : c.domain === 'post_tag' || c.domain === 'tag',
  );
  const named = new Set(matching.filter((c) => c.nicename).map((c) => c.name));
  for (const c of matching) {
    if (!c.nicename && named.has(c.name)) continue;
    const slug = c.nicename || slugify(c.name);
    if (!slug || seen.has(slug)) continue;
    seen.add(slug);
    terms.push({ slug, name: c.name || slug });
  }
  return terms;
}

// Titles and names are plain text to us; WordPress keeps them HTML-escaped.
function plain(value: string | undefined): string {
  return decodeHtmlEntities((value ?? '').trim());
}

function metaValue(meta: MetaEntry[], key: string): string | null {
  const entry = meta.find((m) => m.key === key);
  return entry?.value.trim() || null;
}

function refOrNull(value: string | undefined): string | null {
  const trimmed = (value ?? '').trim();
  return trimmed === '' || trimmed === '0' ? null : trimmed;
}

function pathOf(link: string | null): string | null {
  if (!link) return null;
  try {
    const url = new URL(link);
    return url.pathname + url.search;
  } catch {
    return null;
  }
}

// WXR 1.0 terms on items may lack a nicename; WordPress derived slugs much like this.
function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}
