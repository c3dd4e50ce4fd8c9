/**
 * The in-memory related-articles index: sparse term vectors with integer term ids, an inverted
 * index per language, and each article's kept top-K list, updated incrementally on publish and
 * unpublish. It holds nothing the database cannot give back: the service rebuilds it at start.
 *
 * Ranking happens in two stages (see related-ranking.ts): a budgeted pass over the postings of
 * the article's strongest terms collects a candidate pool, which is then scored exactly (cosine
 * of IDF-weighted vectors, tags, category, recency). Every result depends only on the set of
 * indexed articles, never on the order they arrived in, so `topRelated` after any sequence of
 * add/remove equals a fresh `rebuildAll`. Kept lists are refreshed for the articles an update
 * touches; lists of untouched articles keep scores computed under slightly older document
 * frequencies until the next rebuild.
 */
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  isPublishedDocument,
  RELATED_LIST_SIZE,
  type RelatedArticle,
  type RelatedChange,
  type RelatedDocument,
  type RelatedListEntry,
} from './related.js';
import {
  computeClaimedLists,
  grownShared,
  poolSize,
  type QueryVector,
  type RankingArrays,
  RankingCore,
  sharedArray,
} from './related-ranking.js';
import { saturate, termFrequencies } from './related-scoring.js';
import { createTokenizer, type Tokenizer } from './tokenize.js';

/** Settings for a related-articles index. */
export interface RelatedIndexOptions {
  /** Related articles kept per article (K). */
  listSize?: number;
  /** The clock used to keep future-dated (scheduled) articles out; milliseconds since the epoch. */
  now?: () => number;
  /** Threads a rebuild may use to compute kept lists; defaults to the number of CPUs. */
  threads?: number;
}

/** An in-memory related-articles index over published articles; see the file comment. */
export interface RelatedIndex {
  /** Number of indexed articles. */
  readonly size: number;
  /** Whether an article is indexed. */
  has(articleId: number): boolean;
  /**
   * Replaces the whole index with these articles (a stream from the database will do) and
   * computes every kept list; make no other call on the index until it resolves.
   */
  rebuildAll(docs: Iterable<RelatedDocument> | AsyncIterable<RelatedDocument>): Promise<void>;
  /** Publishes or updates one article: indexes it, computes its list and refreshes the lists it enters. */
  add(doc: RelatedDocument): RelatedChange;
  /** Unpublishes one article and recomputes every kept list that held it. */
  remove(articleId: number): RelatedChange;
  /** The best `k` related articles, with reasons, for an indexed article id or an unsaved document. */
  topRelated(article: number | RelatedDocument, k?: number): RelatedArticle[];
  /** The kept related list of an indexed article, best first. */
  relatedList(articleId: number): RelatedListEntry[];
}

// On publish, this many candidates are checked for whether the new article enters their lists.
const REVERSE_POOL = 100;
const REASON_TERMS = 5;
// Unpublished and newly published articles are folded into the flat arrays once there are this
// many, and at least half as many as already there (so the copying stays amortised).
const COMPACT_MIN_CHANGES = 1024;
// Below this many articles a rebuild computes the lists on the calling thread alone.
const MIN_ARTICLES_FOR_WORKERS = 5000;

/** One article ready to be loaded: its vector and the fields the ranking reads. */
interface LoadedArticle {
  articleId: number;
  publishedMs: number;
  categoryId: number;
  group: number;
  termIds: Int32Array;
  weights: Float32Array;
  tags: Int32Array;
}

interface Vector {
  termIds: Int32Array;
  weights: Float32Array;
  unknownWeightSq: number;
}

/** Tag and translation-group names interned as small integers, shared by all languages. */
class Interner {
  private readonly ids = new Map<string, number>();
  readonly labels: string[] = [];
  idOf(name: string, create: boolean): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      if (!create) return -1;
      id = this.labels.length;
      this.ids.set(name, id);
      this.labels.push(name);
    }
    return id;
  }
}

function tagIdsOf(tags: string[], interner: Interner, create: boolean): Int32Array {
  const ids = new Set<number>();
  for (const tag of tags) {
    const name = tag.trim().toLowerCase();
    if (name === '') continue;
    const id = interner.idOf(name, create);
    if (id >= 0) ids.add(id);
  }
  return Int32Array.from([...ids].sort((a, b) => a - b));
}

function growLocal<T extends Int32Array | Float32Array>(
  array: T | undefined,
  size: number,
  make: (n: number) => T,
): T {
  if (array !== undefined && array.length >= size) return array;
  const next = make(Math.max(size, (array?.length ?? 0) * 2, 4));
  if (array !== undefined) next.set(array);
  return next;
}

/** All articles of one language: vocabulary, statistics, postings and kept lists. */
class LanguagePartition extends RankingCore {
  readonly slotByArticle = new Map<number, number>();
  private readonly tokenizer: Tokenizer;
  private readonly termIndex = new Map<string, number>();
  private readonly termKeys: string[] = [];
  private readonly termLabels: string[] = [];
  private deadCount = 0;

  constructor(
    language: string,
    listSize: number,
    private readonly tags: Interner,
    private readonly translationGroups: Interner,
  ) {
    super(listSize);
    this.tokenizer = createTokenizer(language);
  }

  get size(): number {
    return this.liveCount;
  }

  protected override compareTerms(a: number, b: number): number {
    const x = this.termKeys[a]!;
    const y = this.termKeys[b]!;
    return x < y ? -1 : x > y ? 1 : 0;
  }

  override slotOf(articleId: number): number {
    return this.slotByArticle.get(articleId) ?? -1;
  }

  /** Turns a document into an article ready to load, adding its new terms to the vocabulary. */
  prepare(doc: RelatedDocument): LoadedArticle {
    const { termIds, weights } = this.vectorOf(doc, true);
    return {
      articleId: doc.id,
      publishedMs: Date.parse(doc.publishedAt),
      categoryId: doc.categoryId ?? Number.NaN,
      group: doc.translationGroup === null ? -1 : this.translationGroups.idOf(doc.translationGroup, true),
      termIds,
      weights,
      tags: tagIdsOf(doc.tags, this.tags, true),
    };
  }

  /** Replaces every article with these, in flat shared arrays; kept lists start empty. */
  load(articles: LoadedArticle[]): void {
    const n = articles.length;
    const vocabulary = this.termKeys.length;
    let termTotal = 0;
    let tagTotal = 0;
    for (const a of articles) {
      termTotal += a.termIds.length;
      tagTotal += a.tags.length;
    }
    const docOffsets = sharedArray(Int32Array, n + 1);
    const docTerms = sharedArray(Int32Array, termTotal);
    const docWeights = sharedArray(Float32Array, termTotal);
    const tagOffsets = sharedArray(Int32Array, n + 1);
    const tagIds = sharedArray(Int32Array, tagTotal);
    const df = sharedArray(Int32Array, vocabulary);
    this.alive = sharedArray(Uint8Array, n);
    this.articleIds = sharedArray(Float64Array, n);
    this.publishedMs = sharedArray(Float64Array, n);
    this.categoryIds = sharedArray(Float64Array, n);
    this.groups = sharedArray(Int32Array, n);
    this.listIds = sharedArray(Float64Array, n * this.listSize);
    this.listScores = sharedArray(Float64Array, n * this.listSize);
    this.listLength = sharedArray(Uint8Array, n);
    this.slotByArticle.clear();

    let termAt = 0;
    let tagAt = 0;
    articles.forEach((a, slot) => {
      docTerms.set(a.termIds, termAt);
      docWeights.set(a.weights, termAt);
      termAt += a.termIds.length;
      docOffsets[slot + 1] = termAt;
      tagIds.set(a.tags, tagAt);
      tagAt += a.tags.length;
      tagOffsets[slot + 1] = tagAt;
      for (const termId of a.termIds) df[termId]!++;
      this.alive[slot] = 1;
      this.articleIds[slot] = a.articleId;
      this.publishedMs[slot] = a.publishedMs;
      this.categoryIds[slot] = a.categoryId;
      this.groups[slot] = a.group;
      this.slotByArticle.set(a.articleId, slot);
    });

    // Postings by counting sort: each term's slots, ascending.
    const postOffsets = sharedArray(Int32Array, vocabulary + 1);
    for (let t = 0; t < vocabulary; t++) postOffsets[t + 1] = postOffsets[t]! + df[t]!;
    const cursor = postOffsets.slice(0, vocabulary);
    const postSlots = sharedArray(Int32Array, termTotal);
    const postWeights = sharedArray(Float32Array, termTotal);
    for (let slot = 0; slot < n; slot++) {
      for (let p = docOffsets[slot]!; p < docOffsets[slot + 1]!; p++) {
        const at = cursor[docTerms[p]!]!++;
        postSlots[at] = slot;
        postWeights[at] = docWeights[p]!;
      }
    }

    Object.assign(this, {
      docOffsets,
      docTerms,
      docWeights,
      tagOffsets,
      tagIds,
      df,
      postOffsets,
      postSlots,
      postWeights,
    });
    this.baseCount = n;
    this.slotCount = n;
    this.liveCount = n;
    this.deadCount = 0;
    this.deltaTerms = [];
    this.deltaWeights = [];
    this.deltaTags = [];
    this.deltaPostSlots = [];
    this.deltaPostWeights = [];
    this.deltaPostLength = new Int32Array(vocabulary);
    this.version++;
    this.resetScratch();
  }

  /** Publishes one article into the delta arrays; returns its slot. */
  insert(doc: RelatedDocument): number {
    const article = this.prepare(doc);
    const slot = this.slotCount++;
    const size = this.slotCount;
    this.alive = grownShared(this.alive, size);
    this.articleIds = grownShared(this.articleIds, size);
    this.publishedMs = grownShared(this.publishedMs, size);
    this.categoryIds = grownShared(this.categoryIds, size);
    this.groups = grownShared(this.groups, size);
    this.listLength = grownShared(this.listLength, size);
    this.listIds = grownShared(this.listIds, this.listLength.length * this.listSize);
    this.listScores = grownShared(this.listScores, this.listLength.length * this.listSize);
    this.deltaPostLength = growLocal(this.deltaPostLength, this.df.length, (n) => new Int32Array(n));

    this.deltaTerms.push(article.termIds);
    this.deltaWeights.push(article.weights);
    this.deltaTags.push(article.tags);
    article.termIds.forEach((termId, i) => {
      this.df[termId]!++;
      const length = this.deltaPostLength[termId]!;
      this.deltaPostSlots[termId] = growLocal(
        this.deltaPostSlots[termId],
        length + 1,
        (n) => new Int32Array(n),
      );
      this.deltaPostWeights[termId] = growLocal(
        this.deltaPostWeights[termId],
        length + 1,
        (n) => new Float32Array(n),
      );
      this.deltaPostSlots[termId]![length] = slot;
      this.deltaPostWeights[termId]![length] = article.weights[i]!;
      this.deltaPostLength[termId] = length + 1;
    });
    this.alive[slot] = 1;
    if (slot < this.accumulator.length) this.accumulator[slot] = 0;
    this.articleIds[slot] = article.articleId;
    this.publishedMs[slot] = article.publishedMs;
    this.categoryIds[slot] = article.categoryId;
    this.groups[slot] = article.group;
    this.listLength[slot] = 0;
    this.slotByArticle.set(article.articleId, slot);
    this.liveCount++;
    this.version++;
    return slot;
  }

  /** Takes an article out of every ranking (its slot stays, dead, until compaction). */
  detach(articleId: number): void {
    const slot = this.slotByArticle.get(articleId);
    if (slot === undefined) return;
    this.slotByArticle.delete(articleId);
    this.alive[slot] = 0;
    if (slot < this.accumulator.length) this.accumulator[slot] = Number.NEGATIVE_INFINITY;
    this.listLength[slot] = 0;
    for (const termId of this.termsOf(slot)) this.df[termId]!--;
    this.liveCount--;
    this.deadCount++;
    this.version++;
  }

  /** Live slots whose kept list names the article. */
  slotsListing(articleId: number): number[] {
    const found: number[] = [];
    const k = this.listSize;
    for (let slot = 0; slot < this.slotCount; slot++) {
      if (!this.alive[slot]) continue;
      const length = this.listLength[slot]!;
      for (let i = 0; i < length; i++) {
        if (this.listIds[slot * k + i] === articleId) {
          found.push(slot);
          break;
        }
      }
    }
    return found;
  }

  /** Folds dead and delta slots into fresh flat arrays once enough have piled up. */
  compactIfWorthIt(): void {
    const changes = this.deadCount + (this.slotCount - this.baseCount);
    if (changes < COMPACT_MIN_CHANGES || changes * 2 < this.baseCount) return;
    const k = this.listSize;
    const kept: LoadedArticle[] = [];
    const lists: { ids: Float64Array; scores: Float64Array; length: number }[] = [];
    for (let slot = 0; slot < this.slotCount; slot++) {
      if (!this.alive[slot]) continue;
      kept.push({
        articleId: this.articleIds[slot]!,
        publishedMs: this.publishedMs[slot]!,
        categoryId: this.categoryIds[slot]!,
        group: this.groups[slot]!,
        termIds: this.termsOf(slot),
        weights: this.weightsOf(slot),
        tags: this.tagsOf(slot),
      });
      lists.push({
        ids: this.listIds.slice(slot * k, slot * k + k),
        scores: this.listScores.slice(slot * k, slot * k + k),
        length: this.listLength[slot]!,
      });
    }
    this.load(kept);
    lists.forEach((list, slot) => {
      this.listIds.set(list.ids, slot * k);
      this.listScores.set(list.scores, slot * k);
      this.listLength[slot] = list.length;
    });
  }

  /** The arrays a rebuild worker ranks over, with term ranks for text-order tie-breaks. */
  rankingArrays(): RankingArrays {
    const order = this.termKeys.map((_, i) => i).sort((a, b) => this.compareTerms(a, b));
    const termRank = sharedArray(Int32Array, this.df.length);
    order.forEach((termId, rank) => {
      termRank[termId] = rank;
    });
    const { listSize, liveCount, baseCount, df, docOffsets, docTerms, docWeights, postOffsets, postSlots } =
      this;
    const { postWeights, tagOffsets, tagIds, alive, articleIds, publishedMs, categoryIds, groups } = this;
    const { listIds, listScores, listLength } = this;
    return {
      listSize,
      liveCount,
      baseCount,
      df,
      termRank,
      docOffsets,
      docTerms,
      docWeights,
      postOffsets,
      postSlots,
      postWeights,
      tagOffsets,
      tagIds,
      alive,
      articleIds,
      publishedMs,
      categoryIds,
      groups,
      listIds,
      listScores,
      listLength,
    };
  }

  queryOfDocument(doc: RelatedDocument): QueryVector {
    const { termIds, weights, unknownWeightSq } = this.vectorOf(doc, false);
    return {
      slot: -1,
      articleId: doc.id,
      termIds,
      weights,
      unknownWeightSq,
      tags: tagIdsOf(doc.tags, this.tags, false),
      categoryId: doc.categoryId ?? Number.NaN,
      publishedMs: Date.parse(doc.publishedAt),
      group: doc.translationGroup === null ? -1 : this.translationGroups.idOf(doc.translationGroup, false),
    };
  }

  explain(query: QueryVector, slot: number, score: RelatedArticle['reason']['components']): RelatedArticle {
    const candidateTags = new Set(this.tagsOf(slot));
    return {
      articleId: this.articleIds[slot]!,
      score: score.total,
      reason: {
        sharedTerms: this.sharedTerms(query, slot)
          .slice(0, REASON_TERMS)
          .map((s) => this.termLabels[s.termId]!),
        sharedTags: [...query.tags].filter((t) => candidateTags.has(t)).map((t) => this.tags.labels[t]!),
        sameCategory: score.category === 1,
        components: score,
      },
    };
  }

  /** Normalised term weights: saturated frequencies scaled to unit length, sorted by term id. */
  private vectorOf(doc: RelatedDocument, create: boolean): Vector {
    const { frequencies, labels } = termFrequencies(doc, this.tokenizer);
    const known: { id: number; weight: number }[] = [];
    let sumSq = 0;
    let unknownSq = 0;
    for (const [term, frequency] of frequencies) {
      const weight = saturate(frequency);
      sumSq += weight * weight;
      let id = this.termIndex.get(term);
      if (id === undefined && create) id = this.addTerm(term, labels.get(term)!);
      if (id === undefined) unknownSq += weight * weight;
      else known.push({ id, weight });
    }
    known.sort((a, b) => a.id - b.id);
    const norm = Math.sqrt(sumSq) || 1;
    return {
      termIds: Int32Array.from(known, (o) => o.id),
      weights: Float32Array.from(known, (o) => o.weight / norm),
      unknownWeightSq: unknownSq / (norm * norm),
    };
  }

  private addTerm(term: string, label: string): number {
    const id = this.termKeys.length;
    this.termIndex.set(term, id);
    this.termKeys.push(term);
    this.termLabels.push(label);
    this.df = grownShared(this.df, id + 1);
    return id;
  }
}

const WORKER_URL = new URL(
  `./related-list-worker${extname(fileURLToPath(import.meta.url))}`,
  import.meta.url,
);

function startListWorker(workerData: { arrays: RankingArrays; counter: Int32Array }): Worker {
  if (!WORKER_URL.pathname.endsWith('.ts')) return new Worker(WORKER_URL, { workerData });
  // Node 20 does not carry tsx's loader hooks into worker threads, so the worker registers them
  // itself before importing the TypeScript entry.
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(WORKER_URL.href);
  return new Worker(`import(${tsx}).then((tsx) => { tsx.register(); return import(${entry}); });`, {
    eval: true,
    workerData,
  });
}

function runListWorker(arrays: RankingArrays, counter: Int32Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = startListWorker({ arrays, counter });
    worker.once('message', () => resolve());
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`related-list worker exited with code ${code}`));
      resolve();
    });
  });
}

/** Computes every kept list of a freshly loaded partition, on this thread and `threads - 1` workers. */
async function computeAllLists(partition: LanguagePartition, threads: number): Promise<void> {
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const workers = partition.baseCount >= MIN_ARTICLES_FOR_WORKERS ? Math.max(0, threads - 1) : 0;
  const arrays = workers > 0 ? partition.rankingArrays() : null;
  const running = Array.from({ length: workers }, () => runListWorker(arrays!, counter));
  // Claiming in chunks from one counter balances the work; this thread takes its share too.
  computeClaimedLists(partition, counter);
  await Promise.all(running);
}

/** Creates an empty related-articles index. */
export function createRelatedIndex(options: RelatedIndexOptions = {}): RelatedIndex {
  const listSize = options.listSize ?? RELATED_LIST_SIZE;
  const now = options.now ?? Date.now;
  const threads = Math.max(1, options.threads ?? availableParallelism());
  let partitions = new Map<string, LanguagePartition>();
  let partitionByArticle = new Map<number, LanguagePartition>();
  let tags = new Interner();
  let translationGroups = new Interner();

  // Regional variants are one language for relatedness: an en-GB import relates to en articles.
  function languageKey(language: string): string {
    return language.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  }

  function partitionFor(language: string): LanguagePartition {
    const key = languageKey(language);
    let partition = partitions.get(key);
    if (partition === undefined) {
      partition = new LanguagePartition(key, listSize, tags, translationGroups);
      partitions.set(key, partition);
    }
    return partition;
  }

  function located(articleId: number): { partition: LanguagePartition; slot: number } | null {
    const partition = partitionByArticle.get(articleId);
    const slot = partition?.slotOf(articleId) ?? -1;
    return partition === undefined || slot < 0 ? null : { partition, slot };
  }

  function removeInto(articleId: number, changed: Set<number>): void {
    const partition = partitionByArticle.get(articleId);
    if (partition === undefined) return;
    partition.detach(articleId);
    partitionByArticle.delete(articleId);
    for (const slot of partition.slotsListing(articleId)) {
      if (partition.recomputeList(slot)) changed.add(partition.articleIds[slot]!);
    }
    partition.compactIfWorthIt();
  }

  function changeOf(related: RelatedListEntry[], changed: Set<number>, articleId: number): RelatedChange {
    changed.delete(articleId);
    return { related, changedArticleIds: [...changed].sort((a, b) => a - b) };
  }

  return {
    get size() {
      let total = 0;
      for (const partition of partitions.values()) total += partition.size;
      return total;
    },

    has(articleId) {
      return partitionByArticle.has(articleId);
    },

    async rebuildAll(docs) {
      partitions = new Map();
      partitionByArticle = new Map();
      tags = new Interner();
      translationGroups = new Interner();
      const nowMs = now();
      // The last copy of an article id wins, as if each had been saved in turn.
      const prepared = new Map<number, { partition: LanguagePartition; article: LoadedArticle }>();
      for await (const doc of docs) {
        prepared.delete(doc.id);
        if (!isPublishedDocument(doc, nowMs)) continue;
        const partition = partitionFor(doc.language);
        prepared.set(doc.id, { partition, article: partition.prepare(doc) });
      }
      const byPartition = new Map<LanguagePartition, LoadedArticle[]>();
      for (const partition of partitions.values()) byPartition.set(partition, []);
      for (const [articleId, { partition, article }] of prepared) {
        byPartition.get(partition)!.push(article);
        partitionByArticle.set(articleId, partition);
      }
      prepared.clear();
      for (const [partition, articles] of byPartition) {
        partition.load(articles);
        byPartition.set(partition, []);
        await computeAllLists(partition, threads);
      }
    },

    add(doc) {
      const changed = new Set<number>();
      removeInto(doc.id, changed);
      if (!isPublishedDocument(doc, now())) return changeOf([], changed, doc.id);
      const partition = partitionFor(doc.language);
      const slot = partition.insert(doc);
      partitionByArticle.set(doc.id, partition);
      const ranked = partition.rank(partition.queryOfSlot(slot), Math.max(REVERSE_POOL, poolSize(listSize)));
      partition.writeList(slot, partition.best(ranked, listSize));
      // Scores are symmetric, so the new article's score against a candidate is also the
      // candidate's score against it: compare with the candidate's current last place.
      for (const candidate of ranked) {
        if (partition.wouldEnterList(candidate.slot, candidate.components.total)) {
          if (partition.recomputeList(candidate.slot)) changed.add(candidate.articleId);
        }
      }
      const related = partition.listOf(slot);
      partition.compactIfWorthIt();
      return changeOf(related, changed, doc.id);
    },

    remove(articleId) {
      const changed = new Set<number>();
      removeInto(articleId, changed);
      return changeOf([], changed, articleId);
    },

    topRelated(article, k = listSize) {
      let partition: LanguagePartition | undefined;
      let query: QueryVector;
      if (typeof article === 'number') {
        const at = located(article);
        if (at === null) return [];
        partition = at.partition;
        query = partition.queryOfSlot(at.slot);
      } else {
        partition = partitions.get(languageKey(article.language));
        if (partition === undefined) return [];
        query = partition.queryOfDocument(article);
      }
      const ranked = partition.rank(query, poolSize(k));
      return partition.best(ranked, k).map((s) => partition.explain(query, s.slot, s.components));
    },

    relatedList(articleId) {
      const at = located(articleId);
      return at === null ? [] : at.partition.listOf(at.slot);
    },
  };
}
