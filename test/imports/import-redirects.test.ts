import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createImportServiceFor } from '../../src/imports/import-service.js';
import { DIALECTS } from '../support/databases.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

for (const dialect of DIALECTS) {
  describe(`old URLs of imported items answer 301 (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp({ dialect });
      const imports = createImportServiceFor(t.ctx);
      await imports.importWxrFile(fixture('wxr-import-site.xml'));
      await imports.importGhostFile(fixture('ghost-6.x.json'));
      t.ctx.invalidateSettings();
    });
    after(() => t.close());

    test('every redirect row answers 301 with its new location over HTTP', async () => {
      const rows = await t.ctx.db.kysely.selectFrom('redirects').select(['from_path', 'to_path']).execute();
      assert.ok(rows.length >= 20, `${rows.length} redirects`);
      for (const row of rows) {
        const response = await t.app.inject({ method: 'GET', url: row.from_path });
        assert.equal(response.statusCode, 301, `${row.from_path} answered ${response.statusCode}`);
        assert.equal(response.headers.location, row.to_path, row.from_path);
      }
    });

    test('every imported post and page has its ?p= link and permalink redirected to a page that answers', async () => {
      for (const id of ['20', '21', '24', '30', '31']) {
        const response = await t.app.inject({ method: 'GET', url: `/?p=${id}&utm_source=old` });
        assert.equal(response.statusCode, 301, `/?p=${id}`);
      }
      const permalink = await t.app.inject({ method: 'GET', url: '/2024/05/01/budget-passes/' });
      assert.equal(permalink.statusCode, 301);
      const target = await t.app.inject({ method: 'GET', url: permalink.headers.location as string });
      assert.equal(target.statusCode, 200);
      assert.match(target.body, /Council passes the budget &amp; a rates rise/);
      const page = await t.app.inject({ method: 'GET', url: '/?page_id=31' });
      assert.equal(page.headers.location, '/contact/');
      assert.equal((await t.app.inject({ method: 'GET', url: '/contact/' })).statusCode, 200);
      const nuevo = await t.app.inject({ method: 'GET', url: '/a%C3%B1o-nuevo/' });
      assert.equal(nuevo.statusCode, 301);
      assert.equal(nuevo.headers.location, '/ano-nuevo/');
    });

    test('the front page still answers without a query, and with an unknown one', async () => {
      assert.equal((await t.app.inject({ method: 'GET', url: '/' })).statusCode, 200);
      assert.equal((await t.app.inject({ method: 'GET', url: '/?p=99999' })).statusCode, 200);
    });
  });
}
