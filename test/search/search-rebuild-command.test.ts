// `broadsheet search rebuild` on a real SQLite site.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../../src/cli/main.js';
import { buildTestApp } from '../support/test-app.js';

test('search rebuild indexes every article again and reports the count', async () => {
  const t = await buildTestApp();
  const { articles, search } = t.ctx.services;
  for (const headline of ['Harbour wall repaired', 'Harbour fees rise', 'Library opens late']) {
    await articles.createArticle({ headline }, { userId: null }, { status: 'published' });
  }
  const before = (await search.searchPublic('harbour ')).total;
  assert.equal(before, 2);
  await t.db.kysely.updateTable('search_documents').set({ headline: 'stale' }).execute();
  const out: string[] = [];
  const io = {
    env: { BROADSHEET_DATA_DIR: t.db.location.dataDir, BROADSHEET_DEMO: '0', LOG_LEVEL: 'silent' },
    cwd: t.db.location.dataDir,
    out: (line: string) => out.push(line),
    err: (line: string) => out.push(line),
    isTty: false,
  };
  assert.equal(await runCli(['search', 'rebuild'], io), 0);
  assert.match(out.join('\n'), /^Indexed 3 articles and pages in \d+\.\d s\.$/);
  const rows = await t.db.kysely
    .selectFrom('search_documents')
    .select('headline')
    .orderBy('headline')
    .execute();
  assert.deepEqual(
    rows.map((r) => r.headline),
    ['Harbour fees rise', 'Harbour wall repaired', 'Library opens late'],
  );
  assert.equal((await search.searchPublic('harbour ')).total, before);
  await t.close();
});
