import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Article } from '../../src/articles/article.js';
import { issueFormToken } from '../../src/comments/comment-form-token.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import {
  buildWorld,
  type CommentWorld,
  cookieFrom,
  formFields,
  html,
  postForm,
  publishArticle,
  useSettings,
} from './comment-fixtures.js';

let ipCounter = 10;
/** A new address per test, so the per-IP rate limit only bites where a test wants it. */
function freshIp(): string {
  ipCounter += 1;
  return `198.51.100.${ipCounter}`;
}

describe('comments over HTTP', () => {
  let t: TestApp;
  let world: CommentWorld;
  // A second app for tests that change the comment policy, so the others keep the default one.
  let isolated: TestApp;

  before(async () => {
    t = await buildTestApp();
    world = await buildWorld(t.ctx);
    isolated = await buildTestApp();
  });
  after(async () => {
    await t.close();
    await isolated.close();
  });

  async function page(article: Article, query = '', cookie?: string, on: TestApp = t): Promise<string> {
    const res = await on.app.inject({ url: `/${article.slug}/${query}`, headers: cookie ? { cookie } : {} });
    assert.equal(res.statusCode, 200);
    return res.body;
  }

  describe('posting and replying', () => {
    test('an approved comment from the WordPress path is shown at its anchor', async () => {
      await useSettings(t.ctx, { commentPolicy: 'approve-all' });
      const text = 'The new *railings* look sturdier. See https://example.org/railings';
      const res = await postForm(t.app, formFields(t.ctx, world.article, { comment: text }), {
        ip: freshIp(),
      });
      assert.equal(res.statusCode, 303);
      const location = String(res.headers.location);
      const match = new RegExp(`^/${world.article.slug}/#comment-(\\d+)$`).exec(location);
      assert.ok(match, location);
      const body = await page(world.article);
      assert.match(body, new RegExp(`<li id="comment-${match[1]}" class="comment depth-1">`));
      assert.match(body, /The new <em>railings<\/em> look sturdier/);
      assert.match(body, /<a href="https:\/\/example\.org\/railings" rel="nofollow ugc noopener">/);
      assert.match(body, /<svg class="avatar"/);
      assert.match(body, /<h2 id="comments-title">\d+ comments?<\/h2>/);
    });

    test('the clean /comments/ path works the same', async () => {
      await useSettings(t.ctx, { commentPolicy: 'approve-all' });
      const res = await postForm(t.app, formFields(t.ctx, world.article, { email: 'clean@readers.test' }), {
        path: '/comments/',
        ip: freshIp(),
      });
      assert.equal(res.statusCode, 303);
      assert.match(String(res.headers.location), /#comment-\d+$/);
    });

    test('a reply nests under its parent; the no-JS reply link shows "Reply to NAME" with a cancel link', async () => {
      const u = isolated;
      await useSettings(u.ctx, { commentPolicy: 'approve-all' });
      const article = await publishArticle(u.ctx);
      const parentRes = await postForm(u.app, formFields(u.ctx, article, { author: 'Parent Pat' }), {
        ip: freshIp(),
      });
      const parentId = Number(/comment-(\d+)/.exec(String(parentRes.headers.location))![1]);
      const form = await page(article, `?replytocom=${parentId}`, undefined, u);
      assert.match(form, /<span id="reply-title-text">Reply to Parent Pat<\/span>/);
      // The reply form is a cached page of its own: the article itself still invites a new comment.
      assert.match(
        await page(article, '', undefined, u),
        /<span id="reply-title-text">Leave a Reply<\/span>/,
      );
      assert.match(
        await page(article, `?replytocom=${parentId}&utm_source=mail`, undefined, u),
        /Reply to Parent Pat/,
      );
      assert.match(
        form,
        /<a rel="nofollow" id="cancel-comment-reply-link" href=".\/#respond">Cancel reply<\/a>/,
      );
      assert.match(form, new RegExp(`name="comment_parent" id="comment_parent" value="${parentId}"`));
      const replyRes = await postForm(
        u.app,
        formFields(u.ctx, article, { comment_parent: String(parentId), comment: 'A reply to Pat.' }),
        { ip: freshIp() },
      );
      assert.equal(replyRes.statusCode, 303);
      const replyId = Number(/comment-(\d+)/.exec(String(replyRes.headers.location))![1]);
      const body = await page(article, '', undefined, u);
      const parentAt = body.indexOf(`id="comment-${parentId}"`);
      const childrenAt = body.indexOf('<ol class="children">', parentAt);
      assert.ok(parentAt > 0 && childrenAt > parentAt);
      assert.ok(body.indexOf(`<li id="comment-${replyId}" class="comment depth-2">`) > childrenAt);
      assert.match(body, new RegExp(`href="\\?replytocom=${parentId}#respond"`));
    });

    test('the form follows WordPress: field names, labels, note, consent box off by default, Post Comment', async () => {
      const body = await page(world.article);
      for (const snippet of [
        '<span id="reply-title-text">Leave a Reply</span>',
        'Your email address will not be published.',
        'Required fields are marked',
        'name="comment"',
        'name="author"',
        'name="email"',
        'name="url"',
        'name="comment_post_ID"',
        'name="comment_parent"',
        'Save my name, email, and website in this browser for the next time I comment.',
        'value="Post Comment"',
        'action="/wp-comments-post.php"',
      ]) {
        assert.ok(body.includes(snippet), snippet);
      }
      assert.match(
        body,
        /<input id="wp-comment-cookies-consent" name="wp-comment-cookies-consent" type="checkbox" value="yes">/,
      );
    });

    test('a comment count appears on article lists', async () => {
      const front = await t.app.inject('/');
      assert.match(front.body, new RegExp(`href="/${world.article.slug}/#comments">\\d+ comments?</a>`));
    });

    test('the reply script is served from our own origin', async () => {
      const res = await t.app.inject('/assets/comment-reply.js');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /javascript/);
      assert.match(res.body, /comment-reply-link/);
    });
  });

  describe('held comments', () => {
    test('the poster sees "awaiting moderation" through a signed cookie; nobody else does', async () => {
      await useSettings(t.ctx, { commentPolicy: 'hold-all' });
      const text = 'Held remark about the bridge timetable.';
      const res = await postForm(t.app, formFields(t.ctx, world.article, { comment: text }), {
        ip: freshIp(),
      });
      assert.equal(res.statusCode, 303);
      const held = res.cookies.find((c) => c.name === 'bs_held');
      assert.ok(held?.httpOnly);
      const mine = await page(world.article, '', cookieFrom(res, 'bs_held'));
      assert.match(mine, /Your comment is awaiting moderation/);
      assert.ok(mine.includes(text));
      const theirs = await page(world.article);
      assert.ok(!theirs.includes(text));
      assert.doesNotMatch(theirs, /awaiting moderation/);
      const forged = await page(world.article, '', `bs_held=${held!.value.replace(/^\d+/, '1')}`);
      assert.ok(!forged.includes(text));
    });
  });

  describe('every rejection keeps what the reader typed', () => {
    const typed = 'My carefully typed <comment> & thoughts\nacross two lines.';

    async function rejected(
      fields: Record<string, string>,
      status: number,
      message: RegExp,
      options: { ip?: string; article?: Article } = {},
    ): Promise<string> {
      const res = await postForm(t.app, fields, { ip: options.ip ?? freshIp() });
      assert.equal(res.statusCode, status, res.body.slice(0, 300));
      assert.match(res.headers['content-type'] as string, /text\/html/);
      assert.ok(
        res.body.includes(`>\n${html(fields.comment ?? '')}</textarea>`),
        'the comment text is re-shown',
      );
      assert.ok(res.body.includes(`value="${html(fields.author ?? '')}"`), 'the name is re-shown');
      assert.match(res.body, message);
      assert.match(res.body, /name="bs_form_token" value="\d+\./, 'with a fresh token');
      return res.body;
    }

    test('missing name, bad email, bad website: a message beside each field', async () => {
      const body = await rejected(
        formFields(t.ctx, world.article, {
          comment: typed,
          author: '',
          email: 'not-an-email',
          url: 'ftp://x',
        }),
        422,
        /<span class="field-error" id="author-error">Please give your name\.<\/span>/,
      );
      assert.match(body, /id="email-error">&quot;not-an-email&quot; does not look like an email address/);
      assert.match(body, /id="url-error">/);
      assert.match(body, /aria-invalid="true" aria-describedby="email-notes email-error"/);
    });

    test('missing comment keeps the other fields', async () => {
      await rejected(
        formFields(t.ctx, world.article, { comment: '' }),
        422,
        /id="comment-error">Please type your comment/,
      );
    });

    test('too long', async () => {
      await rejected(
        formFields(t.ctx, world.article, { comment: `${typed} ${'x'.repeat(5000)}` }),
        422,
        /the limit is 5,000\. Please shorten it by/,
      );
    });

    test('comments closed', async () => {
      const closed = await publishArticle(t.ctx, { commentsOpen: false });
      await rejected(
        formFields(t.ctx, closed, { comment: typed }),
        403,
        /Comments are closed on this article/,
      );
    });

    test('rate-limited, with Retry-After', async () => {
      await useSettings(t.ctx, { commentPolicy: 'approve-all' });
      const ip = freshIp();
      for (let i = 0; i < 10; i++) {
        const ok = await postForm(
          t.app,
          formFields(t.ctx, world.article, {
            email: `burst${i}@readers.test`,
            comment: `Burst ${i} words here.`,
          }),
          { ip },
        );
        assert.equal(ok.statusCode, 303);
      }
      const res = await postForm(t.app, formFields(t.ctx, world.article, { comment: typed }), { ip });
      assert.equal(res.statusCode, 429);
      assert.ok(Number(res.headers['retry-after']) > 0);
      assert.ok(res.body.includes(html(typed)));
      assert.match(res.body, /posted several comments in a short time/);
    });

    test('an expired form, a forged token, a missing token', async () => {
      await rejected(
        formFields(t.ctx, world.article, {
          comment: typed,
          bs_form_token: issueFormToken(t.ctx.secret, world.article.id, Date.now() - 13 * 3600_000),
        }),
        422,
        /the form expired/,
      );
      await rejected(
        formFields(t.ctx, world.article, {
          comment: typed,
          bs_form_token: issueFormToken('some-other-secret-some-other-secret', world.article.id),
        }),
        422,
        /could not be checked/,
      );
      await rejected(
        formFields(t.ctx, world.article, { comment: typed, bs_form_token: '' }),
        422,
        /could not be checked/,
      );
    });

    test('a replayed form', async () => {
      await useSettings(t.ctx, { commentPolicy: 'approve-all' });
      const fields = formFields(t.ctx, world.article, { comment: typed, email: 'replay@readers.test' });
      assert.equal((await postForm(t.app, fields, { ip: freshIp() })).statusCode, 303);
      await rejected(fields, 409, /already been used/);
    });

    test('a reply to a comment that is gone keeps the text and offers a new comment', async () => {
      const body = await rejected(
        formFields(t.ctx, world.article, { comment: typed, comment_parent: '999999' }),
        422,
        /no longer shown; you can post yours as a new comment/,
      );
      assert.match(body, /name="comment_parent" id="comment_parent" value="0"/);
    });
  });

  describe('the JSON path', () => {
    test('201 with the public comment only; held comments say "held"', async () => {
      await useSettings(t.ctx, { commentPolicy: 'hold-all' });
      const res = await t.app.inject({
        method: 'POST',
        url: '/comments/',
        headers: { accept: 'application/json' },
        remoteAddress: freshIp(),
        payload: {
          ...formFields(t.ctx, world.article, { email: 'json.reader@readers.test' }),
          notify_replies: true,
        },
      });
      assert.equal(res.statusCode, 201);
      const answer = res.json();
      assert.equal(answer.status, 'held');
      assert.deepEqual(Object.keys(answer).sort(), [
        'authorName',
        'authorUrl',
        'bodyHtml',
        'createdAt',
        'id',
        'isStaff',
        'parentId',
        'status',
        'url',
      ]);
      assert.ok(!res.body.includes('json.reader@readers.test'));
      assert.ok(!res.body.includes('198.51.100.'));
    });

    test('a rejection is problem details naming the field', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/comments/',
        headers: { accept: 'application/json' },
        remoteAddress: freshIp(),
        payload: formFields(t.ctx, world.article, { email: 'nope' }),
      });
      assert.equal(res.statusCode, 422);
      assert.equal(res.json().field, 'email');
      assert.equal(res.json().code, 'invalid');
    });
  });

  describe('feeds', () => {
    test('the article comments feed lists approved comments, newest first, without emails', async () => {
      await useSettings(t.ctx, { commentPolicy: 'approve-all' });
      await postForm(
        t.app,
        formFields(t.ctx, world.article, { comment: 'Feed-worthy remark.', email: 'feed@readers.test' }),
        {
          ip: freshIp(),
        },
      );
      const res = await t.app.inject(`/${world.article.slug}/feed/`);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /application\/rss\+xml/);
      assert.match(res.body, /<title>Comments on: /);
      assert.match(res.body, /Feed-worthy remark\./);
      assert.match(res.body, new RegExp(`<link>http://[^<]+/${world.article.slug}/#comment-\\d+</link>`));
      assert.doesNotMatch(res.body, /@readers\.test/);
      const site = await t.app.inject('/comments/feed/');
      assert.equal(site.statusCode, 200);
      assert.match(site.body, /Feed-worthy remark\./);
      assert.equal((await t.app.inject('/no-such-story/feed/')).statusCode, 404);
    });
  });

  describe('privacy', () => {
    test('no email appears in the article page, its feed or the JSON answer, even for the poster', async () => {
      await useSettings(t.ctx, { commentPolicy: 'hold-first-time' });
      const email = 'very.private.person@readers.test';
      const res = await postForm(
        t.app,
        formFields(t.ctx, world.article, {
          email,
          'wp-comment-cookies-consent': 'yes',
          comment: 'Private poster.',
        }),
        { ip: freshIp() },
      );
      const remembered = res.cookies.find((c) => c.name === 'bs_commenter');
      assert.ok(remembered && !remembered.httpOnly, 'the consent cookie is for the page script');
      assert.ok(decodeURIComponent(remembered.value).includes(email));
      const cookie = [cookieFrom(res, 'bs_held'), cookieFrom(res, 'bs_commenter')].join('; ');
      const mine = await page(world.article, '', cookie);
      assert.ok(mine.includes('Private poster.'));
      const approved = await t.ctx.services.comments.approve(
        world.editor,
        Number(/comment-(\d+)/.exec(String(res.headers.location))![1]),
      );
      assert.equal(approved.status, 'approved');
      for (const body of [
        mine,
        await page(world.article),
        await page(world.article, '', cookie),
        (await t.app.inject(`/${world.article.slug}/feed/`)).body,
        (await t.app.inject('/comments/feed/')).body,
        (await t.app.inject('/')).body,
      ]) {
        assert.ok(!body.includes(email));
        assert.ok(!body.includes('@readers.test'));
      }
    });

    test('unticking the consent box forgets the remembered commenter', async () => {
      await useSettings(t.ctx, { commentPolicy: 'approve-all' });
      const res = await postForm(t.app, formFields(t.ctx, world.article, { email: 'forget@readers.test' }), {
        ip: freshIp(),
        cookie: 'bs_commenter=%7B%7D',
      });
      const cleared = res.cookies.find((c) => c.name === 'bs_commenter');
      assert.ok(cleared);
      assert.equal(cleared.value, '');
    });
  });

  describe('one-click unsubscribe', () => {
    test('the link unsubscribes at once, offers an undo, and refuses a wrong token', async () => {
      const { unsubscribeUrl } = await import('../../src/comments/comment-notifications.js');
      const comment = await t.ctx.stores.comments.insert({
        article_id: world.article.id,
        status: 'approved',
        author_name: 'Sub',
        author_email: 'sub@readers.test',
        body: 'Tell me about replies.',
        body_html: '<p>Tell me about replies.</p>',
        notify_replies: 1,
        created_at: new Date().toISOString(),
      });
      const url = new URL(unsubscribeUrl('http://x', t.ctx.secret, comment.id));
      const res = await t.app.inject(`${url.pathname}${url.search}`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /You are unsubscribed/);
      assert.equal((await t.ctx.stores.comments.findById(comment.id))!.notifyReplies, false);
      const undo = await t.app.inject({
        method: 'POST',
        url: '/comments/resubscribe/',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `c=${comment.id}&t=${url.searchParams.get('t')}`,
      });
      assert.equal(undo.statusCode, 200);
      assert.equal((await t.ctx.stores.comments.findById(comment.id))!.notifyReplies, true);
      const oneClick = await t.app.inject({
        method: 'POST',
        url: `${url.pathname}${url.search}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      assert.equal(oneClick.statusCode, 200);
      assert.equal((await t.ctx.stores.comments.findById(comment.id))!.notifyReplies, false);
      const wrong = await t.app.inject(`/comments/unsubscribe/?c=${comment.id}&t=${'A'.repeat(43)}`);
      assert.equal(wrong.statusCode, 404);
    });
  });

  describe('comment pages', () => {
    test('long threads are paged by top-level comment, with links and a permalink to the right page', async () => {
      const u = isolated;
      await useSettings(u.ctx, { commentPolicy: 'approve-all', commentsPerPage: 5 });
      const article = await publishArticle(u.ctx);
      let last = '';
      for (let i = 1; i <= 7; i++) {
        const res = await postForm(
          u.app,
          formFields(u.ctx, article, {
            comment: `Paged comment number ${i} here.`,
            email: `pager${i}@readers.test`,
          }),
          { ip: freshIp() },
        );
        last = String(res.headers.location);
      }
      assert.match(last, /\?cpage=2#comment-\d+$/);
      const first = await page(article, '', undefined, u);
      assert.ok(first.includes('Paged comment number 1 here.'));
      assert.ok(!first.includes('Paged comment number 6 here.'));
      assert.match(first, /href="\?cpage=2#comments">Newer comments/);
      const second = await page(article, '?cpage=2', undefined, u);
      assert.ok(second.includes('Paged comment number 6 here.'));
      assert.ok(!second.includes('Paged comment number 1 here.'));
      // Each comment page is cached apart; parameters the page does not read share the article's entry.
      assert.ok((await page(article, '', undefined, u)).includes('Paged comment number 1 here.'));
      const tracked = await u.app.inject({ url: `/${article.slug}/?utm_source=newsletter` });
      assert.equal(tracked.headers['x-page-cache'], 'hit');
      assert.equal(tracked.body, first);
    });
  });
});
