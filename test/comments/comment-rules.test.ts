import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  buildThread,
  type CommentFormValues,
  commentPageCount,
  commentPageOf,
  commentsClosedReason,
  countThread,
  MAX_COMMENT_CHARS,
  renderCommentBody,
  validateCommentForm,
} from '../../src/comments/comment.js';
import { avatarKey, avatarPath } from '../../src/comments/comment-avatar.js';
import { decodeHeldCookie, encodeHeldCookie } from '../../src/comments/comment-cookies.js';
import { issueFormToken, verifyFormToken } from '../../src/comments/comment-form-token.js';
import { parseBlocklist, spamSettingsFrom } from '../../src/comments/comment-policy.js';
import { Invalid } from '../../src/errors.js';
import { DEFAULT_SETTINGS } from '../../src/site/settings.js';

const SECRET = 'a-test-secret-that-is-long-enough-000';

function form(overrides: Partial<CommentFormValues> = {}): CommentFormValues {
  return {
    comment: 'A fair point about the bridge.',
    author: 'Ana Ruiz',
    email: 'Ana@Example.org',
    url: '',
    parentId: null,
    notifyReplies: false,
    saveCommenter: false,
    ...overrides,
  };
}

function invalidFields(values: CommentFormValues): Record<string, string> {
  try {
    validateCommentForm(values);
  } catch (error) {
    assert.ok(error instanceof Invalid);
    return error.fields;
  }
  assert.fail('expected Invalid');
}

describe('validating the comment form', () => {
  test('normalises a good submission: trimmed text, lower-case email, a scheme added to a bare website', () => {
    const ok = validateCommentForm(form({ comment: '  Hello\r\nthere  ', url: 'example.com/me' }));
    assert.equal(ok.body, 'Hello\nthere');
    assert.equal(ok.authorEmail, 'ana@example.org');
    assert.equal(ok.authorUrl, 'http://example.com/me');
  });

  test('names every missing required field', () => {
    const fields = invalidFields(form({ comment: ' ', author: '', email: '' }));
    assert.deepEqual(Object.keys(fields).sort(), ['author', 'comment', 'email']);
  });

  test('a bad email and a bad website are refused with a message about that field', () => {
    assert.match(invalidFields(form({ email: 'ana at example' })).email!, /does not look like an email/);
    assert.match(invalidFields(form({ url: 'javascript:alert(1)' })).url!, /https:\/\/example\.com/);
  });

  test('too long says how long, the limit and by how much to shorten', () => {
    const fields = invalidFields(form({ comment: 'x'.repeat(MAX_COMMENT_CHARS + 3) }));
    assert.match(fields.comment!, /5,003 characters; the limit is 5,000\. Please shorten it by 3 characters/);
  });
});

describe('rendering comment text', () => {
  test('a small Markdown subset, sanitized; every link gets rel="nofollow ugc noopener"', () => {
    const out = renderCommentBody(
      '*Yes* and **no**. <script>alert(1)</script> [me](https://spam.example/?rel=x) https://bare.example\n\n> quoted\n\n`code` # not a heading',
    );
    assert.match(out, /<em>Yes<\/em> and <strong>no<\/strong>/);
    assert.doesNotMatch(out, /<script/);
    assert.match(out, /<a href="https:\/\/spam\.example\/\?rel=x" rel="nofollow ugc noopener">me<\/a>/);
    assert.match(out, /<a href="https:\/\/bare\.example" rel="nofollow ugc noopener">/);
    assert.match(out, /<blockquote>/);
    assert.match(out, /<code>code<\/code>/);
    assert.doesNotMatch(out, /<h1/);
    assert.doesNotMatch(renderCommentBody('[x](javascript:alert(1))'), /href="javascript/);
  });
});

describe('when comments close', () => {
  const published = { status: 'published' as const, deletedAt: null, commentsOpen: true };
  const now = new Date('2024-06-30T12:00:00Z');

  test('open on a published article', () => {
    assert.equal(
      commentsClosedReason(
        { ...published, publishedAt: '2024-06-01T00:00:00Z' },
        { commentCloseAfterDays: 0 },
        now,
      ),
      null,
    );
  });

  test('closed per article, after N days, and on unpublished articles', () => {
    assert.match(
      commentsClosedReason(
        { ...published, commentsOpen: false, publishedAt: '2024-06-01T00:00:00Z' },
        { commentCloseAfterDays: 0 },
        now,
      )!,
      /closed/,
    );
    assert.match(
      commentsClosedReason(
        { ...published, publishedAt: '2024-06-01T00:00:00Z' },
        { commentCloseAfterDays: 14 },
        now,
      )!,
      /more than 14 days old/,
    );
    assert.equal(
      commentsClosedReason(
        { ...published, publishedAt: '2024-06-20T00:00:00Z' },
        { commentCloseAfterDays: 14 },
        now,
      ),
      null,
    );
    assert.ok(
      commentsClosedReason(
        { ...published, status: 'draft', publishedAt: null },
        { commentCloseAfterDays: 0 },
        now,
      ),
    );
  });
});

describe('threading', () => {
  const c = (id: number, parentId: number | null, minute: number) => ({
    id,
    parentId,
    createdAt: new Date(Date.UTC(2024, 0, 1, 0, minute)).toISOString(),
  });

  test('replies nest under their parents, oldest first at every level', () => {
    const roots = buildThread([c(3, 1, 3), c(2, null, 2), c(1, null, 1), c(4, 1, 4), c(5, 3, 5)], 5);
    assert.deepEqual(
      roots.map((r) => r.comment.id),
      [1, 2],
    );
    assert.deepEqual(
      roots[0]!.children.map((n) => n.comment.id),
      [3, 4],
    );
    assert.equal(roots[0]!.children[0]!.children[0]!.depth, 3);
    assert.equal(countThread(roots), 5);
  });

  test('a reply below the deepest level is shown beside its parent', () => {
    const roots = buildThread([c(1, null, 1), c(2, 1, 2), c(3, 2, 3)], 2);
    assert.deepEqual(
      roots[0]!.children.map((n) => [n.comment.id, n.depth]),
      [
        [2, 2],
        [3, 2],
      ],
    );
  });

  test('a reply whose parent is not shown (held, trashed) stays visible at the top; cycles do not hang', () => {
    const roots = buildThread([c(7, 99, 1), c(8, 9, 2), c(9, 8, 3)], 5);
    assert.equal(countThread(roots), 3);
    assert.ok(roots.some((r) => r.comment.id === 7));
  });

  test('paging counts top-level threads and finds the page of a reply', () => {
    const list = [c(1, null, 1), c(2, null, 2), c(3, null, 3), c(4, 3, 4)];
    const roots = buildThread(list, 5);
    assert.equal(commentPageCount(roots.length, 2), 2);
    assert.equal(commentPageOf(roots, 4, 2), 2);
    assert.equal(commentPageOf(roots, 1, 2), 1);
    assert.equal(commentPageCount(0, 50), 1);
  });
});

describe('the signed form token', () => {
  const now = Date.UTC(2024, 0, 1, 12);

  test('verifies for its article and reports the time taken', () => {
    const token = issueFormToken(SECRET, 7, now - 20_000);
    const check = verifyFormToken(SECRET, token, 7, now);
    assert.ok(check.ok);
    assert.equal(Math.round(check.secondsToSubmit), 20);
  });

  test('refuses another article, another secret, a tampered or missing token, and an old one', () => {
    const token = issueFormToken(SECRET, 7, now);
    assert.deepEqual(verifyFormToken(SECRET, token, 8, now), { ok: false, reason: 'forged' });
    assert.deepEqual(verifyFormToken(`${SECRET}x`, token, 7, now), { ok: false, reason: 'forged' });
    assert.deepEqual(verifyFormToken(SECRET, token.replace(/^\d+/, String(now / 1000 - 5)), 7, now), {
      ok: false,
      reason: 'forged',
    });
    assert.deepEqual(verifyFormToken(SECRET, undefined, 7, now), { ok: false, reason: 'missing' });
    assert.deepEqual(verifyFormToken(SECRET, token, 7, now + 13 * 3600_000), {
      ok: false,
      reason: 'expired',
    });
  });
});

describe('the held-comments cookie', () => {
  test('round-trips ids and rejects anything not signed by us', () => {
    const value = encodeHeldCookie(SECRET, [3, 5, 5]);
    assert.deepEqual(decodeHeldCookie(SECRET, value), [3, 5]);
    assert.deepEqual(decodeHeldCookie(SECRET, value.replace(/^3/, '4')), []);
    assert.deepEqual(decodeHeldCookie('another-secret-another-secret-000', value), []);
    assert.deepEqual(decodeHeldCookie(SECRET, 'garbage'), []);
    assert.deepEqual(decodeHeldCookie(SECRET, undefined), []);
  });
});

describe('avatars', () => {
  test('depend on the email and the secret, and are the same for the same commenter', () => {
    const a = avatarPath(avatarKey(SECRET, 'ana@example.org'));
    assert.equal(a, avatarPath(avatarKey(SECRET, ' ANA@example.org ')));
    assert.notEqual(
      avatarKey(SECRET, 'ana@example.org').toString('hex'),
      avatarKey('other-secret', 'ana@example.org').toString('hex'),
    );
    assert.notEqual(a, avatarPath(avatarKey(SECRET, 'tom@example.org')));
  });
});

describe('comment policy settings', () => {
  test('one blocklist setting is sorted into words, IPs and emails, and goes to hold or spam', () => {
    assert.deepEqual(
      parseBlocklist(['casino', '203.0.113.0/24', '198.51.100.', '2001:db8:', '@spam.test', 'x@y.z', ' ']),
      {
        words: ['casino'],
        ips: ['203.0.113.0/24', '198.51.100.', '2001:db8:'],
        emails: ['@spam.test', 'x@y.z'],
      },
    );
    const spam = spamSettingsFrom({
      ...DEFAULT_SETTINGS,
      commentBlocklist: ['casino'],
      commentBlocklistAction: 'spam',
    });
    assert.deepEqual(spam.spam.words, ['casino']);
    assert.deepEqual(spam.hold.words, []);
    assert.equal(spam.minimumElapsedMs, DEFAULT_SETTINGS.commentMinSecondsToSubmit * 1000);
  });
});
