/** Plain-text helpers: body text for indexing, excerpts for lists and meta descriptions. */
import { stripTags } from './sanitize.js';

/** The readable text of some HTML, whitespace collapsed. */
export function htmlToText(html: string): string {
  return stripTags(html.replace(/<\/(p|h[1-6]|li|blockquote|figcaption|pre)>/gi, '$&\n'))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Shortens text to at most `maxChars`, cutting at a word boundary and adding an ellipsis. */
export function truncateWords(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > maxChars * 0.6 ? cut.slice(0, lastSpace) : cut).replace(/[\s,.;:–—-]+$/, '')}…`;
}

/** An excerpt: the stored one, or the opening of the body. */
export function excerptOf(excerpt: string, bodyHtml: string, maxChars = 240): string {
  return excerpt.trim() || truncateWords(htmlToText(bodyHtml), maxChars);
}
