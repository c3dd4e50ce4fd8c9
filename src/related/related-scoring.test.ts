import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RelatedDocument } from './related.js';
import {
  combineScores,
  inverseDocumentFrequency,
  RECENCY_FLOOR,
  recencyFactor,
  SATURATION_K1,
  saturate,
  tagOverlap,
  termFrequencies,
} from './related-scoring.js';
import { createTokenizer } from './tokenize.js';

const DAY_MS = 86_400_000;

function buildDocument(fields: Partial<RelatedDocument>): RelatedDocument {
  return {
    id: 1,
    language: 'en',
    headline: '',
    dek: '',
    bodyText: '',
    tags: [],
    categoryId: null,
    publishedAt: '2024-05-01T12:00:00Z',
    translationGroup: null,
    ...fields,
  };
}

describe('termFrequencies', () => {
  test('a headline word counts more than a dek word, which counts more than a body word', () => {
    const { frequencies } = termFrequencies(
      buildDocument({ headline: 'Harbour strike', dek: 'Dockers walk out', bodyText: 'Cranes stood idle.' }),
      createTokenizer('en'),
    );
    assert.ok(frequencies.get('harbour')! > frequencies.get('docker')!);
    assert.ok(frequencies.get('docker')! > frequencies.get('crane')!);
  });

  test('keeps a readable label for each term', () => {
    const { labels } = termFrequencies(buildDocument({ bodyText: 'Shipments fell.' }), createTokenizer('en'));
    assert.equal(labels.get('shipment'), 'shipments');
  });
});

describe('saturate', () => {
  test('grows with frequency but never past k1 + 1', () => {
    assert.equal(saturate(0), 0);
    assert.ok(saturate(2) > saturate(1));
    assert.ok(saturate(2) - saturate(1) > saturate(20) - saturate(19));
    assert.ok(saturate(1e9) < SATURATION_K1 + 1);
  });
});

describe('inverseDocumentFrequency', () => {
  test('is larger for rarer terms and never below 1', () => {
    assert.ok(inverseDocumentFrequency(1, 1000) > inverseDocumentFrequency(100, 1000));
    assert.ok(inverseDocumentFrequency(1000, 1000) >= 1);
  });
});

describe('tagOverlap', () => {
  test('is 1 for the same tags, 0 for none shared, in between otherwise', () => {
    assert.equal(tagOverlap([1, 2, 3], [1, 2, 3]), 1);
    assert.equal(tagOverlap([1, 2], [3, 4]), 0);
    assert.equal(tagOverlap([], [1]), 0);
    assert.equal(tagOverlap([1, 2], [2, 3]), 0.5);
  });
});

describe('recencyFactor', () => {
  test('prefers stories published close together, down to a floor', () => {
    assert.equal(recencyFactor(0), 1);
    assert.ok(recencyFactor(7 * DAY_MS) > recencyFactor(5 * 365 * DAY_MS));
    assert.equal(recencyFactor(-7 * DAY_MS), recencyFactor(7 * DAY_MS));
    assert.ok(recencyFactor(50 * 365 * DAY_MS) >= RECENCY_FLOOR);
  });
});

describe('combineScores', () => {
  test('content dominates; tags and category add; recency multiplies', () => {
    const plain = combineScores(0.4, 0, false, 0);
    const tagged = combineScores(0.4, 1, false, 0);
    const sameCategory = combineScores(0.4, 0, true, 0);
    const old = combineScores(0.4, 0, false, 5 * 365 * DAY_MS);
    assert.equal(plain.total, 0.4);
    assert.ok(tagged.total > sameCategory.total && sameCategory.total > plain.total);
    assert.ok(old.total < plain.total);
    assert.ok(combineScores(0.6, 0, false, 5 * 365 * DAY_MS).total > plain.total, 'much closer still wins');
  });

  test('rounds the total so rebuilt and incremental scores compare equal', () => {
    assert.equal(combineScores(0.1 + 0.2, 0, false, 0).total, combineScores(0.3, 0, false, 0).total);
  });
});
