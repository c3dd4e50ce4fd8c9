import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDate, isoInZone, offsetMinutesAt } from './format.js';

test('isoInZone gives local time with the offset in force at that instant, across DST changes', () => {
  assert.equal(isoInZone('2024-04-04T13:05:00.000Z', 'Europe/London'), '2024-04-04T14:05:00+01:00');
  assert.equal(isoInZone('2024-01-04T13:05:00.000Z', 'Europe/London'), '2024-01-04T13:05:00+00:00');
  // London springs forward at 01:00 UTC on 31 March 2024: the same hour on both sides of the change.
  assert.equal(isoInZone('2024-03-31T00:59:59.000Z', 'Europe/London'), '2024-03-31T00:59:59+00:00');
  assert.equal(isoInZone('2024-03-31T01:00:00.000Z', 'Europe/London'), '2024-03-31T02:00:00+01:00');
  assert.equal(isoInZone('2024-11-03T06:30:00.000Z', 'America/New_York'), '2024-11-03T01:30:00-05:00');
  assert.equal(isoInZone('2024-11-03T05:30:00.000Z', 'America/New_York'), '2024-11-03T01:30:00-04:00');
  assert.equal(isoInZone('2024-06-01T00:00:00.000Z', 'Asia/Kolkata'), '2024-06-01T05:30:00+05:30');
  assert.equal(isoInZone('2024-06-01T00:00:00.000Z', 'America/St_Johns'), '2024-05-31T21:30:00-02:30');
  assert.equal(isoInZone('2024-06-01T12:34:56.789Z', 'UTC'), '2024-06-01T12:34:56+00:00');
});

test('an hour containing a transition is computed exactly, minute by minute', () => {
  // Lord Howe Island moves by half an hour, at 02:00 local time (15:30 UTC) on 6 October 2024.
  assert.equal(offsetMinutesAt(Date.UTC(2024, 9, 5, 15, 29), 'Australia/Lord_Howe'), 630);
  assert.equal(offsetMinutesAt(Date.UTC(2024, 9, 5, 15, 30), 'Australia/Lord_Howe'), 660);
  assert.equal(isoInZone('2024-10-05T15:45:00.000Z', 'Australia/Lord_Howe'), '2024-10-06T02:45:00+11:00');
});

test('formatDate reads the day in the site time zone', () => {
  assert.equal(formatDate('2024-04-04T23:30:00.000Z', 'Europe/London'), '5 April 2024');
  assert.throws(() => formatDate('2024-04-04T23:30:00.000Z', 'Mars/Olympus'), RangeError);
});
