import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { openSqlite, type Database } from '../db/database.js';
import { until } from '../testing/serviceFixture.js';
import { makeTempDir } from '../testing/tempDir.js';
import { startConnectorProcess, type ConnectorProcess } from '../testing/connectorProcess.js';

/**
 * The desk end to end in a real browser (Debian's Chromium) against the
 * connector as `npm start` runs it, with the PBX simulator driven through
 * its control interface. Screenshots of every step land in
 * test-artifacts/desk/ (look at them).
 */
const ARTIFACTS = path.resolve('test-artifacts', 'desk');
const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync'];

interface SimCall { readonly id: number; readonly scenario: string; readonly expects: string; readonly parties: { readonly lineA?: { readonly line: string }; readonly remote?: { readonly dialled: string } } }

/** Records what the page shows as a native notification, and lets the test click it. */
const NOTIFICATION_SPY = `
  window.__notifications = [];
  class SpyNotification {
    static permission = 'granted';
    static requestPermission() { return Promise.resolve('granted'); }
    constructor(title, options) { this.title = title; this.body = options && options.body; this.onclick = null; window.__notifications.push(this); }
    close() {}
  }
  window.Notification = SpyNotification;
`;

describe('the desk in a browser', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let connector: ConnectorProcess;
  let browser: Browser;
  let database: Database;
  let alice: Page;
  let bob: Page;
  const contexts: BrowserContext[] = [];

  const control = async (method: 'GET' | 'POST', route: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${connector.simulatorControlUrl}${route}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const json: unknown = await response.json();
    assert.ok(response.ok, `simulator ${method} ${route}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  const simCalls = async (): Promise<SimCall[]> => ((await control('GET', '/calls')) as { calls: SimCall[] }).calls;
  const startCall = async (body: Record<string, unknown>): Promise<number> => ((await control('POST', '/calls', body)) as { call: { id: number } }).call.id;
  const shot = async (page: Page, name: string): Promise<void> => {
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
  };
  const popups = (page: Page): ReturnType<Page['locator']> => page.locator('[data-testid=popup]');

  async function loggedIn(user: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'en-GB' });
    contexts.push(context);
    await context.addInitScript(NOTIFICATION_SPY);
    const page = await context.newPage();
    await page.goto(connector.url);
    await page.evaluate("localStorage.setItem('cc-desk-language', 'en')");
    await page.reload();
    await page.fill('input[name=user]', user);
    await page.fill('input[name=password]', `${user.toLowerCase()}-demo`);
    await page.click('button[type=submit]');
    // The demo lines connect automatically after login: the state turns green.
    await page.waitForSelector('[data-testid=cc-state][data-colour=green]', { timeout: 15_000 });
    return page;
  }

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    temp = makeTempDir('desk-browser');
    connector = await startConnectorProcess(temp.dir);
    database = openSqlite(path.join(temp.dir, 'data', 'k2.sqlite'));
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    alice = await loggedIn('ALICE');
    bob = await loggedIn('BOB');
    await shot(alice, '00-alice-logged-in');
  });
  after(async () => {
    for (const context of contexts) await context.close();
    await browser.close();
    await database.close();
    await connector.stop();
    temp.remove();
  });

  test('a known contact calls Alice: her pop-up shows the contact and partner while the phone still rings; Bob sees nothing', async () => {
    const id = await startCall({ scenario: 'inbound-answered', from: '+420601234567', name: 'Jan Novak', line: '201' });
    const pop = popups(alice).first();
    await pop.locator('[data-testid=popup-contact]').getByText('Jan Novák').waitFor();
    await pop.locator('[data-testid=popup-partner]').getByText('Novák Stavby s.r.o.').waitFor();
    assert.equal(await pop.locator('[data-testid=popup-state]').textContent(), 'Ringing');
    assert.equal(await pop.locator('[data-testid=popup-activity-type]').textContent(), 'TEP');
    const ringing = (await simCalls()).find((c) => c.id === id);
    assert.equal(ringing?.expects, "'answer' by line 201", 'the simulator still reports ringing');
    await shot(alice, '01-alice-popup-ringing');
    assert.equal(await popups(bob).count(), 0, 'Bob gets no pop-up for Alice\'s call');

    // Alice answers, writes a note and saves: the activity and the call-history row end up linked.
    await control('POST', '/lines/201/answer', {});
    await pop.locator('[data-testid=popup-state]').getByText('In call').waitFor();
    await pop.locator('[data-testid=popup-note]').fill('Objednávka 40 palet, poslat nabídku.');
    await pop.locator('[data-testid=save-activity]').click();
    await pop.locator('[data-testid=activity-saved]').waitFor();
    await shot(alice, '02-alice-activity-saved');
    const callId = await pop.getAttribute('data-call');
    await control('POST', `/calls/${id}/actions`, { actor: 'external', verb: 'hangup' });
    const row = await until('the call-history row linked to the activity', async () =>
      database.db.selectFrom('call_history as ch').innerJoin('activities as a', 'a.call_history_id', 'ch.id')
        .select(['ch.id', 'ch.activity_id', 'a.id as activity', 'a.note', 'ch.contact_person_id'])
        .where('ch.call_id', '=', callId ?? '').where('ch.line', '=', '201').executeTakeFirst(), 15_000);
    assert.deepEqual([row.activity_id, row.note, row.contact_person_id], [row.activity, 'Objednávka 40 palet, poslat nabídku.', 11]);
    // Something was written: the form stays after hangup until Alice closes it.
    await pop.locator('[data-testid=popup-state]').getByText('Call ended').waitFor();
    await pop.getByRole('button', { name: 'Close' }).click();
    assert.equal(await popups(bob).count(), 0);
  });

  test('a missed call gives Alice a notification; clicking it opens the call with "call back"', async () => {
    const id = await startCall({ scenario: 'inbound-missed', from: '+420602111222', name: 'Karel', line: '201' });
    await popups(alice).first().locator('[data-testid=popup-contact]').getByText('Karel Dvořák').waitFor();
    await control('POST', `/calls/${id}/actions`, { actor: 'external', verb: 'hangup' });
    // Page code is written as text (this package is compiled without the DOM's types) and polled from
    // here: waitForFunction would compile it in the page, which the desk's Content-Security-Policy forbids.
    const shown = await until('the native notification', async () => {
      const notes = await alice.evaluate<string[][]>('window.__notifications.map((n) => [n.title, n.body])');
      return notes.length > 0 ? notes : undefined;
    }, 15_000);
    assert.deepEqual(shown, [['Missed call', '+420602111222']]);
    await alice.getByTestId('tab-notifications').getByText('Notifications (1)').waitFor();
    await popups(alice).first().locator('[data-testid=popup-state]').getByText('Missed call').waitFor();
    await shot(alice, '03-alice-missed-call-notification');
    await alice.evaluate('window.__notifications[0].onclick()');
    const highlighted = alice.locator('tr.highlight[data-testid=call-row]');
    await highlighted.waitFor();
    assert.equal(await highlighted.locator('[data-testid=call-back]').count(), 1, 'the missed call offers "call back"');
    await shot(alice, '04-alice-opened-from-notification');
    await popups(alice).first().getByRole('button', { name: 'Close' }).click();
    assert.equal(await popups(bob).count(), 0);
  });

  test('a ring-all call pops at Alice and Bob, and Bob\'s pop-up closes the moment Alice answers', async () => {
    const id = await startCall({ scenario: 'queue-answered', from: '+420604555666', name: 'Tomas', agents: ['201', '202', '203'] });
    await popups(alice).filter({ hasText: 'Tomáš Procházka' }).waitFor();
    await popups(bob).filter({ hasText: 'Tomáš Procházka' }).waitFor();
    await shot(bob, '05-bob-ring-all-popup');
    await control('POST', '/lines/201/answer', {});
    await popups(bob).first().waitFor({ state: 'detached', timeout: 10_000 });
    await popups(alice).first().locator('[data-testid=popup-state]').getByText('In call').waitFor();
    await shot(bob, '06-bob-popup-closed-after-alice-answered');
    await control('POST', `/calls/${id}/actions`, { actor: 'external', verb: 'hangup' });
    await popups(alice).first().locator('[data-testid=popup-state]').getByText('Call ended').waitFor();
    await popups(alice).first().getByRole('button', { name: 'Close' }).click();
  });

  test('an unknown number is assigned to a contact from the pop-up, and the history row gets that contact', async () => {
    const id = await startCall({ scenario: 'inbound-answered', from: '+420777123456', name: '', line: '201' });
    const pop = popups(alice).first();
    await pop.locator('[data-testid=unknown-number]').waitFor();
    await shot(alice, '07-alice-unknown-number');
    await pop.locator('[data-testid=contact-search]').fill('Dvořák');
    await pop.locator('li', { hasText: 'Karel Dvořák' }).locator('[data-testid=assign-contact]').click();
    await pop.locator('[data-testid=popup-contact]').getByText('Karel Dvořák').waitFor();
    await shot(alice, '08-alice-number-assigned');
    const callId = await pop.getAttribute('data-call');
    await control('POST', '/lines/201/answer', {});
    await control('POST', `/calls/${id}/actions`, { actor: 'external', verb: 'hangup' });
    const row = await until('the history row of the call', async () =>
      database.db.selectFrom('call_history').select(['contact_person_id', 'partner_id']).where('call_id', '=', callId ?? '').where('line', '=', '201').executeTakeFirst(), 15_000);
    assert.deepEqual(row, { contact_person_id: 13, partner_id: 4 }, 'Karel Dvořák of partner 4');
    const address = await database.db.selectFrom('electronic_addresses').select(['address_type', 'contact_person_id']).where('number_e164', '=', '+420777123456').execute();
    assert.deepEqual(address, [{ address_type: 'TELCC', contact_person_id: 13 }]);
    await pop.getByRole('button', { name: 'Close' }).click();
  });

  test('the pop-up window (#popup, as the Electron shell opens it) mirrors Alice\'s desk: what she writes there is saved by her one session', async () => {
    const popupWindow = await alice.context().newPage();
    await popupWindow.setViewportSize({ width: 420, height: 760 });
    await popupWindow.goto(`${connector.url}/#popup`);
    const id = await startCall({ scenario: 'inbound-answered', from: '+420603333444', name: 'Eva', line: '201' });
    const inWindow = popups(popupWindow).first();
    // Eva Černá and Martin Černý share the number: both are offered, none is picked.
    await inWindow.locator('[data-testid=contact-choice]').getByText('Martin Černý').waitFor();
    await inWindow.getByLabel(/Eva Černá/).check();
    await inWindow.locator('[data-testid=popup-note]').fill('Volala Eva, reklamace.');
    await inWindow.locator('[data-testid=save-activity]').click();
    await inWindow.locator('[data-testid=activity-saved]').waitFor();
    await shot(popupWindow, '09-popup-window');
    const inMain = popups(alice).filter({ hasText: '+420 603 333 444' });
    assert.equal(await inMain.locator('[data-testid=popup-note]').inputValue(), 'Volala Eva, reklamace.', 'one desk: the main window shows what was written in the pop-up window');
    const callId = await inMain.getAttribute('data-call');
    await control('POST', '/lines/201/answer', {});
    await control('POST', `/calls/${id}/actions`, { actor: 'external', verb: 'hangup' });
    const row = await until('the activity linked to the row', async () =>
      database.db.selectFrom('call_history as ch').innerJoin('activities as a', 'a.id', 'ch.activity_id')
        .select(['a.note', 'a.contact_person_id']).where('ch.call_id', '=', callId ?? '').where('ch.line', '=', '201').executeTakeFirst(), 15_000);
    assert.deepEqual(row, { note: 'Volala Eva, reklamace.', contact_person_id: 14 });
    await inWindow.getByRole('button', { name: 'Close' }).click();
    await inMain.waitFor({ state: 'detached' });
    await popupWindow.close();
  });

  test('click-to-dial sends an Originate from Alice\'s own line with the outside-line prefix', async () => {
    await alice.fill('input[name=dial]', '601 234 567');
    await alice.getByRole('button', { name: 'Dial', exact: true }).click();
    await alice.getByTestId('dial-status').getByText('Your phone rings').waitFor();
    const dialled = await until('the Originate at the simulator', async () => (await simCalls()).find((c) => c.scenario === 'click-to-dial'));
    assert.deepEqual([dialled.parties.lineA?.line, dialled.parties.remote?.dialled], ['201', '0601234567']);
    await shot(alice, '09-alice-click-to-dial');
  });

  test('Bob dials a contact\'s number from the contact directory: the Originate comes from his own line', async () => {
    await bob.getByTestId('tab-contacts').click();
    await bob.getByTestId('directory-search').fill('Svobodová');
    const petra = bob.locator('[data-testid=directory-contact]', { hasText: 'Petra Svobodová' });
    await petra.waitFor();
    await shot(bob, '10-bob-contact-directory');
    await petra.getByTestId('dial-phone').first().click();
    await bob.getByTestId('dial-status').getByText('Your phone rings').waitFor();
    const dialled = await until('the Originate from line 202', async () => (await simCalls()).find((c) => c.scenario === 'click-to-dial' && c.parties.lineA?.line === '202'));
    assert.equal(dialled.parties.remote?.dialled, '0601234568', 'Petra Svobodová: 601 234 568');
  });

  test('the charts and another language render', async () => {
    await alice.getByTestId('tab-charts').click();
    await alice.locator('[data-testid=chart-calls] .recharts-surface').first().waitFor();
    await shot(alice, '11-alice-charts-bars');
    await alice.getByTestId('chart-line').click();
    await alice.locator('[data-testid=chart-calls] .recharts-line').first().waitFor();
    await shot(alice, '12-alice-charts-lines');
    await bob.selectOption('select[name=language]', 'cs');
    await bob.getByRole('button', { name: 'Odpojit' }).waitFor();
    await shot(bob, '13-bob-in-czech');
    // Disconnect and connect again, as in K2: white, then green, the reason on hover in the user's language.
    await bob.getByRole('button', { name: 'Odpojit' }).click();
    const state = bob.getByTestId('cc-state');
    await bob.locator('[data-testid=cc-state][data-colour=white]').waitFor();
    assert.equal(await state.getAttribute('title'), 'Nepřipojeno ke kontaktnímu centru');
    await bob.getByRole('button', { name: 'Připojit' }).click();
    await bob.locator('[data-testid=cc-state][data-colour=green]').waitFor();
    assert.equal(await state.getAttribute('title'), 'Připojeno k Praha – demo ústředna (simulátor)');
    await bob.selectOption('select[name=language]', 'pl');
    await bob.getByRole('button', { name: 'Rozłącz' }).waitFor();
  });
});
