import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fetchMediaFile } from '../../src/imports/media-fetch.js';
import { isSafeMediaPath } from '../../src/media/media.js';
import { openImportSite } from './support/import-site.js';

// A 1×1 PNG: the bytes of an image, whatever its name says.
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const SITE_WXR = fileURLToPath(new URL('./fixtures/wxr-import-site.xml', import.meta.url));

let server: Server;
let base: string;
let closedPortUrl: string;
const requested: string[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'broadsheet-fetch-'));

before(async () => {
  server = createServer((request, response) => {
    requested.push(request.url ?? '');
    if (request.url?.endsWith('/chamber.jpg') || request.url?.endsWith('/market.jpg')) {
      response.writeHead(200, { 'content-type': 'image/png', 'content-length': PIXEL.length });
      response.end(PIXEL);
    } else if (request.url === '/big.jpg') {
      response.writeHead(200, { 'content-type': 'image/jpeg' });
      response.end(Buffer.alloc(64 * 1024));
    } else if (request.url === '/doc.pdf') {
      response.writeHead(200, { 'content-type': 'application/pdf' });
      response.end('%PDF-1.4');
    } else if (request.url === '/slow.jpg') {
      // Never answers: the timeout must end it.
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPortUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/gone.jpg`;
  await new Promise((resolve) => probe.close(resolve));
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(tmp, { recursive: true, force: true });
});

describe('fetchMediaFile', () => {
  test('downloads into <yyyy>/<mm>/ under a name the media routes serve', async () => {
    const dir = join(tmp, 'media-a');
    const first = await fetchMediaFile(`${base}/x/chamber.jpg`, dir, { uploadedAt: '2024-05-01T08:00:00Z' });
    const second = await fetchMediaFile(`${base}/y/chamber.jpg`, dir, { uploadedAt: '2024-05-01T08:00:00Z' });
    assert.ok(first.ok && second.ok);
    // The server says PNG, so it is stored as one whatever the URL says.
    assert.match(first.media.storagePath, /^2024\/05\/chamber-[0-9a-f]{6}\.png$/);
    assert.match(second.media.storagePath, /^2024\/05\/chamber-[0-9a-f]{6}\.png$/);
    assert.notEqual(first.media.storagePath, second.media.storagePath);
    assert.equal(first.media.mimeType, 'image/png');
    assert.deepEqual(readFileSync(first.media.absolutePath), PIXEL);
  });

  test('refuses what is too large, too slow, missing, unreachable, not an image or not http', async () => {
    const dir = join(tmp, 'media-b');
    assert.deepEqual(await fetchMediaFile(`${base}/big.jpg`, dir, { maxBytes: 1024 }), {
      ok: false,
      reason: 'larger than 1 KB',
    });
    assert.deepEqual(await fetchMediaFile(`${base}/slow.jpg`, dir, { timeoutMs: 200 }), {
      ok: false,
      reason: 'timed out',
    });
    assert.deepEqual(await fetchMediaFile(`${base}/missing.jpg`, dir), { ok: false, reason: 'HTTP 404' });
    assert.deepEqual(await fetchMediaFile(`${base}/doc.pdf`, dir), {
      ok: false,
      reason: 'not an image type Broadsheet serves (application/pdf)',
    });
    assert.deepEqual(await fetchMediaFile(closedPortUrl, dir), { ok: false, reason: 'unreachable' });
    assert.deepEqual(await fetchMediaFile('file:///etc/passwd', dir), {
      ok: false,
      reason: 'file: URLs are not fetched',
    });
    const now = new Date();
    const month = join(dir, String(now.getUTCFullYear()), String(now.getUTCMonth() + 1).padStart(2, '0'));
    assert.deepEqual(existsSync(month) ? readdirSync(month) : [], [], 'the partial download is removed');
  });
});

describe('importing with --fetch-media', () => {
  test('downloads reachable images, points articles at them, lists the rest, at paths the media routes serve', async () => {
    const site = await openImportSite('sqlite');
    try {
      const text = readFileSync(SITE_WXR, 'utf8')
        .replaceAll('https://gazette.example/wp-content/uploads', `${base}/wp-content/uploads`)
        .replace(`${base}/wp-content/uploads/2024/05/harbour.jpg`, closedPortUrl);
      const path = join(tmp, 'local.xml');
      writeFileSync(path, text);
      const summary = await site.imports.importWxrFile(path, { fetchMedia: true });
      assert.deepEqual(summary.mediaNotFetched, [{ url: closedPortUrl, reason: 'unreachable' }]);
      assert.equal(summary.mediaKeptRemote, 0);
      const k = site.ctx.db.kysely;
      const media = await k
        .selectFrom('media')
        .select(['source_url', 'storage_path', 'byte_size'])
        .orderBy('id')
        .execute();
      assert.match(media[0]!.storage_path!, /^2024\/05\/chamber-[0-9a-f]{6}\.png$/);
      assert.match(media[1]!.storage_path!, /^2024\/05\/market-[0-9a-f]{6}\.png$/);
      assert.deepEqual(
        media.map((m) => m.byte_size),
        [PIXEL.length, PIXEL.length, 0],
      );
      assert.equal(media[2]!.storage_path, null);
      const chamber = `/media/${media[0]!.storage_path}`;
      const market = `/media/${media[1]!.storage_path}`;
      assert.ok(existsSync(join(site.dataDir, 'media', media[0]!.storage_path!)));
      const budget = await k
        .selectFrom('articles')
        .select(['featured_image_url', 'body_html'])
        .where('source_id', '=', 'wxr:gazette.example:post:20')
        .executeTakeFirstOrThrow();
      assert.equal(budget.featured_image_url, chamber);
      assert.ok(budget.body_html.includes(`src="${market}"`));
      const notes = await k
        .selectFrom('articles')
        .select(['featured_image_url', 'body_html'])
        .where('source_id', '=', 'wxr:gazette.example:post:21')
        .executeTakeFirstOrThrow();
      // The caption's <img> was in the body before the download: rewritten afterwards.
      assert.match(notes.body_html, new RegExp(`<figure><img[^>]*src="${market}"`));
      assert.equal(notes.featured_image_url, closedPortUrl);
      assert.doesNotMatch(notes.body_html, new RegExp(`${base}/wp-content`));
      assert.ok(isSafeMediaPath(media[0]!.storage_path!), 'a path the media routes serve');
    } finally {
      await site.close();
    }
  });

  test('a file that fails after downloading leaves no downloaded files behind', async () => {
    const site = await openImportSite('sqlite');
    try {
      const text = readFileSync(SITE_WXR, 'utf8').replaceAll(
        'https://gazette.example/wp-content/uploads',
        `${base}/wp-content/uploads`,
      );
      const cut = text.slice(0, text.indexOf('<title><![CDATA[About the Gazette]]>'));
      const path = join(tmp, 'cut.xml');
      writeFileSync(path, cut);
      const before = requested.length;
      await assert.rejects(
        site.imports.importWxrFile(path, { fetchMedia: true }),
        /Malformed WordPress export/,
      );
      assert.ok(requested.slice(before).some((url) => url.endsWith('/chamber.jpg')));
      const month = join(site.dataDir, 'media', '2024', '05');
      assert.deepEqual(existsSync(month) ? readdirSync(month) : [], []);
    } finally {
      await site.close();
    }
  });
});
