import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ACCOUNT_BACK_OFF,
  ADDRESS_BACK_OFF,
  backOffSeconds,
  secondsUntilAllowed,
} from './sign-in-throttle.js';

describe('sign-in back-off', () => {
  test('the first failures are free, then the wait doubles up to the cap', () => {
    assert.deepEqual(
      [0, 4, 5, 6, 7, 8].map((n) => backOffSeconds(n, ACCOUNT_BACK_OFF)),
      [0, 0, 15, 30, 60, 120],
    );
    assert.equal(backOffSeconds(100, ACCOUNT_BACK_OFF), 900);
    assert.equal(backOffSeconds(19, ADDRESS_BACK_OFF), 0);
    assert.equal(backOffSeconds(20, ADDRESS_BACK_OFF), 15);
  });

  test('the wait counts from the latest failure', () => {
    const now = new Date('2024-04-04T12:00:00Z');
    const failures = [
      '2024-04-04T11:59:50Z',
      '2024-04-04T11:59:00Z',
      '2024-04-04T11:58:00Z',
      '2024-04-04T11:57:00Z',
      '2024-04-04T11:56:00Z',
    ];
    // Five failures: 15 s after the latest (11:59:50) is 12:00:05.
    assert.equal(secondsUntilAllowed(failures, now, ACCOUNT_BACK_OFF), 5);
    assert.equal(secondsUntilAllowed(failures, new Date('2024-04-04T12:00:06Z'), ACCOUNT_BACK_OFF), 0);
    assert.equal(secondsUntilAllowed([], now, ACCOUNT_BACK_OFF), 0);
  });
});
