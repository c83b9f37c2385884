import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TOOLTIP_LIMIT, TRAY_WORDS, trayLanguage, trayView, type TrayMenuItem } from './trayState.js';

const labels = (menu: readonly TrayMenuItem[]): string[] => menu.map((item) => (item.kind === 'separator' ? '---' : item.label));

test('the icon follows the colour', () => {
  for (const colour of ['green', 'white', 'orange'] as const) {
    assert.equal(trayView({ colour, reason: 'x', unseenMissedCalls: 0, startAtLogin: false }).icon, `tray-${colour}.png`);
  }
});

test('white offers Connect; green and orange (the user wants to be connected) offer Disconnect', () => {
  const ids = (colour: 'green' | 'white' | 'orange'): string[] =>
    trayView({ colour, reason: 'x', unseenMissedCalls: 0, startAtLogin: undefined }).menu.flatMap((item) => (item.kind === 'separator' ? [] : [item.id]));
  assert.deepEqual(ids('white'), ['show', 'connect', 'quit']);
  assert.deepEqual(ids('green'), ['show', 'disconnect', 'quit']);
  assert.deepEqual(ids('orange'), ['show', 'disconnect', 'quit']);
});

test('the start-at-login checkbox shows its state, and is left out where the platform has none', () => {
  const on = trayView({ colour: 'green', reason: 'Connected to Praha', unseenMissedCalls: 0, startAtLogin: true });
  assert.deepEqual(labels(on.menu), ['Show desk', 'Disconnect', '---', 'Start at login', '---', 'Quit']);
  assert.deepEqual(on.menu[3], { kind: 'checkbox', id: 'start-at-login', label: 'Start at login', checked: true });
  const off = trayView({ colour: 'green', reason: 'Connected to Praha', unseenMissedCalls: 0, startAtLogin: false });
  assert.deepEqual(off.menu[3], { kind: 'checkbox', id: 'start-at-login', label: 'Start at login', checked: false });
  const linux = trayView({ colour: 'green', reason: 'Connected to Praha', unseenMissedCalls: 0, startAtLogin: undefined });
  assert.deepEqual(labels(linux.menu), ['Show desk', 'Disconnect', '---', 'Quit']);
});

test('the tooltip is the reason, with the unseen missed calls on a second line', () => {
  assert.equal(trayView({ colour: 'orange', reason: 'The connector cannot be reached', unseenMissedCalls: 0, startAtLogin: false }).tooltip, 'The connector cannot be reached');
  assert.equal(trayView({ colour: 'green', reason: 'Connected to Praha', unseenMissedCalls: 1, startAtLogin: false }).tooltip, 'Connected to Praha\n1 missed call');
  assert.equal(trayView({ colour: 'green', reason: 'Connected to Praha', unseenMissedCalls: 3, startAtLogin: false }).tooltip, 'Connected to Praha\n3 missed calls');
  // Nonsense counts show no count rather than a wrong one.
  for (const count of [-2, Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.equal(trayView({ colour: 'green', reason: 'Connected', unseenMissedCalls: count, startAtLogin: false }).tooltip, 'Connected');
  }
  assert.equal(trayView({ colour: 'white', reason: '  ', unseenMissedCalls: 0, startAtLogin: false }).tooltip, 'K2');
});

test('a long reason is cut so that the count still fits the Windows limit', () => {
  const tooltip = trayView({ colour: 'orange', reason: 'x'.repeat(400), unseenMissedCalls: 12, startAtLogin: false }).tooltip;
  assert.equal(tooltip.length, TOOLTIP_LIMIT);
  assert.ok(tooltip.endsWith('…\n12 missed calls'), tooltip);
});

test('Czech and Polish words, with their plurals', () => {
  const cs = trayView({ colour: 'white', reason: 'Nepřipojeno', unseenMissedCalls: 2, startAtLogin: undefined }, TRAY_WORDS.cs);
  assert.deepEqual(labels(cs.menu), ['Zobrazit pracoviště', 'Připojit', '---', 'Ukončit']);
  assert.equal(cs.tooltip, 'Nepřipojeno\n2 zmeškané hovory');
  assert.equal(TRAY_WORDS.cs.missedCalls(5), '5 zmeškaných hovorů');
  assert.equal(TRAY_WORDS.pl.missedCalls(1), '1 nieodebrane połączenie');
  assert.equal(TRAY_WORDS.pl.missedCalls(3), '3 nieodebrane połączenia');
  assert.equal(TRAY_WORDS.pl.missedCalls(12), '12 nieodebranych połączeń');
  assert.equal(TRAY_WORDS.pl.missedCalls(22), '22 nieodebrane połączenia');
});

test('the tray language follows the system locale, English otherwise', () => {
  assert.equal(trayLanguage('cs-CZ'), 'cs');
  assert.equal(trayLanguage('pl'), 'pl');
  assert.equal(trayLanguage('PL-pl'), 'pl');
  assert.equal(trayLanguage('de-DE'), 'en');
  assert.equal(trayLanguage(''), 'en');
});
