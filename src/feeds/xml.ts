/**
 * A small XML writer for feeds and sitemaps: text and attribute values are
 * escaped by default, characters XML 1.0 forbids are dropped, and only `Xml`
 * values (made by `el` or `rawXml`) pass through unescaped.
 */

/** Serialised XML that is safe to place as a child. */
export class Xml {
  constructor(readonly xml: string) {}
  toString(): string {
    return this.xml;
  }
}

type XmlChild = Xml | string | number | null | undefined | false | XmlChild[];

// XML 1.0 §2.2: only these characters may appear at all; a stray control character makes the whole feed unreadable.
const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escapes text for XML content or a quoted attribute, dropping characters XML cannot carry. */
export function escapeXml(text: string): string {
  return text.replace(INVALID_XML_CHARS, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/** Marks already-serialised XML as safe. */
export function rawXml(xml: string): Xml {
  return new Xml(xml);
}

function appendChildren(child: XmlChild, out: string[]): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) for (const c of child) appendChildren(c, out);
  else if (child instanceof Xml) out.push(child.xml);
  else out.push(escapeXml(String(child)));
}

/** An element; attributes with null/undefined values are left out; no children makes `<name/>`. */
export function el(
  name: string,
  attributes: Record<string, string | number | null | undefined> | null,
  ...children: XmlChild[]
): Xml {
  let open = `<${name}`;
  for (const [key, value] of Object.entries(attributes ?? {})) {
    if (value !== null && value !== undefined) open += ` ${key}="${escapeXml(String(value))}"`;
  }
  const out: string[] = [];
  appendChildren(children, out);
  return new Xml(out.length ? `${open}>${out.join('')}</${name}>` : `${open}/>`);
}

/** A complete UTF-8 document. */
export function xmlDocument(root: Xml): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root.xml}\n`;
}
