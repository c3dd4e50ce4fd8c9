/** Markdown → safe HTML for article bodies and the small Markdown subset of reader comments. */
import MarkdownIt from 'markdown-it';
import { sanitizeArticleHtml, sanitizeCommentHtml } from './sanitize.js';

// Articles may carry raw HTML (embeds, figures); the sanitizer decides what survives.
const articleMarkdown = new MarkdownIt({ html: true, linkify: true, typographer: true });

// Comments: emphasis, links, quotes and code only; no raw HTML, no headings, lists, images or tables.
const commentMarkdown = new MarkdownIt('zero', { linkify: true, breaks: true }).enable([
  'emphasis',
  'link',
  'linkify',
  'blockquote',
  'backticks',
  'fence',
  'code',
  'paragraph',
  'newline',
  'escape',
]);

/** Renders an article's Markdown body to sanitized HTML. */
export function renderArticleMarkdown(source: string): string {
  return sanitizeArticleHtml(articleMarkdown.render(source));
}

/** Renders a reader comment (plain text with a small Markdown subset) to sanitized HTML. */
export function renderCommentMarkdown(source: string): string {
  return sanitizeCommentHtml(commentMarkdown.render(source));
}
