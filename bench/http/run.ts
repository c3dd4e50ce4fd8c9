/**
 * The HTTP benchmark, in one command:
 *
 *   node --import tsx bench/http/run.ts [--articles 1000] [--comments N] [--postgres URL]
 *     [--duration 15] [--workers N] [--connections 32] [--post-rate 100] [--fresh] [--seed-only]
 *
 * Generates the data set (cached between runs under the temp directory), starts
 * `broadsheet serve --workers N` on a copy of it, and runs `wrk -t1 -c32` against
 * the article page with ten comments, the front page, a section archive's page 50,
 * the RSS feed and search, then pages under a steady stream of comment posts. It
 * does so with the page cache on and off, on SQLite and (with --postgres) on
 * PostgreSQL, and serves the same article's HTML from nginx as a static file for
 * comparison. Prints one table with req/s, p50/p99, cold start and memory.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { type CommentTarget, formOf, type PostingResult, postComments } from './comment-poster.js';
import {
  type RunningServer,
  type ServerMemory,
  serverMemory,
  startBroadsheet,
  startNginx,
} from './processes.js';
import { type SeededSite, seedSite } from './seed.js';
import { runWrk, type WrkOptions, type WrkResult } from './wrk.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const POSTS_PER_PAGE = 10;
const ARCHIVE_PAGE = 50;
// Readers whose earlier comments were approved; their new ones are approved at once under "hold first-time".
const RETURNING_READERS = 5000;

const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: '1000' },
    comments: { type: 'string' },
    postgres: { type: 'string' },
    duration: { type: 'string', default: '15' },
    workers: { type: 'string', default: String(availableParallelism()) },
    connections: { type: 'string', default: '32' },
    'post-rate': { type: 'string', default: '100' },
    fresh: { type: 'boolean', default: false },
    'seed-only': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0]);
  process.exit(0);
}

const articles = Number(args.articles);
const comments = args.comments !== undefined ? Number(args.comments) : articles * 10;
const duration = Number(args.duration);
const workers = Number(args.workers);
const postRate = Number(args['post-rate']);
const wrkOptions: WrkOptions = {
  threads: 1,
  connections: Number(args.connections),
  durationSeconds: duration,
};
const warmUp: WrkOptions = {
  ...wrkOptions,
  durationSeconds: Math.max(1, Math.min(3, Math.round(duration / 5))),
};
const benchDir = join(tmpdir(), 'broadsheet-bench-http');
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

for (const [name, n] of Object.entries({ articles, comments, duration, workers, postRate })) {
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number`);
}
for (const tool of ['wrk', 'nginx']) {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
  } catch {
    throw new Error(`${tool} is not installed (Debian: apt-get install ${tool}).`);
  }
}

/** One measured page: what wrk saw. */
interface Row {
  label: string;
  result: WrkResult | null;
  note?: string;
}

/** Everything one server configuration measured. */
interface ConfigResult {
  name: string;
  rows: Row[];
  posting: PostingResult | null;
  mixPage: WrkResult | null;
  coldStartMs: number;
  idle: ServerMemory;
  loaded: ServerMemory;
  /** Errors the server logged (and workers that died) while measured. */
  serverErrors: string[];
}

// --- data sets -------------------------------------------------------------------------------

async function sqliteDataSet(): Promise<{ dir: string; site: SeededSite }> {
  const dir = join(benchDir, `sqlite-${articles}-${comments}`);
  const marker = join(dir, 'site.json');
  if (existsSync(marker) && !args.fresh) return { dir, site: JSON.parse(readFileSync(marker, 'utf8')) };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  log(`generating the SQLite data set (${articles} articles, ${comments} comments)`);
  const started = performance.now();
  const site = await seedSite({ dataDir: dir, databaseUrl: null }, { articles, comments, log });
  log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  writeFileSync(marker, JSON.stringify(site));
  return { dir, site };
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

async function postgresDataSet(adminUrl: string): Promise<{ template: string; site: SeededSite }> {
  const template = `broadsheet_bench_${articles}_${comments}`;
  const marker = join(benchDir, `${template}.json`);
  const exists = (await adminQuery(adminUrl, `select 1 from pg_database where datname = '${template}'`))
    .rowCount;
  if (exists && existsSync(marker) && !args.fresh)
    return { template, site: JSON.parse(readFileSync(marker, 'utf8')) };
  await adminQuery(adminUrl, `drop database if exists ${template} with (force)`);
  await adminQuery(adminUrl, `create database ${template}`);
  log(`generating the PostgreSQL data set (${articles} articles, ${comments} comments)`);
  const started = performance.now();
  const dataDir = join(benchDir, `${template}-data`);
  mkdirSync(dataDir, { recursive: true });
  const site = await seedSite(
    { dataDir, databaseUrl: withDatabase(adminUrl, template) },
    { articles, comments, log },
  );
  await adminQuery(withDatabase(adminUrl, template), 'vacuum analyze');
  log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  mkdirSync(benchDir, { recursive: true });
  writeFileSync(marker, JSON.stringify(site));
  return { template, site };
}

// --- one configuration -----------------------------------------------------------------------

function archivePath(site: SeededSite): { path: string; label: string } {
  const lastPage = Math.max(1, Math.ceil(site.busiestCategory.articles / POSTS_PER_PAGE));
  const page = Math.min(ARCHIVE_PAGE, lastPage);
  const base = `/category/${site.busiestCategory.slug}/`;
  return {
    path: page > 1 ? `${base}page/${page}/` : base,
    label:
      page === ARCHIVE_PAGE
        ? `section archive, page ${ARCHIVE_PAGE}`
        : `section archive, page ${page} (last)`,
  };
}

async function fetchText(url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url);
  return { status: response.status, text: await response.text() };
}

/** Forms of a few articles other than the measured one, so posting does not change its ten comments. */
async function commentTargets(server: RunningServer, site: SeededSite): Promise<CommentTarget[]> {
  const front = await fetchText(`${server.baseUrl}/`);
  const paths = [...new Set([...front.text.matchAll(/href="(\/[a-z0-9-]+\/)"/g)].map((m) => m[1]!))].filter(
    (p) => p !== site.benchArticlePath && !/^\/(category|tag|author|page|feed|search)\//.test(p),
  );
  const targets: CommentTarget[] = [];
  for (const path of paths.slice(0, 20)) {
    const form = formOf((await fetchText(`${server.baseUrl}${path}`)).text);
    if (form) targets.push(form);
  }
  return targets;
}

async function measure(
  name: string,
  site: SeededSite,
  env: Record<string, string>,
): Promise<{ result: ConfigResult; articleHtml: string }> {
  log(`${name}: starting broadsheet serve --workers ${workers}`);
  const server = await startBroadsheet({ root: ROOT, workers, env, probePath: site.benchArticlePath });
  try {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const idle = serverMemory(server.pid);
    const article = await fetchText(`${server.baseUrl}${site.benchArticlePath}`);
    const archive = archivePath(site);
    const pages: { label: string; path: string }[] = [
      { label: 'article page, 10 comments', path: site.benchArticlePath },
      { label: 'front page', path: '/' },
      { label: archive.label, path: archive.path },
      { label: 'RSS feed', path: '/feed/' },
      { label: 'search', path: `/search/?q=${encodeURIComponent(site.searchWord)}` },
    ];
    const rows: Row[] = [];
    for (const page of pages) {
      const url = `${server.baseUrl}${page.path}`;
      const probe = await fetch(url, { redirect: 'manual' });
      await probe.arrayBuffer();
      if (probe.status !== 200) {
        rows.push({ label: page.label, result: null, note: `answers ${probe.status}` });
        continue;
      }
      await runWrk(url, warmUp);
      log(`${name}: ${page.label}`);
      rows.push({ label: page.label, result: await runWrk(url, wrkOptions) });
    }

    let posting: PostingResult | null = null;
    let mixPage: WrkResult | null = null;
    const targets = await commentTargets(server, site);
    // Readers take longer than the minimum time to submit (3 s) between loading a form and posting it.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    if (targets.length === 0) {
      log(`${name}: no comment form on the article pages; skipping the comment-post mix`);
    } else {
      log(`${name}: article page while posting ${postRate} comments/s`);
      [mixPage, posting] = await Promise.all([
        runWrk(`${server.baseUrl}${site.benchArticlePath}`, wrkOptions),
        postComments({
          baseUrl: server.baseUrl,
          targets,
          rate: postRate,
          seconds: duration,
          readerOf: (n) => {
            const reader = n % Math.min(RETURNING_READERS, Math.max(1, site.comments));
            return { name: `Reader ${reader}`, email: `reader${reader}@example.com` };
          },
        }),
      ]);
    }
    const loaded = serverMemory(server.pid);
    const serverErrors = server
      .output()
      .split('\n')
      .filter((line) => /"level":(50|60)|exited with/.test(line));
    return {
      result: { name, rows, posting, mixPage, coldStartMs: server.coldStartMs, idle, loaded, serverErrors },
      articleHtml: article.text,
    };
  } finally {
    await server.stop();
  }
}

// --- the report ------------------------------------------------------------------------------

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const num = (n: number) => Math.round(n).toLocaleString('en');
const ms = (n: number) => (Number.isFinite(n) ? `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms` : '–');

function cell(result: WrkResult | null, note?: string): string {
  if (!result) return note ?? 'not available';
  const errors = result.errors > 0 ? ` (${num(result.errors)} errors!)` : '';
  return `${num(result.requestsPerSecond)} req/s · p50 ${ms(result.p50Ms)} · p99 ${ms(result.p99Ms)}${errors}`;
}

function printReport(results: ConfigResult[], nginx: WrkResult | null, site: SeededSite): void {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const lines: string[] = [];
  lines.push('');
  lines.push(
    `Broadsheet HTTP benchmark: ${num(site.articles)} articles, ${num(site.comments)} comments; ` +
      `${workers} workers; wrk -t${wrkOptions.threads} -c${wrkOptions.connections} -d${duration}s on loopback; ` +
      `${availableParallelism()} cores (${cpu}); load average at the end ${loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')}`,
  );
  const labels = results[0]?.rows.map((r) => r.label) ?? [];
  const table: string[][] = [['', ...results.map((r) => r.name)]];
  for (const [i, label] of labels.entries()) {
    table.push([label, ...results.map((r) => cell(r.rows[i]?.result ?? null, r.rows[i]?.note))]);
  }
  table.push([
    `article page while posting comments`,
    ...results.map((r) => (r.mixPage ? cell(r.mixPage) : 'not available (no comment form)')),
  ]);
  table.push([
    `comment posts (target ${postRate}/s)`,
    ...results.map((r) =>
      r.posting
        ? `${r.posting.postsPerSecond.toFixed(1)}/s · ${num(r.posting.approved)} approved, ${num(r.posting.held)} held` +
          `${r.posting.failed ? `, ${num(r.posting.failed)} failed` : ''} · p99 ${ms(r.posting.p99Ms)}`
        : 'not available',
    ),
  ]);
  table.push(['cold start (spawn → first 200)', ...results.map((r) => ms(r.coldStartMs))]);
  table.push([
    'RSS idle: all processes (largest worker)',
    ...results.map((r) => `${mb(r.idle.totalBytes)} (${mb(r.idle.largestWorkerBytes)})`),
  ]);
  table.push([
    'RSS after load: all processes (largest worker)',
    ...results.map((r) => `${mb(r.loaded.totalBytes)} (${mb(r.loaded.largestWorkerBytes)})`),
  ]);
  if (nginx) {
    table.push(['nginx, same article HTML as a static file', cell(nginx), ...results.slice(1).map(() => '')]);
    table.push([
      'article page vs nginx static',
      ...results.map((r) => {
        const article = r.rows[0]?.result;
        return article
          ? `${((100 * article.requestsPerSecond) / nginx.requestsPerSecond).toFixed(0)} %`
          : '–';
      }),
    ]);
  }
  const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => (row[c] ?? '').length)));
  for (const [r, row] of table.entries()) {
    lines.push(`| ${row.map((text, c) => text.padEnd(widths[c]!)).join(' | ')} |`);
    if (r === 0) lines.push(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  }
  for (const r of results) {
    for (const failure of r.posting?.failures ?? [])
      lines.push(`${r.name}: a comment post failed: ${failure}`);
    if (r.serverErrors.length > 0) {
      lines.push(
        `${r.name}: the server logged ${r.serverErrors.length} errors; the first: ${r.serverErrors[0]!.slice(0, 500)}`,
      );
    }
  }
  console.log(lines.join('\n'));
}

// --- main ------------------------------------------------------------------------------------

mkdirSync(benchDir, { recursive: true });
const results: ConfigResult[] = [];
let articleHtml = '';
let site: SeededSite | null = null;

const sqlite = await sqliteDataSet();
site = sqlite.site;
if (args['seed-only']) {
  if (args.postgres) await postgresDataSet(args.postgres);
  log('data sets ready');
  process.exit(0);
}
for (const cache of ['1', '0']) {
  const runDir = join(benchDir, 'run-sqlite');
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  // A fresh copy each time: posted comments must not carry over into the next configuration.
  copyFileSync(join(sqlite.dir, 'broadsheet.db'), join(runDir, 'broadsheet.db'));
  const { result, articleHtml: html } = await measure(`SQLite, cache ${cache === '1' ? 'on' : 'off'}`, site, {
    BROADSHEET_DATA_DIR: runDir,
    BROADSHEET_PAGE_CACHE: cache,
  });
  if (cache === '1') articleHtml = html;
  results.push(result);
}

if (args.postgres) {
  const { template, site: pgSite } = await postgresDataSet(args.postgres);
  const runDb = 'broadsheet_bench_run';
  for (const cache of ['1', '0']) {
    await adminQuery(args.postgres, `drop database if exists ${runDb} with (force)`);
    await adminQuery(args.postgres, `create database ${runDb} template ${template}`);
    const runDir = join(benchDir, 'run-postgres');
    mkdirSync(runDir, { recursive: true });
    const { result } = await measure(`PostgreSQL, cache ${cache === '1' ? 'on' : 'off'}`, pgSite, {
      BROADSHEET_DATA_DIR: runDir,
      DATABASE_URL: withDatabase(args.postgres, runDb),
      BROADSHEET_PAGE_CACHE: cache,
    });
    results.push(result);
  }
  await adminQuery(args.postgres, `drop database if exists ${runDb} with (force)`);
}

log('nginx: the same article HTML as a static file');
const nginxDir = join(benchDir, 'nginx');
rmSync(nginxDir, { recursive: true, force: true });
const nginx = await startNginx({ dir: nginxDir, path: site.benchArticlePath, html: articleHtml });
let nginxResult: WrkResult | null = null;
try {
  await runWrk(`${nginx.baseUrl}${site.benchArticlePath}`, warmUp);
  nginxResult = await runWrk(`${nginx.baseUrl}${site.benchArticlePath}`, wrkOptions);
} finally {
  await nginx.stop();
}

printReport(results, nginxResult, site);
