import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SHELL_CHANNELS } from './shellBridge.js';
import { DIAL_LINK_LIMIT, chooseWindow } from './windowChoice.js';

test('a ringing call shows the always-on-top pop-up window without taking the focus', () => {
  assert.deepEqual(chooseWindow({ kind: 'call-ringing' }), { window: 'popup', focus: false, message: undefined });
});

test('a notification click brings up the desk and tells its page which notification it was', () => {
  assert.deepEqual(chooseWindow({ kind: 'notification-click', id: 7 }), {
    window: 'main', focus: true, message: { channel: SHELL_CHANNELS.notificationClick, payload: 7 },
  });
});

test('a tel: or callto: link brings up the desk and hands the link to its page', () => {
  for (const url of ['tel:+420601234567', 'callto://0601234567', 'TEL:%2B420%20601']) {
    assert.deepEqual(chooseWindow({ kind: 'dial-link', url }), { window: 'main', focus: true, message: { channel: SHELL_CHANNELS.dialLink, payload: url } }, url);
  }
  // The page says why a link holds no number; the shell passes such tel: links on too.
  assert.deepEqual(chooseWindow({ kind: 'dial-link', url: ' tel:skype.user ' }).message, { channel: SHELL_CHANNELS.dialLink, payload: 'tel:skype.user' });
});

test('other links, and absurdly long ones, bring up the desk but tell its page nothing', () => {
  for (const url of ['https://example.com/', 'mailto:a@b.cz', 'javascript:alert(1)', `tel:${'1'.repeat(DIAL_LINK_LIMIT)}`]) {
    assert.deepEqual(chooseWindow({ kind: 'dial-link', url }), { window: 'main', focus: true, message: undefined }, url);
  }
});

test('starting the app again focuses the desk, and dials when it was started with a link', () => {
  assert.deepEqual(chooseWindow({ kind: 'second-instance', dialUrl: undefined }), { window: 'main', focus: true, message: undefined });
  assert.deepEqual(chooseWindow({ kind: 'second-instance', dialUrl: 'tel:+420601234567' }), {
    window: 'main', focus: true, message: { channel: SHELL_CHANNELS.dialLink, payload: 'tel:+420601234567' },
  });
});

test('the tray shows the desk', () => {
  assert.deepEqual(chooseWindow({ kind: 'tray-show' }), { window: 'main', focus: true, message: undefined });
});
