import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LoginThrottle } from './loginThrottle.js';

const OPTIONS = { freeFailures: 3, firstDelayMs: 1_000, maxDelayMs: 8_000, forgetAfterMs: 60_000 };

test('three failures are free; then each failure doubles the wait, up to the cap', () => {
  const throttle = new LoginThrottle(OPTIONS);
  const waits: number[] = [];
  let now = 0;
  for (let i = 0; i < 7; i++) {
    throttle.failed(['ALICE'], now);
    waits.push(throttle.waitMs(['ALICE'], now));
    now += throttle.waitMs(['ALICE'], now);
  }
  assert.deepEqual(waits, [0, 0, 1_000, 2_000, 4_000, 8_000, 8_000]);
});

test('a key is blocked only until its wait is over, and other keys are not blocked by it', () => {
  const throttle = new LoginThrottle(OPTIONS);
  for (let i = 0; i < 3; i++) throttle.failed(['ALICE'], 100);
  assert.equal(throttle.waitMs(['ALICE'], 600), 500);
  assert.equal(throttle.waitMs(['BOB'], 600), 0);
  assert.equal(throttle.waitMs(['BOB', 'ALICE'], 600), 500, 'the longest wait of the keys asked about');
  assert.equal(throttle.waitMs(['ALICE'], 1_100), 0);
});

test('a success clears the count; failures long ago are forgotten', () => {
  const throttle = new LoginThrottle(OPTIONS);
  for (let i = 0; i < 3; i++) throttle.failed(['ALICE'], 0);
  throttle.succeeded('ALICE');
  throttle.failed(['ALICE'], 2_000);
  assert.equal(throttle.waitMs(['ALICE'], 2_000), 0, 'one failure after a success is free again');
  for (let i = 0; i < 2; i++) throttle.failed(['ALICE'], 2_000);
  assert.ok(throttle.waitMs(['ALICE'], 2_000) > 0);
  throttle.failed(['ALICE'], 200_000);
  assert.equal(throttle.waitMs(['ALICE'], 200_000), 0, 'the old failures were forgotten; this is the first of a new run');
});

test('a failure counted for an attempt that then succeeded can be taken back', () => {
  const throttle = new LoginThrottle(OPTIONS);
  for (let i = 0; i < 3; i++) throttle.failed(['10.0.0.5'], 0);
  assert.ok(throttle.waitMs(['10.0.0.5'], 0) > 0);
  throttle.forgiveOne('10.0.0.5');
  assert.equal(throttle.waitMs(['10.0.0.5'], 0), 0, 'two failures left: free again');
});
