/**
 * Import benchmark: writes a WordPress export of 100,000 articles (with comments, terms, bylines and
 * featured-image attachments) to a temporary file, imports it into a fresh site the way
 * `broadsheet import` does, and prints the time taken and the process's peak memory.
 *
 *   npm run bench:import                      # 100,000 articles into SQLite
 *   BENCH_ARTICLES=20000 npm run bench:import
 *   BENCH_DATABASE_URL=postgres://… npm run bench:import
 */
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext, type Log } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { importFile } from '../../src/imports/import-command.js';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 100_000);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? null;
const AUTHORS = 40;
const CATEGORIES = 12;
const TAGS = 120;
const RSS_SAMPLE_MS = 200;

const quiet: Log = { info() {}, warn() {}, error() {} };
const WORDS = (
  'council harbour budget vote ferry bridge school market tide festival library rates housing ' +
  'plan committee residents traders engineers report inquiry police hospital clinic river road ' +
  'station bus tram weather storm flood league match season coach players fans stadium'
).split(' ');

// A small deterministic generator (mulberry32), so every run imports the same file.
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(next: () => number, words: number): string {
  const list = Array.from({ length: words }, () => WORDS[Math.floor(next() * WORDS.length)]);
  const text = list.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

function gmt(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

/** Writes the benchmark WXR file; returns its size in bytes. */
async function writeWxr(path: string, count: number): Promise<number> {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const next = random(8);
  await write(
    '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" ' +
      'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
      'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<title>Benchmark Gazette</title>\n' +
      '<link>https://bench.example</link>\n<description>One hundred thousand stories</description>\n' +
      '<language>en-GB</language>\n<wp:wxr_version>1.2</wp:wxr_version>\n' +
      '<wp:base_site_url>https://bench.example</wp:base_site_url>\n<wp:base_blog_url>https://bench.example</wp:base_blog_url>\n',
  );
  for (let i = 1; i <= AUTHORS; i++) {
    await write(
      `<wp:author><wp:author_id>${i}</wp:author_id><wp:author_login><![CDATA[reporter${i}]]></wp:author_login>` +
        `<wp:author_email><![CDATA[reporter${i}@bench.example]]></wp:author_email>` +
        `<wp:author_display_name><![CDATA[Reporter ${i}]]></wp:author_display_name></wp:author>\n`,
    );
  }
  for (let i = 1; i <= CATEGORIES; i++) {
    const parent = i > 4 ? `section-${((i - 1) % 4) + 1}` : '';
    await write(
      `<wp:category><wp:term_id>${i}</wp:term_id><wp:category_nicename><![CDATA[section-${i}]]></wp:category_nicename>` +
        `<wp:category_parent><![CDATA[${parent}]]></wp:category_parent><wp:cat_name><![CDATA[Section ${i}]]></wp:cat_name></wp:category>\n`,
    );
  }
  for (let i = 1; i <= TAGS; i++) {
    await write(
      `<wp:tag><wp:term_id>${1000 + i}</wp:term_id><wp:tag_slug><![CDATA[topic-${i}]]></wp:tag_slug>` +
        `<wp:tag_name><![CDATA[Topic ${i}]]></wp:tag_name></wp:tag>\n`,
    );
  }
  const start = Date.UTC(2010, 0, 1);
  let comment = 0;
  for (let i = 1; i <= count; i++) {
    const postId = i * 2;
    const date = gmt(start + i * 3_600_000);
    if (i % 10 === 0) {
      // Every tenth article has a featured image, listed just before it as WordPress usually does.
      await write(
        `<item><title>Photo ${i}</title><link>https://bench.example/?attachment_id=${postId - 1}</link>` +
          `<wp:post_id>${postId - 1}</wp:post_id><wp:post_date_gmt>${date}</wp:post_date_gmt>` +
          `<wp:status>inherit</wp:status><wp:post_parent>${postId}</wp:post_parent><wp:post_type>attachment</wp:post_type>` +
          `<wp:attachment_url>https://bench.example/wp-content/uploads/photo-${i}.jpg</wp:attachment_url></item>\n`,
      );
    }
    const paragraphs = Array.from(
      { length: 4 },
      () => `<p>${sentence(next, 14)} ${sentence(next, 12)}</p>`,
    ).join('\n');
    const tags = [1 + Math.floor(next() * TAGS), 1 + Math.floor(next() * TAGS)];
    const comments: string[] = [];
    const commentCount = i % 3 === 0 ? 2 : 0;
    for (let c = 0; c < commentCount; c++) {
      comment++;
      comments.push(
        `<wp:comment><wp:comment_id>${comment}</wp:comment_id><wp:comment_author><![CDATA[Reader ${comment % 500}]]></wp:comment_author>` +
          `<wp:comment_author_email>reader${comment % 500}@mail.example</wp:comment_author_email>` +
          `<wp:comment_author_IP>192.0.2.${comment % 250}</wp:comment_author_IP>` +
          `<wp:comment_date_gmt>${date}</wp:comment_date_gmt><wp:comment_content><![CDATA[${sentence(next, 10)}]]></wp:comment_content>` +
          `<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>${c === 1 ? comment - 1 : 0}</wp:comment_parent></wp:comment>`,
      );
    }
    await write(
      `<item><title><![CDATA[${sentence(next, 7).slice(0, -1)}]]></title>` +
        `<link>https://bench.example/${date.slice(0, 4)}/${date.slice(5, 7)}/story-${i}/</link>` +
        `<dc:creator><![CDATA[reporter${1 + (i % AUTHORS)}]]></dc:creator>` +
        `<guid isPermaLink="false">https://bench.example/?p=${postId}</guid>` +
        `<content:encoded><![CDATA[${paragraphs}]]></content:encoded>` +
        `<excerpt:encoded><![CDATA[${sentence(next, 12)}]]></excerpt:encoded>` +
        `<wp:post_id>${postId}</wp:post_id><wp:post_date_gmt>${date}</wp:post_date_gmt>` +
        `<wp:post_modified_gmt>${date}</wp:post_modified_gmt><wp:comment_status>open</wp:comment_status>` +
        `<wp:post_name>story-${i}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>` +
        `<category domain="category" nicename="section-${1 + (i % CATEGORIES)}"><![CDATA[Section ${1 + (i % CATEGORIES)}]]></category>` +
        tags
          .map((t) => `<category domain="post_tag" nicename="topic-${t}"><![CDATA[Topic ${t}]]></category>`)
          .join('') +
        (i % 10 === 0
          ? `<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>${postId - 1}</wp:meta_value></wp:postmeta>`
          : '') +
        `${comments.join('')}</item>\n`,
    );
  }
  await write('</channel>\n</rss>\n');
  out.end();
  await once(out, 'close');
  return statSync(path).size;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-import-bench-'));
  try {
    const file = join(dir, 'export.xml');
    const generateStart = performance.now();
    const size = await writeWxr(file, ARTICLES);
    console.log(
      `Generated a ${mb(size)} WXR with ${ARTICLES.toLocaleString('en')} articles in ${((performance.now() - generateStart) / 1000).toFixed(1)} s`,
    );

    const config = loadConfig({
      BROADSHEET_DATA_DIR: join(dir, 'data'),
      BROADSHEET_DEMO: '0',
      LOG_LEVEL: 'silent',
      ...(DATABASE_URL ? { DATABASE_URL } : {}),
    });
    const ctx = await createContext(config, quiet);
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    let peakHeap = 0;
    const sampler = setInterval(() => {
      const usage = process.memoryUsage();
      peakRss = Math.max(peakRss, usage.rss);
      peakHeap = Math.max(peakHeap, usage.heapUsed);
    }, RSS_SAMPLE_MS);
    const start = performance.now();
    let lastReport = start;
    const summary = await importFile(ctx, file, 'wxr', {
      onProgress(p) {
        const now = performance.now();
        if (now - lastReport < 10_000) return;
        lastReport = now;
        console.log(`  … ${p.articles.toLocaleString('en')} articles, ${mb(process.memoryUsage().rss)} RSS`);
      },
    });
    const seconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    await ctx.db.close();

    console.log(`Database: ${DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`);
    console.log(
      `Imported ${summary.created.articles.toLocaleString('en')} articles, ${summary.created.comments.toLocaleString('en')} comments, ` +
        `${summary.created.media.toLocaleString('en')} media, ${summary.created.redirects.toLocaleString('en')} redirects`,
    );
    console.log(
      `Import time: ${seconds.toFixed(1)} s (${Math.round(summary.created.articles / seconds)} articles/s)`,
    );
    console.log(
      `Peak RSS during import: ${mb(peakRss)} (before: ${mb(rssBefore)}; file: ${mb(size)}); peak heap used: ${mb(peakHeap)}`,
    );
    console.log(`Peak RSS of the whole process (getrusage): ${mb(process.resourceUsage().maxRSS * 1024)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
