/** Pure conversion of Ghost's Mobiledoc (Ghost 1 to 4) to body HTML. */
import { escapeHtml } from '../views/jsx.js';
import { renderGhostCard } from './ghost-cards.js';
import type { ConvertedEditorContent } from './lexical-to-html.js';

type Marker = [type: number, openMarkups: number[], closedCount: number, value: string | number];
type Markup = [tag: string, attributes?: string[]];

interface Mobiledoc {
  atoms?: Array<[name: string, text: string, payload: unknown]>;
  cards?: Array<[name: string, payload: Record<string, unknown>]>;
  markups?: Markup[];
  sections?: unknown[][];
}

const SECTION_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'aside']);
const MARKUP_TAGS = new Set(['a', 'b', 'strong', 'i', 'em', 'u', 's', 'sub', 'sup', 'code', 'mark']);
const MARKUP_ATTRIBUTES = new Set(['href', 'rel', 'target', 'title']);

const MARKUP_SECTION = 1;
const IMAGE_SECTION = 2;
const LIST_SECTION = 3;
const CARD_SECTION = 10;
const ATOM_MARKER = 1;

/** Converts a Mobiledoc document (JSON string or parsed object) to HTML; unknown sections and cards warn. */
export function mobiledocToHtml(mobiledoc: string | object): ConvertedEditorContent {
  const warnings: string[] = [];
  let doc: Mobiledoc;
  try {
    doc = (typeof mobiledoc === 'string' ? JSON.parse(mobiledoc) : mobiledoc) as Mobiledoc;
  } catch {
    return { html: '', warnings: ['the Mobiledoc content is not valid JSON and was dropped'] };
  }
  if (!doc || !Array.isArray(doc.sections)) {
    return { html: '', warnings: ['the Mobiledoc content has no sections and was dropped'] };
  }
  const parts = doc.sections.map((section) => renderSection(doc, section, warnings));
  return { html: parts.filter((part) => part !== '').join('\n'), warnings: [...new Set(warnings)] };
}

function renderSection(doc: Mobiledoc, section: unknown[], warnings: string[]): string {
  switch (section[0]) {
    case MARKUP_SECTION: {
      const requested = String(section[1]).toLowerCase();
      // Ghost's "pull-quote" is its alternative quote style.
      const tag = requested === 'pull-quote' ? 'blockquote' : SECTION_TAGS.has(requested) ? requested : 'p';
      return `<${tag}>${renderMarkers(doc, section[2] as Marker[], warnings)}</${tag}>`;
    }
    case LIST_SECTION: {
      const tag = String(section[1]).toLowerCase() === 'ol' ? 'ol' : 'ul';
      const items = (section[2] as Marker[][]).map(
        (markers) => `<li>${renderMarkers(doc, markers, warnings)}</li>`,
      );
      return `<${tag}>${items.join('')}</${tag}>`;
    }
    case IMAGE_SECTION:
      return renderGhostCard('image', { src: section[1] }, warnings);
    case CARD_SECTION: {
      const card = doc.cards?.[section[1] as number];
      if (!card) {
        warnings.push('a Mobiledoc card section points at a missing card');
        return '';
      }
      return renderGhostCard(card[0], card[1] ?? {}, warnings);
    }
    default:
      warnings.push(`unknown Mobiledoc section type ${String(section[0])} dropped`);
      return '';
  }
}

function renderMarkers(doc: Mobiledoc, markers: Marker[], warnings: string[]): string {
  let html = '';
  const open: string[] = [];
  for (const [type, openMarkups, closedCount, value] of markers) {
    for (const index of openMarkups) {
      const markup = doc.markups?.[index];
      const tag = markup ? markup[0].toLowerCase() : '';
      if (!MARKUP_TAGS.has(tag)) {
        warnings.push(`unknown Mobiledoc markup <${tag}> dropped`);
        open.push('');
        continue;
      }
      html += `<${tag}${markupAttributes(markup?.[1] ?? [])}>`;
      open.push(tag);
    }
    html += type === ATOM_MARKER ? renderAtom(doc, value as number, warnings) : escapeHtml(String(value));
    for (let i = 0; i < closedCount; i++) {
      const tag = open.pop();
      if (tag) html += `</${tag}>`;
    }
  }
  // A malformed document may leave markups open; close them so the section stays balanced.
  while (open.length > 0) {
    const tag = open.pop();
    if (tag) html += `</${tag}>`;
  }
  return html;
}

function markupAttributes(pairs: string[]): string {
  let attributes = '';
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    const name = String(pairs[i]).toLowerCase();
    if (MARKUP_ATTRIBUTES.has(name)) attributes += ` ${name}="${escapeHtml(String(pairs[i + 1]))}"`;
  }
  return attributes;
}

function renderAtom(doc: Mobiledoc, index: number, warnings: string[]): string {
  const atom = doc.atoms?.[index];
  if (!atom) return '';
  if (atom[0] === 'soft-return') return '<br>';
  warnings.push(`Mobiledoc atom "${atom[0]}" imported as its text`);
  return escapeHtml(String(atom[1] ?? ''));
}
