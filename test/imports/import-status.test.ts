import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  mapGhostStatus,
  mapWordPressCommentApproval,
  mapWordPressStatus,
} from '../../src/imports/import-status.js';

describe('mapWordPressStatus', () => {
  test('maps every WordPress post status', () => {
    const table = ['publish', 'future', 'draft', 'auto-draft', 'pending', 'private', 'trash'].map((s) => {
      const m = mapWordPressStatus(s);
      return [s, m.status, m.submittedForReview, m.trashed, m.warning !== null];
    });
    assert.deepEqual(table, [
      ['publish', 'published', false, false, false],
      ['future', 'scheduled', false, false, false],
      ['draft', 'draft', false, false, false],
      ['auto-draft', 'draft', false, false, false],
      ['pending', 'draft', true, false, false],
      ['private', 'draft', false, false, true],
      ['trash', 'draft', false, true, false],
    ]);
  });

  test('imports an unknown status as a draft with a warning', () => {
    assert.deepEqual(mapWordPressStatus('inherit'), {
      status: 'draft',
      submittedForReview: false,
      trashed: false,
      warning: 'unknown WordPress status "inherit": imported as a draft',
    });
  });
});

describe('mapWordPressCommentApproval', () => {
  test('maps every approval value, WordPress pending becoming held', () => {
    assert.deepEqual(
      ['1', '0', 'spam', 'trash', 'post-trashed'].map((a) => mapWordPressCommentApproval(a).status),
      ['approved', 'held', 'spam', 'trash', 'trash'],
    );
  });

  test('holds an unknown value for moderation, with a warning', () => {
    const m = mapWordPressCommentApproval('maybe');
    assert.equal(m.status, 'held');
    assert.match(m.warning ?? '', /unknown comment approval "maybe"/);
  });
});

describe('mapGhostStatus', () => {
  test('maps Ghost statuses, an email-only post becoming a draft with a warning', () => {
    assert.deepEqual(
      ['published', 'scheduled', 'draft', 'sent'].map((s) => [
        mapGhostStatus(s).status,
        mapGhostStatus(s).warning !== null,
      ]),
      [
        ['published', false],
        ['scheduled', false],
        ['draft', false],
        ['draft', true],
      ],
    );
  });
});
