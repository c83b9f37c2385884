import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONNECTOR_URL, checkConnectorUrl, connectorUrl, findDialUrl, popupUrl } from './launchArgs.js';

test('the tel: or callto: link among the arguments, as Windows passes it to the second instance', () => {
  assert.equal(findDialUrl(['C:\\Program Files\\Contact Center\\Contact Center.exe', '--allow-file-access-from-files', 'tel:+420601234567']), 'tel:+420601234567');
  assert.equal(findDialUrl(['/usr/bin/electron', '.', '--connector=http://10.0.0.5:8740', 'callto://0601234567']), 'callto://0601234567');
  assert.equal(findDialUrl(['app', 'TEL:%2B420601234567']), 'TEL:%2B420601234567');
  assert.equal(findDialUrl(['app', 'tel:111', 'tel:222']), 'tel:111');
});

test('no link when there is none', () => {
  assert.equal(findDialUrl([]), undefined);
  assert.equal(findDialUrl(['app', '.', '--connector=http://127.0.0.1:8740', 'mailto:a@b.cz', 'telephone', 'https://tel.example.com/']), undefined);
});

test('the connector is the default without --connector', () => {
  assert.deepEqual(connectorUrl(['/usr/bin/electron', '.']), { ok: true, url: DEFAULT_CONNECTOR_URL });
  assert.equal(DEFAULT_CONNECTOR_URL, 'http://127.0.0.1:8740/');
});

test('--connector=URL and --connector URL name the connector; the last one wins', () => {
  assert.deepEqual(connectorUrl(['app', '--connector=http://10.0.0.5:8740']), { ok: true, url: 'http://10.0.0.5:8740/' });
  assert.deepEqual(connectorUrl(['app', '--connector', 'https://desk.example.cz/desk/?x=1#y']), { ok: true, url: 'https://desk.example.cz/' });
  assert.deepEqual(connectorUrl(['app', '--connector=http://a:1', '--connector=http://b:2', 'tel:123']), { ok: true, url: 'http://b:2/' });
  assert.deepEqual(connectorUrl(['app', '--connector=HTTP://LOCALHOST:80']), { ok: true, url: 'http://localhost/' });
});

test('a connector URL that is not http(s), not a URL, or carries credentials is refused', () => {
  for (const argv of [
    ['app', '--connector=file:///etc/passwd'],
    ['app', '--connector=javascript:alert(1)'],
    ['app', '--connector=ws://127.0.0.1:8740'],
    ['app', '--connector=127.0.0.1:8740'],
    ['app', '--connector='],
    ['app', '--connector=http://user:secret@127.0.0.1:8740'],
    ['app', '--connector'],
    ['app', '--connector', '--inspect'],
  ]) {
    const result = connectorUrl(argv);
    assert.equal(result.ok, false, argv.join(' '));
  }
  assert.deepEqual(checkConnectorUrl('not a url'), { ok: false, reason: "'not a url' is not a URL" });
});

test('the pop-up window loads the same page with #popup', () => {
  assert.equal(popupUrl(DEFAULT_CONNECTOR_URL), 'http://127.0.0.1:8740/#popup');
});
