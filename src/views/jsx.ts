/**
 * A tiny JSX-to-string runtime that escapes by default: every string child and
 * attribute value is escaped unless it is already `SafeHtml` (made by `raw()`
 * from sanitized or trusted markup, or by another element).
 */

/** Markup that is already safe to place in a page. */
export class SafeHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

type Child = SafeHtml | string | number | boolean | null | undefined | Child[];
type Props = Record<string, unknown> & { children?: Child };
type Component<P = Props> = (props: P) => SafeHtml;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const ESCAPE_RE = /[&<>"']/g;
const NEEDS_ESCAPE = /[&<>"']/;

/** Escapes text for use in HTML content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  // Most text needs no escaping; testing first avoids building a new string for it.
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPE_RE, (c) => ESCAPES[c]!) : text;
}

/** Marks trusted markup (sanitizer output, our own serialisations) as safe. */
export function raw(html: string): SafeHtml {
  return new SafeHtml(html);
}

// Void elements never take children or a closing tag (HTML spec §13.1.2).
export const VOID_ELEMENTS: ReadonlySet<string> = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

// Pages are built by string concatenation, not arrays joined at every element: V8 keeps the pieces as a
// rope and copies them once, when the page is written out, instead of once per level of nesting.
function renderChildren(child: Child): string {
  if (child === null || child === undefined || child === false || child === true) return '';
  if (Array.isArray(child)) {
    let html = '';
    for (const c of child) html += renderChildren(c);
    return html;
  }
  if (child instanceof SafeHtml) return child.html;
  return escapeHtml(String(child));
}

// Attributes a browser follows or loads as a URL.
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'poster',
  'cite',
  'background',
  'xlink:href',
]);
// Browsers skip leading control characters and spaces and drop tabs and newlines anywhere in a URL.
const SCRIPT_URL = /^(?:javascript|vbscript|livescript):|^data:(?!image\/(?:png|gif|jpe?g|webp|avif);)/i;
const PLAIN_URL = /^(?:[/#?]|https?:\/\/)/i;

/**
 * A URL attribute value that cannot run script: a javascript:, vbscript: or non-image data: URL (an
 * imported commenter's "website", a featured image address) becomes a harmless same-page link.
 */
export function safeUrl(value: string): string {
  // Site paths, fragments and http(s) URLs (nearly every link) cannot start a script scheme.
  if (PLAIN_URL.test(value)) return value;
  return SCRIPT_URL.test(value.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, '')) ? '#' : value;
}

function renderAttributes(props: Record<string, unknown>): string {
  let s = '';
  for (const key in props) {
    if (key === 'children') continue;
    const value = props[key];
    if (value === null || value === undefined || value === false) continue;
    const name = key === 'className' ? 'class' : key === 'htmlFor' ? 'for' : key;
    if (value === true) {
      s += ` ${name}`;
    } else if (value instanceof SafeHtml) {
      s += ` ${name}="${value.html}"`;
    } else {
      const text = String(value);
      s += ` ${name}="${escapeHtml(URL_ATTRIBUTES.has(name) ? safeUrl(text) : text)}"`;
    }
  }
  return s;
}

/** The JSX factory (tsconfig `jsxFactory: "h"`). */
// biome-ignore lint/suspicious/noExplicitAny: components take their own props types; the factory cannot name them all
export function h(tag: string | Component<any>, props: Props | null, ...children: Child[]): SafeHtml {
  const allProps: Props = props ?? {};
  if (typeof tag === 'function') {
    return tag({ ...allProps, children: children.length === 1 ? children[0] : children });
  }
  const open = `<${tag}${renderAttributes(allProps)}>`;
  if (VOID_ELEMENTS.has(tag)) return new SafeHtml(open);
  let html = open;
  if (allProps.children !== undefined) html += renderChildren(allProps.children);
  html += renderChildren(children);
  return new SafeHtml(`${html}</${tag}>`);
}

/** The JSX fragment factory (tsconfig `jsxFragmentFactory: "Fragment"`). */
export function Fragment(props: { children?: Child }): SafeHtml {
  return new SafeHtml(renderChildren(props.children));
}

/** Renders a complete HTML document. */
export function renderDocument(root: SafeHtml): string {
  return `<!DOCTYPE html>\n${root.html}`;
}

export type { Child, Component };

declare global {
  namespace JSX {
    type Element = SafeHtml;
    interface ElementChildrenAttribute {
      children: unknown;
    }
    interface IntrinsicElements {
      [tag: string]: Record<string, unknown>;
    }
  }
}
