/**
 * A reusable rate limiter: a sliding window estimated from two fixed-window
 * counters in the database (the current and the previous window, the latter
 * weighted by how much of it still overlaps), so a limit holds across processes
 * and never lets a burst through at a window boundary.
 */
import { RateLimited } from '../errors.js';
import type { RateLimitStore } from './rate-limit-store.js';

/** At most `limit` hits per `windowSeconds` for one key. */
export interface RateLimitRule {
  /** Names the counter family, e.g. `comment-ip`; keys of different rules never mix. */
  name: string;
  limit: number;
  windowSeconds: number;
}

/** The outcome of one hit. */
export interface RateLimitDecision {
  allowed: boolean;
  /** The sliding-window estimate including this hit. */
  estimate: number;
  /** When not allowed: how long until one more hit would be. */
  retryAfterSeconds: number;
}

/** The start of the fixed window containing `nowMs`. */
export function windowStartOf(nowMs: number, windowSeconds: number): number {
  const windowMs = windowSeconds * 1000;
  return Math.floor(nowMs / windowMs) * windowMs;
}

/** Decides a hit from the previous and current window counts (current already including the hit). */
export function decide(
  rule: Pick<RateLimitRule, 'limit' | 'windowSeconds'>,
  previous: number,
  current: number,
  nowMs: number,
): RateLimitDecision {
  const windowMs = rule.windowSeconds * 1000;
  const elapsed = (nowMs - windowStartOf(nowMs, rule.windowSeconds)) / windowMs;
  const estimate = previous * (1 - elapsed) + current;
  if (estimate <= rule.limit) return { allowed: true, estimate, retryAfterSeconds: 0 };
  // How long until one more hit would fit: previous × (1 − f) + current + 1 ≤ limit at window fraction f.
  const toWindowEnd = 1 - elapsed;
  let wait: number;
  if (current + 1 <= rule.limit) {
    const f = 1 - (rule.limit - current - 1) / previous;
    wait = f <= 1 ? Math.max(0, f - elapsed) : toWindowEnd;
  } else {
    // Only the next window helps, where this window's count becomes the weighted previous one.
    wait = toWindowEnd + Math.max(0, 1 - (rule.limit - 1) / current);
  }
  const waitMs = wait * windowMs;
  return { allowed: false, estimate, retryAfterSeconds: Math.max(1, Math.ceil(Math.round(waitMs) / 1000)) };
}

/** A limiter over `store`; `now` is injectable for tests. */
export function createRateLimiter(store: RateLimitStore, now: () => number = Date.now) {
  return {
    /** Counts a hit for `key` under `rule` and says whether it is within the limit. */
    async hit(rule: RateLimitRule, key: string): Promise<RateLimitDecision> {
      const at = now();
      const start = windowStartOf(at, rule.windowSeconds);
      const counterKey = `${rule.name}:${key}`;
      // Counting first (even when over the limit) keeps a hammering client limited until it stops.
      const current = await store.increment(counterKey, new Date(start).toISOString());
      const previous = await store.count(
        counterKey,
        new Date(start - rule.windowSeconds * 1000).toISOString(),
      );
      return decide(rule, previous, current, at);
    },

    /** Counts a hit and throws RateLimited when it is over the limit. */
    async hitOrThrow(rule: RateLimitRule, key: string, message?: string): Promise<void> {
      const decision = await this.hit(rule, key);
      if (!decision.allowed) throw new RateLimited(decision.retryAfterSeconds, message);
    },

    /** Deletes counters too old to matter for any window up to `maxWindowSeconds`. */
    async purge(maxWindowSeconds: number): Promise<number> {
      const cutoff = windowStartOf(now(), maxWindowSeconds) - maxWindowSeconds * 1000;
      return store.purgeBefore(new Date(cutoff).toISOString());
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
