import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  createSpamClassifier,
  findLinks,
  linkHost,
  parseSpamClassifierState,
  tokenizeComment,
} from './spam-classifier.js';

function trained() {
  const classifier = createSpamClassifier();
  classifier.learn('Check out my channel and subscribe! http://cheap-pills.example.com/buy', 'spam');
  classifier.learn('Earn $5000 a month working from home, visit moneygq.com now', 'spam');
  classifier.learn('FREE GIFT CARDS!!! click here www.free-gifts.example.net', 'spam');
  classifier.learn('The council vote was closer than this report suggests.', 'ham');
  classifier.learn('Thanks for the correction on the second paragraph.', 'ham');
  classifier.learn('I was at the meeting and the mayor did say that.', 'ham');
  return classifier;
}

describe('tokenizeComment', () => {
  test('lower-cases words and adds adjacent pairs', () => {
    const tokens = tokenizeComment('Great Report today');
    assert.deepEqual(
      tokens.filter((t) => !t.startsWith('meta:')),
      ['great', 'report', 'great_report', 'today', 'report_today'],
    );
  });

  test('turns links into host tokens, with the registrable tail of deep hosts', () => {
    const tokens = tokenizeComment('see https://www.Shop.Example.co/deal and kidsmedia.com');
    assert.ok(tokens.includes('host:shop.example.co'));
    assert.ok(tokens.includes('host:example.co'));
    assert.ok(tokens.includes('host:kidsmedia.com'));
    assert.ok(tokens.includes('meta:has-link'));
    assert.ok(!tokens.includes('https'), 'URL parts are not counted as words');
  });

  test('marks many links, shouting, emails and phone numbers', () => {
    const shout = tokenizeComment('SUBSCRIBE TO MY CHANNEL NOW PLEASE');
    assert.ok(shout.includes('meta:all-caps-shout'));
    assert.ok(!tokenizeComment('The BBC said so').includes('meta:all-caps-shout'));
    const links = tokenizeComment('a.com b.com c.com d.com');
    assert.ok(links.includes('meta:has-many-links'));
    assert.ok(tokenizeComment('write to me at someone@example.org').includes('meta:has-email'));
    assert.ok(tokenizeComment('call +44 7935 454150 tonight').includes('meta:has-phone-number'));
  });

  test('folds full-width letters so disguised links are still seen', () => {
    assert.ok(tokenizeComment('ｈｔｔｐ://ｗｗｗ.ｅｂａｙ.ｃｏｍ/usr/x').includes('host:ebay.com'));
  });

  test('gives the same tokens on repeated calls (no regex state leaks between calls)', () => {
    const text = 'mail me at a@b.com, 0123 456 7890';
    assert.deepEqual(tokenizeComment(text), tokenizeComment(text));
  });
});

describe('links', () => {
  test('findLinks finds schemes, www. and bare hosts but not email domains', () => {
    assert.deepEqual(findLinks('go http://x.org/a or www.y.net, z.com; me@mail.com'), [
      'http://x.org/a',
      'www.y.net,',
      'z.com',
    ]);
  });

  test('linkHost strips www. and rejects non-hosts', () => {
    assert.equal(linkHost('https://WWW.Example.com/path'), 'example.com');
    assert.equal(linkHost('example.org/x'), 'example.org');
    assert.equal(linkHost('http://localhost'), null);
  });
});

describe('createSpamClassifier', () => {
  test('has no opinion until both sides have an example', () => {
    const classifier = createSpamClassifier();
    assert.equal(classifier.spamProbability('anything'), 0.5);
    classifier.learn('buy now', 'spam');
    assert.equal(classifier.spamProbability('buy now'), 0.5);
  });

  test('scores spam-like text high and newsroom talk low', () => {
    const classifier = trained();
    assert.ok(classifier.spamProbability('subscribe to my channel for free gift cards') > 0.9);
    assert.ok(classifier.spamProbability('the mayor report on the council vote') < 0.1);
  });

  test('unlearn reverses learn exactly', () => {
    const classifier = trained();
    const before = classifier.toJSON();
    classifier.learn('Local bakery wins award, well deserved', 'spam');
    classifier.unlearn('Local bakery wins award, well deserved', 'spam');
    assert.deepEqual(classifier.toJSON(), before);
  });

  test('a reversed decision moves the score the other way', () => {
    const classifier = trained();
    const text = 'visit my blog for more analysis';
    const asSpam = (() => {
      classifier.learn(text, 'spam');
      return classifier.spamProbability(text);
    })();
    classifier.unlearn(text, 'spam');
    classifier.learn(text, 'ham');
    assert.ok(classifier.spamProbability(text) < asSpam);
  });

  test('unlearning what was never learned changes nothing and never goes negative', () => {
    const classifier = createSpamClassifier();
    classifier.unlearn('never seen', 'ham');
    assert.deepEqual(classifier.toJSON(), { version: 1, documents: { spam: 0, ham: 0 }, tokens: {} });
    classifier.learn('one two', 'ham');
    classifier.unlearn('one three', 'ham');
    const state = classifier.toJSON();
    assert.equal(state.documents.ham, 0);
    for (const [spam, ham] of Object.values(state.tokens)) assert.ok(spam >= 0 && ham >= 0);
  });

  test('survives a JSON round trip with identical scores', () => {
    const classifier = trained();
    const restored = createSpamClassifier(parseSpamClassifierState(JSON.parse(JSON.stringify(classifier))));
    for (const text of ['free gift cards', 'the council vote', 'check moneygq.com']) {
      assert.equal(restored.spamProbability(text), classifier.spamProbability(text));
    }
    assert.deepEqual(restored.documentCounts(), classifier.documentCounts());
  });

  test('the restored classifier keeps learning independently of the state it came from', () => {
    const state = trained().toJSON();
    const copy = JSON.parse(JSON.stringify(state));
    createSpamClassifier(state).learn('more spam text', 'spam');
    assert.deepEqual(state, copy);
  });
});

describe('parseSpamClassifierState', () => {
  test('rejects malformed state with the field named', () => {
    assert.throws(() => parseSpamClassifierState(null), /not an object/);
    assert.throws(() => parseSpamClassifierState({ version: 2 }), /version/);
    assert.throws(
      () => parseSpamClassifierState({ version: 1, documents: { spam: -1, ham: 0 }, tokens: {} }),
      /documents/,
    );
    assert.throws(
      () => parseSpamClassifierState({ version: 1, documents: { spam: 1, ham: 1 }, tokens: { a: [1] } }),
      /tokens\["a"\]/,
    );
  });
});
