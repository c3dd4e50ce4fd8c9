/**
 * The read side of one language's related-articles index: the arrays it is stored in and the
 * two-stage ranking over them. It is shared by the index (which also mutates the arrays) and the
 * rebuild workers (which only read them, and write kept lists for the articles they are given).
 *
 * Articles loaded by a rebuild live in flat "base" arrays (compressed sparse rows: one offsets
 * array, one values array) on SharedArrayBuffers, so workers read them without a copy. Articles
 * published afterwards live in small per-article "delta" arrays until the next compaction.
 */

import type { RelatedListEntry, ScoreComponents } from './related.js';
import { combineScores, inverseDocumentFrequency, tagOverlap } from './related-scoring.js';

/** Everything a worker needs to rank base articles; every typed array is on a SharedArrayBuffer. */
export interface RankingArrays {
  listSize: number;
  liveCount: number;
  baseCount: number;
  df: Int32Array;
  /** Position of each term in the sorted list of all terms: the tie-break between equal terms. */
  termRank: Int32Array;
  docOffsets: Int32Array;
  docTerms: Int32Array;
  docWeights: Float32Array;
  postOffsets: Int32Array;
  postSlots: Int32Array;
  postWeights: Float32Array;
  tagOffsets: Int32Array;
  tagIds: Int32Array;
  alive: Uint8Array;
  articleIds: Float64Array;
  publishedMs: Float64Array;
  categoryIds: Float64Array;
  groups: Int32Array;
  listIds: Float64Array;
  listScores: Float64Array;
  listLength: Uint8Array;
}

/** One article as a ranking query: an indexed slot or an unsaved document. */
export interface QueryVector {
  /** -1 for a document that is not indexed. */
  slot: number;
  articleId: number;
  termIds: Int32Array;
  weights: Float32Array;
  /** Sum of squared weights of terms the index has never seen (they still lengthen the vector). */
  unknownWeightSq: number;
  tags: Int32Array;
  categoryId: number;
  publishedMs: number;
  group: number;
}

/** A candidate with its exact score and its place in the candidate pool. */
export interface Scored {
  slot: number;
  articleId: number;
  poolRank: number;
  components: ScoreComponents;
}

// The exact stage scores at least this many candidates, and four per requested result.
const MIN_POOL = 40;
const POOL_PER_RESULT = 4;
// Postings entries the candidate pass may read per query: it bounds the cost of common terms.
// On 30,000 generated articles a budget of 20,000 finds 96.5% of what an unbounded pass finds.
const POSTINGS_BUDGET = 20_000;

/** How many candidates the exact stage scores for `k` results. */
export function poolSize(k: number): number {
  return Math.max(MIN_POOL, k * POOL_PER_RESULT);
}

type SharedArrayKind<T> = { new (buffer: SharedArrayBuffer): T; readonly BYTES_PER_ELEMENT: number };

/** A zeroed typed array on a SharedArrayBuffer, so rebuild workers can read it without a copy. */
export function sharedArray<T>(kind: SharedArrayKind<T>, length: number): T {
  return new kind(new SharedArrayBuffer(Math.max(1, length) * kind.BYTES_PER_ELEMENT));
}

/** A copy of `array` with room for `size` elements (doubling), on a SharedArrayBuffer. */
export function grownShared<T extends Int32Array | Float32Array | Float64Array | Uint8Array>(
  array: T,
  size: number,
  fill = 0,
): T {
  if (array.length >= size) return array;
  const next = sharedArray(array.constructor as SharedArrayKind<T>, Math.max(size, array.length * 2, 16));
  next.set(array);
  if (fill !== 0) next.fill(fill, array.length);
  return next;
}

function grownLocal<T extends Int32Array | Float32Array | Float64Array>(array: T, size: number, fill = 0): T {
  if (array.length >= size) return array;
  const next = new (array.constructor as new (n: number) => T)(Math.max(size, array.length * 2, 16));
  next.set(array);
  if (fill !== 0) next.fill(fill, array.length);
  return next;
}

/** Ranks articles of one language over the index arrays; see the file comment. */
export class RankingCore implements RankingArrays {
  liveCount = 0;
  baseCount = 0;
  slotCount = 0;
  df = sharedArray(Int32Array, 0);
  termRank = sharedArray(Int32Array, 0);
  docOffsets = sharedArray(Int32Array, 1);
  docTerms = sharedArray(Int32Array, 0);
  docWeights = sharedArray(Float32Array, 0);
  postOffsets = sharedArray(Int32Array, 1);
  postSlots = sharedArray(Int32Array, 0);
  postWeights = sharedArray(Float32Array, 0);
  tagOffsets = sharedArray(Int32Array, 1);
  tagIds = sharedArray(Int32Array, 0);
  alive = sharedArray(Uint8Array, 0);
  articleIds = sharedArray(Float64Array, 0);
  publishedMs = sharedArray(Float64Array, 0);
  categoryIds = sharedArray(Float64Array, 0);
  groups = sharedArray(Int32Array, 0);
  listIds = sharedArray(Float64Array, 0);
  listScores = sharedArray(Float64Array, 0);
  listLength = sharedArray(Uint8Array, 0);

  // Articles published since the last rebuild or compaction: slots from baseCount upwards.
  protected deltaTerms: Int32Array[] = [];
  protected deltaWeights: Float32Array[] = [];
  protected deltaTags: Int32Array[] = [];
  protected deltaPostSlots: (Int32Array | undefined)[] = [];
  protected deltaPostWeights: (Float32Array | undefined)[] = [];
  protected deltaPostLength = new Int32Array(0);

  // Bumped on every change of document frequencies; cached vector norms hold for one version.
  protected version = 0;

  // Scratch and caches, private to each thread.
  private idfValue = new Float64Array(0);
  private idfForN = new Int32Array(0);
  private idfForDf = new Int32Array(0);
  private normValue = new Float64Array(0);
  private normVersion = new Float64Array(0);
  // Partial scores of the candidate pass. Dead slots hold -Infinity so the hot loop needs no
  // liveness test: adding to -Infinity keeps it there, and it is never 0, so never "touched".
  protected accumulator = new Float64Array(0);
  private touched = new Int32Array(0);
  // The query's IDF-weighted terms scattered by term id while a ranking runs, else all zero.
  private queryWeight = new Float64Array(0);

  constructor(readonly listSize: number) {}

  /** Orders two term ids for tie-breaks by the terms' text, so no order depends on history. */
  protected compareTerms(a: number, b: number): number {
    return this.termRank[a]! - this.termRank[b]!;
  }

  /** Takes over arrays from another thread (a rebuild worker's view of the index). */
  adopt(arrays: RankingArrays): void {
    Object.assign(this, arrays);
    this.slotCount = arrays.baseCount;
  }

  /** The term ids of a slot, ascending. */
  termsOf(slot: number): Int32Array {
    return slot < this.baseCount
      ? this.docTerms.subarray(this.docOffsets[slot]!, this.docOffsets[slot + 1]!)
      : this.deltaTerms[slot - this.baseCount]!;
  }

  /** The normalised term weights of a slot, parallel to `termsOf`. */
  weightsOf(slot: number): Float32Array {
    return slot < this.baseCount
      ? this.docWeights.subarray(this.docOffsets[slot]!, this.docOffsets[slot + 1]!)
      : this.deltaWeights[slot - this.baseCount]!;
  }

  /** The tag ids of a slot, ascending. */
  tagsOf(slot: number): Int32Array {
    return slot < this.baseCount
      ? this.tagIds.subarray(this.tagOffsets[slot]!, this.tagOffsets[slot + 1]!)
      : this.deltaTags[slot - this.baseCount]!;
  }

  queryOfSlot(slot: number): QueryVector {
    return {
      slot,
      articleId: this.articleIds[slot]!,
      termIds: this.termsOf(slot),
      weights: this.weightsOf(slot),
      unknownWeightSq: 0,
      tags: this.tagsOf(slot),
      categoryId: this.categoryIds[slot]!,
      publishedMs: this.publishedMs[slot]!,
      group: this.groups[slot]!,
    };
  }

  /** The slot of an indexed article, or -1; the index overrides this with its map. */
  slotOf(_articleId: number): number {
    return -1;
  }

  /** Scores the candidate pool of a query exactly; best first. */
  rank(query: QueryVector, pool: number): Scored[] {
    this.ensureScratch();
    const slots = this.candidatePool(query, pool);
    const queryNorm = this.queryNorm(query);
    for (let i = 0; i < query.termIds.length; i++) {
      this.queryWeight[query.termIds[i]!] = this.idf(query.termIds[i]!) * query.weights[i]!;
    }
    const scored: Scored[] = [];
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      scored.push({
        slot,
        articleId: this.articleIds[slot]!,
        poolRank: i,
        components: this.scorePair(query, queryNorm, slot),
      });
    }
    for (let i = 0; i < query.termIds.length; i++) this.queryWeight[query.termIds[i]!] = 0;
    return scored.sort((a, b) => b.components.total - a.components.total || a.articleId - b.articleId);
  }

  /** The best `k` of a ranking, counting only the pool a `k`-sized query would have had. */
  best(ranked: Scored[], k: number): Scored[] {
    const limit = poolSize(k);
    return ranked.filter((s) => s.poolRank < limit).slice(0, k);
  }

  /** Stores a slot's kept list; true when it changed. */
  writeList(slot: number, best: Scored[]): boolean {
    const base = slot * this.listSize;
    let changed = this.listLength[slot] !== best.length;
    best.forEach((s, i) => {
      if (this.listIds[base + i] !== s.articleId || this.listScores[base + i] !== s.components.total)
        changed = true;
      this.listIds[base + i] = s.articleId;
      this.listScores[base + i] = s.components.total;
    });
    this.listLength[slot] = best.length;
    return changed;
  }

  /** Recomputes a slot's kept list from scratch; true when it changed. */
  recomputeList(slot: number): boolean {
    const k = this.listSize;
    return this.writeList(slot, this.best(this.rank(this.queryOfSlot(slot), poolSize(k)), k));
  }

  /** Whether a candidate scoring `score` would enter the slot's kept list. */
  wouldEnterList(slot: number, score: number): boolean {
    const length = this.listLength[slot]!;
    return length < this.listSize || score >= this.listScores[slot * this.listSize + length - 1]!;
  }

  listOf(slot: number): RelatedListEntry[] {
    const base = slot * this.listSize;
    return Array.from({ length: this.listLength[slot]! }, (_, i) => ({
      articleId: this.listIds[base + i]!,
      score: this.listScores[base + i]!,
    }));
  }

  /** The shared terms of a query and a slot with their contributions, largest first. */
  sharedTerms(query: QueryVector, slot: number): { termId: number; contribution: number }[] {
    const shared: { termId: number; contribution: number }[] = [];
    const termIds = this.termsOf(slot);
    const weights = this.weightsOf(slot);
    for (let i = 0, j = 0; i < query.termIds.length && j < termIds.length; ) {
      const a = query.termIds[i]!;
      const b = termIds[j]!;
      if (a === b) {
        shared.push({ termId: a, contribution: this.idf(a) * query.weights[i]! * weights[j]! });
        i++;
        j++;
      } else if (a < b) {
        i++;
      } else {
        j++;
      }
    }
    return shared.sort((x, y) => y.contribution - x.contribution || this.compareTerms(x.termId, y.termId));
  }

  protected idf(termId: number): number {
    const n = this.liveCount;
    const df = this.df[termId]!;
    if (this.idfForN[termId] === n && this.idfForDf[termId] === df) return this.idfValue[termId]!;
    const value = inverseDocumentFrequency(df, n);
    this.idfValue[termId] = value;
    this.idfForN[termId] = n;
    this.idfForDf[termId] = df;
    return value;
  }

  /** Forgets slot-indexed scratch after slots were renumbered. */
  protected resetScratch(): void {
    this.accumulator = new Float64Array(0);
    this.normVersion = new Float64Array(0);
    this.normValue = new Float64Array(0);
  }

  private ensureScratch(): void {
    const terms = this.df.length;
    if (this.idfValue.length < terms) {
      this.idfValue = grownLocal(this.idfValue, terms);
      this.idfForN = grownLocal(this.idfForN, terms, -1);
      this.idfForDf = grownLocal(this.idfForDf, terms, -1);
      this.queryWeight = grownLocal(this.queryWeight, terms);
    }
    const slots = this.slotCount;
    if (this.accumulator.length < slots) {
      const from = this.accumulator.length;
      this.accumulator = grownLocal(this.accumulator, slots);
      for (let slot = from; slot < this.accumulator.length; slot++) {
        this.accumulator[slot] = slot < slots && this.alive[slot] ? 0 : Number.NEGATIVE_INFINITY;
      }
      this.touched = new Int32Array(this.accumulator.length);
      this.normValue = grownLocal(this.normValue, slots);
      this.normVersion = grownLocal(this.normVersion, slots, -1);
    }
  }

  private norm(slot: number): number {
    if (this.normVersion[slot] === this.version) return this.normValue[slot]!;
    const termIds = this.termsOf(slot);
    const weights = this.weightsOf(slot);
    let sumSq = 0;
    for (let i = 0; i < termIds.length; i++) sumSq += this.idf(termIds[i]!) * weights[i]! * weights[i]!;
    const value = Math.sqrt(sumSq);
    this.normValue[slot] = value;
    this.normVersion[slot] = this.version;
    return value;
  }

  private queryNorm(query: QueryVector): number {
    if (query.slot >= 0) return this.norm(query.slot);
    let sumSq = 0;
    for (let i = 0; i < query.termIds.length; i++) {
      sumSq += this.idf(query.termIds[i]!) * query.weights[i]! * query.weights[i]!;
    }
    return Math.sqrt(sumSq + inverseDocumentFrequency(0, this.liveCount) * query.unknownWeightSq);
  }

  private scorePair(query: QueryVector, queryNorm: number, slot: number): ScoreComponents {
    const termIds = this.termsOf(slot);
    const weights = this.weightsOf(slot);
    const queryWeight = this.queryWeight;
    let dot = 0;
    for (let j = 0; j < termIds.length; j++) dot += queryWeight[termIds[j]!]! * weights[j]!;
    const denominator = queryNorm * this.norm(slot);
    const content = denominator > 0 ? dot / denominator : 0;
    return combineScores(
      content,
      tagOverlap(query.tags, this.tagsOf(slot)),
      query.categoryId === this.categoryIds[slot],
      query.publishedMs - this.publishedMs[slot]!,
    );
  }

  /** Cheap first stage: partial dot products over the query's strongest terms, within a budget. */
  private candidatePool(query: QueryVector, pool: number): Int32Array {
    const termCount = query.termIds.length;
    const strength = new Float64Array(termCount);
    for (let i = 0; i < termCount; i++) strength[i] = this.idf(query.termIds[i]!) * query.weights[i]!;
    const order = Array.from({ length: termCount }, (_, i) => i);
    order.sort(
      (a, b) => strength[b]! - strength[a]! || this.compareTerms(query.termIds[a]!, query.termIds[b]!),
    );

    const acc = this.accumulator;
    const touched = this.touched;
    let touchedCount = 0;
    let budget = POSTINGS_BUDGET;
    // The article itself (or the indexed copy of an unsaved draft) must never be a candidate.
    const excluded = query.slot >= 0 ? query.slot : this.slotOf(query.articleId);
    const excludedCount = excluded >= 0 && query.slot >= 0 ? 1 : 0;
    if (excluded >= 0) acc[excluded] = Number.NEGATIVE_INFINITY;
    const basePostings = this.postOffsets.length - 1;
    for (const i of order) {
      const termId = query.termIds[i]!;
      const df = this.df[termId]!;
      // Deciding by document frequency (not by postings length, which counts dead entries)
      // keeps the walk independent of history.
      if (df - excludedCount <= 0 || df > budget) continue;
      budget -= df;
      const factor = this.idf(termId) * query.weights[i]!;
      if (termId < basePostings) {
        const slots = this.postSlots;
        const weights = this.postWeights;
        for (let p = this.postOffsets[termId]!, end = this.postOffsets[termId + 1]!; p < end; p++) {
          const slot = slots[p]!;
          if (acc[slot] === 0) touched[touchedCount++] = slot;
          acc[slot]! += factor * weights[p]!;
        }
      }
      const deltaSlots = this.deltaPostSlots[termId];
      if (deltaSlots !== undefined) {
        const weights = this.deltaPostWeights[termId]!;
        for (let p = 0, end = this.deltaPostLength[termId]!; p < end; p++) {
          const slot = deltaSlots[p]!;
          if (acc[slot] === 0) touched[touchedCount++] = slot;
          acc[slot]! += factor * weights[p]!;
        }
      }
    }

    const heap = new TopSlots(pool, acc, this.articleIds);
    const group = query.group;
    for (let t = 0; t < touchedCount; t++) {
      const slot = touched[t]!;
      if (acc[slot]! < heap.floor) continue;
      if (group < 0 || this.groups[slot] !== group) heap.offer(slot);
    }
    const result = heap.sorted();
    for (let t = 0; t < touchedCount; t++) acc[touched[t]!] = 0;
    if (excluded >= 0) acc[excluded] = 0;
    return result;
  }
}

/** A bounded min-heap keeping the slots with the highest partial score (ties: lower article id). */
class TopSlots {
  private readonly slots: Int32Array;
  private size = 0;

  constructor(
    private readonly capacity: number,
    private readonly score: Float64Array,
    private readonly articleIds: Float64Array,
  ) {
    this.slots = new Int32Array(capacity);
  }

  /** A score below this cannot enter; a score equal to it may, on the article-id tie-break. */
  get floor(): number {
    return this.size < this.capacity ? Number.NEGATIVE_INFINITY : this.score[this.slots[0]!]!;
  }

  offer(slot: number): void {
    if (this.size < this.capacity) {
      this.slots[this.size] = slot;
      this.siftUp(this.size++);
    } else if (this.capacity > 0 && this.isBetter(slot, this.slots[0]!)) {
      this.slots[0] = slot;
      this.siftDown(0);
    }
  }

  sorted(): Int32Array {
    const result = this.slots.slice(0, this.size);
    return result.sort((a, b) => (this.isBetter(a, b) ? -1 : this.isBetter(b, a) ? 1 : 0));
  }

  private isBetter(a: number, b: number): boolean {
    const sa = this.score[a]!;
    const sb = this.score[b]!;
    return sa > sb || (sa === sb && this.articleIds[a]! < this.articleIds[b]!);
  }

  private siftUp(index: number): void {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.isBetter(this.slots[parent]!, this.slots[i]!)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(index: number): void {
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < this.size && this.isBetter(this.slots[worst]!, this.slots[left]!)) worst = left;
      if (right < this.size && this.isBetter(this.slots[worst]!, this.slots[right]!)) worst = right;
      if (worst === i) return;
      this.swap(i, worst);
      i = worst;
    }
  }

  private swap(i: number, j: number): void {
    const t = this.slots[i]!;
    this.slots[i] = this.slots[j]!;
    this.slots[j] = t;
  }
}

/** Articles per claim when several threads share the work of computing kept lists. */
export const LIST_CHUNK = 256;

/**
 * Computes kept lists for base slots, claiming chunks from a shared counter until none are left;
 * every thread of a rebuild runs this on the same counter.
 */
export function computeClaimedLists(core: RankingCore, counter: Int32Array): void {
  for (;;) {
    const start = Atomics.add(counter, 0, LIST_CHUNK);
    if (start >= core.baseCount) return;
    const end = Math.min(core.baseCount, start + LIST_CHUNK);
    for (let slot = start; slot < end; slot++) if (core.alive[slot]) core.recomputeList(slot);
  }
}
