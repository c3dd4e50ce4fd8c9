/**
 * Speed benchmark for the in-memory related-articles engine on generated articles: full rebuild
 * time, incremental publish and unpublish latency (the article's own top-K plus every kept list
 * that changes), and peak resident memory.
 *
 *   node --import tsx bench/related/speed.ts [--articles 100000] [--updates 1000]
 */
import os from 'node:os';
import type { RelatedDocument } from '../../src/related/related.js';
import { createRelatedIndex } from '../../src/related/related-index.js';
import { generateArticles } from '../generate-articles.js';

// Goals from the related-articles issue, for a 2-core machine.
const REBUILD_GOAL_MS = 60_000;
const UPDATE_P95_GOAL_MS = 50;
const PEAK_RSS_GOAL_MB = 1024;

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined ? Number(process.argv[at + 1]) : fallback;
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function summary(label: string, times: number[], changed: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const mean = changed.reduce((s, c) => s + c, 0) / Math.max(changed.length, 1);
  return (
    `${label.padEnd(10)} n=${times.length}  p50 ${percentile(sorted, 50).toFixed(2)} ms  ` +
    `p95 ${percentile(sorted, 95).toFixed(2)} ms  p99 ${percentile(sorted, 99).toFixed(2)} ms  ` +
    `max ${sorted.at(-1)?.toFixed(2)} ms  lists changed: mean ${mean.toFixed(1)}, max ${Math.max(0, ...changed)}`
  );
}

async function main(): Promise<void> {
  const articles = flag('articles', 100_000);
  const updates = flag('updates', 1000);
  const categoryIds = new Map<string, number>();
  const docs: RelatedDocument[] = [];
  const generationStarted = performance.now();
  const generationCpu = process.cpuUsage();
  for (const article of generateArticles(articles + updates, 1)) {
    if (!categoryIds.has(article.category)) categoryIds.set(article.category, categoryIds.size + 1);
    docs.push({
      id: article.id,
      language: article.language,
      headline: article.headline,
      dek: article.dek,
      bodyText: article.paragraphs.join('\n\n'),
      tags: article.tags,
      categoryId: categoryIds.get(article.category)!,
      publishedAt: article.publishedAt,
      translationGroup: null,
    });
  }
  const generationMs = performance.now() - generationStarted;
  const generationCpuMs = cpuMsSince(generationCpu);
  const rssBeforeMb = process.memoryUsage().rss / 1024 / 1024;
  const existing = docs.slice(0, articles);
  const incoming = docs.slice(articles);
  const nowMs = Date.parse(docs.at(-1)!.publishedAt);

  const index = createRelatedIndex({ now: () => nowMs });
  const rebuildStarted = performance.now();
  const rebuildCpu = process.cpuUsage();
  await index.rebuildAll(existing);
  const rebuildMs = performance.now() - rebuildStarted;
  const rebuildCpuMs = cpuMsSince(rebuildCpu);

  const addTimes: number[] = [];
  const addCpuTimes: number[] = [];
  const addChanged: number[] = [];
  for (const doc of incoming) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const change = index.add(doc);
    addCpuTimes.push(cpuMsSince(cpu));
    addTimes.push(performance.now() - started);
    addChanged.push(change.changedArticleIds.length);
  }

  const removeTimes: number[] = [];
  const removeCpuTimes: number[] = [];
  const removeChanged: number[] = [];
  const step = Math.max(1, Math.floor(articles / Math.max(1, updates / 5)));
  for (let id = 1; id <= articles; id += step) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const change = index.remove(id);
    removeCpuTimes.push(cpuMsSince(cpu));
    removeTimes.push(performance.now() - started);
    removeChanged.push(change.changedArticleIds.length);
  }

  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const sortedAdds = [...addTimes].sort((a, b) => a - b);
  console.log(`related-articles engine, in memory; node ${process.version}`);
  console.log(
    `generated ${docs.length} articles in ${(generationMs / 1000).toFixed(1)} s wall, ` +
      `${(generationCpuMs / 1000).toFixed(1)} s CPU; RSS then ${rssBeforeMb.toFixed(0)} MB (the articles themselves)`,
  );
  console.log(
    `full rebuild of ${articles} articles: ${(rebuildMs / 1000).toFixed(1)} s wall, ` +
      `${(rebuildCpuMs / 1000).toFixed(1)} s CPU (goal < ${REBUILD_GOAL_MS / 1000} s)`,
  );
  console.log(
    `load average while running: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (other work skews wall time)`,
  );
  console.log(summary('publish', addTimes, addChanged) + ` (goal p95 < ${UPDATE_P95_GOAL_MS} ms)`);
  console.log(summary('  CPU', addCpuTimes, addChanged));
  console.log(summary('unpublish', removeTimes, removeChanged));
  console.log(summary('  CPU', removeCpuTimes, removeChanged));
  console.log(`peak RSS ${peakRssMb.toFixed(0)} MB (goal < ${PEAK_RSS_GOAL_MB} MB)`);
  const ok =
    rebuildMs < REBUILD_GOAL_MS &&
    percentile(sortedAdds, 95) < UPDATE_P95_GOAL_MS &&
    peakRssMb < PEAK_RSS_GOAL_MB;
  console.log(ok ? 'all goals met' : 'goals NOT met');
  process.exitCode = ok ? 0 : 1;
}

await main();
