import { test } from 'node:test';
import assert from 'node:assert/strict';
import AmiEventsStream from 'asterisk-ami-events-stream';
import { field, fieldAll } from './amiMessage.js';
import { AmiFrameDecoder } from './frameDecoder.js';

/**
 * Why the connector owns its AMI codec instead of wrapping the design card's
 * asterisk-ami-client (1.1.5, 2018): the same literal bytes through its
 * parser (asterisk-ami-events-stream) and through ours. These tests pin what
 * its parser loses; if a release ever fixed it, they would say so.
 */
type Parsed = Record<string, unknown>;

async function designCardParse(chunks: readonly string[]): Promise<Parsed[]> {
  const stream = new AmiEventsStream();
  const out: Parsed[] = [];
  for (const name of ['amiEvent', 'amiResponse']) stream.on(name, (o: Parsed) => out.push(o));
  for (const chunk of chunks) stream.write(Buffer.from(chunk));
  await new Promise((resolve) => setImmediate(resolve));
  return out;
}

function ourParse(chunks: readonly string[]): ReturnType<AmiFrameDecoder['push']> {
  const decoder = new AmiFrameDecoder();
  return chunks.flatMap((c) => decoder.push(Buffer.from(c)));
}

const CHANVARS = 'Event: Newchannel\r\nChannel: PJSIP/201-00000001\r\nChanVariable: A=1\r\nChanVariable: B=2\r\n\r\n';

test('repeated headers: the design card keeps only the last, we keep all', async () => {
  const [theirs] = await designCardParse([CHANVARS]);
  assert.equal(theirs?.['ChanVariable'], 'B=2');
  const [ours] = ourParse([CHANVARS]);
  assert.ok(ours?.kind === 'message' && ours.message.kind === 'event');
  assert.deepEqual(fieldAll(ours.message, 'ChanVariable'), ['A=1', 'B=2']);
});

test('an event directly after the banner: the design card loses it, we read it', async () => {
  const bytes = 'Asterisk Call Manager/11.0.0\r\nEvent: FullyBooted\r\nStatus: Fully Booted\r\n\r\nEvent: Ping\r\n\r\n';
  const theirs = await designCardParse([bytes]);
  // FullyBooted comes out as a typeless response holding the raw text, not as an event.
  assert.deepEqual(theirs, [{ Response: null, $content: 'Event: FullyBooted\r\nStatus: Fully Booted' }, { Event: 'Ping' }]);
  const ours = ourParse([bytes]).flatMap((i) => (i.kind === 'message' && i.message.kind === 'event' ? [i.message.event] : []));
  assert.deepEqual(ours, ['FullyBooted', 'Ping']);
});

test('stray LF line ends: the design card merges two frames into one garbled event, we read both', async () => {
  const bytes = 'Event: Hangup\nChannel: PJSIP/201-00000001\n\nEvent: Ping\r\n\r\n';
  assert.deepEqual(await designCardParse([bytes]), [{ Event: 'Hangup\nChannel: PJSIP/201-00000001\n\nEvent: Ping' }]);
  const ours = ourParse([bytes]).flatMap((i) => (i.kind === 'message' && i.message.kind === 'event' ? [i.message.event] : []));
  assert.deepEqual(ours, ['Hangup', 'Ping']);
});

test('a value with leading blanks: the design card trims it, we keep the value as sent', async () => {
  const bytes = 'Event: VarSet\r\nValue:   padded\r\n\r\n';
  const [theirs] = await designCardParse([bytes]);
  assert.equal(theirs?.['Value'], 'padded', 'the design card trims values');
  const [ours] = ourParse([bytes]);
  assert.ok(ours?.kind === 'message' && ours.message.kind === 'event');
  assert.equal(field(ours.message, 'Value'), '  padded');
});
