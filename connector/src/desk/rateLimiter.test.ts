import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RateLimiter } from './rateLimiter.js';

test('at most the limit in any window; the wait says when the oldest leaves it', () => {
  const limiter = new RateLimiter(3, 60_000);
  assert.deepEqual([limiter.take('u', 0), limiter.take('u', 10_000), limiter.take('u', 20_000)], [0, 0, 0]);
  assert.equal(limiter.take('u', 30_000), 30_000, 'the first one leaves the window at 60 s');
  assert.equal(limiter.take('other', 30_000), 0, 'keys are counted apart');
  assert.equal(limiter.take('u', 60_000), 0, 'refused attempts do not count; the window slid');
  assert.equal(limiter.take('u', 60_001), 9_999);
});
