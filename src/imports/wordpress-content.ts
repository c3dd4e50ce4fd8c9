/** Pure conversion of WordPress post content (block or classic editor) to body HTML for the sanitizer. */
import { escapeHtml } from '../views/jsx.js';
import type { GalleryPlaceholder, SourceBodyFormat } from './import-records.js';

/** Converted WordPress content: HTML still to be sanitized, galleries to resolve, what could not be converted. */
export interface ConvertedWordPressContent {
  html: string;
  format: SourceBodyFormat;
  galleries: GalleryPlaceholder[];
  warnings: string[];
}

/** Converted shortcodes in a piece of content, with the galleries and warnings they produced. */
export interface ConvertedShortcodes {
  html: string;
  galleries: GalleryPlaceholder[];
  warnings: string[];
}

/** One image that fills a gallery placeholder. */
export interface GalleryImage {
  url: string;
  alt: string;
  caption: string;
}

const BLOCK_COMMENT_RE = /<!--\s+\/?wp:[\s\S]*?-->/g;
const HAS_BLOCKS_RE = /<!--\s+wp:/;
// Self-closing blocks carry no markup of their own: WordPress renders them on the server at view time.
const DYNAMIC_BLOCK_RE = /<!--\s+wp:([a-z][\w/-]*)(?:(?!-->)[\s\S])*?\/-->/g;
const EMBED_WRAPPER_RE = /<div class="wp-block-embed__wrapper">\s*(https?:\/\/[^\s<]+)\s*<\/div>/g;
const MORE_RE = /<!--(?:more|nextpage|noteaser)(?:\s[^>]*)?-->/g;

/** Converts post_content to body HTML: strips block comments, or paragraphs classic content, and converts shortcodes. */
export function convertWordPressContent(content: string): ConvertedWordPressContent {
  const text = content.replace(/\r\n?/g, '\n');
  if (text.trim() === '') return { html: '', format: 'empty', galleries: [], warnings: [] };
  if (HAS_BLOCKS_RE.test(text)) {
    const warnings = dynamicBlockWarnings(text);
    const converted = convertShortcodes(stripBlockComments(text));
    return {
      html: converted.html,
      format: 'wordpress-blocks',
      galleries: converted.galleries,
      warnings: [...warnings, ...converted.warnings],
    };
  }
  // Shortcode output is finished markup: keep wpautop out of it, as WordPress does by running shortcodes after it.
  const kept: string[] = [];
  const converted = shortcodes(text.replace(MORE_RE, ''), (markup) => {
    kept.push(markup);
    return `<div data-wpautop-keep="${kept.length - 1}"></div>`;
  });
  const html = wpautop(converted.html).replace(
    /<div data-wpautop-keep="(\d+)"><\/div>/g,
    (_, index: string) => kept[Number(index)],
  );
  return {
    html,
    format: 'wordpress-classic',
    galleries: converted.galleries,
    warnings: converted.warnings,
  };
}

/** Removes `<!-- wp:… -->` block delimiters and turns embed-block URLs into links. */
export function stripBlockComments(html: string): string {
  return html
    .replace(BLOCK_COMMENT_RE, '')
    .replace(MORE_RE, '')
    .replace(EMBED_WRAPPER_RE, (_, url: string) => link(url))
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function dynamicBlockWarnings(html: string): string[] {
  const names = new Set<string>();
  for (const match of html.matchAll(DYNAMIC_BLOCK_RE)) names.add(match[1]);
  return [...names].map((name) => `dynamic block wp:${name} has no stored content and was dropped`);
}

const SHORTCODE_ATTR_RE =
  /([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)/g;
const ESCAPED_SHORTCODE_RE = /\[(\[[^[\]]+\])\]/g;
const CAPTION_RE = /\[(caption|wp_caption)(\s[^\]]*)?\]([\s\S]*?)\[\/\1\]/g;
const CAPTION_MEDIA_RE = /^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?)([\s\S]*)$/i;
const EMBED_RE = /\[embed(\s[^\]]*)?\]([\s\S]*?)\[\/embed\]/g;
const GALLERY_RE = /\[gallery(\s[^\]]*?)?\s*\/?\]/g;
const ANY_SHORTCODE_RE = /\[\/?([a-zA-Z][\w-]*)(?:\s[^\]]*)?\/?\]/g;
const CONVERTED_SHORTCODES = new Set(['caption', 'wp_caption', 'gallery', 'embed']);
const PROTECTED_RE = /\u0000(\d+)\u0000/g;

/** Converts caption, gallery and embed shortcodes; keeps any other shortcode as text and warns about it. */
export function convertShortcodes(html: string): ConvertedShortcodes {
  return shortcodes(html, (markup) => markup);
}

function shortcodes(html: string, keep: (markup: string) => string): ConvertedShortcodes {
  const galleries: GalleryPlaceholder[] = [];
  const warnings: string[] = [];
  // `[[name]]` is WordPress's escape for a literal `[name]`; set it aside so no pass below touches it.
  const literals: string[] = [];
  let out = html.replace(ESCAPED_SHORTCODE_RE, (_, inner: string) => {
    literals.push(inner);
    return `\u0000${literals.length - 1}\u0000`;
  });

  out = out.replace(CAPTION_RE, (_, _name: string, rawAttrs: string | undefined, inner: string) => {
    const attrs = parseShortcodeAttributes(rawAttrs ?? '');
    const media = CAPTION_MEDIA_RE.exec(inner);
    const body = media ? media[1] : inner.trim();
    const caption = (attrs.caption ?? (media ? media[2] : '')).trim();
    return keep(`<figure>${body}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`);
  });

  let embedWithoutUrl = false;
  out = out.replace(EMBED_RE, (whole: string, _attrs: string | undefined, inner: string) => {
    const url = inner.trim();
    if (/^https?:\/\/\S+$/.test(url)) return keep(`<p>${link(url)}</p>`);
    embedWithoutUrl = true;
    warnings.push(`embed shortcode without a URL kept as text: ${whole.slice(0, 80)}`);
    return whole;
  });

  out = out.replace(GALLERY_RE, (_, rawAttrs: string | undefined) => {
    const attrs = parseShortcodeAttributes(rawAttrs ?? '');
    const ids = (attrs.ids ?? attrs.include ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter((id) => /^\d+$/.test(id));
    const columns = Number.parseInt(attrs.columns ?? '', 10);
    const key = `gallery-${galleries.length + 1}`;
    galleries.push({
      key,
      attachmentIds: ids,
      fromAttachedImages: ids.length === 0,
      columns: Number.isFinite(columns) ? columns : null,
    });
    return keep(galleryPlaceholder(key));
  });

  const leftOver = new Set<string>();
  for (const match of out.matchAll(ANY_SHORTCODE_RE)) leftOver.add(match[1].toLowerCase());
  for (const name of leftOver) {
    if (name === 'embed' && embedWithoutUrl) continue;
    warnings.push(
      CONVERTED_SHORTCODES.has(name)
        ? `shortcode [${name}] could not be converted (unclosed?) and was kept as text`
        : `unknown shortcode [${name}] kept as text`,
    );
  }

  out = out.replace(PROTECTED_RE, (_, index: string) => literals[Number(index)]);
  return { html: out, galleries, warnings };
}

/** Parses shortcode attributes the way WordPress does: named values, then bare values as "0", "1", …. */
export function parseShortcodeAttributes(text: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  let position = 0;
  for (const m of text.trim().matchAll(SHORTCODE_ATTR_RE)) {
    if (m[1] !== undefined) attrs[m[1].toLowerCase()] = m[2];
    else if (m[3] !== undefined) attrs[m[3].toLowerCase()] = m[4];
    else if (m[5] !== undefined) attrs[m[5].toLowerCase()] = m[6];
    else attrs[String(position++)] = m[7] ?? m[8] ?? m[9];
  }
  return attrs;
}

/** The markup a gallery occupies until `resolveGalleries` fills it. */
export function galleryPlaceholder(key: string): string {
  return `<figure class="gallery" data-import-gallery="${escapeHtml(key)}"></figure>`;
}

/** Replaces gallery placeholders with the images the importer found; a gallery with none disappears. */
export function resolveGalleries(
  html: string,
  galleries: GalleryPlaceholder[],
  imagesFor: (gallery: GalleryPlaceholder) => GalleryImage[],
): string {
  let out = html;
  for (const gallery of galleries) {
    const images = imagesFor(gallery);
    const figures = images.map((image) => {
      const img = `<img src="${escapeHtml(image.url)}" alt="${escapeHtml(image.alt)}">`;
      return image.caption ? `<figure>${img}<figcaption>${image.caption}</figcaption></figure>` : img;
    });
    const markup = figures.length > 0 ? `<figure class="gallery">${figures.join('')}</figure>` : '';
    out = out.split(galleryPlaceholder(gallery.key)).join(markup);
  }
  return out;
}

function link(url: string): string {
  return `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
}

const ALL_BLOCKS =
  '(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)';
const BLOCK_OPEN_RE = new RegExp(`(<${ALL_BLOCKS}[\\s/>])`, 'gi');
const BLOCK_CLOSE_RE = new RegExp(`(</${ALL_BLOCKS}>)`, 'gi');
const P_AROUND_BLOCK_RE = new RegExp(`<p>\\s*(</?${ALL_BLOCKS}[^>]*>)\\s*</p>`, 'gi');
const P_BEFORE_BLOCK_RE = new RegExp(`<p>\\s*(</?${ALL_BLOCKS}[^>]*>)`, 'gi');
const P_AFTER_BLOCK_RE = new RegExp(`(</?${ALL_BLOCKS}[^>]*>)\\s*</p>`, 'gi');
const BR_AFTER_BLOCK_RE = new RegExp(`(</?${ALL_BLOCKS}[^>]*>)\\s*<br />`, 'gi');
const PRESERVED_RE = /<(pre|script|style|textarea)\b[\s\S]*?<\/\1>/gi;

/**
 * Paragraphs classic-editor text as WordPress's wpautop does: blank lines end paragraphs,
 * single newlines become `<br />`, block-level HTML is left alone.
 */
export function wpautop(text: string): string {
  if (text.trim() === '') return '';
  // Newlines inside <pre> and friends are content, not paragraph breaks.
  const preserved: string[] = [];
  let pee = text.replace(/\r\n?/g, '\n').replace(PRESERVED_RE, (block) => {
    preserved.push(block);
    return `<pre wpautop="${preserved.length - 1}"></pre>`;
  });
  // A newline inside a tag (between attributes) must not become a <br />.
  pee = pee.replace(/<[^<>]+>/g, (tag) => tag.replace(/\s*\n\s*/g, ' '));
  pee = `${pee}\n`
    .replace(/<br\s*\/?>\s*<br\s*\/?>/gi, '\n\n')
    .replace(BLOCK_OPEN_RE, '\n\n$1')
    .replace(BLOCK_CLOSE_RE, '$1\n\n')
    .replace(/\n\n+/g, '\n\n');
  pee = pee
    .split(/\n\s*\n/)
    .filter((chunk) => chunk.trim() !== '')
    .map((chunk) => `<p>${chunk.replace(/^\n+|\n+$/g, '')}</p>\n`)
    .join('');
  pee = pee
    .replace(/<p>\s*<\/p>/g, '')
    .replace(/<p>([^<]+)<\/(div|address|form)>/gi, '<p>$1</p></$2>')
    .replace(P_AROUND_BLOCK_RE, '$1')
    .replace(/<p>(<li.+?)<\/p>/gi, '$1')
    .replace(/<p><blockquote([^>]*)>/gi, '<blockquote$1><p>')
    .replace(/<\/blockquote><\/p>/gi, '</p></blockquote>')
    .replace(P_BEFORE_BLOCK_RE, '$1')
    .replace(P_AFTER_BLOCK_RE, '$1')
    .replace(/(?<!<br \/>)\s*\n/g, '<br />\n')
    .replace(BR_AFTER_BLOCK_RE, '$1')
    .replace(/<br \/>(\s*<\/?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)/gi, '$1')
    .replace(/\n<\/p>$/g, '</p>');
  return pee.replace(/<pre wpautop="(\d+)"><\/pre>/g, (_, index: string) => preserved[Number(index)]).trim();
}
