// The demo site shows "See also" on a storyline's article pages right after start, and the CLI rebuild works.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { rebuildProgressText, relatedRebuildCommand } from '../../src/related/related-rebuild-command.js';
import { articlePath } from '../../src/site/permalinks.js';
import { get, signIn } from '../newsroom/newsroom-client.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
before(async () => {
  t = await buildTestApp({ demo: true });
});
after(() => t.close());

test('a demo storyline article page carries an inline See also link', async () => {
  const row = await t.ctx.db.kysely
    .selectFrom('articles')
    .select('id')
    .where('headline', 'like', '%Ansel Bridge%')
    .where('status', '=', 'published')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const article = await t.ctx.services.articles.load(row.id);
  const res = await t.app.inject({ method: 'GET', url: articlePath(article, await t.ctx.settings()) });
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /<p class="see-also">See also <a href=/);
  assert.match(res.body, /class="related"/);
});

test("the newsroom explains an article's stored related articles", async () => {
  const row = await t.ctx.db.kysely
    .selectFrom('related_articles')
    .select('article_id')
    .orderBy('article_id')
    .executeTakeFirstOrThrow();
  const browser = await signIn(t.app, t.demo!.email, t.demo!.password);
  const res = await get(t.app, browser, `/newsroom/articles/${row.article_id}/related`);
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Top shared terms/);
  assert.match(res.body, /<td>0\.\d{3}<\/td>/);
});

test('related rebuild prints counts and time', async () => {
  const lines: string[] = [];
  const code = await relatedRebuildCommand.run(
    { values: {}, positionals: [] },
    {
      env: {
        BROADSHEET_DATA_DIR: t.db.location.dataDir,
        BROADSHEET_DEMO: '0',
        ...(t.db.location.databaseUrl ? { DATABASE_URL: t.db.location.databaseUrl } : {}),
      },
      cwd: process.cwd(),
      out: (line) => lines.push(line),
      err: (line) => lines.push(line),
      isTty: false,
    },
  );
  assert.equal(code, 0);
  assert.match(lines.at(-1)!, /^Rebuilt related lists for \d+ articles \(\d+ entries\) in \d+\.\d s\.$/);
  assert.equal(
    rebuildProgressText({ phase: 'saving', done: 5, total: 10 }, 10),
    '[#####.....]  50%  Saving 5/10',
  );
});
