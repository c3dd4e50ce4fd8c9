import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createImportServiceFor } from '../../src/imports/import-service.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';

const fixture = (name: string) => fileURLToPath(new URL(`../imports/fixtures/${name}`, import.meta.url));

let t: TestApp;
before(async () => {
  t = await buildTestApp({ demo: true });
});
after(() => t.close());

test('imported articles get related lists once the job runner handles the import event', async () => {
  await createImportServiceFor(t.ctx).importWxrFile(fixture('wxr-import-site.xml'));
  const imported = await t.ctx.db.kysely
    .selectFrom('articles')
    .select('id')
    .where('headline', '=', 'Council passes the budget & a rates rise')
    .executeTakeFirstOrThrow();
  const listOf = async () =>
    t.ctx.db.kysely
      .selectFrom('related_articles')
      .select('related_id')
      .where('article_id', '=', imported.id)
      .execute();
  assert.equal((await listOf()).length, 0, 'the import itself writes no lists');
  await t.ctx.jobs.drain();
  assert.ok(
    (await listOf()).length > 0,
    'the imported article has a related list after the site.imported event',
  );
});
