/**
 * Splits rendered article HTML into its top-level blocks (<p>, <h2>, <ul>, <figure>, …) without a
 * DOM, so "See also" can be placed between blocks and never inside a list, quote or figure.
 * Written for our own sanitised output; it tolerates, but does not fully repair, broken markup.
 */

import { VOID_ELEMENTS } from '../views/jsx.js';

/** One top-level block: its tag (null for loose text or a comment) and where it sits in the HTML. */
export interface HtmlBlock {
  tag: string | null;
  start: number;
  end: number;
}

// Void elements (VOID_ELEMENTS) have no content or end tag; these have text, not markup, up to their end tag.
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'textarea', 'title']);
// A start tag of one of these closes an open <p> (HTML's implied end tag).
const CLOSES_PARAGRAPH = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'details',
  'div',
  'dl',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'ul',
]);

const TAG_RE = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/y;

/** The top-level blocks of an HTML fragment, in order; whitespace between blocks is skipped. */
export function topLevelBlocks(html: string): HtmlBlock[] {
  const blocks: HtmlBlock[] = [];
  const open: string[] = [];
  let blockStart = -1;
  let blockTag: string | null = null;
  let textStart = -1;

  const closeText = (at: number) => {
    if (textStart >= 0 && html.slice(textStart, at).trim() !== '')
      blocks.push({ tag: null, start: textStart, end: at });
    textStart = -1;
  };
  const closeBlock = (at: number) => {
    blocks.push({ tag: blockTag, start: blockStart, end: at });
    blockStart = -1;
    blockTag = null;
  };

  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    if (open.length === 0 && textStart < 0 && html.slice(i, lt).trim() !== '') textStart = i;
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      const end = close < 0 ? html.length : close + 3;
      if (open.length === 0) {
        closeText(lt);
        blocks.push({ tag: null, start: lt, end });
      }
      i = end;
      continue;
    }
    TAG_RE.lastIndex = lt;
    const m = TAG_RE.exec(html);
    if (m === null) {
      // A lone "<" is text.
      if (open.length === 0 && textStart < 0) textStart = lt;
      i = lt + 1;
      continue;
    }
    const isEnd = m[1] === '/';
    const name = m[2]!.toLowerCase();
    const tagEnd = lt + m[0].length;

    if (isEnd) {
      const at = open.lastIndexOf(name);
      if (at >= 0) {
        open.length = at;
        if (open.length === 0) closeBlock(tagEnd);
      }
      i = tagEnd;
      continue;
    }

    if (open.length === 1 && open[0] === 'p' && CLOSES_PARAGRAPH.has(name)) {
      open.length = 0;
      closeBlock(lt);
    }
    if (open.length === 0) {
      closeText(lt);
      blockStart = lt;
      blockTag = name;
    }
    if (RAW_TEXT_ELEMENTS.has(name)) {
      const close = html.toLowerCase().indexOf(`</${name}`, tagEnd);
      const closeEnd = close < 0 ? html.length : html.indexOf('>', close) + 1 || html.length;
      if (open.length === 0) closeBlock(closeEnd);
      i = closeEnd;
      continue;
    }
    if (VOID_ELEMENTS.has(name) || m[4] === '/') {
      if (open.length === 0) closeBlock(tagEnd);
    } else {
      open.push(name);
    }
    i = tagEnd;
  }
  if (open.length === 0 && textStart < 0 && html.slice(i).trim() !== '') textStart = i;
  if (blockStart >= 0) closeBlock(html.length);
  closeText(html.length);
  return blocks;
}
