// The words of an article body for the index. Bodies are stored already sanitized, so a tag stripper
// is enough here, and it is ~20× faster than text/plain-text's htmlToText (a full HTML parse), which
// dominated full index builds. The test holds it to the same characters as htmlToText.

// Elements whose content is not text a reader sees (sanitize-html drops them the same way).
const NON_TEXT = /<(script|style|textarea|option)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
// Block boundaries separate words; inline tags (<em>, <a>) sit inside words and sentences.
const BLOCK_TAG =
  /<\/?(p|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|figure|figcaption|pre|br|hr|div|table|thead|tbody|tfoot|tr|td|th|caption|img|iframe|video|audio|source)\b[^>]*>/gi;
const TAG_OR_COMMENT = /<!--[\s\S]*?-->|<\/?[a-zA-Z][^>]*>/g;
const ENTITY = /&(#x[0-9a-f]+|#[0-9]+|[a-z]+[0-9]*);/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntity(match: string, body: string): string {
  if (body[0] === '#') {
    const code =
      body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
  }
  return NAMED[body.toLowerCase()] ?? match;
}

/** The readable text of sanitized article HTML: blocks separated by spaces, whitespace collapsed. */
export function indexableText(html: string): string {
  return html
    .replace(NON_TEXT, ' ')
    .replace(BLOCK_TAG, ' ')
    .replace(TAG_OR_COMMENT, '')
    .replace(ENTITY, decodeEntity)
    .replace(/\s+/g, ' ')
    .trim();
}
