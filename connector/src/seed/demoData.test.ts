import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeStored } from '../phone/phoneNumbers.js';
import { buildDemoDataset, TRACE_CALLERS } from './demoData.js';

test('the demo data set is the same on every build', () => {
  assert.deepEqual(buildDemoDataset(), buildDemoDataset());
});

test('about 50 partners and 300 contact persons, with unique partner abbreviations', () => {
  const data = buildDemoDataset();
  assert.equal(data.partners.length, 50);
  assert.equal(data.contacts.length, 300);
  assert.equal(new Set(data.partners.map((p) => p.abbr)).size, 50);
  assert.ok(data.partners.every((p) => p.abbr.length <= 20 && p.name.length <= 200));
});

test('every TELCC number is a valid number, several are typed with /, brackets or trailing blanks', () => {
  const data = buildDemoDataset();
  const telcc = data.contacts.flatMap((c) => c.addresses.filter((a) => a.type === 'TELCC').map((a) => a.value));
  for (const value of telcc) assert.ok(normalizeStored(value, { country: 'CZ', internationalPrefix: '00' }).ok, value);
  assert.ok(telcc.some((v) => v.includes('/')), 'with /');
  assert.ok(telcc.some((v) => v.includes('(')), 'with brackets');
  assert.ok(telcc.some((v) => v !== v.trimEnd()), 'with trailing blanks');
  assert.ok(telcc.some((v) => v.startsWith('00420')), 'with the international prefix');
  assert.ok(telcc.some((v) => /^\d{9}$/.test(v)), 'national digits only');
  assert.ok(telcc.some((v) => v.startsWith('+48')) && telcc.some((v) => v.startsWith('+49')), 'Polish and German');
});

test('a few numbers are shared by exactly two contacts', () => {
  const byNumber = new Map<string, number>();
  for (const contact of buildDemoDataset().contacts) {
    for (const a of contact.addresses.filter((x) => x.type === 'TELCC')) {
      const n = normalizeStored(a.value, { country: 'CZ', internationalPrefix: '00' });
      if (n.ok) byNumber.set(n.e164, (byNumber.get(n.e164) ?? 0) + 1);
    }
  }
  const shared = [...byNumber].filter(([, count]) => count > 1);
  assert.ok(shared.length >= 3 && shared.length <= 6, `${shared.length} shared numbers`);
  assert.ok(shared.every(([, count]) => count === 2));
  assert.equal(byNumber.get('+420603333444'), 2, "Eva Černá's number is held by a second contact");
});

test('the outside callers of the recorded traces are there, each with a partner', () => {
  const data = buildDemoDataset();
  for (const caller of TRACE_CALLERS) {
    const contact = data.contacts.find((c) => c.firstName === caller.first && c.lastName === caller.last);
    assert.ok(contact, `${caller.first} ${caller.last}`);
    assert.equal(data.partners[contact.partner]?.abbr, caller.partner[0]);
  }
});

test('RECORDER has line 000; ten agents sit on lines 201–210, each with a contact person and call logging', () => {
  const data = buildDemoDataset();
  const lineOf = (code: string): string | undefined => data.lines.find((l) => data.users[l.user]?.code === code)?.line;
  assert.equal(lineOf('RECORDER'), '000');
  const agents = data.lines.filter((l) => l.line !== '000');
  assert.deepEqual(agents.map((l) => l.line), ['201', '202', '203', '204', '205', '206', '207', '208', '209', '210']);
  assert.ok(agents.every((l) => l.logCalls && data.users[l.user]?.contact !== null));
  assert.deepEqual(data.users.filter((u) => u.role !== 'user').map((u) => `${u.code}:${u.role}`), ['RECORDER:service', 'MANAGER:manager', 'ADMIN:admin']);
});
