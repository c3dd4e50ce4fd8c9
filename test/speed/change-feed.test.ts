import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type AppContext, buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { openDatabase } from '../../src/db/database.js';
import { createTestDb, DIALECTS, type TestDb } from '../support/databases.js';

// Two apps on one database, each with its own connection, stand for two worker processes.
interface Worker {
  app: FastifyInstance;
  ctx: AppContext;
}

async function startWorker(db: TestDb, own: boolean): Promise<Worker> {
  const config = loadConfig({
    BROADSHEET_DATA_DIR: db.location.dataDir,
    BROADSHEET_DEMO: '0',
    LOG_LEVEL: 'silent',
    ...(db.location.databaseUrl ? { DATABASE_URL: db.location.databaseUrl } : {}),
  });
  const connection = own ? db : openDatabase(db.location);
  const { app, ctx } = await buildApp(config, { db: connection, startJobs: false, logger: false });
  if (!own) app.addHook('onClose', () => connection.close());
  await app.ready();
  return { app, ctx };
}

// Call before making a change; the returned function resolves once `worker` has applied a change of `kind`
// (at a catch-up on SQLite, which looks at most once a millisecond; when the NOTIFY arrives on PostgreSQL).
function whenApplied(worker: Worker, kind: string): () => Promise<void> {
  let seen = false;
  const off = worker.ctx.changes.subscribe((_scope, changes) => {
    if (changes.some((c) => c.kind === kind)) seen = true;
  });
  return async () => {
    const giveUpAt = Date.now() + 5000;
    while (!seen) {
      if (Date.now() > giveUpAt) throw new Error(`${kind} never reached the other worker`);
      await worker.ctx.changes.catchUp();
      if (!seen) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    off();
  };
}

const editor = { userId: null };

for (const dialect of DIALECTS) {
  describe(`change feed across workers (${dialect})`, () => {
    let db: TestDb;
    let writer: Worker;
    let reader: Worker;

    before(async () => {
      db = await createTestDb(dialect);
      writer = await startWorker(db, true);
      reader = await startWorker(db, false);
    });
    after(async () => {
      await reader.app.close();
      await writer.app.close();
      await db.close();
    });

    test("an edit in one worker drops the other's cached article page and lists", async () => {
      const published = whenApplied(reader, 'article.published');
      const story = await writer.ctx.services.articles.createArticle(
        { headline: 'Ansel Bridge reopens', bodySource: 'Traffic flows again.' },
        editor,
        { status: 'published', publishedAt: '2024-04-04T09:00:00.000Z' },
      );
      await published();
      const path = `/${story.slug}/`;
      assert.equal((await reader.app.inject(path)).headers['x-page-cache'], 'miss');
      assert.equal((await reader.app.inject(path)).headers['x-page-cache'], 'hit');
      await reader.app.inject('/');
      assert.equal((await reader.app.inject('/')).headers['x-page-cache'], 'hit');

      const updated = whenApplied(reader, 'article.updated');
      await writer.ctx.services.articles.saveArticle(
        story.id,
        { headline: 'Ansel Bridge reopens early' },
        story.version,
        editor,
      );
      await updated();
      const page = await reader.app.inject(path);
      assert.equal(page.headers['x-page-cache'], 'miss');
      assert.match(page.body, /Ansel Bridge reopens early/);
      const front = await reader.app.inject('/');
      assert.equal(front.headers['x-page-cache'], 'miss');
      assert.match(front.body, /Ansel Bridge reopens early/);
    });

    test('the worker that made a change sees it on its very next request', async () => {
      const story = await writer.ctx.services.articles.createArticle(
        { headline: 'Ferry timetable changes', bodySource: 'Sailings move.' },
        editor,
        { status: 'published', publishedAt: '2024-04-06T09:00:00.000Z' },
      );
      const path = `/${story.slug}/`;
      await writer.app.inject(path);
      assert.equal((await writer.app.inject(path)).headers['x-page-cache'], 'hit');
      await writer.ctx.services.articles.saveArticle(
        story.id,
        { headline: 'Ferry timetable changes again' },
        story.version,
        editor,
      );
      // No waiting for a notification: the write and the read are one reader's consecutive clicks.
      const page = await writer.app.inject(path);
      assert.equal(page.headers['x-page-cache'], 'miss');
      assert.match(page.body, /Ferry timetable changes again/);
    });

    test('a held comment changes no cached page; its approval drops the article page', async () => {
      const published = whenApplied(reader, 'article.published');
      const story = await writer.ctx.services.articles.createArticle(
        { headline: 'Harbour tides study', bodySource: 'Tides are rising.' },
        editor,
        { status: 'published', publishedAt: '2024-04-05T09:00:00.000Z' },
      );
      await published();
      const path = `/${story.slug}/`;
      await reader.app.inject(path);
      await reader.app.inject('/');

      const record = (kind: string, payload: Record<string, unknown>) =>
        writer.ctx.db.kysely
          .transaction()
          .execute((trx) => writer.ctx.stores.events.record(kind, payload, trx));
      const posted = whenApplied(reader, 'comment.posted');
      await record('comment.posted', { commentId: 1, articleId: story.id, status: 'held' });
      await posted();
      assert.equal((await reader.app.inject(path)).headers['x-page-cache'], 'hit');
      assert.equal((await reader.app.inject('/')).headers['x-page-cache'], 'hit');

      const approved = whenApplied(reader, 'comment.approved');
      await record('comment.approved', { commentId: 1, articleId: story.id, from: 'held', to: 'approved' });
      await approved();
      assert.equal((await reader.app.inject(path)).headers['x-page-cache'], 'miss');
      assert.equal((await reader.app.inject('/')).headers['x-page-cache'], 'miss');
    });

    test("a settings change in one worker reaches the other's cached settings and pages", async () => {
      await reader.app.inject('/');
      assert.equal((await reader.app.inject('/')).headers['x-page-cache'], 'hit');
      const changed = whenApplied(reader, 'settings.changed');
      await writer.ctx.db.kysely.transaction().execute(async (trx) => {
        await writer.ctx.stores.settings.save({ title: 'The Estuary Gazette' }, trx);
        await writer.ctx.stores.events.record('settings.changed', {}, trx);
      });
      await changed();
      assert.equal((await reader.ctx.settings()).title, 'The Estuary Gazette');
      const front = await reader.app.inject('/');
      assert.equal(front.headers['x-page-cache'], 'miss');
      assert.match(front.body, /The Estuary Gazette/);
    });
  });
}
