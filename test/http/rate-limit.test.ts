import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createRateLimiter, decide, windowStartOf } from '../../src/http/rate-limit.js';
import { createRateLimitStore } from '../../src/http/rate-limit-store.js';
import { createTestDb, DIALECTS, type TestDb } from '../support/databases.js';

const rule = { name: 'test', limit: 3, windowSeconds: 60 };

describe('the sliding-window decision', () => {
  test('allows up to the limit within one window and says when to come back', () => {
    const start = windowStartOf(Date.UTC(2024, 0, 1, 0, 0, 30), 60);
    assert.equal(decide(rule, 0, 3, start + 10_000).allowed, true);
    const over = decide(rule, 0, 4, start + 10_000);
    assert.equal(over.allowed, false);
    // 50 s to the end of this window, then the 4 hits of this window must fade to 2: half the next window.
    assert.equal(over.retryAfterSeconds, 50 + 30);
  });

  test('weights the previous window by how much of it still overlaps', () => {
    const start = windowStartOf(Date.UTC(2024, 0, 1), 60);
    assert.equal(decide(rule, 3, 1, start + 15_000).allowed, false); // 3 × 0.75 + 1
    assert.equal(decide(rule, 3, 1, start + 45_000).allowed, true); // 3 × 0.25 + 1
  });
});

for (const dialect of DIALECTS) {
  describe(`the rate limiter on ${dialect}`, () => {
    let db: TestDb;
    before(async () => {
      db = await createTestDb(dialect);
    });
    after(async () => {
      await db.close();
    });

    test('counts hits per key in the database, across limiter instances (processes)', async () => {
      let now = Date.UTC(2024, 0, 1, 0, 0, 5);
      const first = createRateLimiter(createRateLimitStore(db.kysely), () => now);
      const second = createRateLimiter(createRateLimitStore(db.kysely), () => now);
      assert.equal((await first.hit(rule, 'ip-a')).allowed, true);
      assert.equal((await second.hit(rule, 'ip-a')).allowed, true);
      assert.equal((await first.hit(rule, 'ip-a')).allowed, true);
      assert.equal((await second.hit(rule, 'ip-a')).allowed, false);
      assert.equal((await second.hit(rule, 'ip-b')).allowed, true);
      await assert.rejects(first.hitOrThrow(rule, 'ip-a'), { code: 'rate_limited' });
      now += 5 * 60_000;
      assert.equal((await first.hit(rule, 'ip-a')).allowed, true);
      assert.ok((await first.purge(60)) >= 1);
    });

    test('concurrent hits are all counted', async () => {
      const limiter = createRateLimiter(createRateLimitStore(db.kysely));
      const many = { name: 'burst', limit: 1000, windowSeconds: 3600 };
      const results = await Promise.all(Array.from({ length: 20 }, () => limiter.hit(many, 'k')));
      assert.equal(Math.max(...results.map((r) => r.estimate)) >= 20, true);
    });
  });
}
