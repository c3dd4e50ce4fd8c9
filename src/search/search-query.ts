// Turns what a reader types into the search box into a small AST, and the AST into a MATCH
// expression for SQLite FTS5 or a to_tsquery() input for PostgreSQL. Pure: no database here.

/** One required word; `prefix` means any word starting with it matches. */
export interface TermNode {
  kind: 'term';
  word: string;
  prefix: boolean;
}

/** Words that must appear next to each other, in order; `prefix` applies to the last word. */
export interface PhraseNode {
  kind: 'phrase';
  words: string[];
  prefix: boolean;
}

/** A word or phrase of the reader's query. */
export type QueryNode = TermNode | PhraseNode;

/** Alternatives joined by OR; a group of one node is simply a required word or phrase. */
export type QueryGroup = QueryNode[];

/** A parsed reader query: every group must match, no excluded node may match. */
export interface ParsedQuery {
  groups: QueryGroup[];
  excluded: QueryNode[];
  /** True when there is nothing positive to search for (even if something is excluded). */
  isEmpty: boolean;
  /** Folded, de-duplicated positive words, for highlighting snippets. */
  terms: string[];
}

/** Longest query we read; the rest is ignored (a search box, not a document). */
export const MAX_QUERY_CHARS = 1000;
/** Most words (positive and excluded, phrase words included) one query may hold. */
export const MAX_QUERY_WORDS = 32;
/** Longer "words" are pasted junk (hashes, URLs without separators), not something a reader searches for. */
export const MAX_WORD_CHARS = 64;

type Token =
  | { kind: 'or' }
  | { kind: 'node'; node: QueryNode; excluded: boolean; fromQuotes: boolean; end: number };

const WORD_RUN = /[\p{L}\p{N}\p{M}]+/gu;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
// Brackets and sentence punctuation end a word; joiners such as `-` `'` `.` `:` `/` keep it going.
const SEPARATOR = /[\s\p{Z}\p{Ps}\p{Pe},;!?|]/u;
const ENDS_WITH_WORD_CHAR = /[\p{L}\p{N}\p{M}]$/u;

/** Parses a reader's query; never throws, and malformed input degrades to a plain word search. */
export function parseSearchQuery(input: string): ParsedQuery {
  const raw = typeof input === 'string' ? input : '';
  const truncated = raw.length > MAX_QUERY_CHARS;
  const text = clean(raw.slice(0, MAX_QUERY_CHARS));
  const tokens = capWords(tokenize(text));

  const groups: QueryGroup[] = [];
  const excluded: QueryNode[] = [];
  // OR only joins two positive neighbours; a leading, trailing or doubled OR is dropped.
  let orPending = false;
  let lastWasPositive = false;
  let last: Token | undefined;
  for (const token of tokens) {
    if (token.kind === 'or') {
      orPending = orPending || lastWasPositive;
      continue;
    }
    last = token;
    if (token.excluded) {
      excluded.push(token.node);
      orPending = false;
      lastWasPositive = false;
      continue;
    }
    if (orPending && groups.length > 0) groups[groups.length - 1].push(token.node);
    else groups.push([token.node]);
    orPending = false;
    lastWasPositive = true;
  }

  // Search-as-you-type: a word still being typed (no trailing space or closing quote) is a prefix.
  if (
    !truncated &&
    last?.kind === 'node' &&
    !last.excluded &&
    !last.fromQuotes &&
    last.end === text.length &&
    ENDS_WITH_WORD_CHAR.test(text)
  ) {
    last.node.prefix = true;
  }

  const terms = [...new Set(groups.flat().flatMap(wordsOf).map(foldText))].filter((t) => t !== '');
  return { groups, excluded, isEmpty: groups.length === 0, terms };
}

/** Folds text for matching: compatibility-decomposed, accents stripped, lower-cased (`Séjourné` → `sejourne`). */
export function foldText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþıħŧ]/g, (c) => LETTER_FOLDS[c])
    .normalize('NFC');
}

// Letters that NFKD does not decompose but that readers type without the mark.
const LETTER_FOLDS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
};

/** Builds an FTS5 MATCH expression (every word double-quoted), or null when there is nothing to search. */
export function toFts5Match(q: ParsedQuery): string | null {
  if (q.isEmpty || q.groups.length === 0) return null;
  const positive = q.groups
    .map((group) => (group.length === 1 ? fts5Node(group[0]) : `(${group.map(fts5Node).join(' OR ')})`))
    .join(' AND ');
  if (q.excluded.length === 0) return positive;
  // FTS5's NOT is binary (no unary form), so exclusions hang off the whole positive expression.
  return `(${positive})` + q.excluded.map((node) => ` NOT ${fts5Node(node)}`).join('');
}

function fts5Node(node: QueryNode): string {
  // The query text goes through the same tokenizer as the index, so FTS5 itself folds case and accents.
  const quoted = `"${wordsOf(node).join(' ').replaceAll('"', '""')}"`;
  return node.prefix ? `${quoted}*` : quoted;
}

/** Builds input for to_tsquery('english', $1) over folded text, or null when nothing searchable is left. */
export function toPostgresTsquery(q: ParsedQuery): string | null {
  if (q.isEmpty) return null;
  const groups: string[] = [];
  for (const group of q.groups) {
    const alternatives = group.map(tsqueryNode).filter((s): s is string => s !== null);
    if (alternatives.length === 1) groups.push(alternatives[0]);
    else if (alternatives.length > 1) groups.push(`(${alternatives.join(' | ')})`);
  }
  // Words in scripts outside a-z fold to nothing here; if only those were typed there is no query.
  if (groups.length === 0) return null;
  const exclusions = q.excluded
    .map(tsqueryNode)
    .filter((s): s is string => s !== null)
    .map((s) => `!${s}`);
  return [...groups, ...exclusions].join(' & ');
}

function tsqueryNode(node: QueryNode): string | null {
  // Folding can split a word ("1½" → "1 1 2"), so phrase-ness is decided after folding.
  const parts = wordsOf(node).flatMap((word) => foldText(word).split(/[^a-z0-9]+/));
  const lexemes = parts.filter((p) => p !== '');
  if (lexemes.length === 0) return null;
  if (node.prefix) lexemes[lexemes.length - 1] += ':*';
  return lexemes.length === 1 ? lexemes[0] : `(${lexemes.join(' <-> ')})`;
}

function wordsOf(node: QueryNode): string[] {
  return node.kind === 'term' ? [node.word] : node.words;
}

function clean(s: string): string {
  return (
    s
      // Control characters (tab, newline, NUL) separate words; invisible format characters
      // (soft hyphen, zero-width space, BOM) are dropped from inside words.
      .replace(/\p{Cc}/gu, ' ')
      .replace(/\p{Cf}/gu, '')
      // Phones and word processors turn " into curly or angle quotes; they still mean a phrase.
      .replace(/[“”„‟«»＂]/g, '"')
      // Composed accents keep FTS5's unicode61 from splitting "Se\u0301journe\u0301" at the combining marks.
      .normalize('NFC')
  );
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const lastQuote = text.lastIndexOf('"');
  const balanced = (text.split('"').length - 1) % 2 === 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (SEPARATOR.test(ch)) {
      i++;
      continue;
    }
    let excluded = false;
    if (ch === '-') {
      let j = i;
      while (text[j] === '-') j++;
      if (j === text.length || SEPARATOR.test(text[j])) {
        i = j;
        continue;
      }
      excluded = true;
      i = j;
    }
    // An unmatched final quote is treated as a space, so `"climate chan` searches the words.
    const opensPhrase = text[i] === '"' && (balanced || i !== lastQuote);
    if (opensPhrase) {
      const close = text.indexOf('"', i + 1);
      const node = nodeFromWords(runsOf(text.slice(i + 1, close)));
      if (node) tokens.push({ kind: 'node', node, excluded, fromQuotes: true, end: close + 1 });
      i = close + 1;
      continue;
    }
    if (text[i] === '"') i++;
    let end = i;
    while (end < text.length && text[end] !== '"' && !SEPARATOR.test(text[end])) end++;
    const bare = text.slice(i, end);
    i = end;
    if (!excluded && bare === 'OR') {
      tokens.push({ kind: 'or' });
      continue;
    }
    // AND is what the words mean anyway; other FTS5 keywords (NOT, NEAR) are searched as words.
    if (!excluded && bare === 'AND') continue;
    const node = nodeFromWords(runsOf(bare));
    if (!node) continue;
    // A trailing `*` is the other way readers ask for a prefix ("counc*").
    if (/[\p{L}\p{N}\p{M}]\*+$/u.test(bare)) node.prefix = true;
    tokens.push({ kind: 'node', node, excluded, fromQuotes: false, end });
  }
  return tokens;
}

function runsOf(s: string): string[] {
  return (s.match(WORD_RUN) ?? []).filter((run) => HAS_LETTER_OR_DIGIT.test(run));
}

// Several runs in one bare word (`e-mail`, `U.S.`, `headline:foo`) become a phrase, which is how
// both FTS5 and PostgreSQL tokenize such a word in the article text.
function nodeFromWords(words: string[]): QueryNode | null {
  if (words.length === 0 || words.some((w) => w.length > MAX_WORD_CHARS)) return null;
  return words.length === 1
    ? { kind: 'term', word: words[0], prefix: false }
    : { kind: 'phrase', words, prefix: false };
}

function capWords(tokens: Token[]): Token[] {
  const kept: Token[] = [];
  let budget = MAX_QUERY_WORDS;
  for (const token of tokens) {
    if (token.kind === 'or') {
      kept.push(token);
      continue;
    }
    if (budget === 0) break;
    const words = wordsOf(token.node);
    if (words.length <= budget) {
      kept.push(token);
      budget -= words.length;
      continue;
    }
    // A phrase cut short still matches what the reader meant, only more broadly.
    const cut = nodeFromWords(words.slice(0, budget))!;
    kept.push({ ...token, node: cut, end: -1 });
    budget = 0;
  }
  return kept;
}
