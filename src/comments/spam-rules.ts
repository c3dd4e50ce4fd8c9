/**
 * Pure spam rules for a submitted comment: honeypot, speed, links, blocklists, duplicates, the
 * first-time-commenter policy and (optionally) the trained classifier, combined into one verdict.
 * Nothing here reads the database: the service gathers recent bodies and commenter history first.
 */
import type { SpamClassifier } from './spam-classifier.js';
import { findLinks } from './spam-classifier.js';

/** What happens to a comment: published, held in the moderation queue, or filed as spam. */
export type SpamVerdict = 'approve' | 'hold' | 'spam';

/** Which comments wait for a moderator regardless of content. */
export type FirstTimePolicy = 'approve-all' | 'hold-first-time' | 'hold-all';

/** Words, IP addresses and emails a newsroom has blocked; each list either holds or spams a match. */
export interface Blocklist {
  /** Words or phrases, matched case-insensitively as whole words. */
  words: readonly string[];
  /** Exact addresses, IPv4 CIDR ranges ("203.0.113.0/24") or prefixes ending in "." or ":". */
  ips: readonly string[];
  /** Exact addresses, or "@example.com" for a whole domain. */
  emails: readonly string[];
}

/** A newsroom's spam settings. */
export interface SpamSettings {
  policy: FirstTimePolicy;
  /** Form fill time under which a human is implausible. */
  minimumElapsedMs: number;
  /** More links than this holds the comment. */
  maxLinks: number;
  hold: Blocklist;
  spam: Blocklist;
  /** Classifier probability at or above which the comment is held. */
  classifierHoldAt: number;
  /** Classifier probability at or above which the comment is filed as spam. */
  classifierSpamAt: number;
}

/** Everything the rules look at for one submission. */
export interface SpamCheckInput {
  body: string;
  authorName: string;
  authorEmail: string;
  authorUrl?: string;
  authorIp: string;
  /** The hidden form field people never see, so never fill. */
  honeypot: string;
  /** Time between the form being served and posted. */
  elapsedMs: number;
  /** Whether this email has an approved comment already (looked up by the service). */
  isKnownCommenter: boolean;
  /** Recent comment bodies from the same email or IP (looked up by the service). */
  recentBodies: readonly string[];
}

/** A verdict and every reason that contributed to it: the spam reasons first, then the hold reasons. */
export interface SpamAssessment {
  verdict: SpamVerdict;
  reasons: string[];
}

/** An empty blocklist. */
export const EMPTY_BLOCKLIST: Blocklist = { words: [], ips: [], emails: [] };

/** Defaults a new site starts with. */
export const DEFAULT_SPAM_SETTINGS: SpamSettings = {
  policy: 'hold-first-time',
  // Reading an article and typing even a one-line reply takes longer than three seconds.
  minimumElapsedMs: 3000,
  maxLinks: 2,
  hold: EMPTY_BLOCKLIST,
  spam: EMPTY_BLOCKLIST,
  classifierHoldAt: 0.5,
  // Filing as spam hides a comment from the queue, so the classifier alone needs to be very sure.
  classifierSpamAt: 0.99,
};

// Near-duplicates need enough words to compare; "Great piece!" twice is not a campaign.
const DUPLICATE_MIN_WORDS = 5;
const DUPLICATE_MIN_OVERLAP = 0.9;

/** True when the hidden honeypot field came back with anything in it. */
export function isHoneypotFilled(honeypot: string): boolean {
  return honeypot.trim() !== '';
}

/** True when the form was posted sooner than a person could have written it. */
export function isSubmittedTooFast(elapsedMs: number, minimumElapsedMs: number): boolean {
  return !Number.isFinite(elapsedMs) || elapsedMs < minimumElapsedMs;
}

/** The number of links in `text`, counting bare "example.com" addresses. */
export function countLinks(text: string): number {
  return findLinks(text.normalize('NFKC')).length;
}

/** True when `text` carries more than `maxLinks` links. */
export function hasTooManyLinks(text: string, maxLinks: number): boolean {
  return countLinks(text) > maxLinks;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The blocked words or phrases found in `text`, as written in the blocklist. */
export function blockedWordsIn(text: string, words: readonly string[]): string[] {
  const haystack = text.normalize('NFKC').toLowerCase();
  return words.filter((word) => {
    const needle = word.normalize('NFKC').toLowerCase().trim();
    if (needle === '') return false;
    // Letter-or-digit lookarounds instead of \b, which only knows ASCII word characters.
    return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(needle)}(?![\\p{L}\\p{N}])`, 'u').test(haystack);
  });
}

function ipv4ToNumber(ip: string): number | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    value = value * 256 + Number(part);
  }
  return value;
}

/** True when `ip` equals `entry`, falls in its IPv4 CIDR range, or starts with a prefix ending "." or ":". */
export function ipMatches(ip: string, entry: string): boolean {
  const address = ip.trim().toLowerCase();
  const rule = entry.trim().toLowerCase();
  if (rule === '') return false;
  if (rule.includes('/')) {
    const [base, bitsText] = rule.split('/');
    const bits = Number(bitsText);
    const start = ipv4ToNumber(base);
    const value = ipv4ToNumber(address);
    if (start === null || value === null || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
    const size = 2 ** (32 - bits);
    return Math.floor(value / size) === Math.floor(start / size);
  }
  if (rule.endsWith('.') || rule.endsWith(':')) return address.startsWith(rule);
  return address === rule;
}

/** True when `email` equals `entry`, or `entry` is "@domain" and the email is at that domain. */
export function emailMatches(email: string, entry: string): boolean {
  const address = email.trim().toLowerCase();
  const rule = entry.trim().toLowerCase();
  if (rule === '') return false;
  return rule.startsWith('@') ? address.endsWith(rule) : address === rule;
}

/** Reasons ("blocked-word:casino", "blocked-ip:…", "blocked-email:…") the input matches `list`. */
export function blocklistReasons(
  input: Pick<SpamCheckInput, 'body' | 'authorName' | 'authorUrl' | 'authorEmail' | 'authorIp'>,
  list: Blocklist,
): string[] {
  const text = [input.authorName, input.authorUrl ?? '', input.body].join('\n');
  return [
    ...blockedWordsIn(text, list.words).map((word) => `blocked-word:${word}`),
    ...list.ips.filter((entry) => ipMatches(input.authorIp, entry)).map((entry) => `blocked-ip:${entry}`),
    ...list.emails
      .filter((entry) => emailMatches(input.authorEmail, entry))
      .map((entry) => `blocked-email:${entry}`),
  ];
}

/** The text the classifier judges and learns from: the body plus the author's URL, whose host often gives spam away. */
export function classifierTextFor(input: Pick<SpamCheckInput, 'body' | 'authorUrl'>): string {
  return input.authorUrl ? `${input.body}\n${input.authorUrl}` : input.body;
}

function comparableWords(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** True when `body` repeats one of `recentBodies`, ignoring case, spacing, punctuation and small edits. */
export function isDuplicateOfRecent(body: string, recentBodies: readonly string[]): boolean {
  const words = comparableWords(body);
  const joined = words.join(' ');
  if (joined === '') return false;
  const mine = new Set(words);
  return recentBodies.some((other) => {
    const theirs = comparableWords(other);
    if (theirs.join(' ') === joined) return true;
    if (words.length < DUPLICATE_MIN_WORDS || theirs.length < DUPLICATE_MIN_WORDS) return false;
    const theirSet = new Set(theirs);
    let shared = 0;
    for (const word of mine) if (theirSet.has(word)) shared++;
    return shared / (mine.size + theirSet.size - shared) >= DUPLICATE_MIN_OVERLAP;
  });
}

/**
 * Runs every rule and returns the strictest verdict any of them reached: spam beats hold beats approve.
 * Without a classifier (or before it has learned both sides) only the rules speak.
 */
export function assessComment(
  input: SpamCheckInput,
  settings: SpamSettings,
  classifier?: SpamClassifier,
): SpamAssessment {
  const spam: string[] = [];
  const hold: string[] = [];

  if (isHoneypotFilled(input.honeypot)) spam.push('honeypot-filled');
  spam.push(...blocklistReasons(input, settings.spam));
  // A repeat of one's own recent comment adds nothing: the first copy is already published or queued.
  if (isDuplicateOfRecent(input.body, input.recentBodies)) spam.push('duplicate-of-recent-comment');

  // Speed and links alone are weak evidence (fast typists, link-heavy corrections), so they only hold.
  if (isSubmittedTooFast(input.elapsedMs, settings.minimumElapsedMs)) hold.push('submitted-too-fast');
  if (hasTooManyLinks(input.body, settings.maxLinks)) hold.push('too-many-links');
  hold.push(...blocklistReasons(input, settings.hold));

  if (classifier) {
    const counts = classifier.documentCounts();
    if (counts.spam > 0 && counts.ham > 0) {
      const probability = classifier.spamProbability(classifierTextFor(input));
      const reason = `classifier:${probability.toFixed(3)}`;
      if (probability >= settings.classifierSpamAt) spam.push(reason);
      else if (probability >= settings.classifierHoldAt) hold.push(reason);
    }
  }

  if (settings.policy === 'hold-all') hold.push('policy:hold-all');
  else if (settings.policy === 'hold-first-time' && !input.isKnownCommenter)
    hold.push('policy:first-time-commenter');

  const verdict: SpamVerdict = spam.length > 0 ? 'spam' : hold.length > 0 ? 'hold' : 'approve';
  return { verdict, reasons: [...spam, ...hold] };
}
