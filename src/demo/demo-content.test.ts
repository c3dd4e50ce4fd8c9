import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DemoComment } from './demo-content.js';
import { demoArticles, demoAuthors, demoCategories, demoPages, demoSite } from './demo-content.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const FICTIONAL_EMAIL = /^[a-z0-9._+-]+@example\.(?:org|com)$/;
const MAX_HOURS_AGO = 62 * 24;

const blocksOf = (body: string): string[] => body.split(/\n\s*\n/);
const isHeading = (block: string): boolean => block.startsWith('#');
const isProse = (block: string): boolean => !/^(?:#|>|- )/.test(block);
const wordCount = (body: string): number => body.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

function* walk(comments: DemoComment[] | undefined, depth = 1): Generator<[DemoComment, number]> {
  for (const comment of comments ?? []) {
    yield [comment, depth];
    yield* walk(comment.replies, depth + 1);
  }
}

const allComments = demoArticles.flatMap((a) => [...walk(a.comments)]);
const originals = demoArticles.filter((a) => a.translationOf === undefined);
const translations = demoArticles.filter((a) => a.translationOf !== undefined);

describe('demo site, authors and categories', () => {
  test('site is English with a valid IANA timezone', () => {
    assert.equal(demoSite.language, 'en');
    assert.doesNotThrow(() => new Intl.DateTimeFormat('en', { timeZone: demoSite.timezone }));
    assert.ok(demoSite.title && demoSite.tagline);
  });

  test('5-6 authors with unique, well-formed slugs and bios', () => {
    assert.ok(demoAuthors.length >= 5 && demoAuthors.length <= 6);
    assert.equal(new Set(demoAuthors.map((a) => a.slug)).size, demoAuthors.length);
    for (const author of demoAuthors) {
      assert.match(author.slug, SLUG);
      assert.ok(author.bio.length > 20, author.slug);
    }
  });

  test('6-8 categories whose parents resolve to top-level categories', () => {
    assert.ok(demoCategories.length >= 6 && demoCategories.length <= 8);
    const bySlug = new Map(demoCategories.map((c) => [c.slug, c]));
    assert.equal(bySlug.size, demoCategories.length);
    for (const category of demoCategories) {
      assert.match(category.slug, SLUG);
      if (category.parent !== undefined) {
        const parent = bySlug.get(category.parent);
        assert.ok(parent, `${category.slug} has unknown parent ${category.parent}`);
        assert.equal(parent.parent, undefined);
      }
    }
    assert.ok(demoCategories.some((c) => c.parent !== undefined));
  });
});

describe('demo articles', () => {
  test('34 articles with unique, well-formed slugs', () => {
    assert.equal(demoArticles.length, 34);
    assert.equal(new Set(demoArticles.map((a) => a.slug)).size, 34);
    for (const article of demoArticles) assert.match(article.slug, SLUG);
  });

  test('categories and bylines resolve, and every category is used', () => {
    const categories = new Set(demoCategories.map((c) => c.slug));
    const authors = new Set(demoAuthors.map((a) => a.slug));
    for (const article of demoArticles) {
      assert.ok(categories.has(article.category), `${article.slug}: ${article.category}`);
      assert.ok(article.authors.length >= 1 && article.authors.length <= 2, article.slug);
      assert.equal(new Set(article.authors).size, article.authors.length);
      for (const author of article.authors) assert.ok(authors.has(author), `${article.slug}: ${author}`);
    }
    assert.deepEqual(new Set(demoArticles.map((a) => a.category)), categories);
  });

  test('2-4 tags each from a shared pool of about 20, nearly all recurring', () => {
    const uses = new Map<string, number>();
    for (const article of demoArticles) {
      assert.ok(article.tags.length >= 2 && article.tags.length <= 4, article.slug);
      assert.equal(new Set(article.tags).size, article.tags.length);
      for (const tag of article.tags) uses.set(tag, (uses.get(tag) ?? 0) + 1);
    }
    assert.ok(uses.size >= 16 && uses.size <= 24, `pool has ${uses.size} tags`);
    const singletons = [...uses].filter(([, n]) => n < 2).map(([tag]) => tag);
    assert.ok(singletons.length <= 2, `tags used once: ${singletons.join(', ')}`);
  });

  test('storylines reuse named entities across at least three articles', () => {
    for (const entity of [
      'Ansel Bridge',
      'Gullstone',
      'Merrowby Rovers',
      'Hollin Reservoir',
      'Harbourside',
    ]) {
      const mentions = originals.filter((a) => a.body.includes(entity)).length;
      assert.ok(mentions >= 3, `${entity} appears in ${mentions} articles`);
    }
  });

  test('publication times spread over about 60 days, with at least 4 in the last 48 hours', () => {
    for (const article of demoArticles) {
      assert.ok(article.hoursAgo >= 1 && article.hoursAgo <= MAX_HOURS_AGO, article.slug);
    }
    assert.ok(demoArticles.filter((a) => a.hoursAgo <= 48).length >= 4);
    assert.ok(Math.max(...demoArticles.map((a) => a.hoursAgo)) >= 50 * 24);
  });

  test('bodies are 180-450 words in 4-8 blocks, with no stray indentation', () => {
    for (const article of demoArticles) {
      const words = wordCount(article.body);
      assert.ok(words >= 180 && words <= 450, `${article.slug}: ${words} words`);
      const blocks = blocksOf(article.body).filter((b) => !isHeading(b));
      assert.ok(blocks.length >= 4 && blocks.length <= 8, `${article.slug}: ${blocks.length} blocks`);
      assert.equal(article.body, article.body.trim());
      assert.doesNotMatch(article.body, /^[ \t]+\S/m, `${article.slug} has an indented line`);
    }
    const withFourProse = demoArticles.filter((a) => blocksOf(a.body).filter(isProse).length >= 4);
    assert.ok(withFourProse.length >= 25, `${withFourProse.length} articles with 4+ prose paragraphs`);
  });

  test('some bodies use subheadings, quotes and bullet lists', () => {
    assert.ok(demoArticles.filter((a) => /^## /m.test(a.body)).length >= 3);
    assert.ok(demoArticles.filter((a) => /^> /m.test(a.body)).length >= 3);
    assert.ok(demoArticles.filter((a) => /^- /m.test(a.body)).length >= 3);
  });

  test('some headlines contain characters that HTML must escape', () => {
    for (const char of ['&', '"', "'"]) {
      assert.ok(
        demoArticles.some((a) => a.headline.includes(char)),
        `no headline contains ${char}`,
      );
    }
  });

  test('featured images have alt text, caption and credit', () => {
    const withImages = demoArticles.filter((a) => a.featuredImage);
    assert.ok(withImages.length >= 4);
    for (const { featuredImage, slug } of withImages) {
      assert.ok(featuredImage!.alt && featuredImage!.caption && featuredImage!.credit, slug);
    }
  });

  test('exactly two articles carry corrections, issued after publication and before now', () => {
    const corrected = demoArticles.filter((a) => a.corrections?.length);
    assert.equal(corrected.length, 2);
    for (const article of corrected) {
      for (const correction of article.corrections!) {
        assert.ok(correction.hoursAfterPublish > 0, article.slug);
        assert.ok(correction.hoursAfterPublish < article.hoursAgo, article.slug);
        assert.ok(correction.text.length > 20);
      }
    }
  });

  test('exactly one article has comments closed, and it has no comments', () => {
    const closed = demoArticles.filter((a) => a.commentsOpen === false);
    assert.equal(closed.length, 1);
    assert.equal(closed[0].comments, undefined);
  });

  test('two translations point at distinct originals and are published after them', () => {
    assert.equal(translations.length, 2);
    const bySlug = new Map(demoArticles.map((a) => [a.slug, a]));
    for (const translation of translations) {
      const original = bySlug.get(translation.translationOf!);
      assert.ok(original, `${translation.slug} translates unknown ${translation.translationOf}`);
      assert.equal(original.translationOf, undefined);
      assert.ok(['fr', 'es'].includes(translation.language!), translation.slug);
      assert.ok(translation.hoursAgo <= original.hoursAgo, translation.slug);
      assert.equal(translation.category, original.category);
    }
    assert.equal(new Set(translations.map((t) => t.translationOf)).size, 2);
    for (const original of originals) assert.equal(original.language, undefined, original.slug);
  });
});

describe('demo comments', () => {
  test('about ten articles carry 1-4 top-level comments each', () => {
    const commented = demoArticles.filter((a) => a.comments?.length);
    assert.ok(commented.length >= 8 && commented.length <= 12, `${commented.length} articles with comments`);
    for (const article of commented) {
      assert.ok(article.comments!.length <= 4, article.slug);
    }
  });

  test('threads nest up to depth 3 and no deeper', () => {
    const depths = allComments.map(([, depth]) => depth);
    assert.equal(Math.max(...depths), 3);
    assert.ok(depths.filter((d) => d === 2).length >= 3);
  });

  test('exactly one comment awaits moderation', () => {
    assert.equal(allComments.filter(([c]) => c.status === 'pending').length, 1);
  });

  test('commenters use only fictional example.org / example.com addresses', () => {
    for (const [comment] of allComments) {
      assert.match(comment.email, FICTIONAL_EMAIL);
      if (comment.url !== undefined) assert.match(comment.url, /^https:\/\/example\.(?:org|com)\//);
      assert.ok(comment.author && comment.body);
    }
  });
});

describe('demo pages', () => {
  test('about, contact and corrections policy exist', () => {
    assert.deepEqual(demoPages.map((p) => p.slug).sort(), ['about', 'contact', 'corrections-policy']);
  });

  test('pages mention only fictional email addresses and no phone numbers', () => {
    for (const page of demoPages) {
      for (const email of page.body.match(/\S+@\S+/g) ?? []) assert.match(email, FICTIONAL_EMAIL);
      assert.doesNotMatch(page.body, /\+?\d[\d ()-]{8,}\d/, page.slug);
    }
  });
});
