import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ContactIndex } from './contactIndex.js';

const TELCC = new Set(['TELCC']);
const address = (addressId: number, contactPersonId: number, e164: string | null, addressType = 'TELCC', partnerId: number | null = 1) =>
  ({ addressId, contactPersonId, partnerId, addressType, e164 });

test('several contacts on one number are all returned, each once', () => {
  const index = new ContactIndex(TELCC);
  index.upsert(address(1, 14, '+420603333444', 'TELCC', 5));
  index.upsert(address(2, 15, '+420603333444', 'TELCC', 6));
  index.upsert(address(3, 15, '+420603333444', 'TELCC', 6));
  assert.deepEqual(index.lookup('+420603333444'), [
    { contactPersonId: 14, partnerId: 5, addressType: 'TELCC' },
    { contactPersonId: 15, partnerId: 6, addressType: 'TELCC' },
  ]);
  assert.deepEqual(index.lookup('+420600000000'), []);
});

test('an address that changes its number moves; one that loses it or its type leaves', () => {
  const index = new ContactIndex(TELCC);
  index.upsert(address(1, 11, '+420601234567'));
  index.upsert(address(1, 11, '+420601234599'));
  assert.deepEqual(index.lookup('+420601234567'), []);
  assert.equal(index.lookup('+420601234599')[0]?.contactPersonId, 11);
  index.upsert(address(1, 11, '+420601234599', 'EMAIL'));
  assert.deepEqual(index.lookup('+420601234599'), []);
  index.upsert(address(2, 12, null));
  assert.equal(index.size, 0);
});

test('a deleted address and a contact that changed partner are followed', () => {
  const index = new ContactIndex(TELCC);
  index.upsert(address(1, 11, '+420601234567', 'TELCC', 2));
  index.upsert(address(2, 11, '+420601234568', 'TELCC', 2));
  index.movePartner(11, 7);
  assert.deepEqual(index.lookup('+420601234568').map((m) => m.partnerId), [7]);
  index.remove(1);
  assert.deepEqual(index.lookup('+420601234567'), []);
  assert.deepEqual([...index.addressIds()], [2]);
});
