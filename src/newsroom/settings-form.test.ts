import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_SETTINGS } from '../site/settings.js';
import { settingsFromForm, settingsToForm } from './settings-form.js';

describe('settings form', () => {
  test('round-trips the defaults', () => {
    assert.deepEqual(settingsFromForm(settingsToForm(DEFAULT_SETTINGS)), DEFAULT_SETTINGS);
  });

  test('numbers that are not whole numbers become NaN for validation to name', () => {
    const update = settingsFromForm({
      feedItems: '12',
      postsPerPage: 'ten',
      commentBlocklist: 'casino\r\n\r\n viagra ',
    });
    assert.equal(update.feedItems, 12);
    assert.ok(Number.isNaN(update.postsPerPage));
    assert.deepEqual(update.commentBlocklist, ['casino', 'viagra']);
    assert.equal(update.feedFullText, false);
  });
});
