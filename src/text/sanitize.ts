/**
 * The allowlist HTML sanitizer every piece of user-supplied markup passes
 * through before it is stored or shown: article bodies (Markdown output or
 * imported HTML) and, with a smaller list, reader comments.
 */
import sanitizeHtml from 'sanitize-html';

const SAFE_SCHEMES = ['http', 'https', 'mailto', 'tel'];

const ARTICLE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'blockquote',
    'pre',
    'code',
    'em',
    'strong',
    'i',
    'b',
    'u',
    's',
    'del',
    'ins',
    'sub',
    'sup',
    'small',
    'mark',
    'abbr',
    'cite',
    'q',
    'kbd',
    'span',
    'ul',
    'ol',
    'li',
    'dl',
    'dt',
    'dd',
    'a',
    'img',
    'figure',
    'figcaption',
    'table',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    'caption',
    'div',
    'iframe',
    'video',
    'audio',
    'source',
    'picture',
    'aside',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height', 'srcset', 'sizes', 'loading'],
    source: ['src', 'srcset', 'type', 'media', 'sizes'],
    // sandbox and loading are set by transformTags below; listed so they survive the attribute allowlist.
    iframe: ['src', 'width', 'height', 'title', 'allowfullscreen', 'sandbox', 'loading'],
    video: ['src', 'controls', 'width', 'height', 'poster'],
    audio: ['src', 'controls'],
    th: ['scope', 'colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    ol: ['start', 'reversed'],
    abbr: ['title'],
    '*': ['class', 'id', 'lang', 'dir'],
  },
  allowedSchemes: SAFE_SCHEMES,
  allowedSchemesByTag: { img: ['http', 'https', 'data'] },
  allowProtocolRelative: false,
  // Embeds only from well-known video and audio hosts; any other iframe is dropped.
  allowedIframeHostnames: [
    'www.youtube.com',
    'www.youtube-nocookie.com',
    'player.vimeo.com',
    'w.soundcloud.com',
    'open.spotify.com',
  ],
  allowedClasses: { '*': [/^[a-z][a-z0-9-]*$/] },
  allowedStyles: {},
  transformTags: {
    iframe: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, loading: 'lazy', sandbox: 'allow-scripts allow-same-origin allow-popups' },
    }),
  },
  disallowedTagsMode: 'discard',
};

const COMMENT_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'em', 'strong', 'a', 'blockquote', 'code', 'pre'],
  // rel is listed so the transform's rel="nofollow ugc noopener" survives; any rel the reader wrote is overwritten.
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https'],
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { href: attribs.href ?? '', rel: 'nofollow ugc noopener' },
    }),
  },
  disallowedTagsMode: 'escape',
};

/** Keeps only allowlisted tags, attributes and URL schemes of article markup. */
export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, ARTICLE_OPTIONS);
}

/** Keeps only the small set of tags a reader's comment may use; links get rel="nofollow ugc noopener". */
export function sanitizeCommentHtml(html: string): string {
  return sanitizeHtml(html, COMMENT_OPTIONS);
}

/** Removes all markup, leaving text with entities decoded. */
export function stripTags(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
