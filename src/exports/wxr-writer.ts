/**
 * Writes the site as a WordPress eXtended RSS 1.2 file (`broadsheet export --format wxr`), streaming one
 * item at a time: authors, categories, tags, then media as attachments, then articles and pages with their
 * comments — the layout WordPress's own exporter writes and its importer reads.
 */
import type { Writable } from 'node:stream';
import type { ExportArticle, ExportComment, ExportStore } from './export-store.js';
import { writeText } from './write-text.js';

/** What a WordPress export holds, per kind. */
export interface WxrCounts {
  authors: number;
  categories: number;
  tags: number;
  attachments: number;
  posts: number;
  pages: number;
  comments: number;
}

// XML 1.0 cannot carry most control characters at all, not even escaped.
const INVALID_XML_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text inside CDATA; a `]]>` in it is split across two sections, as WordPress's exporter does. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(INVALID_XML_RE, '').replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** Text escaped for an XML element or attribute. */
export function xmlText(text: string): string {
  return text
    .replace(INVALID_XML_RE, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

// WordPress keeps titles and term names HTML-escaped in its database, and exports them so.
function wordpressEscaped(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** WordPress's `Y-m-d H:i:s` for a UTC instant, in UTC or in the site's time zone. */
export function wordpressDate(iso: string | null, timeZone = 'UTC'): string {
  if (!iso) return '0000-00-00 00:00:00';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** WordPress's post_status for an article. */
export function wordpressStatus(
  article: Pick<ExportArticle, 'status' | 'deletedAt' | 'submittedForReview' | 'publishedAt'>,
  now: Date,
): string {
  if (article.deletedAt) return 'trash';
  switch (article.status) {
    case 'published':
      return article.publishedAt && article.publishedAt > now.toISOString() ? 'future' : 'publish';
    case 'scheduled':
      return 'future';
    case 'archived':
      // No longer public but kept: what WordPress calls private comes closest.
      return 'private';
    default:
      return article.submittedForReview ? 'pending' : 'draft';
  }
}

/** WordPress's comment_approved for a comment status. */
export function wordpressApproval(status: string): string {
  return status === 'approved' ? '1' : status === 'spam' ? 'spam' : status === 'trash' ? 'trash' : '0';
}

/** Streams a WordPress export of the whole site into `out` (left open). */
export async function writeWxr(
  store: ExportStore,
  out: Writable,
  options: { siteUrl: string; now?: Date },
): Promise<WxrCounts> {
  const now = options.now ?? new Date();
  const settings = await store.settings();
  const base = (typeof settings.url === 'string' && settings.url) || options.siteUrl.replace(/\/+$/, '');
  const timeZone = typeof settings.timezone === 'string' ? settings.timezone : 'UTC';
  const counts: WxrCounts = {
    authors: 0,
    categories: 0,
    tags: 0,
    attachments: 0,
    posts: 0,
    pages: 0,
    comments: 0,
  };
  const w = (text: string) => writeText(out, text);

  await w(
    '<?xml version="1.0" encoding="UTF-8" ?>\n' +
      '<!-- This is a WordPress eXtended RSS file written by Broadsheet, to import into WordPress (Tools → Import). -->\n' +
      '<rss version="2.0"\n' +
      '\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"\n' +
      '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n' +
      '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n' +
      '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n' +
      '\txmlns:wp="http://wordpress.org/export/1.2/"\n>\n<channel>\n' +
      `\t<title>${xmlText(String(settings.title ?? 'Broadsheet'))}</title>\n` +
      `\t<link>${xmlText(base)}</link>\n` +
      `\t<description>${xmlText(String(settings.tagline ?? ''))}</description>\n` +
      `\t<pubDate>${now.toUTCString().replace('GMT', '+0000')}</pubDate>\n` +
      `\t<language>${xmlText(String(settings.language ?? 'en'))}</language>\n` +
      '\t<wp:wxr_version>1.2</wp:wxr_version>\n' +
      `\t<wp:base_site_url>${xmlText(base)}</wp:base_site_url>\n` +
      `\t<wp:base_blog_url>${xmlText(base)}</wp:base_blog_url>\n\n`,
  );

  for (const author of await store.authors()) {
    await w(
      `\t<wp:author><wp:author_id>${author.id}</wp:author_id><wp:author_login>${cdata(author.slug)}</wp:author_login>` +
        `<wp:author_email>${cdata(author.email ?? '')}</wp:author_email>` +
        `<wp:author_display_name>${cdata(author.name)}</wp:author_display_name>` +
        '<wp:author_first_name><![CDATA[]]></wp:author_first_name><wp:author_last_name><![CDATA[]]></wp:author_last_name></wp:author>\n',
    );
    counts.authors++;
  }
  for (const c of await store.categories()) {
    await w(
      `\t<wp:category><wp:term_id>${c.id}</wp:term_id><wp:category_nicename>${cdata(c.slug)}</wp:category_nicename>` +
        `<wp:category_parent>${cdata(c.parentSlug ?? '')}</wp:category_parent><wp:cat_name>${cdata(wordpressEscaped(c.name))}</wp:cat_name>` +
        `<wp:category_description>${cdata(c.description)}</wp:category_description></wp:category>\n`,
    );
    counts.categories++;
  }
  for (const t of await store.tags()) {
    await w(
      `\t<wp:tag><wp:term_id>${t.id}</wp:term_id><wp:tag_slug>${cdata(t.slug)}</wp:tag_slug>` +
        `<wp:tag_name>${cdata(wordpressEscaped(t.name))}</wp:tag_name><wp:tag_description>${cdata(t.description)}</wp:tag_description></wp:tag>\n`,
    );
    counts.tags++;
  }
  await w('\n');

  // WordPress numbers attachments and posts in one sequence: attachments go after every article's id.
  const attachmentOffset = await store.maxArticleId();
  for await (const media of store.media()) {
    const url = media.storagePath ? `${base}/media/${media.storagePath}` : (media.sourceUrl ?? '');
    const id = attachmentOffset + media.id;
    const date = media.createdAt;
    await w(
      '\t<item>\n' +
        `\t\t<title>${cdata(wordpressEscaped(media.fileName))}</title>\n` +
        `\t\t<link>${xmlText(`${base}/?attachment_id=${id}`)}</link>\n` +
        `\t\t<guid isPermaLink="false">${xmlText(url)}</guid>\n` +
        '\t\t<description></description>\n' +
        `\t\t<content:encoded>${cdata('')}</content:encoded>\n` +
        `\t\t<excerpt:encoded>${cdata(media.caption)}</excerpt:encoded>\n` +
        `\t\t<wp:post_id>${id}</wp:post_id>\n` +
        `\t\t<wp:post_date>${cdata(wordpressDate(date, timeZone))}</wp:post_date>\n` +
        `\t\t<wp:post_date_gmt>${cdata(wordpressDate(date))}</wp:post_date_gmt>\n` +
        `\t\t<wp:post_name>${cdata(`attachment-${media.id}`)}</wp:post_name>\n` +
        '\t\t<wp:status><![CDATA[inherit]]></wp:status>\n' +
        '\t\t<wp:post_parent>0</wp:post_parent>\n' +
        '\t\t<wp:post_type><![CDATA[attachment]]></wp:post_type>\n' +
        `\t\t<wp:attachment_url>${cdata(url)}</wp:attachment_url>\n` +
        (media.altText
          ? `\t\t<wp:postmeta><wp:meta_key><![CDATA[_wp_attachment_image_alt]]></wp:meta_key><wp:meta_value>${cdata(media.altText)}</wp:meta_value></wp:postmeta>\n`
          : '') +
        '\t</item>\n',
    );
    counts.attachments++;
  }

  for await (const article of store.articles()) {
    await w(articleItem(article, { base, timeZone, now, attachmentOffset }));
    counts[article.kind === 'page' ? 'pages' : 'posts']++;
    counts.comments += article.comments.length;
  }
  await w('</channel>\n</rss>\n');
  return counts;
}

function articleItem(
  a: ExportArticle,
  context: { base: string; timeZone: string; now: Date; attachmentOffset: number },
): string {
  const { base, timeZone, now } = context;
  const postType = a.kind === 'page' ? 'page' : 'post';
  const published = a.publishedAt ?? a.createdAt;
  const lines = [
    '\t<item>',
    `\t\t<title>${cdata(wordpressEscaped(a.headline))}</title>`,
    `\t\t<link>${xmlText(`${base}/${a.slug}/`)}</link>`,
    `\t\t<pubDate>${new Date(published).toUTCString().replace('GMT', '+0000')}</pubDate>`,
    `\t\t<dc:creator>${cdata(a.authorSlugs[0] ?? '')}</dc:creator>`,
    `\t\t<guid isPermaLink="false">${xmlText(`${base}/?${postType === 'page' ? 'page_id' : 'p'}=${a.id}`)}</guid>`,
    '\t\t<description></description>',
    `\t\t<content:encoded>${cdata(a.bodyHtml)}</content:encoded>`,
    `\t\t<excerpt:encoded>${cdata(a.dek)}</excerpt:encoded>`,
    `\t\t<wp:post_id>${a.id}</wp:post_id>`,
    `\t\t<wp:post_date>${cdata(wordpressDate(published, timeZone))}</wp:post_date>`,
    `\t\t<wp:post_date_gmt>${cdata(a.publishedAt ? wordpressDate(a.publishedAt) : '0000-00-00 00:00:00')}</wp:post_date_gmt>`,
    `\t\t<wp:post_modified>${cdata(wordpressDate(a.updatedAt, timeZone))}</wp:post_modified>`,
    `\t\t<wp:post_modified_gmt>${cdata(wordpressDate(a.updatedAt))}</wp:post_modified_gmt>`,
    `\t\t<wp:comment_status>${cdata(a.commentsOpen ? 'open' : 'closed')}</wp:comment_status>`,
    '\t\t<wp:ping_status><![CDATA[closed]]></wp:ping_status>',
    `\t\t<wp:post_name>${cdata(a.deletedAt ? `${a.slug}__trashed` : a.slug)}</wp:post_name>`,
    `\t\t<wp:status>${cdata(wordpressStatus(a, now))}</wp:status>`,
    '\t\t<wp:post_parent>0</wp:post_parent>',
    '\t\t<wp:menu_order>0</wp:menu_order>',
    `\t\t<wp:post_type>${cdata(postType)}</wp:post_type>`,
    '\t\t<wp:post_password><![CDATA[]]></wp:post_password>',
    `\t\t<wp:is_sticky>${a.sticky ? 1 : 0}</wp:is_sticky>`,
  ];
  if (a.category) {
    lines.push(
      `\t\t<category domain="category" nicename="${xmlText(a.category.slug)}">${cdata(wordpressEscaped(a.category.name))}</category>`,
    );
  }
  for (const tag of a.tags) {
    lines.push(
      `\t\t<category domain="post_tag" nicename="${xmlText(tag.slug)}">${cdata(wordpressEscaped(tag.name))}</category>`,
    );
  }
  if (a.featuredMediaId !== null) {
    lines.push(
      `\t\t<wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key><wp:meta_value>${cdata(
        String(context.attachmentOffset + a.featuredMediaId),
      )}</wp:meta_value></wp:postmeta>`,
    );
  }
  for (const comment of a.comments) lines.push(commentElement(comment, timeZone));
  lines.push('\t</item>', '');
  return lines.join('\n');
}

function commentElement(c: ExportComment, timeZone: string): string {
  return [
    '\t\t<wp:comment>',
    `\t\t\t<wp:comment_id>${c.id}</wp:comment_id>`,
    `\t\t\t<wp:comment_author>${cdata(c.authorName)}</wp:comment_author>`,
    `\t\t\t<wp:comment_author_email>${cdata(c.authorEmail)}</wp:comment_author_email>`,
    `\t\t\t<wp:comment_author_url>${xmlText(c.authorUrl)}</wp:comment_author_url>`,
    `\t\t\t<wp:comment_author_IP>${cdata(c.authorIp)}</wp:comment_author_IP>`,
    `\t\t\t<wp:comment_date>${cdata(wordpressDate(c.createdAt, timeZone))}</wp:comment_date>`,
    `\t\t\t<wp:comment_date_gmt>${cdata(wordpressDate(c.createdAt))}</wp:comment_date_gmt>`,
    `\t\t\t<wp:comment_content>${cdata(c.body)}</wp:comment_content>`,
    `\t\t\t<wp:comment_approved>${cdata(wordpressApproval(c.status))}</wp:comment_approved>`,
    '\t\t\t<wp:comment_type><![CDATA[comment]]></wp:comment_type>',
    `\t\t\t<wp:comment_parent>${c.parentId ?? 0}</wp:comment_parent>`,
    `\t\t\t<wp:comment_user_id>${c.userId ?? 0}</wp:comment_user_id>`,
    '\t\t</wp:comment>',
  ].join('\n');
}
