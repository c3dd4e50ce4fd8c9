/**
 * Crash safety: while readers post comments through the real form (with signed tokens) and an author
 * creates and saves articles in the newsroom, the server process is killed with SIGKILL at random moments
 * and restarted, over and over. Every write the server answered as done must be in the database
 * afterwards, and the database must pass its integrity check.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { createContext } from '../../src/app.js';
import { issueFormToken } from '../../src/comments/comment-form-token.js';
import { loadConfig } from '../../src/config/config.js';
import { createTestDb } from '../support/databases.js';

const KILLS = Number(process.env.CRASH_KILLS ?? 50);
// PostgreSQL keeps committed transactions in its own process, which is never killed: fewer kills suffice.
const PG_KILLS = Number(process.env.CRASH_KILLS_POSTGRES ?? 15);
const PASSWORD = 'correct horse battery staple';
const silent = { info() {}, warn() {}, error() {} };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Answer {
  status: number;
  location: string;
  cookies: string[];
  body: string;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** One HTTP request without keep-alive (a killed server must not leave a pooled socket behind). */
function send(
  port: number,
  method: string,
  path: string,
  options: { form?: Record<string, string>; headers?: Record<string, string>; from?: string } = {},
): Promise<Answer> {
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        localAddress: options.from,
        agent: false,
        timeout: 10_000,
        headers: {
          connection: 'close',
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            location: String(res.headers.location ?? ''),
            cookies: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!),
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end(body);
  });
}

/** What a crash run found. */
interface Outcome {
  kills: number;
  seconds: number;
  acknowledged: { comments: string[]; created: string[]; saved: string[] };
}

/** Runs the write stream against `env`'s database, killing the server `killCount` times. */
async function crashRun(env: NodeJS.ProcessEnv, secret: string, killCount: number): Promise<Outcome> {
  const port = await freePort();
  // The site: an author, an article open for comments, and no minimum time before posting.
  const ctx = await createContext(loadConfig(env as Record<string, string>), silent);
  await ctx.stores.settings.save({ commentMinSecondsToSubmit: 0, commentPolicy: 'approve-all' });
  const { user } = await ctx.services.users.addUser({
    email: 'author@crash.test',
    name: 'Crash Author',
    role: 'author',
    password: PASSWORD,
  });
  const article = await ctx.services.articles.createArticle(
    {
      headline: 'The harbour wall holds',
      bodySource: 'Waves all night.',
      commentsOpen: true,
      ownerId: user.id,
    },
    { userId: user.id },
    { status: 'published', publishedAt: new Date(Date.now() - 3_600_000).toISOString() },
  );
  await ctx.db.close();

  // Two ports: the next server starts while the current one is still taking writes, so the writes never
  // pause for a start-up (seconds of loading code) and every kill lands in the middle of the stream.
  const ports = [port, await freePort()];
  async function start(at: number): Promise<ChildProcess> {
    const child = spawn(
      process.execPath,
      ['bin/broadsheet.js', 'serve', '--workers', '1', '--port', String(at)],
      {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('serving at')) resolve();
      });
      child.stderr!.on('data', () => {});
      child.once('exit', (code) => reject(new Error(`server exited early (${code}): ${out}`)));
    });
    return child;
  }
  async function kill(child: ChildProcess): Promise<void> {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  const acknowledged = { comments: [] as string[], created: [] as string[], saved: [] as string[] };
  let current = { child: await start(ports[0]!), port: ports[0]! };
  let answered = 0;
  let attempts = 0;
  let stopped = false;

  // The author signs in once; the session (a database row) must survive every kill like any other write.
  const signInPage = await send(current.port, 'GET', '/newsroom/sign-in');
  const signIn = await send(current.port, 'POST', '/newsroom/sign-in', {
    headers: { cookie: signInPage.cookies.join('; ') },
    form: {
      _csrf: /name="_csrf" value="([^"]+)"/.exec(signInPage.body)?.[1] ?? '',
      email: 'author@crash.test',
      password: PASSWORD,
      next: '',
    },
  });
  assert.equal(signIn.status, 303, 'signed in');
  const cookie = signIn.cookies.find((c) => c.startsWith('bs_session=')) ?? '';
  const dashboard = await send(current.port, 'GET', '/newsroom/', { headers: { cookie } });
  const csrf = /name="csrf-token" content="([^"]+)"/.exec(dashboard.body)?.[1] ?? '';
  assert.ok(csrf, 'the newsroom answers with its CSRF token');

  async function postComments(worker: number): Promise<void> {
    for (let n = 0; !stopped; n++) {
      const key = `w${worker}-${n}`;
      // Each reader address posts at most 8 comments, under the per-address limit (10 in 10 minutes).
      const slot = attempts++ >> 3;
      try {
        const answer = await send(current.port, 'POST', '/wp-comments-post.php', {
          from: `127.1.${(slot >> 8) & 255}.${(slot & 255) + 1}`,
          // The real form's fields; asking for JSON makes success a 201 rather than a 303 to the article.
          headers: { accept: 'application/json' },
          form: {
            comment: `Comment ${key}: the new railings look sturdy.`,
            author: `Reader ${key}`,
            email: `${key}@readers.test`,
            url: '',
            comment_post_ID: String(article.id),
            comment_parent: '0',
            bs_form_token: issueFormToken(secret, article.id),
          },
        });
        answered++;
        if (answer.status === 201) acknowledged.comments.push(`${key}@readers.test`);
      } catch {
        // Killed mid-request: not acknowledged, so nothing is owed.
        await sleep(5);
      }
    }
  }

  async function saveArticles(): Promise<void> {
    const own: number[] = [];
    for (let n = 0; !stopped; n++) {
      try {
        const at = current.port;
        if (n % 2 === 0 || own.length === 0) {
          const headline = `Created ${n}`;
          const answer = await send(at, 'POST', '/newsroom/articles', {
            headers: { cookie },
            form: { _csrf: csrf, headline, bodySource: `Draft ${n}.`, intent: 'save' },
          });
          answered++;
          const id = /^\/newsroom\/articles\/(\d+)\/edit/.exec(answer.location)?.[1];
          if (answer.status === 303 && id) {
            acknowledged.created.push(headline);
            own.push(Number(id));
          }
        } else {
          const id = own[n % own.length]!;
          const editor = await send(at, 'GET', `/newsroom/articles/${id}/edit`, { headers: { cookie } });
          const version = /name="version" value="(\d+)"/.exec(editor.body)?.[1];
          if (!version) continue;
          const headline = `Saved ${n}`;
          const answer = await send(at, 'POST', `/newsroom/articles/${id}`, {
            headers: { cookie },
            form: { _csrf: csrf, version, headline, bodySource: `Edited ${n}.`, intent: 'save' },
          });
          answered++;
          if (answer.status === 303 && answer.location.startsWith(`/newsroom/articles/${id}/edit`))
            acknowledged.saved.push(headline);
        }
      } catch {
        await sleep(5);
      }
    }
  }

  const started = Date.now();
  const writers = [postComments(0), postComments(1), postComments(2), saveArticles()];
  let kills = 0;
  for (; kills < killCount; kills++) {
    const nextPort = ports[(kills + 1) % 2]!;
    const next = await start(nextPort);
    // A random moment, once this server has answered something since the last kill.
    const seen = answered;
    while (answered === seen) await sleep(5);
    await sleep(Math.random() * 400);
    const victim = current.child;
    current = { child: next, port: nextPort };
    await kill(victim);
  }
  await sleep(300);
  stopped = true;
  await Promise.all(writers);
  await kill(current.child);
  kills++;

  return { kills, seconds: (Date.now() - started) / 1000, acknowledged };
}

/** Checks an outcome against what the database holds, prints the figures, and asserts nothing was lost. */
function verify(
  dialect: string,
  outcome: Outcome,
  found: { emails: Set<string>; headlines: Set<string>; integrity: string },
): void {
  const { acknowledged } = outcome;
  const lostComments = acknowledged.comments.filter((e) => !found.emails.has(e));
  const lostCreated = acknowledged.created.filter((h) => !found.headlines.has(h));
  const lostSaves = acknowledged.saved.filter((h) => !found.headlines.has(h));
  const writes = acknowledged.comments.length + acknowledged.created.length + acknowledged.saved.length;
  const lost = lostComments.length + lostCreated.length + lostSaves.length;
  console.log(
    `crash safety (${dialect}): ${outcome.kills} SIGKILLs in ${outcome.seconds.toFixed(0)} s; writes acknowledged ${writes} (comments ${acknowledged.comments.length}, articles created ${acknowledged.created.length}, saved ${acknowledged.saved.length}), found ${writes - lost}, lost ${lost}; integrity check: ${found.integrity}`,
  );
  assert.equal(found.integrity, 'ok');
  assert.deepEqual(
    { lostComments, lostCreated, lostSaves },
    { lostComments: [], lostCreated: [], lostSaves: [] },
  );
  assert.ok(acknowledged.comments.length > outcome.kills, 'comments were acknowledged between kills');
  assert.ok(
    acknowledged.created.length + acknowledged.saved.length > outcome.kills / 2,
    'article saves were acknowledged',
  );
}

test(`no acknowledged write is lost across ${KILLS} SIGKILLs (SQLite)`, {
  timeout: 15 * 60_000,
}, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'broadsheet-crash-'));
  const secret = randomBytes(24).toString('hex');
  const env = {
    ...process.env,
    BROADSHEET_DATA_DIR: dataDir,
    BROADSHEET_SECRET: secret,
    BROADSHEET_DEMO: '0',
    LOG_LEVEL: 'silent',
  };
  const outcome = await crashRun(env, secret, KILLS);
  const db = new SQLite(join(dataDir, 'broadsheet.db'));
  const rows = (query: string) => db.prepare(query).all() as Record<string, string>[];
  const found = {
    integrity: String(db.pragma('integrity_check', { simple: true })),
    emails: new Set(rows('select author_email as v from comments').map((r) => r.v!)),
    headlines: new Set(rows('select headline as v from revisions').map((r) => r.v!)),
  };
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
  verify('SQLite', outcome, found);
});

test(`no acknowledged write is lost across ${PG_KILLS} SIGKILLs (PostgreSQL)`, {
  skip: !process.env.TEST_DATABASE_URL && 'TEST_DATABASE_URL is not set',
  timeout: 15 * 60_000,
}, async () => {
  const db = await createTestDb('postgres');
  const secret = randomBytes(24).toString('hex');
  const env = {
    ...process.env,
    DATABASE_URL: db.location.databaseUrl!,
    BROADSHEET_DATA_DIR: db.location.dataDir,
    BROADSHEET_SECRET: secret,
    BROADSHEET_DEMO: '0',
    LOG_LEVEL: 'silent',
  };
  try {
    const outcome = await crashRun(env, secret, PG_KILLS);
    const k = db.kysely;
    // PostgreSQL's integrity check: amcheck over every B-tree index (with the heap) and every table.
    await sql`create extension if not exists amcheck`.execute(k);
    const indexes = await sql<{ oid: number; name: string }>`
        select c.oid, c.relname as name from pg_index i
        join pg_class c on c.oid = i.indexrelid join pg_am am on am.oid = c.relam
        where am.amname = 'btree' and c.relnamespace = 'public'::regnamespace`.execute(k);
    for (const index of indexes.rows)
      await sql`select bt_index_check(${index.oid}::regclass, true)`.execute(k);
    const corrupt = await sql<{ relname: string }>`
        select c.relname from pg_class c, lateral verify_heapam(c.oid) v
        where c.relkind = 'r' and c.relnamespace = 'public'::regnamespace`.execute(k);
    const emails = await k.selectFrom('comments').select('author_email').execute();
    const headlines = await k.selectFrom('revisions').select('headline').execute();
    verify('PostgreSQL', outcome, {
      integrity:
        corrupt.rows.length === 0 ? 'ok' : `corrupt: ${corrupt.rows.map((r) => r.relname).join(', ')}`,
      emails: new Set(emails.map((r) => r.author_email)),
      headlines: new Set(headlines.map((r) => r.headline)),
    });
    assert.ok(indexes.rows.length > 10, 'the indexes were checked');
  } finally {
    await db.close();
  }
});
