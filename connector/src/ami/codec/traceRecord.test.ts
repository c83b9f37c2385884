import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AmiFrameDecoder } from './frameDecoder.js';
import { encodeMessage } from './frameEncoder.js';
import { messageToRecord, recordToMessage } from './traceRecord.js';

const TRACES = fileURLToPath(new URL('../../../test-fixtures/ami-traces/', import.meta.url));

function traceLines(name: string): Record<string, unknown>[] {
  return readFileSync(`${TRACES}${name}`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

test('repeated headers become Key, Key~2, Key~3 and back', () => {
  const message = { kind: 'event', event: 'Newstate', fields: [['Event', 'Newstate'], ['ChanVariable', 'A='], ['ChanVariable', 'B=1']] } as const;
  const record = messageToRecord(message, 5);
  assert.deepEqual(record, { t: 5, Event: 'Newstate', ChanVariable: 'A=', 'ChanVariable~2': 'B=1' });
  assert.deepEqual(recordToMessage(record), { ok: true, t: 5, message });
});

test('a malformed trace line is refused with a reason', () => {
  assert.deepEqual(recordToMessage([]), { ok: false, error: 'a trace line is a JSON object' });
  assert.deepEqual(recordToMessage({ Event: 'x' }), { ok: false, error: 'a trace line needs a numeric t' });
  assert.deepEqual(recordToMessage({ t: 1, Event: 5 }), { ok: false, error: 'Event must be a string' });
  assert.deepEqual(recordToMessage({ t: 1, Foo: 'bar' }), { ok: false, error: 'a trace line is a banner, an Event or a Response' });
});

test('every recorded trace goes to AMI bytes and back through the codec unchanged, in 1,000-byte chunks', () => {
  const files = readdirSync(TRACES).filter((f) => f.endsWith('.jsonl'));
  assert.equal(files.length, 10);
  for (const file of files) {
    const lines = traceLines(file);
    const text = lines.map((line) => {
      const parsed = recordToMessage(line);
      assert.ok(parsed.ok, `${file}: ${parsed.ok ? '' : parsed.error}`);
      return encodeMessage(parsed.message);
    }).join('');
    const whole = Buffer.from(text, 'utf8');
    const decoder = new AmiFrameDecoder();
    const decoded = [];
    for (let i = 0; i < whole.length; i += 1_000) decoded.push(...decoder.push(whole.subarray(i, i + 1_000)));
    assert.equal(decoder.stats.problems, 0, file);
    const records = decoded.map((item, i) => {
      assert.ok(item.kind === 'message');
      return messageToRecord(item.message, Number(lines[i]?.['t']));
    });
    assert.deepEqual(records, lines, file);
  }
});
