import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type GeneratedArticle, generateArticles } from './generate-articles.js';

const DAY_MS = 86_400_000;

describe('generateArticles', () => {
  const articles: GeneratedArticle[] = [...generateArticles(3000, 1)];

  test('is deterministic per seed and differs between seeds', () => {
    assert.deepEqual([...generateArticles(3000, 1)].slice(0, 50), articles.slice(0, 50));
    assert.deepEqual([...generateArticles(50, 7)], [...generateArticles(50, 7)]);
    assert.notDeepEqual([...generateArticles(50, 1)][0], [...generateArticles(50, 2)][0]);
  });

  test('yields the requested count with unique ids and slugs', () => {
    assert.equal(articles.length, 3000);
    assert.equal(new Set(articles.map((a) => a.id)).size, 3000);
    assert.equal(new Set(articles.map((a) => a.slug)).size, 3000);
    for (const a of articles.slice(0, 100)) assert.match(a.slug, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  test('has news-shaped fields from bounded banks', () => {
    const categories = new Set(articles.map((a) => a.category));
    const tags = new Set(articles.flatMap((a) => a.tags));
    const authors = new Set(articles.flatMap((a) => a.authors));
    assert.equal(categories.size, 8);
    assert.ok(tags.size >= 50 && tags.size <= 60, `${tags.size} tags`);
    assert.equal(authors.size, 20);
    for (const a of articles) {
      assert.ok(a.paragraphs.length >= 3 && a.paragraphs.length <= 9);
      assert.ok(a.headline.length > 10 && a.dek.length > 10);
      assert.ok(a.tags.length >= 1 && a.tags.length <= 3);
      assert.equal(a.language, 'en');
    }
  });

  test('spreads publication over about five years, oldest first', () => {
    const times = articles.map((a) => Date.parse(a.publishedAt));
    for (let i = 1; i < times.length; i++) assert.ok(times[i]! >= times[i - 1]!);
    const spanDays = (times.at(-1)! - times[0]!) / DAY_MS;
    assert.ok(spanDays > 4.5 * 365 && spanDays < 5.5 * 365, `${spanDays} days`);
  });

  test('streams: taking a few articles does not build the rest', () => {
    const started = performance.now();
    const iterator = generateArticles(10_000_000, 3);
    for (let i = 0; i < 5; i++) iterator.next();
    assert.ok(performance.now() - started < 1000);
  });
});
