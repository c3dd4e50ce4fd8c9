import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { openImportSite } from './support/import-site.js';

// The test runner starts node without --expose-gc; this is the documented way to get gc() at run time.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const ATTACHMENTS = 6000;
// Without care, the ids and URLs the importer remembers pin the file's chunks: ~the file's size (here ~20 MB).
const MAX_HEAP_GROWTH_BYTES = 8 * 1024 * 1024;

async function writeWxr(path: string): Promise<void> {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(
    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" ' +
      'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n' +
      '<title>Photo archive</title><link>https://photos.example</link><wp:wxr_version>1.2</wp:wxr_version>\n',
  );
  const description = 'A long description of the photograph, as archives have. '.repeat(60);
  for (let i = 1; i <= ATTACHMENTS; i++) {
    await write(
      `<item><title>Photo ${i}</title><link>https://photos.example/?attachment_id=${i}</link>` +
        `<content:encoded><![CDATA[${description}]]></content:encoded><excerpt:encoded><![CDATA[Caption ${i}]]></excerpt:encoded>` +
        `<wp:post_id>${i}</wp:post_id><wp:post_parent>${i + 1_000_000}</wp:post_parent><wp:post_type>attachment</wp:post_type>` +
        `<wp:attachment_url>https://photos.example/wp-content/uploads/photo-${i}.jpg</wp:attachment_url></item>\n`,
    );
  }
  await write('</channel>\n</rss>\n');
  out.end();
  await once(out, 'close');
}

test('a large import keeps the heap flat: what the importer remembers does not pin the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-import-memory-'));
  const site = await openImportSite('sqlite');
  try {
    const path = join(dir, 'photos.xml');
    await writeWxr(path);
    assert.ok(statSync(path).size > 15 * 1024 * 1024);
    gc();
    const start = process.memoryUsage().heapUsed;
    let peak = 0;
    let seen = 0;
    const summary = await site.imports.importWxrFile(path, {
      onProgress(progress) {
        // Measured near the end, before the redirects are resolved and the maps dropped.
        if (progress.records - seen >= 1000) {
          seen = progress.records;
          gc();
          peak = Math.max(peak, process.memoryUsage().heapUsed - start);
        }
      },
    });
    assert.equal(summary.created.media, ATTACHMENTS);
    assert.ok(peak < MAX_HEAP_GROWTH_BYTES, `heap grew by ${(peak / 1024 / 1024).toFixed(1)} MB`);
  } finally {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
