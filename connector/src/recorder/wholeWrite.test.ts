import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { makeTempDir } from '../testing/tempDir.js';
import { writeWhole } from './wholeWrite.js';

test('a disk that fills up half way through a record leaves the file as it was before the record', () => {
  const temp = makeTempDir('whole-write');
  try {
    const file = path.join(temp.dir, 'log.jsonl');
    const fd = openSync(file, 'a');
    writeWhole(fd, '{"first":1}\n');
    // Tried: the disk takes 7 bytes of the next record (a short write, no error), then refuses.
    let calls = 0;
    const nearlyFull = (f: number, bytes: Buffer, offset: number, length: number): number => {
      calls++;
      if (calls === 1) return writeSync(f, bytes, offset, Math.min(7, length));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    assert.throws(() => {
      writeWhole(fd, '{"second":2}\n', nearlyFull);
    }, { code: 'ENOSPC' });
    closeSync(fd);
    assert.equal(readFileSync(file, 'utf8'), '{"first":1}\n', 'no half record');
  } finally {
    temp.remove();
  }
});

test('short writes that go on are completed: the whole text is written', () => {
  const temp = makeTempDir('whole-write');
  try {
    const file = path.join(temp.dir, 'log.jsonl');
    const fd = openSync(file, 'a');
    const dribble = (f: number, bytes: Buffer, offset: number, length: number): number => writeSync(f, bytes, offset, Math.min(3, length));
    writeWhole(fd, '{"čísla":"+420 601 234 567"}\n', dribble);
    closeSync(fd);
    assert.equal(readFileSync(file, 'utf8'), '{"čísla":"+420 601 234 567"}\n');
  } finally {
    temp.remove();
  }
});
