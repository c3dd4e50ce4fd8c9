/**
 * Quality benchmark for related articles on a labelled newswire corpus: for every article, the
 * top 5 related from the whole corpus; precision@1 and @5 (a related item "hits" when it has the
 * same label) for Broadsheet's scorer and two baselines. Labels are used only for scoring.
 *
 *   node --import tsx bench/related/quality.ts [--corpus path/to/corpus.jsonl]
 *
 * The corpus defaults to ../shared/data/news/reuters21578-modapte-single-label.jsonl beside the
 * repository; BROADSHEET_RELATED_CORPUS or --corpus overrides it. An `.exact-duplicates.json`
 * file beside the corpus, when present, adds a run with duplicate copies removed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RelatedDocument } from '../../src/related/related.js';
import { createRelatedIndex } from '../../src/related/related-index.js';

interface LabelledArticle {
  doc: RelatedDocument;
  label: string;
  publishedMs: number;
}

interface Scorer {
  name: string;
  /** Builds whatever the scorer needs over the corpus and returns a lookup of top-5 ids. */
  build(
    articles: LabelledArticle[],
  ): Promise<(articleId: number) => number[]> | ((articleId: number) => number[]);
}

const TOP = 5;
const MONTHS: Record<string, string> = {
  JAN: '01',
  FEB: '02',
  MAR: '03',
  APR: '04',
  MAY: '05',
  JUN: '06',
  JUL: '07',
  AUG: '08',
  SEP: '09',
  OCT: '10',
  NOV: '11',
  DEC: '12',
};

function corpusPath(): string {
  const flag = process.argv.indexOf('--corpus');
  if (flag >= 0 && process.argv[flag + 1]) return resolve(process.argv[flag + 1]!);
  if (process.env.BROADSHEET_RELATED_CORPUS) return resolve(process.env.BROADSHEET_RELATED_CORPUS);
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  return resolve(repoRoot, '../shared/data/news/reuters21578-modapte-single-label.jsonl');
}

// Reuters dates look like "13-MAR-1987 08:19:47.48", sometimes with control junk appended.
function parseDate(text: string): string {
  const m = /(\d{1,2})-([A-Z]{3})-(\d{4}) (\d{2}):(\d{2}):(\d{2})/.exec(text);
  if (m === null) {
    const parsed = Date.parse(text);
    if (Number.isNaN(parsed)) throw new Error(`unreadable date: ${text}`);
    return new Date(parsed).toISOString();
  }
  const [, day, month, year, hh, mm, ss] = m;
  return `${year}-${MONTHS[month!]}-${day!.padStart(2, '0')}T${hh}:${mm}:${ss}Z`;
}

function numericId(id: string | number, fallback: number): number {
  if (typeof id === 'number') return id;
  const digits = /(\d+)$/.exec(id);
  return digits === null ? fallback : Number(digits[1]);
}

function loadCorpus(path: string): { articles: LabelledArticle[]; idOf: Map<string, number> } {
  const articles: LabelledArticle[] = [];
  const idOf = new Map<string, number>();
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .forEach((line, index) => {
      const row = JSON.parse(line) as {
        id: string | number;
        category: string;
        title: string;
        paragraphs: string[];
        date: string;
      };
      const id = numericId(row.id, index + 1);
      idOf.set(String(row.id), id);
      const publishedAt = parseDate(row.date);
      articles.push({
        label: row.category,
        publishedMs: Date.parse(publishedAt),
        doc: {
          id,
          language: 'en',
          headline: row.title,
          dek: '',
          bodyText: row.paragraphs.join('\n\n'),
          tags: [],
          categoryId: null,
          publishedAt,
          translationGroup: null,
        },
      });
    });
  return { articles, idOf };
}

const broadsheet: Scorer = {
  name: 'Broadsheet',
  async build(articles) {
    const index = createRelatedIndex();
    await index.rebuildAll(articles.map((a) => a.doc));
    return (id) =>
      index
        .relatedList(id)
        .slice(0, TOP)
        .map((entry) => entry.articleId);
  },
};

function byRecency(a: LabelledArticle, b: LabelledArticle): number {
  return b.publishedMs - a.publishedMs || b.doc.id - a.doc.id;
}

const latestOverall: Scorer = {
  name: '(a) latest overall',
  build(articles) {
    const latest = [...articles].sort(byRecency).slice(0, TOP + 1);
    return (id) =>
      latest
        .filter((a) => a.doc.id !== id)
        .slice(0, TOP)
        .map((a) => a.doc.id);
  },
};

const latestBefore: Scorer = {
  name: '(a) latest before it',
  build(articles) {
    const newestFirst = [...articles].sort(byRecency);
    const position = new Map(newestFirst.map((a, i) => [a.doc.id, i]));
    return (id) => newestFirst.slice(position.get(id)! + 1, position.get(id)! + 1 + TOP).map((a) => a.doc.id);
  },
};

// Plain TF-IDF as scikit-learn's TfidfVectorizer does it by default: lower case, tokens of 2+
// word characters, smooth idf, raw counts, L2-normalised; cosine over headline + body.
const plainTfIdf: Scorer = {
  name: '(b) TF-IDF cosine',
  build(articles) {
    const vocabulary = new Map<string, number>();
    const counts = articles.map((a) => {
      const tf = new Map<number, number>();
      const text = `${a.doc.headline}\n${a.doc.bodyText}`.toLowerCase();
      for (const token of text.match(/\b\w\w+\b/g) ?? []) {
        let termId = vocabulary.get(token);
        if (termId === undefined) {
          termId = vocabulary.size;
          vocabulary.set(token, termId);
        }
        tf.set(termId, (tf.get(termId) ?? 0) + 1);
      }
      return tf;
    });
    const df = new Float64Array(vocabulary.size);
    for (const tf of counts) for (const termId of tf.keys()) df[termId]!++;
    const n = articles.length;
    const postings: { doc: number; weight: number }[][] = Array.from({ length: vocabulary.size }, () => []);
    const vectors = counts.map((tf, doc) => {
      const entries = [...tf].map(([termId, count]) => ({
        termId,
        weight: count * (Math.log((1 + n) / (1 + df[termId]!)) + 1),
      }));
      const norm = Math.sqrt(entries.reduce((sum, e) => sum + e.weight * e.weight, 0)) || 1;
      for (const e of entries) {
        e.weight /= norm;
        postings[e.termId]!.push({ doc, weight: e.weight });
      }
      return entries;
    });
    const postingDocs = postings.map((list) => Int32Array.from(list, (p) => p.doc));
    const postingWeights = postings.map((list) => Float64Array.from(list, (p) => p.weight));
    const positionOf = new Map(articles.map((a, i) => [a.doc.id, i]));
    const scores = new Float64Array(n);
    return (id) => {
      const self = positionOf.get(id)!;
      scores.fill(0);
      for (const { termId, weight } of vectors[self]!) {
        const docs = postingDocs[termId]!;
        const weights = postingWeights[termId]!;
        for (let p = 0; p < docs.length; p++) scores[docs[p]!]! += weight * weights[p]!;
      }
      scores[self] = -1;
      const best: number[] = [];
      for (let i = 0; i < n; i++) {
        const score = scores[i]!;
        if (score <= 0 || (best.length === TOP && score <= scores[best[TOP - 1]!]!)) continue;
        let at = best.length;
        while (at > 0 && scores[best[at - 1]!]! < score) at--;
        best.splice(at, 0, i);
        if (best.length > TOP) best.pop();
      }
      return best.map((i) => articles[i]!.doc.id);
    };
  },
};

interface Result {
  name: string;
  p1: number;
  p5: number;
  macroP5: number;
  buildMs: number;
  buildCpuMs: number;
  queryMs: number;
}

async function evaluate(scorer: Scorer, articles: LabelledArticle[]): Promise<Result> {
  const labelOf = new Map(articles.map((a) => [a.doc.id, a.label]));
  const started = performance.now();
  const cpu = process.cpuUsage();
  const topOf = await scorer.build(articles);
  const built = performance.now();
  const cpuUsed = process.cpuUsage(cpu);
  let p1 = 0;
  let p5 = 0;
  const perLabel = new Map<string, { sum: number; count: number }>();
  for (const article of articles) {
    const top = topOf(article.doc.id);
    const hits = top.map((id) => labelOf.get(id) === article.label);
    const atFive = hits.filter(Boolean).length / TOP;
    p1 += hits[0] ? 1 : 0;
    p5 += atFive;
    const bucket = perLabel.get(article.label) ?? { sum: 0, count: 0 };
    bucket.sum += atFive;
    bucket.count++;
    perLabel.set(article.label, bucket);
  }
  const finished = performance.now();
  const macro = [...perLabel.values()].reduce((sum, b) => sum + b.sum / b.count, 0) / perLabel.size;
  return {
    name: scorer.name,
    p1: p1 / articles.length,
    p5: p5 / articles.length,
    macroP5: macro,
    buildMs: built - started,
    buildCpuMs: (cpuUsed.user + cpuUsed.system) / 1000,
    queryMs: finished - built,
  };
}

function printTable(title: string, results: Result[]): boolean {
  const [ours, ...baselines] = results;
  console.log(`\n${title}`);
  console.log(
    'scorer                  P@1     P@5     macro P@5   build ms (CPU ms, all threads)   query ms',
  );
  for (const r of results) {
    console.log(
      `${r.name.padEnd(22)}  ${r.p1.toFixed(4)}  ${r.p5.toFixed(4)}  ${r.macroP5.toFixed(4)}      ` +
        `${r.buildMs.toFixed(0).padStart(8)} (${r.buildCpuMs.toFixed(0).padStart(6)})` +
        `${r.queryMs.toFixed(0).padStart(25)}`,
    );
  }
  let beatsAll = true;
  for (const b of baselines) {
    const r1 = ours!.p1 / b.p1;
    const r5 = ours!.p5 / b.p5;
    const rm = ours!.macroP5 / b.macroP5;
    beatsAll &&= r1 > 1 && r5 > 1;
    console.log(
      `${ours!.name} / ${b.name}`.padEnd(46) +
        `P@1 ×${r1.toFixed(3)}   P@5 ×${r5.toFixed(3)}   macro P@5 ×${rm.toFixed(3)}`,
    );
  }
  return beatsAll;
}

async function main(): Promise<void> {
  const path = corpusPath();
  const { articles, idOf } = loadCorpus(path);
  const labels = new Set(articles.map((a) => a.label));
  console.log(`corpus: ${path}`);
  console.log(`${articles.length} articles, ${labels.size} labels; top ${TOP} related from the whole corpus`);
  const scorers = [broadsheet, latestOverall, latestBefore, plainTfIdf];
  const all: Result[] = [];
  for (const scorer of scorers) all.push(await evaluate(scorer, articles));
  let ok = printTable('All articles', all);

  const duplicatesPath = path.replace(/\.jsonl$/, '.exact-duplicates.json');
  if (existsSync(duplicatesPath)) {
    const { groups } = JSON.parse(readFileSync(duplicatesPath, 'utf8')) as { groups: string[][] };
    const extraCopies = new Set(groups.flatMap((group) => group.slice(1).map((id) => idOf.get(id))));
    const distinct = articles.filter((a) => !extraCopies.has(a.doc.id));
    const withoutDuplicates: Result[] = [];
    for (const scorer of scorers) withoutDuplicates.push(await evaluate(scorer, distinct));
    const title = `Without exact duplicates (${groups.length} groups; ${articles.length - distinct.length} extra copies dropped)`;
    ok = printTable(title, withoutDuplicates) && ok;
  }
  console.log(
    ok ? '\nBroadsheet beats every baseline on P@1 and P@5.' : '\nBroadsheet does NOT beat every baseline.',
  );
  process.exitCode = ok ? 0 : 1;
}

await main();
