/**
 * Turns headline, dek and body text into index terms: lower-cased, stemmed words without stop words
 * or numbers, and capitalised multi-word names ("Bank of England") kept whole as one entity term.
 */
import { porterStem } from '../text/porter-stemmer.js';
import { BOILERPLATE_PATTERNS, primaryLanguage, stopWordsFor } from './stop-words.js';

/** Whether a term is a single word or a multi-word name. */
export type TokenKind = 'word' | 'entity';

/** Receives each term in reading order with its kind and the readable form it came from. */
export type TokenVisitor = (term: string, kind: TokenKind, surface: string) => void;

/** A tokenizer for one language; it memoises stems, so keep one per index rather than per call. */
export interface Tokenizer {
  /** Calls `visit` for every term of `text`, in reading order. */
  forEachToken(text: string, visit: TokenVisitor): void;
  /** The terms of `text`, in reading order. */
  tokenize(text: string): string[];
}

// Longer capitalised runs are more often Title Case prose than one name.
const MAX_ENTITY_WORDS = 5;
// Lower-case words allowed inside a name: "Bank of England", "Charles de Gaulle".
const NAME_CONNECTORS = new Set([
  'of',
  'de',
  'du',
  'da',
  'del',
  'della',
  'der',
  'van',
  'von',
  'la',
  'le',
  'al',
  'bin',
]);
// Titles in front of a name are dropped so "President Robert Staubli" and "Robert Staubli" meet.
const NAME_TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'prof',
  'professor',
  'sir',
  'dame',
  'lord',
  'lady',
  'president',
  'vice',
  'chairman',
  'chairwoman',
  'chief',
  'prime',
  'minister',
  'secretary',
  'senator',
  'sen',
  'rep',
  'governor',
  'gov',
  'mayor',
  'judge',
  'justice',
  'king',
  'queen',
  'prince',
  'princess',
  'pope',
  'general',
  'gen',
  'coach',
  'manager',
  'director',
  'spokesman',
  'spokeswoman',
  'analyst',
  'economist',
]);
// Legal-form suffixes say nothing about which company: "Hanson Trust Plc" and "Hanson Trust" meet.
const COMPANY_SUFFIXES = new Set([
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'ltd',
  'limited',
  'plc',
  'llc',
  'lp',
  'sa',
  'ag',
  'nv',
  'bv',
  'gmbh',
  'spa',
  'ab',
  'oy',
  'as',
  'asa',
  'kk',
]);

const TOKEN_RE =
  /((?:\p{L}\.){2,})|([\p{L}\p{N}]+(?:['’&\-.][\p{L}\p{N}]+)*)|([.,;:!?()"“”«»[\]{}<>|/–—]|\s-\s)/gu;
const CAPITALISED_RE = /^\p{Lu}/u;
const HAS_LETTER_RE = /\p{L}/u;
const ASCII_WORD_RE = /^[a-z]+$/;
const POSSESSIVE_RE = /['’]s?$/;
// Case is judged on the opening of a text: enough to spot an all-caps wire story or a Title Case
// headline, and cheap on long bodies.
const CAPS_SAMPLE_CHARS = 2000;
const TITLE_CASE_SAMPLE_CHARS = 300;
const UPPER_RE = /\p{Lu}/u;
const LETTER_RE = /\p{L}/u;

function isCapitalised(word: string): boolean {
  const code = word.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90;
  return CAPITALISED_RE.test(word);
}

function hasLetter(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) return true;
    if (code >= 128) return HAS_LETTER_RE.test(word);
  }
  return false;
}

/** True when capital letters carry no information: ALL-CAPS text or a Title Case headline. */
export function isCaseless(text: string, stopWords: ReadonlySet<string> = stopWordsFor('en')): boolean {
  let letters = 0;
  let upper = 0;
  const capsEnd = Math.min(text.length, CAPS_SAMPLE_CHARS);
  for (let i = 0; i < capsEnd; i++) {
    const code = text.charCodeAt(i);
    if (code >= 97 && code <= 122) letters++;
    else if (code >= 65 && code <= 90) {
      letters++;
      upper++;
    } else if (code >= 128) {
      const char = text[i]!;
      if (UPPER_RE.test(char)) upper++;
      if (LETTER_RE.test(char)) letters++;
    }
  }
  if (letters >= 6 && upper / letters > 0.6) return true;
  // Title Case: nearly every content word after the first is capitalised. Only the first
  // sentence is judged, as that is where a headline would be.
  const firstSentence = text.slice(0, TITLE_CASE_SAMPLE_CHARS).split(/[.!?](?:\s|$)/)[0]!;
  const words = firstSentence.split(/[^\p{L}\p{N}'’-]+/u).filter((w) => w !== '');
  let contentWords = 0;
  let capitalised = 0;
  for (const word of words.slice(1)) {
    if (word.length < 3 || stopWords.has(word.toLowerCase())) continue;
    contentWords++;
    if (CAPITALISED_RE.test(word)) capitalised++;
  }
  return contentWords >= 3 && capitalised / contentWords >= 0.9;
}

/** Removes credits, sign-offs and calls to action that many stories share word for word. */
export function stripBoilerplate(text: string): string {
  let out = text;
  for (const pattern of BOILERPLATE_PATTERNS) out = out.replace(pattern, ' ');
  return out;
}

/** Makes a tokenizer for a language tag; stemming applies to English only. */
export function createTokenizer(language: string): Tokenizer {
  const stopWords = stopWordsFor(language);
  const stems = new Map<string, string>();
  const isEnglish = primaryLanguage(language) === 'en';

  function stem(word: string): string {
    if (!isEnglish || !ASCII_WORD_RE.test(word)) return word;
    let stemmed = stems.get(word);
    if (stemmed === undefined) {
      stemmed = porterStem(word);
      stems.set(word, stemmed);
    }
    return stemmed;
  }

  function normalisedWord(surface: string): string {
    const lower = surface.toLowerCase();
    const last = lower.charCodeAt(lower.length - 1);
    // Only words ending in s, an apostrophe or a dot can need trimming ("port's", "U.S.").
    if (last !== 115 && last !== 39 && last !== 0x2019 && last !== 46) return lower;
    return lower.replace(POSSESSIVE_RE, '').replace(/\.$/, '');
  }

  function emitWord(surface: string, visit: TokenVisitor): void {
    const word = normalisedWord(surface);
    if (word.length < 2 || stopWords.has(word) || !hasLetter(word)) return;
    visit(stem(word), 'word', word);
  }

  function emitRun(run: string[], visit: TokenVisitor): void {
    let start = 0;
    let end = run.length;
    const lower = run.map(normalisedWord);
    while (start < end && stopWords.has(lower[start]!)) start++;
    while (end - start > 2 && NAME_TITLES.has(lower[start]!)) start++;
    while (end - start > 1 && COMPANY_SUFFIXES.has(lower[end - 1]!)) end--;
    const length = end - start;
    const allTitles = lower.slice(start, end).every((w) => NAME_TITLES.has(w) || NAME_CONNECTORS.has(w));
    if (length >= 2 && length <= MAX_ENTITY_WORDS && !allTitles) {
      for (let i = 0; i < start; i++) emitWord(run[i]!, visit);
      const name = lower.slice(start, end).join(' ');
      visit(name, 'entity', name);
    } else {
      for (let i = 0; i < end; i++) emitWord(run[i]!, visit);
    }
  }

  function forEachToken(text: string, visit: TokenVisitor): void {
    const clean = stripBoilerplate(text);
    const caseless = isCaseless(clean, stopWords);
    const run: string[] = [];
    let connector: string | null = null;
    const flush = () => {
      if (run.length > 0) emitRun(run, visit);
      run.length = 0;
      if (connector !== null) emitWord(connector, visit);
      connector = null;
    };
    TOKEN_RE.lastIndex = 0;
    for (let m = TOKEN_RE.exec(clean); m !== null; m = TOKEN_RE.exec(clean)) {
      const word = m[1] ?? m[2];
      if (word === undefined) {
        flush();
      } else if (caseless) {
        emitWord(word, visit);
      } else if (isCapitalised(word)) {
        if (connector !== null) run.push(connector);
        connector = null;
        run.push(word);
      } else if (run.length > 0 && connector === null && NAME_CONNECTORS.has(word)) {
        connector = word;
      } else {
        flush();
        emitWord(word, visit);
      }
    }
    flush();
  }

  return {
    forEachToken,
    tokenize(text) {
      const terms: string[] = [];
      forEachToken(text, (term) => terms.push(term));
      return terms;
    },
  };
}

/** The terms of `text` for a language; convenient for one-off use, see `createTokenizer`. */
export function tokenize(text: string, language: string): string[] {
  return createTokenizer(language).tokenize(text);
}
