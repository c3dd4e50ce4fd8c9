import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { createMediaStore } from '../../src/media/media-store.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { anonymous, type Browser, get, post, signedIn } from './newsroom-client.js';

/** A multipart/form-data body with text fields and one file. */
function multipart(fields: Record<string, string>, file?: { name: string; type: string; data: Buffer }) {
  const boundary = `----broadsheet${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('media library', () => {
  let t: TestApp;
  let author: Browser;
  let photo: Buffer;

  async function upload(
    browser: Browser,
    file: { name: string; type: string; data: Buffer },
    fields: Record<string, string> = {},
    json = false,
  ) {
    const body = multipart({ _csrf: browser.csrf, ...fields }, file);
    return t.app.inject({
      method: 'POST',
      url: '/newsroom/media',
      payload: body.payload,
      headers: {
        'content-type': body.contentType,
        cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(json ? { accept: 'application/json', 'x-csrf-token': browser.csrf } : {}),
      },
    });
  }

  before(async () => {
    t = await buildTestApp();
    author = (await signedIn(t.app, t.ctx, 'author')).browser;
    // A photo as phones take them: EXIF with a GPS position and the camera's orientation.
    photo = await sharp({ create: { width: 700, height: 420, channels: 3, background: '#2a6f97' } })
      .jpeg()
      .withExif({
        IFD0: { Make: 'PhoneCo', Model: 'X1' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '51/1 30/1 0/1',
          GPSLongitudeRef: 'W',
          GPSLongitude: '0/1 7/1 0/1',
        },
      })
      .toBuffer();
  });
  after(async () => {
    await t.close();
  });

  test('an upload is re-encoded without EXIF and gets WebP, AVIF and JPEG variants for srcset', async () => {
    assert.ok((await sharp(photo).metadata()).exif, 'the fixture carries EXIF');
    const response = await upload(
      author,
      { name: 'Harbour at dawn.JPG', type: 'image/jpeg', data: photo },
      { altText: 'The harbour at dawn', credit: 'Ana Ruiz' },
    );
    assert.equal(response.statusCode, 303, response.body.slice(0, 300));
    const id = Number(/\/newsroom\/media\/(\d+)/.exec(String(response.headers.location))?.[1]);
    const item = (await createMediaStore(t.ctx.db.kysely).findById(id))!;
    assert.equal(item.mimeType, 'image/jpeg');
    assert.equal(item.width, 700);
    assert.equal(item.altText, 'The harbour at dawn');
    assert.match(item.storagePath!, /^\d{4}\/\d{2}\/harbour-at-dawn-[0-9a-f]{8}\.jpg$/);
    const dir = join(t.config.dataDir, 'media');
    const stored = await sharp(join(dir, item.storagePath!)).metadata();
    assert.equal(stored.exif, undefined, 'no EXIF (and so no GPS position) is kept');
    assert.deepEqual(
      item.variants.map((v) => `${v.width} ${v.format}`).sort(),
      [
        '320 avif',
        '320 jpeg',
        '320 webp',
        '640 avif',
        '640 jpeg',
        '640 webp',
        '700 avif',
        '700 jpeg',
        '700 webp',
      ].sort(),
    );
    for (const variant of item.variants) {
      const meta = await sharp(join(dir, variant.path)).metadata();
      assert.equal(meta.width, variant.width);
      assert.equal(meta.exif, undefined);
      assert.equal(meta.format === 'heif' ? 'avif' : meta.format, variant.format);
    }

    const page = await get(t.app, author, `/newsroom/media/${id}`);
    assert.match(page.body, /<source type="image\/avif" srcset="[^"]+ 320w, [^"]+ 640w, [^"]+ 700w"/);
    assert.match(page.body, /!\[The harbour at dawn\]\(\/media\//);

    const original = await get(t.app, anonymous(), item.url);
    assert.equal(original.statusCode, 200);
    assert.equal(original.headers['content-type'], 'image/jpeg');
    assert.match(String(original.headers['cache-control']), /immutable/);
    const avif = item.variants.find((v) => v.format === 'avif')!;
    const served = await get(t.app, anonymous(), `/media/${avif.path}`);
    assert.equal(served.headers['content-type'], 'image/avif');
    assert.equal(served.rawPayload.length, avif.bytes);
  });

  test('the type is judged by content: a PNG named .jpg is a PNG, text named .jpg is refused', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 4, background: '#ff000080' } })
      .png()
      .toBuffer();
    const accepted = await upload(author, { name: 'logo.jpg', type: 'image/jpeg', data: png }, {}, true);
    assert.equal(accepted.statusCode, 201);
    assert.match(accepted.json().url, /\.png$/);
    for (const [name, data] of [
      ['evil.jpg', Buffer.from('<?php system($_GET["c"]); ?>')],
      ['drawing.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
      ['truncated.jpg', photo.subarray(0, 200)],
    ] as const) {
      const refused = await upload(author, { name, type: 'image/jpeg', data });
      assert.equal(refused.statusCode, 422, name);
      assert.match(refused.body, /not a JPEG, PNG, GIF, WebP or AVIF image|could not be read/, name);
    }
  });

  test('uploads over the size limit are refused', async () => {
    const huge = Buffer.concat([photo, Buffer.alloc(16 * 1024 * 1024)]);
    const response = await upload(author, { name: 'huge.jpg', type: 'image/jpeg', data: huge });
    assert.equal(response.statusCode, 413);
  });

  test('the JSON upload used by drag and drop answers with the Markdown to insert', async () => {
    const response = await upload(
      author,
      { name: 'gull.jpg', type: 'image/jpeg', data: photo },
      { altText: 'A gull' },
      true,
    );
    assert.equal(response.statusCode, 201);
    const body = response.json();
    assert.match(body.markdown, /^!\[A gull\]\(\/media\/\d{4}\/\d{2}\/gull-[0-9a-f]{8}\.jpg\)$/);
    assert.match(body.thumbnailUrl, /-320\.webp$/);
  });

  test('files are served only from the media directory', async () => {
    for (const path of [
      '/media/../../etc/passwd',
      '/media/..%2F..%2Fbroadsheet.db',
      '/media/2024/01/..%2F..%2F..%2Fbroadsheet.db',
      '/media/2024/01/x.svg',
      '/media/2024/01/missing.jpg',
      '/media/broadsheet.db',
    ]) {
      const response = await get(t.app, anonymous(), path);
      assert.notEqual(response.statusCode, 200, path);
      assert.doesNotMatch(String(response.headers['content-type']), /^image\//, path);
      assert.doesNotMatch(response.body, /SQLite format|root:/, path);
    }
  });

  test('search finds items by alt text, caption or name; details can be edited', async () => {
    const created = await upload(
      author,
      { name: 'crane.jpg', type: 'image/jpeg', data: photo },
      { altText: 'A crane lifting a container' },
      true,
    );
    const id = created.json().id;
    const found = await get(t.app, author, '/newsroom/media?q=container');
    assert.match(found.body, /crane\.jpg/);
    assert.doesNotMatch(found.body, /gull\.jpg/);
    const saved = await post(t.app, author, `/newsroom/media/${id}`, {
      altText: 'Container crane',
      caption: 'Dock 4',
      credit: 'Port authority',
    });
    assert.equal(saved.statusCode, 303);
    assert.match((await get(t.app, author, '/newsroom/media?q=dock+4')).body, /crane\.jpg/);
  });

  test('a featured image reaches readers as a <picture>: AVIF and WebP sources, JPEG srcset, its size', async () => {
    const created = await upload(
      author,
      { name: 'quay.jpg', type: 'image/jpeg', data: photo },
      { altText: 'The quay' },
      true,
    );
    const { id, url } = created.json();
    const article = await t.ctx.services.articles.createArticle(
      {
        headline: 'Quay reopens',
        bodySource: 'The quay reopened on Monday.',
        featuredImage: { url, alt: 'The quay at noon', caption: 'Reopened', credit: 'Ana Ruiz', mediaId: id },
      },
      { userId: null },
      { status: 'published', publishedAt: new Date(Date.now() - 60_000).toISOString() },
    );
    const page = await get(t.app, anonymous(), `/${article.slug}/`);
    assert.equal(page.statusCode, 200);
    const picture = /<figure class="featured-image"><picture>(.*?)<\/picture>/s.exec(page.body)?.[1] ?? '';
    assert.match(
      picture,
      /^<source type="image\/avif" srcset="\/media\/[^"]+-320\.avif 320w, [^"]+ 640w, [^"]+ 700w" sizes="[^"]+">/,
    );
    assert.match(picture, /<source type="image\/webp" srcset="[^"]+ 320w,/);
    assert.match(
      picture,
      new RegExp(
        `<img src="${url}" srcset="[^"]+\\.jpg 320w, [^"]+ 640w, [^"]+ 700w" sizes="[^"]+" width="700" height="420" alt="The quay at noon" decoding="async">$`,
      ),
    );
  });

  test('deleting refuses while an article uses the image, then removes every file', async () => {
    const created = await upload(
      author,
      { name: 'storm.jpg', type: 'image/jpeg', data: photo },
      { altText: 'Storm' },
      true,
    );
    const { id, url } = created.json();
    const item = (await createMediaStore(t.ctx.db.kysely).findById(id))!;
    const webp = item.variants.find((v) => v.format === 'webp')!;
    const article = await t.ctx.services.articles.createArticle(
      { headline: 'Storm damage', bodySource: `![Storm](/media/${webp.path})` },
      { userId: null },
    );
    const refused = await post(t.app, author, `/newsroom/media/${id}/delete`);
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /used by an article: “Storm damage”/);
    const dir = join(t.config.dataDir, 'media');
    assert.ok(existsSync(join(dir, item.storagePath!)));
    await t.ctx.services.articles.saveArticle(
      article.id,
      { bodySource: 'No picture now.' },
      article.version,
      { userId: null },
    );
    const deleted = await post(t.app, author, `/newsroom/media/${id}/delete`);
    assert.equal(deleted.statusCode, 303);
    assert.equal((await get(t.app, anonymous(), url)).statusCode, 404);
    for (const path of [item.storagePath!, ...item.variants.map((v) => v.path)])
      assert.ok(!existsSync(join(dir, path)), path);
  });

  test("an author may not change or delete a colleague's upload; an editor may", async () => {
    const created = await upload(author, { name: 'owned.jpg', type: 'image/jpeg', data: photo }, {}, true);
    const { id } = created.json();
    const colleague = (await signedIn(t.app, t.ctx, 'author')).browser;
    assert.equal((await post(t.app, colleague, `/newsroom/media/${id}`, { altText: 'x' })).statusCode, 403);
    assert.equal((await post(t.app, colleague, `/newsroom/media/${id}/delete`)).statusCode, 403);
    const editor = (await signedIn(t.app, t.ctx, 'editor')).browser;
    assert.equal((await post(t.app, editor, `/newsroom/media/${id}/delete`)).statusCode, 303);
  });
});
