/** Pure conversion of Ghost's Lexical editor JSON (Ghost 5 and later) to body HTML. */
import { escapeHtml } from '../views/jsx.js';
import { renderGhostCard } from './ghost-cards.js';

/** Converted editor content: HTML still to be sanitized, and what could not be converted. */
export interface ConvertedEditorContent {
  html: string;
  warnings: string[];
}

interface LexicalNode {
  type?: string;
  children?: LexicalNode[];
  [key: string]: unknown;
}

// Lexical's TextNode format bits, outermost wrapper first.
const TEXT_FORMATS: Array<[bit: number, tag: string]> = [
  [1, 'strong'],
  [2, 'em'],
  [4, 's'],
  [8, 'u'],
  [128, 'mark'],
  [32, 'sub'],
  [64, 'sup'],
  [16, 'code'],
];

/** Converts a Lexical document (JSON string or parsed object) to HTML; unknown nodes warn and keep their text. */
export function lexicalToHtml(lexical: string | object): ConvertedEditorContent {
  const warnings: string[] = [];
  let document: unknown;
  try {
    document = typeof lexical === 'string' ? JSON.parse(lexical) : lexical;
  } catch {
    return { html: '', warnings: ['the Lexical content is not valid JSON and was dropped'] };
  }
  const root = (document as { root?: LexicalNode } | null)?.root;
  if (!root || !Array.isArray(root.children)) {
    return { html: '', warnings: ['the Lexical content has no root node and was dropped'] };
  }
  const html = root.children
    .map((node) => renderNode(node, warnings))
    .filter((part) => part !== '')
    .join('\n');
  return { html, warnings: [...new Set(warnings)] };
}

function renderChildren(node: LexicalNode, warnings: string[]): string {
  return (node.children ?? []).map((child) => renderNode(child, warnings)).join('');
}

function renderNode(node: LexicalNode, warnings: string[]): string {
  switch (node.type) {
    case 'text':
    case 'extended-text':
      return renderText(node);
    case 'linebreak':
      return '<br>';
    case 'tab':
      return '\t';
    case 'paragraph':
      return `<p>${renderChildren(node, warnings)}</p>`;
    case 'heading':
    case 'extended-heading': {
      const tag = typeof node.tag === 'string' && /^h[1-6]$/.test(node.tag) ? node.tag : 'h2';
      return `<${tag}>${renderChildren(node, warnings)}</${tag}>`;
    }
    case 'quote':
    case 'extended-quote':
      return `<blockquote>${renderChildren(node, warnings)}</blockquote>`;
    case 'aside':
      return `<blockquote class="alternative">${renderChildren(node, warnings)}</blockquote>`;
    case 'list': {
      const tag = node.listType === 'number' || node.tag === 'ol' ? 'ol' : 'ul';
      const start =
        tag === 'ol' && typeof node.start === 'number' && node.start !== 1 ? ` start="${node.start}"` : '';
      return `<${tag}${start}>${renderChildren(node, warnings)}</${tag}>`;
    }
    case 'listitem':
      // A nested list arrives as a listitem holding a list, which is valid HTML as it stands.
      return `<li>${renderChildren(node, warnings)}</li>`;
    case 'link':
    case 'autolink': {
      const url = typeof node.url === 'string' ? node.url : '';
      const inner = renderChildren(node, warnings);
      return url ? `<a href="${escapeHtml(url)}">${inner}</a>` : inner;
    }
    case undefined:
      warnings.push('a Lexical node without a type was dropped');
      return '';
    default:
      if (Array.isArray(node.children)) {
        warnings.push(`unknown Lexical node "${node.type}": kept its text`);
        return renderChildren(node, warnings);
      }
      return renderGhostCard(node.type, node, warnings);
  }
}

function renderText(node: LexicalNode): string {
  let html = escapeHtml(typeof node.text === 'string' ? node.text : '');
  const format = typeof node.format === 'number' ? node.format : 0;
  for (let i = TEXT_FORMATS.length - 1; i >= 0; i--) {
    const [bit, tag] = TEXT_FORMATS[i];
    if (format & bit) html = `<${tag}>${html}</${tag}>`;
  }
  return html;
}
