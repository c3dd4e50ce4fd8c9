/** Pure rendering of Ghost editor cards, whose payloads Mobiledoc and Lexical share, to body HTML. */
import MarkdownIt from 'markdown-it';
import { escapeHtml } from '../views/jsx.js';

type Payload = Record<string, unknown>;

// Cards that only make sense inside Ghost (members, newsletters, shop); they have no article content to keep.
const GHOST_ONLY_CARDS = new Set([
  'paywall',
  'signup',
  'product',
  'email',
  'email-cta',
  'call-to-action',
  'transistor',
]);

/** Renders one card (image, markdown, html, hr, code, embed, bookmark, gallery, …); unknown cards warn and vanish. */
export function renderGhostCard(name: string, payload: Payload, warnings: string[]): string {
  switch (name) {
    case 'image':
      return renderImage(payload);
    case 'markdown':
    case 'card-markdown':
      return renderMarkdown(text(payload.markdown));
    case 'html':
      return text(payload.html);
    case 'hr':
    case 'horizontalrule':
      return '<hr>';
    case 'code':
    case 'codeblock':
      return renderCode(payload);
    case 'embed':
      return renderEmbed(payload, warnings);
    case 'bookmark': {
      const metadata = (payload.metadata ?? {}) as Payload;
      return linkParagraph(text(payload.url), text(metadata.title), text(payload.caption));
    }
    case 'gallery':
      return renderGallery(payload);
    case 'callout': {
      const emoji = text(payload.calloutEmoji);
      return `<aside class="callout">${emoji ? `${escapeHtml(emoji)} ` : ''}${text(payload.calloutText)}</aside>`;
    }
    case 'toggle':
      return `<details><summary>${text(payload.heading)}</summary>${text(payload.content)}</details>`;
    case 'button':
      return linkParagraph(text(payload.buttonUrl), text(payload.buttonText), '');
    case 'header': {
      const heading = text(payload.header ?? payload.heading);
      const subheading = text(payload.subheader ?? payload.subheading);
      const button =
        payload.buttonEnabled === false
          ? ''
          : linkParagraph(text(payload.buttonUrl), text(payload.buttonText), '');
      return `${heading ? `<h2>${heading}</h2>` : ''}${subheading ? `<p>${subheading}</p>` : ''}${button}`;
    }
    case 'video':
    case 'audio':
    case 'file': {
      warnings.push(`Ghost ${name} card imported as a link to the file`);
      const label =
        text(payload.fileTitle) || text(payload.title) || text(payload.fileName) || text(payload.src);
      return linkParagraph(text(payload.src), label, text(payload.caption));
    }
    default:
      warnings.push(
        GHOST_ONLY_CARDS.has(name)
          ? `Ghost ${name} card has no equivalent and was dropped`
          : `unknown Ghost card "${name}" dropped`,
      );
      return '';
  }
}

/** Renders Markdown from a Ghost markdown card; raw HTML passes through for the sanitizer to judge. */
export function renderMarkdown(markdown: string): string {
  return new MarkdownIt({ html: true, linkify: true }).render(markdown).trim();
}

function renderImage(payload: Payload): string {
  const src = text(payload.src);
  if (!src) return '';
  let img = `<img src="${escapeHtml(src)}" alt="${escapeHtml(text(payload.alt))}">`;
  const href = text(payload.href);
  if (href) img = `<a href="${escapeHtml(href)}">${img}</a>`;
  return figure(img, text(payload.caption));
}

function renderCode(payload: Payload): string {
  const language = text(payload.language);
  const className = language ? ` class="language-${escapeHtml(language)}"` : '';
  const pre = `<pre><code${className}>${escapeHtml(text(payload.code))}</code></pre>`;
  const caption = text(payload.caption);
  return caption ? figure(pre, caption) : pre;
}

// Embeds become links, as WordPress [embed]s do: third-party iframes are for the sanitizer's allowlist
// to decide, and a link survives any decision.
function renderEmbed(payload: Payload, warnings: string[]): string {
  const url = text(payload.url);
  if (url) return linkParagraph(url, '', text(payload.caption));
  warnings.push('Ghost embed card without a URL kept as its HTML');
  return figure(text(payload.html), text(payload.caption));
}

function renderGallery(payload: Payload): string {
  const images = Array.isArray(payload.images) ? (payload.images as Payload[]) : [];
  const figures = images
    .filter((image) => text(image.src))
    .map((image) => {
      const img = `<img src="${escapeHtml(text(image.src))}" alt="${escapeHtml(text(image.alt))}">`;
      const caption = text(image.caption);
      return caption ? `<figure>${img}<figcaption>${caption}</figcaption></figure>` : img;
    });
  if (figures.length === 0) return '';
  const caption = text(payload.caption);
  return `<figure class="gallery">${figures.join('')}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;
}

function linkParagraph(url: string, label: string, caption: string): string {
  if (!url) return '';
  const anchor = `<a href="${escapeHtml(url)}">${escapeHtml(label || url)}</a>`;
  return caption ? figure(anchor, caption) : `<p>${anchor}</p>`;
}

// Ghost captions are HTML already (they may hold links), so they are not escaped.
function figure(inner: string, caption: string): string {
  return `<figure>${inner}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}
