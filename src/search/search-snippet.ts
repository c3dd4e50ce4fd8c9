// Highlights the words a reader searched for in an article's stored plain text, the same way on
// SQLite and PostgreSQL. The text is untrusted: every piece is escaped and only <mark> is added.

import { porterStem } from '../text/porter-stemmer.js';
import { escapeHtml } from '../views/jsx.js';
import { foldText, type ParsedQuery } from './search-query.js';

/** True when a word of an article is one the reader searched for. */
export type WordMatcher = (word: string) => boolean;

/** Words in a snippet: about two lines of a results page. */
export const SNIPPET_WORDS = 32;
/** Words of context shown before the first highlighted word of a snippet. */
const LEAD_WORDS = 4;
/** Snippets look for matches in this much text; the rest of a very long body is not scanned. */
const MAX_SCANNED_CHARS = 100_000;
/** Windows tried when choosing a snippet; enough for any real article. */
const MAX_WINDOWS = 200;

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const FOLDED_RUN = /[\p{L}\p{N}]+/gu;

/** A matcher for the positive words of a query: the folded word, the same Porter stem, or a prefix. */
export function matcherFor(query: ParsedQuery): WordMatcher {
  const exact = new Set<string>();
  const stems = new Set<string>();
  const prefixes: string[] = [];
  for (const node of query.groups.flat()) {
    const words = node.kind === 'term' ? [node.word] : node.words;
    words.forEach((word, i) => {
      const runs = foldText(word).match(FOLDED_RUN) ?? [];
      runs.forEach((run, j) => {
        const isPrefix = node.prefix && i === words.length - 1 && j === runs.length - 1;
        if (isPrefix) prefixes.push(run);
        exact.add(run);
        stems.add(porterStem(run));
      });
    });
  }
  // Articles repeat their words, so each distinct word is folded and stemmed once per results page.
  const seen = new Map<string, boolean>();
  return (word) => {
    let hit = seen.get(word);
    if (hit === undefined) {
      const folded = fold(word);
      const stem = porterStem(folded);
      hit =
        exact.has(folded) ||
        stems.has(stem) ||
        prefixes.some((p) => folded.startsWith(p) || stem.startsWith(p));
      seen.set(word, hit);
    }
    return hit;
  };
}

// foldText normalises Unicode twice; for plain ASCII words (most of an English archive) it is toLowerCase.
function fold(word: string): string {
  return /^[\x00-\x7f]*$/.test(word) ? word.toLowerCase() : foldText(word);
}

interface WordSpan {
  start: number;
  end: number;
  hit: boolean;
  key: string;
}

function wordsOf(text: string, matches: WordMatcher): WordSpan[] {
  const spans: WordSpan[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    const hit = matches(word);
    // The key only tells matching words apart, when choosing the window with the most distinct ones.
    spans.push({ start: m.index, end: m.index + word.length, hit, key: hit ? fold(word) : '' });
  }
  return spans;
}

function render(text: string, spans: WordSpan[], from: number, to: number): string {
  let html = '';
  let at = from;
  for (const span of spans) {
    if (!span.hit || span.start < from || span.end > to) continue;
    html += `${escapeHtml(text.slice(at, span.start))}<mark>${escapeHtml(text.slice(span.start, span.end))}</mark>`;
    at = span.end;
  }
  return html + escapeHtml(text.slice(at, to));
}

/** The whole text, escaped, with each matching word wrapped in <mark>. */
export function highlightText(text: string, matches: WordMatcher): string {
  return render(text, wordsOf(text, matches), 0, text.length);
}

/** A snippet and how many highlighted words it holds. */
export interface Snippet {
  html: string;
  hits: number;
}

/**
 * The window of about `maxWords` words holding the most distinct matching words (then the most
 * matches, then the earliest): escaped, matches in <mark>, "…" where the text was cut.
 */
export function snippetOf(text: string, matches: WordMatcher, maxWords = SNIPPET_WORDS): Snippet {
  const scanned = text.length > MAX_SCANNED_CHARS ? text.slice(0, MAX_SCANNED_CHARS) : text;
  const spans = wordsOf(scanned, matches);
  if (spans.length === 0) return { html: escapeHtml(scanned.trim()), hits: 0 };
  const hitIndexes = spans.flatMap((s, i) => (s.hit ? [i] : []));
  let best = { start: 0, end: Math.min(spans.length, maxWords), score: -1, hits: 0 };
  for (const index of hitIndexes.slice(0, MAX_WINDOWS)) {
    const start = Math.max(0, Math.min(index - LEAD_WORDS, spans.length - maxWords));
    const end = Math.min(spans.length, start + maxWords);
    const distinct = new Set<string>();
    let hits = 0;
    for (let i = start; i < end; i++) {
      if (!spans[i].hit) continue;
      distinct.add(spans[i].key);
      hits++;
    }
    const score = distinct.size * 10_000 + hits;
    if (score > best.score) best = { start, end, score, hits };
  }
  const from = best.start === 0 ? 0 : spans[best.start].start;
  const cutAtEnd = best.end < spans.length || scanned.length < text.length;
  const to = cutAtEnd ? spans[best.end - 1].end : scanned.length;
  const html = render(scanned, spans, from, to);
  return { html: `${best.start > 0 ? '…' : ''}${html.trim()}${cutAtEnd ? '…' : ''}`, hits: best.hits };
}
