/**
 * Speed benchmark for the related-articles engine through the database: a full rebuild from the
 * articles table (load, rank, save every kept list) and the latency of one article change through
 * the service (read the change, update the index, save the changed lists in one transaction).
 *
 *   node --import tsx bench/related/db-speed.ts [--articles 3000] [--updates 200] [--dialect sqlite|postgres]
 */
import type { Dialect } from '../../src/db/database.js';
import { slugify } from '../../src/text/slug.js';
import { buildTestApp } from '../../test/support/test-app.js';
import { generateArticles } from '../generate-articles.js';

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1]! : fallback;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const count = Number(flag('articles', '3000'));
  const updates = Number(flag('updates', '200'));
  const dialect = flag('dialect', 'sqlite') as Dialect;
  const t = await buildTestApp({ dialect });
  const { services, stores } = t.ctx;
  const actor = { userId: null };
  try {
    const categories = new Map<string, number>();
    const tags = new Map<string, number>();
    const loadStart = performance.now();
    const ids: number[] = [];
    for (const article of generateArticles(count, 7)) {
      if (!categories.has(article.category)) {
        const c = await stores.taxonomy.insertCategory({
          name: article.category,
          slug: slugify(article.category),
        });
        categories.set(article.category, c.id);
      }
      for (const tag of article.tags) {
        if (!tags.has(tag))
          tags.set(tag, (await stores.taxonomy.insertTag({ name: tag, slug: slugify(tag) })).id);
      }
      const created = await services.articles.createArticle(
        {
          headline: article.headline,
          slug: `${article.slug}-${article.id}`,
          dek: article.dek,
          bodySource: article.paragraphs.join('\n\n'),
          language: article.language,
          categoryId: categories.get(article.category)!,
          tagIds: article.tags.map((tag) => tags.get(tag)!),
        },
        actor,
        { status: 'published', publishedAt: article.publishedAt },
      );
      ids.push(created.id);
    }
    console.log(
      `${dialect}: wrote ${count} articles in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`,
    );

    const cpu = process.cpuUsage();
    const summary = await services.related.rebuildAll();
    const used = process.cpuUsage(cpu);
    console.log(
      `rebuild from the database: ${summary.articles} articles, ${summary.rows} rows, ` +
        `${(summary.ms / 1000).toFixed(2)} s wall, ${((used.user + used.system) / 1e6).toFixed(2)} s CPU`,
    );

    const times: number[] = [];
    const saved: number[] = [];
    for (let i = 0; i < updates; i++) {
      const id = ids[(i * 7919) % ids.length]!;
      // Alternate edits with unpublish/publish pairs, the three changes the service hears.
      const kind = i % 3;
      if (kind === 0) {
        const current = await services.articles.load(id);
        await services.articles.saveArticle(id, { dek: `${current.dek} Updated.` }, current.version, actor);
      } else if (kind === 1) {
        await services.articles.unpublishArticle(id, actor);
      } else {
        const previous = ids[((i - 1) * 7919) % ids.length]!;
        await services.articles.publishArticle(previous, actor);
      }
      const start = performance.now();
      saved.push((await services.related.articlesChanged()).length);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const mean = saved.reduce((s, n) => s + n, 0) / Math.max(saved.length, 1);
    console.log(
      `incremental through the service: n=${times.length}  p50 ${percentile(times, 50).toFixed(1)} ms  ` +
        `p95 ${percentile(times, 95).toFixed(1)} ms  max ${times.at(-1)?.toFixed(1)} ms  lists saved: mean ${mean.toFixed(1)}`,
    );
  } finally {
    await t.close();
  }
}

await main();
