import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { type QualityPage, qualityPages } from './quality-pages.js';

const VNU = resolve(import.meta.dirname, '../../node_modules/vnu-jar/build/dist/vnu.jar');

interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  message: string;
  extract?: string;
  lastLine?: number;
}

describe('the Nu HTML Checker finds no errors', () => {
  let t: TestApp;
  let pages: QualityPage[];
  let dir: string;
  before(async () => {
    t = await buildTestApp({ demo: true });
    pages = await qualityPages(t);
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-vnu-'));
  });
  after(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('on the front page, an article page (with See also, comments, corrections), archives, a static page, search and 404', async () => {
    const files: string[] = [];
    for (const [i, page] of pages.entries()) {
      const res = await t.app.inject(page.path);
      assert.equal(res.statusCode, page.status, page.path);
      const file = join(dir, `${i}.html`);
      writeFileSync(file, res.body);
      files.push(file);
    }
    // One JVM for every page: starting Java is most of the cost.
    const run = spawnSync('java', ['-jar', VNU, '--format', 'json', '--stdout', ...files], {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    assert.ok(run.stdout, `vnu did not run: ${run.stderr || run.error}`);
    const messages = (JSON.parse(run.stdout) as { messages: VnuMessage[] }).messages;
    const errors = messages
      .filter((m) => m.type === 'error' || m.type === 'non-document-error')
      .map((m) => {
        const index = files.findIndex((f) => m.url?.endsWith(f));
        return `${pages[index]?.name ?? m.url}: ${m.message} (line ${m.lastLine}: ${m.extract ?? ''})`;
      });
    assert.deepEqual(errors, []);
    assert.ok(pages.length >= 6);
  });
});
