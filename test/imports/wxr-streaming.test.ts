import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseWxr } from '../../src/imports/wxr-parser.js';

const TARGET_BYTES = 50 * 1024 * 1024;
const MAX_HEAP_GROWTH_BYTES = 100 * 1024 * 1024;

// The test runner starts node without --expose-gc; this is the documented way to get gc() at run time.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function writeLargeWxr(path: string): Promise<number> {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(
    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" ' +
      'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n' +
      '<title>Big</title><wp:wxr_version>1.2</wp:wxr_version>\n',
  );
  const paragraph = '<p>The council met again and discussed the budget at length, as it does. </p>\n'.repeat(
    40,
  );
  let items = 0;
  let bytes = 0;
  while (bytes < TARGET_BYTES) {
    items++;
    const item =
      `<item><title>Story ${items}</title><dc:creator><![CDATA[reporter]]></dc:creator>` +
      `<content:encoded><![CDATA[${paragraph}]]></content:encoded><wp:post_id>${items}</wp:post_id>` +
      `<wp:post_date_gmt>2024-01-01 00:00:00</wp:post_date_gmt><wp:post_name>story-${items}</wp:post_name>` +
      '<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>' +
      `<wp:comment><wp:comment_id>${items}</wp:comment_id><wp:comment_content>Hear, hear.</wp:comment_content>` +
      '<wp:comment_approved>1</wp:comment_approved></wp:comment></item>\n';
    bytes += item.length;
    await write(item);
  }
  await write('</channel>\n</rss>\n');
  out.end();
  await once(out, 'close');
  return items;
}

test('a ~50 MB WXR parses with small, flat heap growth', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-wxr-'));
  const path = join(dir, 'big.xml');
  try {
    const items = await writeLargeWxr(path);
    const { size } = await stat(path);
    assert.ok(size >= TARGET_BYTES, `generated ${size} bytes`);

    gc();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    let articles = 0;
    let comments = 0;
    for await (const record of parseWxr(createReadStream(path))) {
      if (record.kind === 'article') {
        articles++;
        if (articles % 500 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
      } else if (record.kind === 'comment') {
        comments++;
      }
    }
    gc();
    const growth = peak - baseline;
    assert.equal(articles, items);
    assert.equal(comments, items);
    assert.ok(
      growth < MAX_HEAP_GROWTH_BYTES,
      `heap grew ${(growth / 1024 / 1024).toFixed(1)} MB while parsing ${(size / 1024 / 1024).toFixed(1)} MB`,
    );
    t.diagnostic(
      `parsed ${(size / 1024 / 1024).toFixed(1)} MB, ${items} items; peak heap growth ${(growth / 1024 / 1024).toFixed(1)} MB`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
