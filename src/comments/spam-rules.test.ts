import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createSpamClassifier } from './spam-classifier.js';
import {
  assessComment,
  blockedWordsIn,
  classifierTextFor,
  countLinks,
  DEFAULT_SPAM_SETTINGS,
  EMPTY_BLOCKLIST,
  emailMatches,
  hasTooManyLinks,
  ipMatches,
  isDuplicateOfRecent,
  isHoneypotFilled,
  isSubmittedTooFast,
  type SpamCheckInput,
  type SpamSettings,
} from './spam-rules.js';

function buildInput(overrides: Partial<SpamCheckInput> = {}): SpamCheckInput {
  return {
    body: 'The council should publish the full minutes of that meeting.',
    authorName: 'Ada Reader',
    authorEmail: 'ada@example.org',
    authorIp: '198.51.100.7',
    honeypot: '',
    elapsedMs: 45_000,
    isKnownCommenter: true,
    recentBodies: [],
    ...overrides,
  };
}

function buildSettings(overrides: Partial<SpamSettings> = {}): SpamSettings {
  return { ...DEFAULT_SPAM_SETTINGS, policy: 'approve-all', ...overrides };
}

describe('single rules', () => {
  test('honeypot', () => {
    assert.equal(isHoneypotFilled(''), false);
    assert.equal(isHoneypotFilled('   '), false);
    assert.equal(isHoneypotFilled('http://x'), true);
  });

  test('submitted too fast', () => {
    assert.equal(isSubmittedTooFast(1200, 3000), true);
    assert.equal(isSubmittedTooFast(3000, 3000), false);
    assert.equal(isSubmittedTooFast(Number.NaN, 3000), true);
  });

  test('links are counted with and without a scheme', () => {
    assert.equal(countLinks('no links here, just a sentence. Really.'), 0);
    assert.equal(countLinks('see https://a.example/x and www.b.org and c.com'), 3);
    assert.equal(hasTooManyLinks('a.com b.com', 2), false);
    assert.equal(hasTooManyLinks('a.com b.com c.com', 2), true);
  });

  test('blocked words match whole words, any case, any script width', () => {
    assert.deepEqual(blockedWordsIn('Best CASINO bonus', ['casino', 'bonus code']), ['casino']);
    assert.deepEqual(blockedWordsIn('occasional casinos', ['casino']), []);
    assert.deepEqual(blockedWordsIn('ＣＡＳＩＮＯ night', ['casino']), ['casino']);
    assert.deepEqual(blockedWordsIn('get your bonus code now', ['bonus code']), ['bonus code']);
    assert.deepEqual(blockedWordsIn('anything', ['  ']), []);
  });

  test('IP entries: exact, CIDR and prefix', () => {
    assert.equal(ipMatches('203.0.113.9', '203.0.113.9'), true);
    assert.equal(ipMatches('203.0.113.9', '203.0.113.0/24'), true);
    assert.equal(ipMatches('203.0.114.9', '203.0.113.0/24'), false);
    assert.equal(ipMatches('203.0.113.9', '203.0.'), true);
    assert.equal(ipMatches('2001:db8::1', '2001:db8:'), true);
    assert.equal(ipMatches('203.0.113.9', '203.0.113.0/99'), false);
    assert.equal(ipMatches('203.0.113.99', '203.0.113.9'), false);
  });

  test('email entries: exact or whole domain', () => {
    assert.equal(emailMatches('Spam@Example.com', 'spam@example.com'), true);
    assert.equal(emailMatches('x@promo.example', '@promo.example'), true);
    assert.equal(emailMatches('x@notpromo.example', '@promo.example'), false);
  });

  test('duplicates ignore case, spacing and punctuation, and catch small edits of longer texts', () => {
    assert.equal(isDuplicateOfRecent('Check my channel!!', ['check   my channel']), true);
    assert.equal(isDuplicateOfRecent('Great piece', ['Great piece, thanks']), false);
    const long = 'please visit my page for the best deals on phones and tablets today';
    assert.equal(isDuplicateOfRecent(`${long} friends`, [long]), true);
    assert.equal(isDuplicateOfRecent('The minutes were published on Tuesday', [long]), false);
    assert.equal(isDuplicateOfRecent('!!!', ['???']), false);
  });
});

describe('assessComment', () => {
  test('approves an ordinary comment from a known commenter', () => {
    assert.deepEqual(assessComment(buildInput(), buildSettings()), { verdict: 'approve', reasons: [] });
  });

  test('a filled honeypot is spam', () => {
    const result = assessComment(buildInput({ honeypot: 'x' }), buildSettings());
    assert.equal(result.verdict, 'spam');
    assert.deepEqual(result.reasons, ['honeypot-filled']);
  });

  test('speed and links hold, they do not spam', () => {
    const result = assessComment(
      buildInput({ elapsedMs: 500, body: 'sources: a.org/1 b.org/2 c.org/3' }),
      buildSettings(),
    );
    assert.equal(result.verdict, 'hold');
    assert.deepEqual(result.reasons, ['submitted-too-fast', 'too-many-links']);
  });

  test('blocklists act as configured, and spam beats hold', () => {
    const settings = buildSettings({
      hold: { ...EMPTY_BLOCKLIST, words: ['crypto'] },
      spam: { words: [], ips: ['203.0.113.0/24'], emails: ['@promo.example'] },
    });
    assert.equal(assessComment(buildInput({ body: 'Is crypto regulated here?' }), settings).verdict, 'hold');
    const both = assessComment(buildInput({ body: 'crypto!', authorIp: '203.0.113.5' }), settings);
    assert.equal(both.verdict, 'spam');
    assert.deepEqual(both.reasons, ['blocked-ip:203.0.113.0/24', 'blocked-word:crypto']);
    assert.equal(assessComment(buildInput({ authorEmail: 'bot@promo.example' }), settings).verdict, 'spam');
  });

  test('blocked words are also looked for in the author name and URL', () => {
    const settings = buildSettings({ spam: { ...EMPTY_BLOCKLIST, words: ['viagra'] } });
    assert.equal(assessComment(buildInput({ authorName: 'Cheap Viagra' }), settings).verdict, 'spam');
    assert.equal(
      assessComment(buildInput({ authorUrl: 'https://viagra.example' }), settings).verdict,
      'spam',
    );
  });

  test('a repeat of a recent comment by the same person is spam', () => {
    const result = assessComment(
      buildInput({ recentBodies: [buildInput().body.toUpperCase()] }),
      buildSettings(),
    );
    assert.deepEqual(result, { verdict: 'spam', reasons: ['duplicate-of-recent-comment'] });
  });

  test('first-time policy', () => {
    const firstTime = buildInput({ isKnownCommenter: false });
    assert.equal(assessComment(firstTime, buildSettings({ policy: 'approve-all' })).verdict, 'approve');
    assert.deepEqual(assessComment(firstTime, buildSettings({ policy: 'hold-first-time' })), {
      verdict: 'hold',
      reasons: ['policy:first-time-commenter'],
    });
    assert.equal(
      assessComment(buildInput(), buildSettings({ policy: 'hold-first-time' })).verdict,
      'approve',
    );
    assert.deepEqual(assessComment(buildInput(), buildSettings({ policy: 'hold-all' })).reasons, [
      'policy:hold-all',
    ]);
  });

  test('the classifier holds or spams by its thresholds, and is silent until trained on both sides', () => {
    const classifier = createSpamClassifier();
    const spammy = buildInput({ body: 'subscribe to my channel for free gift cards' });
    classifier.learn('subscribe to my channel', 'spam');
    assert.equal(assessComment(spammy, buildSettings(), classifier).verdict, 'approve');

    classifier.learn('free gift cards subscribe now', 'spam');
    classifier.learn('the council should publish the minutes', 'ham');
    classifier.learn('thanks for the correction', 'ham');
    const probability = classifier.spamProbability(spammy.body);
    assert.ok(probability > 0.5);

    const holdOnly = assessComment(
      spammy,
      buildSettings({ classifierHoldAt: 0.5, classifierSpamAt: 1.01 }),
      classifier,
    );
    assert.equal(holdOnly.verdict, 'hold');
    assert.match(holdOnly.reasons[0], /^classifier:[01]\.\d{3}$/);
    const spam = assessComment(
      spammy,
      buildSettings({ classifierHoldAt: 0.5, classifierSpamAt: 0.5 }),
      classifier,
    );
    assert.equal(spam.verdict, 'spam');
    assert.equal(assessComment(buildInput(), buildSettings(), classifier).verdict, 'approve');
  });

  test('the classifier sees the author URL too', () => {
    assert.equal(classifierTextFor({ body: 'hi' }), 'hi');
    assert.equal(classifierTextFor({ body: 'hi', authorUrl: 'https://x.example' }), 'hi\nhttps://x.example');
  });
});
