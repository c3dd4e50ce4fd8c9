/**
 * Places the inline "See also" link in a rendered article body: after the Nth top-level
 * paragraph, only in articles long enough to carry it, never pointing at a story the body
 * already links to. Also picks the end-of-article "Related" list from what is left.
 */
import { escapeHtml } from '../views/jsx.js';
import { topLevelBlocks } from './top-level-blocks.js';

/** An article that may be offered as related, as the page will link to it. */
export interface SeeAlsoCandidate {
  articleId: number;
  headline: string;
  /** Site-relative ("/2024/05/slug") or absolute http(s) URL. */
  url: string;
  slug?: string;
}

/** The newsroom's per-article choice for the inline "See also" link. */
export interface SeeAlsoSetting {
  /** 'off' places no inline link; the "Related" list is still offered. */
  mode: 'auto' | 'off';
  /** The link goes after this top-level paragraph (1-based). */
  afterParagraph: number;
  /** Articles with fewer top-level paragraphs get no inline link. */
  minParagraphs: number;
  /** An editor's pick that takes the slot when it is among the candidates (that is, still published). */
  pinnedArticleId: number | null;
  /** Articles never offered, inline or in the list. */
  excludedArticleIds: readonly number[];
}

/** The body with the link placed (or unchanged), the article it links to, and the "Related" list. */
export interface SeeAlsoPlacement {
  bodyHtml: string;
  seeAlso: SeeAlsoCandidate | null;
  related: SeeAlsoCandidate[];
}

/** The setting an article has until an editor changes it. */
export const DEFAULT_SEE_ALSO_SETTING: SeeAlsoSetting = {
  mode: 'auto',
  afterParagraph: 2,
  minParagraphs: 4,
  pinnedArticleId: null,
  excludedArticleIds: [],
};

/** How many articles the end-of-article "Related" list shows at most. */
export const RELATED_LIST_LENGTH = 5;

const SEE_ALSO_CLASS_RE = /^<p\b[^>]*\bclass\s*=\s*["'][^"']*\bsee-also\b/i;
const HREF_RE = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;
const SAFE_URL_RE = /^(?:\/(?!\/)|https?:\/\/)/i;
const ENTITY_RE = /&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi;

function decodeEntities(text: string): string {
  return text.replace(ENTITY_RE, (_, entity: string) => {
    const lower = entity.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower]!;
  });
}

/** The path of a URL without query, fragment or trailing slash, lower case; hosts are ignored. */
function linkPath(url: string): string {
  let path = url.trim();
  try {
    path = new URL(path, 'http://placeholder.invalid').pathname;
  } catch {
    path = path.split(/[?#]/)[0]!;
  }
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape stays as written; it can still match the same malformed href.
  }
  return path.replace(/\/+$/, '').toLowerCase();
}

function linkedPaths(bodyHtml: string): Set<string> {
  const paths = new Set<string>();
  for (const m of bodyHtml.matchAll(HREF_RE)) paths.add(linkPath(decodeEntities(m[1] ?? m[2] ?? m[3] ?? '')));
  return paths;
}

function isLinked(candidate: SeeAlsoCandidate, paths: Set<string>): boolean {
  if (paths.has(linkPath(candidate.url))) return true;
  if (!candidate.slug) return false;
  const slug = candidate.slug.toLowerCase();
  for (const path of paths) if (path === slug || path.endsWith(`/${slug}`)) return true;
  return false;
}

function isParagraph(html: string): boolean {
  // A paragraph holding only an image or an embed is media, not a paragraph a reader reads.
  const text = html
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;|&#160;|&#xa0;/gi, ' ')
    .trim();
  return text !== '';
}

/**
 * The end offset of the Nth top-level paragraph with text; -1 when there are fewer than
 * `minimum` (or N), or when the body already carries a "See also" paragraph.
 */
function insertionPoint(bodyHtml: string, after: number, minimum: number): number {
  const blocks = topLevelBlocks(bodyHtml).filter((block) => block.tag === 'p');
  const html = blocks.map((block) => bodyHtml.slice(block.start, block.end));
  if (html.some((p) => SEE_ALSO_CLASS_RE.test(p))) return -1;
  const paragraphs = blocks.filter((_, i) => isParagraph(html[i]!));
  if (paragraphs.length < Math.max(minimum, after)) return -1;
  return paragraphs[after - 1]!.end;
}

/** The inline "See also" paragraph for a candidate; headline and URL are escaped. */
export function seeAlsoHtml(candidate: SeeAlsoCandidate): string {
  return `<p class="see-also">See also <a href="${escapeHtml(candidate.url)}">${escapeHtml(candidate.headline)}</a></p>`;
}

/**
 * Chooses the inline "See also" article (the pin, else the best candidate the body does not
 * already link to), inserts it after the configured paragraph, and returns the next candidates
 * for the "Related" list. Candidates come best first, already limited to published articles.
 */
export function placeSeeAlso(
  bodyHtml: string,
  candidates: readonly SeeAlsoCandidate[],
  setting: Partial<SeeAlsoSetting> = {},
  relatedLength = RELATED_LIST_LENGTH,
): SeeAlsoPlacement {
  const { mode, afterParagraph, minParagraphs, pinnedArticleId, excludedArticleIds } = {
    ...DEFAULT_SEE_ALSO_SETTING,
    ...setting,
  };
  const excluded = new Set(excludedArticleIds);
  const paths = linkedPaths(bodyHtml);
  const seen = new Set<number>();
  const usable = candidates.filter((c) => {
    const ok = !seen.has(c.articleId) && !excluded.has(c.articleId) && SAFE_URL_RE.test(c.url);
    seen.add(c.articleId);
    return ok;
  });
  const pinned = usable.find((c) => c.articleId === pinnedArticleId) ?? null;
  // The pin is the editor's explicit choice, so it is honoured even if the body links to it.
  const ranked = [...(pinned ? [pinned] : []), ...usable.filter((c) => c !== pinned && !isLinked(c, paths))];

  const after = Math.max(1, Math.floor(afterParagraph));
  const at = mode === 'off' ? -1 : insertionPoint(bodyHtml, after, minParagraphs);
  if (at < 0 || ranked.length === 0) {
    return { bodyHtml, seeAlso: null, related: ranked.slice(0, relatedLength) };
  }
  const [seeAlso, ...rest] = ranked;
  return {
    bodyHtml: bodyHtml.slice(0, at) + seeAlsoHtml(seeAlso!) + bodyHtml.slice(at),
    seeAlso: seeAlso!,
    related: rest.slice(0, relatedLength),
  };
}
