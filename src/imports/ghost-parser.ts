/** Reads a parsed Ghost JSON export (Ghost 1.x to 6.x) into import records. */
import { renderMarkdown } from './ghost-cards.js';
import { isoOrNull } from './import-dates.js';
import { ImportFormatError } from './import-format-error.js';
import type {
  ArticleRecord,
  AuthorRecord,
  ImportRecord,
  MetaEntry,
  SourceBodyFormat,
  SummaryRecord,
  TagRecord,
  TermRef,
} from './import-records.js';
import { mapGhostStatus } from './import-status.js';
import { lexicalToHtml } from './lexical-to-html.js';
import { mobiledocToHtml } from './mobiledoc-to-html.js';

type Row = Record<string, unknown>;

interface GhostTables {
  meta: Row;
  posts: Row[];
  tags: Row[];
  users: Row[];
  postsTags: Row[];
  postsAuthors: Row[];
  postsMeta: Row[];
  settings: Row[];
}

// posts_meta columns that are bookkeeping, not metadata worth keeping.
const SKIPPED_META_KEYS = new Set(['id', 'post_id', 'feature_image_alt', 'feature_image_caption']);
const POST_META_KEYS = [
  'meta_title',
  'meta_description',
  'og_title',
  'og_description',
  'og_image',
  'canonical_url',
];

/** Yields the records of a Ghost export: site, authors, tags, then articles and pages, then a summary. */
export function* parseGhost(json: unknown): Generator<ImportRecord> {
  const tables = ghostTables(json);
  const settings = settingsMap(tables.settings);
  const siteUrl = settings.url || settings.site_url || null;
  const summary: SummaryRecord = {
    kind: 'summary',
    source: 'ghost',
    counts: { authors: 0, categories: 0, tags: 0, articles: 0, pages: 0, attachments: 0, comments: 0 },
    ignoredTerms: {},
    ignoredPostTypes: {},
    warnings: [],
  };

  yield {
    kind: 'site',
    source: 'ghost',
    name: settings.title ?? '',
    tagline: settings.description ?? '',
    language: settings.locale || settings.lang || null,
    siteUrl,
    blogUrl: siteUrl,
    formatVersion: str(tables.meta.version) || null,
    exportedAt: isoOrNull(tables.meta.exported_on),
  };

  for (const user of tables.users) {
    const id = str(user.id);
    if (!id) continue;
    summary.counts.authors++;
    yield {
      kind: 'author',
      source: 'ghost',
      ref: id,
      sourceId: id,
      login: null,
      email: str(user.email) || null,
      displayName: str(user.name) || str(user.slug) || id,
      firstName: null,
      lastName: null,
      slug: str(user.slug) || null,
      bio: str(user.bio) || null,
    } satisfies AuthorRecord;
  }

  const tagsById = new Map<string, TagRecord>();
  for (const tag of tables.tags) {
    const id = str(tag.id);
    const name = str(tag.name);
    const slug = str(tag.slug);
    if (!id || !slug) continue;
    const record: TagRecord = {
      kind: 'tag',
      source: 'ghost',
      sourceId: id,
      slug,
      name: name || slug,
      description: str(tag.description),
      isInternal: tag.visibility === 'internal' || name.startsWith('#'),
    };
    tagsById.set(id, record);
    summary.counts.tags++;
    yield record;
  }

  const tagsByPost = groupIds(tables.postsTags, 'tag_id');
  const authorsByPost = groupIds(tables.postsAuthors, 'author_id');
  const metaByPost = new Map(tables.postsMeta.map((row) => [str(row.post_id), row]));
  const commentsOpen = settings.comments_enabled === 'all' || settings.comments_enabled === 'paid';

  for (const post of tables.posts) {
    const id = str(post.id);
    if (!id) {
      summary.warnings.push(`a post without an id was skipped: "${str(post.title)}"`);
      continue;
    }
    const tags = (tagsByPost.get(id) ?? [])
      .map((tagId) => tagsById.get(tagId))
      .filter((tag): tag is TagRecord => tag !== undefined)
      .map((tag): TermRef => ({ slug: tag.slug, name: tag.name }));
    const authorRefs = authorsByPost.get(id) ?? (str(post.author_id) ? [str(post.author_id)] : []);
    const record = ghostArticle(post, metaByPost.get(id) ?? {}, { tags, authorRefs, siteUrl, commentsOpen });
    summary.counts[record.articleKind === 'page' ? 'pages' : 'articles']++;
    yield record;
  }

  yield summary;
}

function ghostArticle(
  post: Row,
  postMeta: Row,
  context: { tags: TermRef[]; authorRefs: string[]; siteUrl: string | null; commentsOpen: boolean },
): ArticleRecord {
  const body = ghostBody(post);
  const sourceStatus = str(post.status) || 'draft';
  const mapping = mapGhostStatus(sourceStatus);
  const warnings = [...body.warnings];
  if (mapping.warning) warnings.push(mapping.warning);
  const visibility = str(post.visibility) || 'public';
  if (visibility !== 'public') warnings.push(`"${visibility}" visibility in Ghost: imported as public`);
  const slug = str(post.slug) || null;
  const path = slug ? `/${slug}/` : null;
  const featureImage = str(post.feature_image);
  // Ghost 4+ keeps the feature image's alt and caption in posts_meta; some versions put them on the post.
  const alt = str(postMeta.feature_image_alt) || str(post.feature_image_alt) || null;
  const caption = str(postMeta.feature_image_caption) || str(post.feature_image_caption) || null;
  const isPage = post.type === 'page' || post.page === true || post.page === 1;
  return {
    kind: 'article',
    source: 'ghost',
    sourceId: str(post.id),
    guid: str(post.uuid) || null,
    articleKind: isPage ? 'page' : 'article',
    headline: str(post.title),
    slug,
    dek: str(post.custom_excerpt) || null,
    bodyHtml: body.html,
    galleries: [],
    sourceBody: { format: body.format, text: body.text },
    sourceStatus,
    status: mapping.status,
    submittedForReview: false,
    trashed: false,
    passwordProtected: false,
    sticky: post.featured === true || post.featured === 1,
    publishedAt: isoOrNull(post.published_at),
    localPublishedAt: null,
    updatedAt: isoOrNull(post.updated_at),
    localUpdatedAt: null,
    createdAt: isoOrNull(post.created_at),
    rssPubDate: null,
    authorRefs: context.authorRefs,
    categories: [],
    tags: context.tags,
    featuredImage: featureImage ? { attachmentRef: null, url: featureImage, alt, caption } : null,
    parentRef: null,
    menuOrder: 0,
    commentsOpen: context.commentsOpen,
    pingsOpen: false,
    permalink: path && context.siteUrl ? absoluteUrl(path, context.siteUrl) : null,
    path,
    meta: ghostMeta(post, postMeta),
    warnings,
  };
}

function ghostBody(post: Row): { html: string; format: SourceBodyFormat; text: string; warnings: string[] } {
  const html = str(post.html);
  if (html.trim()) return { html, format: 'html', text: html, warnings: [] };
  const lexical = post.lexical;
  if (typeof lexical === 'string' || (lexical && typeof lexical === 'object')) {
    const text = typeof lexical === 'string' ? lexical : JSON.stringify(lexical);
    return { ...lexicalToHtml(lexical), format: 'lexical', text };
  }
  const mobiledoc = post.mobiledoc;
  if (typeof mobiledoc === 'string' || (mobiledoc && typeof mobiledoc === 'object')) {
    const text = typeof mobiledoc === 'string' ? mobiledoc : JSON.stringify(mobiledoc);
    return { ...mobiledocToHtml(mobiledoc), format: 'mobiledoc', text };
  }
  // Ghost 0.x stored Markdown alone.
  const markdown = str(post.markdown);
  if (markdown.trim())
    return { html: renderMarkdown(markdown), format: 'html', text: markdown, warnings: [] };
  return { html: '', format: 'empty', text: '', warnings: [] };
}

function ghostMeta(post: Row, postMeta: Row): MetaEntry[] {
  const meta: MetaEntry[] = [];
  for (const key of POST_META_KEYS) {
    const value = str(post[key]);
    if (value) meta.push({ key, value });
  }
  for (const [key, value] of Object.entries(postMeta)) {
    if (SKIPPED_META_KEYS.has(key) || typeof value !== 'string' || value === '') continue;
    if (!meta.some((entry) => entry.key === key)) meta.push({ key, value });
  }
  return meta;
}

function ghostTables(json: unknown): GhostTables {
  if (!isRow(json)) throw new ImportFormatError('A Ghost export must be a JSON object');
  const db = json.db;
  const root = db === undefined ? json : Array.isArray(db) ? db[0] : db;
  if (!isRow(root) || !isRow(root.data)) {
    throw new ImportFormatError('Not a Ghost export: no "data" object (looked in db[0].data and data)');
  }
  const data = root.data;
  return {
    meta: isRow(root.meta) ? root.meta : {},
    posts: table(data, 'posts'),
    tags: table(data, 'tags'),
    users: table(data, 'users'),
    postsTags: table(data, 'posts_tags'),
    postsAuthors: table(data, 'posts_authors'),
    postsMeta: table(data, 'posts_meta'),
    settings: table(data, 'settings'),
  };
}

function table(data: Row, name: string): Row[] {
  const rows = data[name];
  if (rows === undefined || rows === null) return [];
  if (!Array.isArray(rows))
    throw new ImportFormatError(`Malformed Ghost export: data.${name} is not an array`);
  return rows.filter(isRow);
}

function settingsMap(rows: Row[]): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const row of rows) {
    const key = str(row.key);
    if (key && typeof row.value === 'string') settings[key] = row.value;
  }
  return settings;
}

// Join tables carry sort_order (from Ghost 1.x); without it, the file's order is the order.
function groupIds(rows: Row[], column: string): Map<string, string[]> {
  const sorted = [...rows].sort((a, b) => Number(a.sort_order ?? 0) - Number(b.sort_order ?? 0));
  const groups = new Map<string, string[]>();
  for (const row of sorted) {
    const postId = str(row.post_id);
    const id = str(row[column]);
    if (!postId || !id) continue;
    const group = groups.get(postId) ?? [];
    group.push(id);
    groups.set(postId, group);
  }
  return groups;
}

function absoluteUrl(path: string, siteUrl: string): string | null {
  try {
    return new URL(path.slice(1), siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`).toString();
  } catch {
    return null;
  }
}

function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}
