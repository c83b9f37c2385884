import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTelLink } from './telUrl.js';

test('tel:, callto: and sip: links give the number as written', () => {
  const cases: [string, string][] = [
    ['tel:+420601234567', '+420601234567'],
    ['tel:+420-601-234-567;ext=12', '+420-601-234-567'],
    ['TEL:%2B420%20601%20234%20567', '+420 601 234 567'],
    ['callto:+420601234567', '+420601234567'],
    ['callto://0601234567', '0601234567'],
    ['sip:+420601234567@pbx.example.com', '+420601234567'],
  ];
  for (const [url, number] of cases) assert.deepEqual(parseTelLink(url), { ok: true, number }, url);
});

test('anything else is refused with a reason', () => {
  for (const url of ['mailto:a@b.cz', 'tel:', 'tel:javascript:alert(1)', 'tel:%E0%A4%A', 'callto:skype.user', 'sip:alice@pbx', 'tel:12']) {
    const link = parseTelLink(url);
    assert.equal(link.ok, false, url);
  }
});
