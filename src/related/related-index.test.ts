import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RelatedDocument } from './related.js';
import { createRelatedIndex, type RelatedIndex } from './related-index.js';

const NOW = Date.parse('2025-01-01T00:00:00Z');
const DAY_MS = 86_400_000;

function buildDocument(fields: Partial<RelatedDocument> & { id: number }): RelatedDocument {
  return {
    language: 'en',
    headline: 'Harbour strike halts container shipping',
    dek: 'Dockers walk out over pay',
    bodyText:
      'Dockers at the harbour walked out over pay. Container ships queued offshore as cranes stood idle.',
    tags: [],
    categoryId: null,
    publishedAt: '2024-12-20T09:00:00Z',
    translationGroup: null,
    ...fields,
  };
}

function newIndex(): RelatedIndex {
  return createRelatedIndex({ now: () => NOW });
}

const TOPICS = [
  'harbour dockers strike cranes container shipping port wages union ferry cargo',
  'election ballot voters turnout candidate campaign polling constituency manifesto recount',
  'vaccine booster trial antibodies immunisation clinic nurses dose regulator outbreak',
  'telescope galaxy asteroid comet observatory orbit exoplanet astronomers eclipse nebula',
  'striker goalkeeper penalty league transfer stadium referee derby midfielder relegation',
];
const NAMES = [
  'Amelia Okafor',
  'Tomasz Lindqvist',
  'Priya Hartley',
  'Kwame Brennan',
  'Ines Castillo',
  'Owen Haddad',
];

/** A small deterministic corpus: five topics, shared names, dates spread over two years. */
function corpus(count: number): RelatedDocument[] {
  let state = 7;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  return Array.from({ length: count }, (_, i) => {
    const topic = TOPICS[i % TOPICS.length]!.split(' ');
    const words = (n: number) => Array.from({ length: n }, () => topic[next(topic.length)]).join(' ');
    const name = NAMES[next(NAMES.length)]!;
    return buildDocument({
      id: i + 1,
      headline: `${words(4)} ${words(2)}`,
      dek: words(6),
      bodyText: `${name} said the ${words(8)}. Officials expect ${words(10)}.\n\n${words(12)} near ${NAMES[next(NAMES.length)]}.`,
      tags: [`topic-${i % TOPICS.length}`, `extra-${next(4)}`],
      categoryId: (i % TOPICS.length) + 1,
      publishedAt: new Date(NOW - (1 + next(730)) * DAY_MS).toISOString(),
      translationGroup: i % 7 === 0 ? `group-${Math.floor(i / 14)}` : null,
    });
  });
}

function ids(index: RelatedIndex, article: number | RelatedDocument, k?: number): number[] {
  return index.topRelated(article, k).map((r) => r.articleId);
}

describe('createRelatedIndex', () => {
  test('never offers the article itself, its translations, other languages or unpublished articles', async () => {
    const index = newIndex();
    await index.rebuildAll([
      buildDocument({ id: 1, translationGroup: 'harbour' }),
      buildDocument({ id: 2, translationGroup: 'harbour' }),
      buildDocument({ id: 3, language: 'fr' }),
      buildDocument({ id: 4, status: 'draft' }),
      buildDocument({ id: 5, publishedAt: '2030-01-01T00:00:00Z' }),
      buildDocument({ id: 6, publishedAt: 'not a date' }),
      buildDocument({ id: 7 }),
    ]);
    assert.deepEqual(ids(index, 1), [7]);
    assert.deepEqual(ids(index, 3), []);
    assert.equal(index.has(4), false);
    assert.equal(index.has(5), false);
    assert.equal(index.has(6), false);
    assert.equal(index.size, 4);
  });

  test('rebuilds from an asynchronous stream, the last copy of an id winning', async () => {
    async function* stream() {
      yield buildDocument({ id: 1 });
      yield buildDocument({ id: 2, headline: 'Old headline', dek: '', bodyText: 'Nothing shared.' });
      yield buildDocument({ id: 2 });
    }
    const index = newIndex();
    await index.rebuildAll(stream());
    assert.equal(index.size, 2);
    assert.deepEqual(ids(index, 1), [2]);
  });

  test('an unsaved draft of an indexed article is not offered itself', async () => {
    const index = newIndex();
    await index.rebuildAll([buildDocument({ id: 1 }), buildDocument({ id: 2 })]);
    assert.deepEqual(ids(index, buildDocument({ id: 1, headline: 'Harbour strike: day two' })), [2]);
  });

  test('ranks the closer story first and explains why', async () => {
    const index = newIndex();
    await index.rebuildAll([
      buildDocument({ id: 1, tags: ['Ports', 'Strikes'], categoryId: 3 }),
      buildDocument({
        id: 2,
        headline: 'Dockers strike at the harbour again',
        bodyText: 'Harbour dockers began a second strike over pay; cranes were idle.',
        tags: ['ports'],
        categoryId: 3,
      }),
      buildDocument({
        id: 3,
        headline: 'Ferry timetable changes',
        dek: '',
        bodyText: 'A harbour ferry leaves earlier.',
      }),
      buildDocument({
        id: 4,
        headline: 'Budget vote delayed',
        dek: '',
        bodyText: 'The council delayed its budget.',
      }),
    ]);
    const related = index.topRelated(1);
    assert.deepEqual(
      related.map((r) => r.articleId),
      [2, 3],
    );
    const [best] = related;
    assert.ok(best!.reason.sharedTerms.includes('harbour'));
    assert.deepEqual(best!.reason.sharedTags, ['ports']);
    assert.equal(best!.reason.sameCategory, true);
    assert.ok(best!.reason.components.content > 0);
    assert.ok(best!.reason.components.tags > 0);
    assert.equal(best!.score, best!.reason.components.total);
  });

  test('prefers last week over five years ago when both are equally close', async () => {
    const index = newIndex();
    await index.rebuildAll([
      buildDocument({ id: 1, publishedAt: '2024-12-30T09:00:00Z' }),
      buildDocument({ id: 2, publishedAt: '2019-12-20T09:00:00Z' }),
      buildDocument({ id: 3, publishedAt: '2024-12-23T09:00:00Z' }),
    ]);
    assert.deepEqual(ids(index, 1), [3, 2]);
  });

  test('a far closer old story still beats a loosely related recent one', async () => {
    const index = newIndex();
    await index.rebuildAll([
      buildDocument({ id: 1, publishedAt: '2024-12-30T09:00:00Z' }),
      buildDocument({ id: 2, publishedAt: '2019-12-20T09:00:00Z' }),
      buildDocument({
        id: 3,
        headline: 'Ferry fares rise',
        dek: '',
        bodyText: 'Ferry operators at the harbour raised fares for the winter.',
        publishedAt: '2024-12-29T09:00:00Z',
      }),
    ]);
    assert.deepEqual(ids(index, 1), [2, 3]);
  });

  test('keeps a top-K list per article', async () => {
    const index = createRelatedIndex({ now: () => NOW, listSize: 3 });
    const docs = corpus(40);
    await index.rebuildAll(docs);
    for (const doc of docs) {
      const list = index.relatedList(doc.id);
      assert.ok(list.length <= 3);
      assert.deepEqual(
        list.map((e) => e.articleId),
        ids(index, doc.id, 3),
      );
    }
  });

  test('incremental add and remove give the same rankings as a full rebuild', async () => {
    const docs = corpus(120);
    const incremental = newIndex();
    await incremental.rebuildAll(docs.slice(0, 60));
    for (const doc of docs.slice(60)) incremental.add(doc);
    for (const id of [3, 17, 64, 99]) incremental.remove(id);
    const edited = { ...docs[10]!, headline: 'Telescope spots comet over harbour' };
    incremental.add(edited);
    incremental.add(docs[16]!);

    const remaining = docs.filter((d) => ![3, 64, 99, 11].includes(d.id)).concat(edited);
    const rebuilt = newIndex();
    await rebuilt.rebuildAll(remaining);

    assert.equal(incremental.size, rebuilt.size);
    for (const doc of remaining) {
      assert.deepEqual(incremental.topRelated(doc.id), rebuilt.topRelated(doc.id), `article ${doc.id}`);
    }
    for (const doc of remaining) {
      for (const entry of incremental.relatedList(doc.id)) {
        assert.ok(![3, 64, 99].includes(entry.articleId), 'no list keeps an unpublished article');
      }
    }
  });

  test('a publish puts the new article into the kept lists a rebuild would put it in', async () => {
    const docs = corpus(150);
    const newcomer = buildDocument({
      ...docs[5]!,
      id: 1000,
      headline: docs[5]!.headline,
      publishedAt: new Date(NOW - DAY_MS).toISOString(),
    });
    const incremental = newIndex();
    await incremental.rebuildAll(docs);
    const change = incremental.add(newcomer);
    const rebuilt = newIndex();
    await rebuilt.rebuildAll([...docs, newcomer]);

    const holding = (index: RelatedIndex) =>
      docs.filter((d) => index.relatedList(d.id).some((e) => e.articleId === 1000)).map((d) => d.id);
    assert.ok(holding(rebuilt).length > 0);
    assert.deepEqual(holding(incremental), holding(rebuilt));
    for (const id of holding(incremental)) assert.ok(change.changedArticleIds.includes(id));
    assert.deepEqual(change.related, rebuilt.relatedList(1000));
  });

  test('unpublishing recomputes the lists that held the article', async () => {
    const docs = corpus(60);
    const index = newIndex();
    await index.rebuildAll(docs);
    const holders = docs
      .filter((d) => index.relatedList(d.id).some((e) => e.articleId === 1))
      .map((d) => d.id);
    assert.ok(holders.length > 0);
    const change = index.remove(1);
    assert.deepEqual(change.related, []);
    for (const id of holders) assert.ok(change.changedArticleIds.includes(id));
    for (const doc of docs.slice(1)) assert.ok(index.relatedList(doc.id).every((e) => e.articleId !== 1));
    assert.equal(index.has(1), false);
    assert.deepEqual(index.relatedList(1), []);
  });

  test('an update that unpublishes (status no longer published) removes the article', async () => {
    const index = newIndex();
    await index.rebuildAll([buildDocument({ id: 1 }), buildDocument({ id: 2 })]);
    const change = index.add(buildDocument({ id: 2, status: 'held' }));
    assert.equal(index.has(2), false);
    assert.deepEqual(change.changedArticleIds, [1]);
    assert.deepEqual(index.relatedList(1), []);
  });

  test('a rebuild on worker threads keeps the same lists as one on a single thread', async () => {
    const docs = corpus(6000);
    const single = createRelatedIndex({ now: () => NOW, threads: 1 });
    const parallel = createRelatedIndex({ now: () => NOW, threads: 2 });
    await single.rebuildAll(docs);
    await parallel.rebuildAll(docs);
    for (const doc of docs) assert.deepEqual(parallel.relatedList(doc.id), single.relatedList(doc.id));
  });

  test('an index grown by publishes alone ranks like a rebuild, before and after folding them in', async () => {
    const docs = corpus(1100);
    const grown = newIndex();
    const rebuilt = newIndex();
    for (const doc of docs.slice(0, 1000)) grown.add(doc);
    await rebuilt.rebuildAll(docs.slice(0, 1000));
    for (const doc of docs.slice(0, 40))
      assert.deepEqual(grown.topRelated(doc.id), rebuilt.topRelated(doc.id));
    for (const doc of docs.slice(1000)) grown.add(doc);
    await rebuilt.rebuildAll(docs);
    for (const doc of docs.slice(0, 40))
      assert.deepEqual(grown.topRelated(doc.id), rebuilt.topRelated(doc.id));
  });

  test('compacts after many unpublishes and still ranks like a rebuild', async () => {
    const docs = corpus(2600);
    const index = newIndex();
    await index.rebuildAll(docs);
    const kept = docs.filter((d) => d.id % 2 === 0);
    for (const doc of docs) if (doc.id % 2 === 1) index.remove(doc.id);
    const rebuilt = newIndex();
    await rebuilt.rebuildAll(kept);
    for (const doc of kept.slice(0, 50)) {
      assert.deepEqual(ids(index, doc.id), ids(rebuilt, doc.id));
    }
  });
});
