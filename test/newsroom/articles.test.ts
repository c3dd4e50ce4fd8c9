import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { anonymous, type Browser, get, post, postJson, signedIn } from './newsroom-client.js';

const idFrom = (location: unknown) => Number(/\/newsroom\/articles\/(\d+)\/edit/.exec(String(location))?.[1]);

describe('writing and publishing in the newsroom', () => {
  let t: TestApp;
  let editor: Browser;
  let author: Browser;
  let contributor: Browser;
  let categoryId: number;

  before(async () => {
    t = await buildTestApp();
    categoryId = (await t.ctx.stores.taxonomy.insertCategory({ name: 'Harbour', slug: 'harbour' })).id;
    editor = (await signedIn(t.app, t.ctx, 'editor')).browser;
    author = (await signedIn(t.app, t.ctx, 'author')).browser;
    contributor = (await signedIn(t.app, t.ctx, 'contributor')).browser;
  });
  after(async () => {
    await t.close();
  });

  async function create(browser: Browser, fields: Record<string, string>): Promise<number> {
    const response = await post(t.app, browser, '/newsroom/articles', { headline: 'Untitled', ...fields });
    assert.equal(response.statusCode, 303, response.body.slice(0, 500));
    return idFrom(response.headers.location);
  }

  test('a draft is created from the form: tags on the fly, ordered bylines (with people without accounts)', async () => {
    const response = await post(t.app, author, '/newsroom/articles', {
      headline: 'Harbour wall breached in storm',
      dek: 'Sea water reached the market square',
      bodySource: 'The **harbour wall** gave way at 3am.\r\n\r\nMore follows.',
      tags: 'Storms, Harbour, storms',
      bylines: 'Freelance Fotographer\nAna Ruiz',
      categoryId: String(categoryId),
      commentsOpen: '1',
      intent: 'save',
    });
    assert.equal(response.statusCode, 303);
    assert.match(String(response.headers.location), /\/newsroom\/articles\/\d+\/edit\?done=created$/);
    const article = (await t.ctx.stores.articles.findById(idFrom(response.headers.location)))!;
    assert.equal(article.status, 'draft');
    assert.equal(article.slug, 'harbour-wall-breached-in-storm');
    assert.equal(article.bodySource, 'The **harbour wall** gave way at 3am.\n\nMore follows.');
    assert.deepEqual(
      article.tags.map((tag) => tag.name),
      ['Storms', 'Harbour'],
    );
    assert.deepEqual(
      article.authors.map((a) => a.name),
      ['Freelance Fotographer', 'Ana Ruiz'],
    );
    assert.equal(article.category?.id, categoryId);
    assert.equal(article.commentsOpen, true);

    const page = await get(t.app, author, String(response.headers.location));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Draft created\./);
    assert.match(page.body, /value="Storms, Harbour"/);
    assert.match(page.body, /Freelance Fotographer\nAna Ruiz<\/textarea>/);
    assert.match(page.body, /href="\/preview\/\d+\?expires=\d+&amp;sig=/);
    assert.doesNotMatch(page.body, /<script(?![^>]*\bsrc=)/, 'no inline scripts');
  });

  test('an invalid form re-renders with what was typed and names the field', async () => {
    const response = await post(t.app, author, '/newsroom/articles', {
      headline: '',
      bodySource: 'Keep this text',
      slug: 'Bad Slug!',
    });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /A headline is required/);
    assert.match(response.body, /Keep this text<\/textarea>/);
    assert.match(response.body, /href="#field-headline"/);
  });

  test('two editors saving one article: the second gets both versions, nothing is overwritten', async () => {
    const id = await create(author, { bodySource: 'Original text.' });
    const first = await post(t.app, author, `/newsroom/articles/${id}`, {
      version: '1',
      headline: 'First save',
      bodySource: 'Their careful text.',
    });
    assert.equal(first.statusCode, 303);
    const second = await post(t.app, editor, `/newsroom/articles/${id}`, {
      version: '1',
      headline: 'Second save',
      bodySource: 'My competing text.',
    });
    assert.equal(second.statusCode, 409);
    assert.match(second.body, /Someone else saved this article while you were editing/);
    assert.match(second.body, /Their careful text\./);
    assert.match(second.body, /My competing text\./);
    assert.equal((await t.ctx.stores.articles.findById(id))?.headline, 'First save');
    // The re-rendered form carries the current version: saving again is a conscious overwrite.
    const version = /name="version" value="(\d+)"/.exec(second.body)?.[1];
    assert.equal(version, '2');
    const again = await post(t.app, editor, `/newsroom/articles/${id}`, {
      version: version!,
      headline: 'Second save',
    });
    assert.equal(again.statusCode, 303);
    assert.equal((await t.ctx.stores.articles.findById(id))?.headline, 'Second save');
  });

  test('autosave keeps the form on the server and offers it back, for new and existing articles', async () => {
    const id = await create(author, { bodySource: 'Saved text.' });
    const saved = await postJson(t.app, author, `/newsroom/articles/${id}/autosave`, {
      version: 1,
      fields: { headline: 'Untitled', bodySource: 'Typed but not saved.', commentsOpen: true },
    });
    assert.equal(saved.statusCode, 200);
    assert.ok(saved.json().savedAt);
    const page = await get(t.app, author, `/newsroom/articles/${id}/edit`);
    assert.match(page.body, /You have unsaved changes from/);
    const restored = await get(t.app, author, `/newsroom/articles/${id}/edit?restore=autosave`);
    assert.match(restored.body, /Typed but not saved\.<\/textarea>/);
    assert.match(restored.body, /name="version" value="1"/);
    await post(t.app, author, `/newsroom/articles/${id}`, {
      version: '1',
      headline: 'Untitled',
      bodySource: 'Typed but not saved.',
    });
    assert.doesNotMatch((await get(t.app, author, `/newsroom/articles/${id}/edit`)).body, /unsaved changes/);

    await postJson(t.app, author, '/newsroom/articles/new/autosave', {
      version: null,
      fields: { headline: 'A new one', bodySource: 'Half a story' },
    });
    const fresh = await get(t.app, author, '/newsroom/articles/new?restore=autosave');
    assert.match(fresh.body, /Half a story<\/textarea>/);
    // Someone else's article cannot be autosaved over by an author.
    const other = await create(editor, {});
    assert.equal(
      (await postJson(t.app, author, `/newsroom/articles/${other}/autosave`, { version: 1, fields: {} }))
        .statusCode,
      403,
    );
    // Without a session the autosave says so (401), so the page keeps the text locally.
    const expired = await postJson(t.app, anonymous(), `/newsroom/articles/${id}/autosave`, {
      version: 1,
      fields: {},
    });
    assert.equal(expired.statusCode, 401);
  });

  test('live preview renders Markdown through the same sanitizer as the site', async () => {
    const response = await postJson(t.app, contributor, '/newsroom/preview', {
      bodySource: '## Heading\n\n**bold** <script>alert(1)</script> <img src=x onerror=alert(1)>',
    });
    assert.equal(response.statusCode, 200);
    const { html } = response.json();
    assert.match(html, /<h2[^>]*>Heading<\/h2>/);
    assert.match(html, /<strong>bold<\/strong>/);
    assert.doesNotMatch(html, /<script|onerror/);
  });

  test('an unpublished article can be read through its signed preview link, and nowhere else', async () => {
    const id = await create(author, {
      headline: 'Secret budget leak',
      bodySource: 'Embargoed until Friday.',
    });
    const page = await get(t.app, author, `/newsroom/articles/${id}/edit`);
    // Beside the pin and exclusions, the engine's own choice can be looked at.
    const related = new RegExp(`href="(/newsroom/articles/${id}/related)"`).exec(page.body)?.[1];
    assert.equal((await get(t.app, author, related!)).statusCode, 200);
    const link = /href="(\/preview\/\d+\?expires=\d+&amp;sig=[^"]+)"/
      .exec(page.body)![1]!
      .replace(/&amp;/g, '&');
    const preview = await get(t.app, anonymous(), link);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /Secret budget leak/);
    assert.match(preview.body, /Embargoed until Friday/);
    assert.match(preview.body, /noindex/);
    assert.equal(preview.headers['cache-control'], 'private, no-store');
    assert.equal((await get(t.app, anonymous(), link.replace(/sig=[^&]+/, 'sig=forged'))).statusCode, 404);
    assert.equal(
      (await get(t.app, anonymous(), link.replace(`/preview/${id}`, `/preview/${id + 1}`))).statusCode,
      404,
    );
    assert.equal((await get(t.app, anonymous(), '/secret-budget-leak/')).statusCode, 404);
  });

  test('images need alt text before publishing; publishing makes the article public', async () => {
    const id = await create(author, {
      headline: 'Gulls return',
      bodySource: 'Look:\n\n![](/media/2024/01/gull.jpg)',
    });
    const refused = await post(t.app, author, `/newsroom/articles/${id}`, {
      version: '1',
      headline: 'Gulls return',
      bodySource: 'Look:\n\n![](/media/2024/01/gull.jpg)',
      intent: 'publish',
    });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Your changes are saved, but the article was not published/);
    assert.match(refused.body, /no alt text/);
    assert.equal((await t.ctx.stores.articles.findById(id))?.status, 'draft');
    const published = await post(t.app, author, `/newsroom/articles/${id}`, {
      version: '2',
      headline: 'Gulls return',
      bodySource: 'Look:\n\n![Gulls on the harbour wall](/media/2024/01/gull.jpg)',
      intent: 'publish',
    });
    assert.equal(published.statusCode, 303);
    assert.match(String(published.headers.location), /done=published/);
    assert.equal((await t.ctx.stores.articles.findById(id))?.status, 'published');
    assert.equal((await get(t.app, anonymous(), '/gulls-return/')).statusCode, 200);
  });

  test('scheduling: refused in the past, published by the scheduler when due', async () => {
    const id = await create(author, { headline: 'Ferry timetable changes' });
    const past = await post(t.app, author, `/newsroom/articles/${id}`, {
      version: '1',
      headline: 'Ferry timetable changes',
      publishAt: '2001-01-01T10:00',
      intent: 'schedule',
    });
    assert.equal(past.statusCode, 422);
    assert.match(past.body, /must be in the future/);
    // The post must reach the server before that time, even on a busy CI box.
    const soon = new Date(Date.now() + 3000);
    const local = soon.toISOString().slice(0, 19); // the test site's time zone is UTC
    const scheduled = await post(t.app, author, `/newsroom/articles/${id}`, {
      version: '2',
      headline: 'Ferry timetable changes',
      publishAt: local,
      intent: 'schedule',
    });
    assert.equal(scheduled.statusCode, 303);
    assert.equal((await t.ctx.stores.articles.findById(id))?.status, 'scheduled');
    assert.equal((await get(t.app, anonymous(), '/ferry-timetable-changes/')).statusCode, 404);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, soon.getTime() - Date.now() + 1100)));
    await t.ctx.jobs.drain();
    assert.equal((await t.ctx.stores.articles.findById(id))?.status, 'published');
    assert.equal((await get(t.app, anonymous(), '/ferry-timetable-changes/')).statusCode, 200);
  });

  test('a contributor submits for review; an editor sees it waiting and publishes it', async () => {
    const id = await create(contributor, {
      headline: 'Allotment prize marrow',
      bodySource: 'It weighed 40 kg.',
    });
    const contributorPage = await get(t.app, contributor, `/newsroom/articles/${id}/edit`);
    assert.doesNotMatch(contributorPage.body, /value="publish"/, 'no publish button for contributors');
    assert.match(contributorPage.body, /value="submit"/);
    const submitted = await post(t.app, contributor, `/newsroom/articles/${id}`, {
      version: '1',
      headline: 'Allotment prize marrow',
      bodySource: 'It weighed 40 kg.',
      intent: 'submit',
    });
    assert.equal(submitted.statusCode, 303);
    assert.ok((await t.ctx.stores.articles.findById(id))?.submittedForReview);
    const queue = await get(t.app, editor, '/newsroom/articles?view=review');
    assert.match(queue.body, /Allotment prize marrow/);
    assert.match((await get(t.app, editor, '/newsroom/')).body, /Allotment prize marrow/);
    const published = await post(t.app, editor, `/newsroom/articles/${id}/publish`);
    assert.equal(published.statusCode, 303);
    const article = await t.ctx.stores.articles.findById(id);
    assert.equal(article?.status, 'published');
    assert.equal(article?.submittedForReview, false);
  });

  test('trash and restore', async () => {
    const id = await create(author, { headline: 'Mistaken story' });
    assert.equal((await post(t.app, author, `/newsroom/articles/${id}/trash`)).statusCode, 303);
    assert.match((await get(t.app, author, '/newsroom/articles?view=trash')).body, /Mistaken story/);
    assert.doesNotMatch((await get(t.app, author, '/newsroom/articles?view=all')).body, /Mistaken story/);
    assert.equal((await post(t.app, author, `/newsroom/articles/${id}/restore`)).statusCode, 303);
    const article = await t.ctx.stores.articles.findById(id);
    assert.equal(article?.deletedAt, null);
    assert.equal(article?.status, 'draft');
  });

  test('revisions: every save is listed with its author, compared side by side, and restorable', async () => {
    const id = await create(author, { headline: 'Council vote', bodySource: 'Line one.\nLine two.' });
    await post(t.app, author, `/newsroom/articles/${id}`, {
      version: '1',
      headline: 'Council vote delayed',
      bodySource: 'Line one.\nLine 2.',
    });
    await post(t.app, editor, `/newsroom/articles/${id}`, {
      version: '2',
      headline: 'Council vote delayed again',
      bodySource: 'Line one.\nLine 2.\nLine three.',
    });
    const list = await get(t.app, author, `/newsroom/articles/${id}/revisions`);
    assert.equal(list.statusCode, 200);
    assert.equal((list.body.match(/<tr>/g) ?? []).length - 1, 3, 'three saves, three revisions');
    assert.match(list.body, /editor \d+/);
    assert.match(list.body, /author \d+/);
    const revisions = await t.ctx.stores.articles.listRevisions(id);
    const oldest = revisions.at(-1)!;
    const compare = await get(t.app, author, `/newsroom/articles/${id}/revisions/${oldest.id}`);
    assert.match(compare.body, /<del>Line two\.<\/del>/);
    assert.match(compare.body, /<ins>Line 2\.<\/ins>/);
    assert.match(compare.body, /<ins>Line three\.<\/ins>/);
    const restored = await post(t.app, author, `/newsroom/articles/${id}/revisions/${oldest.id}/restore`, {
      version: '3',
    });
    assert.equal(restored.statusCode, 303);
    const article = await t.ctx.stores.articles.findById(id);
    assert.equal(article?.headline, 'Council vote');
    assert.equal(article?.bodySource, 'Line one.\nLine two.');
    // Restoring from a stale page is a conflict, not a silent overwrite.
    const stale = await post(t.app, author, `/newsroom/articles/${id}/revisions/${oldest.id}/restore`, {
      version: '3',
    });
    assert.equal(stale.statusCode, 409);
  });

  test('a correction is dated, shown on the article, and moves its modified time', async () => {
    const id = await create(author, { headline: 'Mayor named', bodySource: 'The mayor is Jon.' });
    await post(t.app, author, `/newsroom/articles/${id}/publish`);
    const before = (await t.ctx.stores.articles.findById(id))!;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const response = await post(t.app, author, `/newsroom/articles/${id}/corrections`, {
      correction: 'The mayor is Joan, not Jon.',
    });
    assert.equal(response.statusCode, 303);
    const after = (await t.ctx.stores.articles.findById(id))!;
    assert.equal(after.corrections.length, 1);
    assert.ok(after.updatedAt > before.updatedAt);
    const page = await get(t.app, anonymous(), '/mayor-named/');
    assert.match(page.body, /The mayor is Joan, not Jon\./);
    assert.match(page.body, /"dateModified":"[^"]+"/);
    assert.equal(
      (await post(t.app, author, `/newsroom/articles/${id}/corrections`, { correction: ' ' })).statusCode,
      422,
    );
  });

  test('the list filters by view, byline and category, searches headlines, sorts and pages', async () => {
    const { browser: prolific } = await signedIn(t.app, t.ctx, 'author');
    const other = (await t.ctx.stores.taxonomy.insertCategory({ name: 'Sport', slug: 'sport' })).id;
    for (let i = 1; i <= 27; i++) {
      await create(prolific, {
        headline: `Tide table ${String(i).padStart(2, '0')}`,
        categoryId: String(i % 2 ? categoryId : other),
        bylines: 'Tide Writer',
      });
    }
    const all = await get(t.app, prolific, '/newsroom/articles?q=tide+table&sort=headline');
    assert.match(all.body, /27 articles/);
    assert.match(all.body, /Tide table 01/);
    assert.doesNotMatch(all.body, /Tide table 26/);
    assert.match(all.body, /Page 1 of 2/);
    const page2 = await get(t.app, prolific, '/newsroom/articles?q=tide+table&sort=headline&page=2');
    assert.match(page2.body, /Tide table 26/);
    const sport = await get(t.app, prolific, `/newsroom/articles?q=tide&category=${other}`);
    assert.match(sport.body, /13 articles/);
    const tideWriter = (await t.ctx.stores.users.listAuthors()).find((a) => a.name === 'Tide Writer')!;
    const byline = await get(t.app, prolific, `/newsroom/articles?author=${tideWriter.id}&view=draft`);
    assert.match(byline.body, /27 articles/);
    assert.match((await get(t.app, prolific, '/newsroom/articles?view=published&q=tide')).body, /0 articles/);
    // Search also reaches bodies through the full-text index, not only headlines.
    await create(prolific, {
      headline: 'Wildlife notes',
      bodySource: 'A quokka escaped from the seaside zoo.',
    });
    const quokka = await get(t.app, prolific, '/newsroom/articles?q=quokka');
    assert.match(quokka.body, /result-count">1 article</);
    assert.match(quokka.body, /Wildlife notes/);
  });

  test('See also pin and exclusions, comments closed and "translation of" are saved', async () => {
    const original = await create(author, { headline: 'Lighthouse restored' });
    const pinned = await create(author, { headline: 'Lighthouse history' });
    const excluded = await create(author, { headline: 'Lighthouse ghost story' });
    const id = await create(author, {
      headline: 'Phare restauré',
      language: 'fr',
      translationOf: 'lighthouse-restored',
      seeAlsoMode: 'auto',
      seeAlsoPin: 'lighthouse-history',
      seeAlsoExclude: 'lighthouse-ghost-story',
    });
    const article = (await t.ctx.stores.articles.findById(id))!;
    assert.equal(article.language, 'fr');
    assert.equal(article.seeAlsoPinId, pinned);
    assert.equal(article.commentsOpen, false, 'an unticked checkbox closes comments');
    assert.deepEqual(await t.ctx.stores.articles.listSeeAlsoExclusions(id), [excluded]);
    const group = article.translationGroup;
    assert.ok(group);
    assert.equal((await t.ctx.stores.articles.findById(original))?.translationGroup, group);
    const page = await get(t.app, author, `/newsroom/articles/${id}/edit`);
    assert.match(page.body, /name="translationOf" type="text" value="lighthouse-restored"/);
    assert.match(page.body, /name="seeAlsoExclude" type="text" value="lighthouse-ghost-story"/);
    const off = await post(t.app, author, `/newsroom/articles/${id}`, {
      version: '1',
      headline: 'Phare restauré',
      language: 'fr',
      seeAlsoMode: 'off',
      seeAlsoPin: 'no-such-article',
    });
    assert.equal(off.statusCode, 422);
    assert.match(off.body, /No article has the slug/);
  });
});
