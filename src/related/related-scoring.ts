/**
 * The pure arithmetic of relatedness: field-weighted, saturated term frequencies (BM25F), inverse
 * document frequency, tag overlap, a preference for stories published close together, and how
 * the signals combine into one score.
 */
import type { RelatedDocument, ScoreComponents } from './related.js';
import type { Tokenizer } from './tokenize.js';

/** How much one occurrence counts in each field: a headline word says more than a body word. */
export const FIELD_WEIGHTS = { headline: 2, dek: 1.5, body: 1 } as const;
/** BM25 saturation (upper end of the usual 1.2–2): the tenth mention of a word adds less than the second. */
export const SATURATION_K1 = 2;
/** Weight of tag overlap against content similarity (both 0–1). */
export const TAG_WEIGHT = 0.3;
/** Weight of a shared category; small, because a category holds many unrelated stories. */
export const CATEGORY_WEIGHT = 0.05;
/** The recency multiplier never drops below this, so an old story that is far closer still wins. */
export const RECENCY_FLOOR = 0.8;
/** Days after which the recency bonus has halved. */
export const RECENCY_HALF_LIFE_DAYS = 180;

const MS_PER_DAY = 86_400_000;

/** The weighted term frequencies of one document, with a readable label per term. */
export interface TermFrequencies {
  frequencies: Map<string, number>;
  labels: Map<string, string>;
}

/** Counts the terms of headline, dek and body with their field weights. */
export function termFrequencies(doc: RelatedDocument, tokenizer: Tokenizer): TermFrequencies {
  const frequencies = new Map<string, number>();
  const labels = new Map<string, string>();
  const count = (text: string, weight: number) => {
    tokenizer.forEachToken(text, (term, _kind, surface) => {
      const previous = frequencies.get(term);
      if (previous === undefined) {
        frequencies.set(term, weight);
        labels.set(term, surface);
      } else {
        frequencies.set(term, previous + weight);
      }
    });
  };
  count(doc.headline, FIELD_WEIGHTS.headline);
  count(doc.dek, FIELD_WEIGHTS.dek);
  count(doc.bodyText, FIELD_WEIGHTS.body);
  return { frequencies, labels };
}

/** BM25's saturating transform of a (weighted) term frequency. */
export function saturate(frequency: number): number {
  return (frequency * (SATURATION_K1 + 1)) / (frequency + SATURATION_K1);
}

/**
 * Smoothed inverse document frequency of a term found in `df` of `n` documents, at least 1.
 * The "+1" (as in scikit-learn and Lucene's classic similarity) keeps common topical words in
 * play. A pair's dot product uses it once per shared term, as BM25 does for a query, not squared
 * as a TF-IDF cosine does: squared, one rare name shared by two stories outweighs everything else.
 */
export function inverseDocumentFrequency(df: number, n: number): number {
  return 1 + Math.log((n + 1) / (df + 1));
}

/** Cosine overlap of two sorted, duplicate-free tag-id lists, 0–1. */
export function tagOverlap(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length === 0 || b.length === 0) return 0;
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) {
      i++;
    } else {
      j++;
    }
  }
  return shared / Math.sqrt(a.length * b.length);
}

/** The multiplier for two stories published `gapMs` apart: 1 on the same day, falling to the floor. */
export function recencyFactor(gapMs: number): number {
  const gapDays = Math.abs(gapMs) / MS_PER_DAY;
  return RECENCY_FLOOR + (1 - RECENCY_FLOOR) * 0.5 ** (gapDays / RECENCY_HALF_LIFE_DAYS);
}

// Scores are rounded so that the same pair scores identically however the index was built
// (floating-point sums taken in a different term order can differ in the last bit).
const SCORE_PRECISION = 1e9;

function rounded(value: number): number {
  return Math.round(value * SCORE_PRECISION) / SCORE_PRECISION;
}

/** Combines the signals into the ranking score; symmetric in the two articles. */
export function combineScores(
  content: number,
  tags: number,
  sameCategory: boolean,
  gapMs: number,
): ScoreComponents {
  const category = sameCategory ? 1 : 0;
  const recency = recencyFactor(gapMs);
  const total = (content + TAG_WEIGHT * tags + CATEGORY_WEIGHT * category) * recency;
  return {
    content: rounded(content),
    tags: rounded(tags),
    category,
    recency: rounded(recency),
    total: rounded(total),
  };
}
