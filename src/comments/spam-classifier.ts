/**
 * A local comment-spam classifier: multinomial naive Bayes with Laplace smoothing over words, word pairs,
 * link hosts and a few shape tokens, trained incrementally from moderators' decisions. Pure: its state is
 * a plain object the service stores as JSON.
 *
 * Each token counts once per comment (Boolean multinomial NB, the variant Metsis et al. 2006 found best
 * for spam): one comment that repeats "subscribe" forty times should not outvote forty comments.
 */

/** The two sides a moderator can put a comment on. */
export type SpamLabel = 'spam' | 'ham';

/** The serialised form of a classifier; `tokens` maps a token to how many [spam, ham] comments held it. */
export interface SpamClassifierState {
  version: 1;
  documents: { spam: number; ham: number };
  tokens: Record<string, [number, number]>;
}

/** A trainable spam classifier; every method is synchronous and touches only its own state. */
export interface SpamClassifier {
  /** Counts `text` as an example of `label` (a moderator marked it spam or approved it). */
  learn(text: string, label: SpamLabel): void;
  /** Takes back an earlier `learn(text, label)`, for when a moderator reverses a decision. */
  unlearn(text: string, label: SpamLabel): void;
  /** The probability, from 0 to 1, that `text` is spam; 0.5 until both sides have an example. */
  spamProbability(text: string): number;
  /** How many comments each side has learned from. */
  documentCounts(): { spam: number; ham: number };
  /** A copy of the state, ready for `JSON.stringify`. */
  toJSON(): SpamClassifierState;
}

/** Laplace's add-one: a token never seen with a label still gets a small, non-zero probability. */
export const SMOOTHING_ALPHA = 1;
// More links than this in one comment earns the 'has-many-links' token; one link is ordinary in news talk.
const MANY_LINKS = 3;
// Shouting is only judged on comments with enough letters to tell; "OK" or "BBC" is not shouting.
const SHOUT_MIN_LETTERS = 12;
const SHOUT_UPPER_SHARE = 0.7;
// Words longer than this are usually pasted hashes or encoded junk; one shape token stands for all of them.
const MAX_WORD_LENGTH = 30;

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"']+/giu;
// Bare "example.com/path" written without a scheme, the common way spammers dodge link filters.
const BARE_HOST_RE =
  /\b((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|net|org|info|biz|io|co|me|ly|tk|ru|br|uk|de|fr|pl|in|us|eu|tv|xyz|site|online|pn))\b(?:\/[^\s<>"']*)?/giu;
const EMAIL_RE = /\b[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}\b/gu;
const PHONE_RE = /(?:\+?\d[\d\s().-]{8,}\d)/g;
const WORD_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const REPEAT_RE = /(.)\1{5,}/u;
const EXCLAIM_RE = /[!?]{3,}/;

/** The host of a URL or bare address, lower-cased and without a leading "www.", or null if none. */
export function linkHost(link: string): string | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(link) ? link : `http://${link}`;
  try {
    const host = new URL(withScheme).hostname.toLowerCase().replace(/^www\./, '');
    return host.includes('.') ? host : null;
  } catch {
    return null;
  }
}

/** The links in `text`: full URLs, "www." addresses and bare host names with a common suffix. */
export function findLinks(text: string): string[] {
  const links = [...text.matchAll(URL_RE)].map((m) => m[0]);
  const rest = text.replace(URL_RE, ' ').replace(EMAIL_RE, ' ');
  for (const m of rest.matchAll(BARE_HOST_RE)) links.push(m[0]);
  return links;
}

/**
 * The tokens naive Bayes counts for `text`: lower-cased words, adjacent word pairs ("check_out"),
 * `host:` tokens for every link (full host and its last two labels), and `meta:` shape tokens.
 */
export function tokenizeComment(text: string): string[] {
  // NFKC folds full-width and styled letters ("ｈｔｔｐ") into the plain ones they imitate.
  const normalised = text.normalize('NFKC');
  const tokens: string[] = [];

  const links = findLinks(normalised);
  for (const link of links) {
    const host = linkHost(link);
    if (!host) continue;
    tokens.push(`host:${host}`);
    const labels = host.split('.');
    if (labels.length > 2) tokens.push(`host:${labels.slice(-2).join('.')}`);
  }
  if (links.length > 0) tokens.push('meta:has-link');
  if (links.length > MANY_LINKS) tokens.push('meta:has-many-links');

  // `search` rather than `test`: these patterns are global, and `test` would carry lastIndex between calls.
  let prose = normalised.replace(URL_RE, ' ');
  if (prose.search(EMAIL_RE) >= 0) tokens.push('meta:has-email');
  prose = prose.replace(EMAIL_RE, ' ').replace(BARE_HOST_RE, ' ');
  if (prose.search(PHONE_RE) >= 0) tokens.push('meta:has-phone-number');

  const letters = prose.replace(/\P{L}/gu, '').length;
  const upper = prose.replace(/\P{Lu}/gu, '').length;
  if (letters >= SHOUT_MIN_LETTERS && upper / letters >= SHOUT_UPPER_SHARE)
    tokens.push('meta:all-caps-shout');
  if (EXCLAIM_RE.test(prose)) tokens.push('meta:many-exclamations');
  if (REPEAT_RE.test(prose)) tokens.push('meta:repeated-characters');

  let previous: string | null = null;
  let wordCount = 0;
  for (const m of prose.toLowerCase().matchAll(WORD_RE)) {
    const word = m[0].length > MAX_WORD_LENGTH ? 'meta:very-long-word' : m[0];
    tokens.push(word);
    if (previous) tokens.push(`${previous}_${word}`);
    previous = word;
    wordCount++;
  }
  if (wordCount <= 3) tokens.push('meta:very-short');
  else if (wordCount >= 80) tokens.push('meta:very-long');
  return tokens;
}

/** A fresh classifier, or one restored from `state` (as returned by `toJSON` or `parseSpamClassifierState`). */
export function createSpamClassifier(state?: SpamClassifierState): SpamClassifier {
  const documents = { spam: state?.documents.spam ?? 0, ham: state?.documents.ham ?? 0 };
  const counts = new Map<string, [number, number]>();
  const totals: [number, number] = [0, 0];
  for (const [token, [spam, ham]] of Object.entries(state?.tokens ?? {})) {
    counts.set(token, [spam, ham]);
    totals[0] += spam;
    totals[1] += ham;
  }

  function adjust(text: string, label: SpamLabel, delta: 1 | -1): void {
    const side = label === 'spam' ? 0 : 1;
    if (delta < 0 && documents[label] === 0) return;
    documents[label] += delta;
    for (const token of new Set(tokenizeComment(text))) {
      let pair = counts.get(token);
      if (!pair) {
        // Unlearning a token we never counted (the text was edited since) must not go negative.
        if (delta < 0) continue;
        pair = [0, 0];
        counts.set(token, pair);
      }
      if (delta < 0 && pair[side] === 0) continue;
      pair[side] += delta;
      totals[side] += delta;
      if (pair[0] === 0 && pair[1] === 0) counts.delete(token);
    }
  }

  return {
    learn(text, label) {
      adjust(text, label, 1);
    },
    unlearn(text, label) {
      adjust(text, label, -1);
    },
    spamProbability(text) {
      if (documents.spam === 0 || documents.ham === 0) return 0.5;
      const vocabulary = counts.size;
      const allDocuments = documents.spam + documents.ham;
      let logOdds =
        Math.log((documents.spam + 1) / (allDocuments + 2)) -
        Math.log((documents.ham + 1) / (allDocuments + 2));
      const spamDenominator = totals[0] + SMOOTHING_ALPHA * vocabulary;
      const hamDenominator = totals[1] + SMOOTHING_ALPHA * vocabulary;
      for (const token of new Set(tokenizeComment(text))) {
        const pair = counts.get(token);
        // A token neither side has seen says nothing about either; skipping it keeps short texts calm.
        if (!pair) continue;
        logOdds +=
          Math.log((pair[0] + SMOOTHING_ALPHA) / spamDenominator) -
          Math.log((pair[1] + SMOOTHING_ALPHA) / hamDenominator);
      }
      return 1 / (1 + Math.exp(-logOdds));
    },
    documentCounts() {
      return { ...documents };
    },
    toJSON() {
      const tokens: Record<string, [number, number]> = {};
      for (const [token, [spam, ham]] of counts) tokens[token] = [spam, ham];
      return { version: 1, documents: { ...documents }, tokens };
    },
  };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** Checks that `value` (parsed JSON from the database) is a classifier state; throws naming the bad field. */
export function parseSpamClassifierState(value: unknown): SpamClassifierState {
  if (typeof value !== 'object' || value === null) throw new Error('spam classifier state: not an object');
  const record = value as Record<string, unknown>;
  if (record.version !== 1) throw new Error('spam classifier state: version must be 1');
  const documents = record.documents as Record<string, unknown> | null | undefined;
  if (
    typeof documents !== 'object' ||
    documents === null ||
    !isCount(documents.spam) ||
    !isCount(documents.ham)
  ) {
    throw new Error('spam classifier state: documents must hold spam and ham counts');
  }
  const tokens = record.tokens;
  if (typeof tokens !== 'object' || tokens === null || Array.isArray(tokens)) {
    throw new Error('spam classifier state: tokens must be an object');
  }
  const parsed: Record<string, [number, number]> = {};
  for (const [token, pair] of Object.entries(tokens)) {
    if (!Array.isArray(pair) || pair.length !== 2 || !isCount(pair[0]) || !isCount(pair[1])) {
      throw new Error(`spam classifier state: tokens[${JSON.stringify(token)}] must be [spam, ham] counts`);
    }
    parsed[token] = [pair[0], pair[1]];
  }
  return { version: 1, documents: { spam: documents.spam, ham: documents.ham }, tokens: parsed };
}
