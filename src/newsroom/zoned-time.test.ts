import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { utcToZonedLocal, zonedLocalToUtc } from './zoned-time.js';

describe('zoned time', () => {
  test('wall-clock times convert to UTC in the site time zone', () => {
    assert.equal(
      zonedLocalToUtc('2024-07-01T09:30', 'Europe/London')?.toISOString(),
      '2024-07-01T08:30:00.000Z',
    );
    assert.equal(
      zonedLocalToUtc('2024-01-15T09:30', 'Europe/London')?.toISOString(),
      '2024-01-15T09:30:00.000Z',
    );
    assert.equal(
      zonedLocalToUtc('2024-01-15T09:30:15', 'America/New_York')?.toISOString(),
      '2024-01-15T14:30:15.000Z',
    );
    assert.equal(zonedLocalToUtc('2024-01-15T09:30', 'UTC')?.toISOString(), '2024-01-15T09:30:00.000Z');
  });

  test('a time in the spring-forward gap lands after the change', () => {
    // 01:30 does not exist in London on 31 March 2024; clocks read 02:30 BST = 01:30 UTC.
    assert.equal(
      zonedLocalToUtc('2024-03-31T01:30', 'Europe/London')?.toISOString(),
      '2024-03-31T01:30:00.000Z',
    );
  });

  test('nonsense is null', () => {
    assert.equal(zonedLocalToUtc('', 'UTC'), null);
    assert.equal(zonedLocalToUtc('tomorrow', 'UTC'), null);
    assert.equal(zonedLocalToUtc('2024-13-01T10:00', 'UTC'), null);
    assert.equal(zonedLocalToUtc('2024-01-01T24:00', 'UTC'), null);
  });

  test('UTC instants show as wall-clock values', () => {
    assert.equal(utcToZonedLocal('2024-07-01T08:30:00.000Z', 'Europe/London'), '2024-07-01T09:30');
    assert.equal(utcToZonedLocal('2024-07-01T08:30:00.000Z', 'Asia/Kolkata'), '2024-07-01T14:00');
  });
});
