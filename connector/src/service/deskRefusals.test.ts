import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLOSE_CODES, MAX_CLIENT_FRAME_BYTES, type ServerMessage } from '@cc/protocol';
import type { Database } from '../db/database.js';
import { insertSession } from '../db/repositories/deskUsersRepository.js';
import { tokenHash } from '../desk/sessions.js';
import { DeskTestClient, login } from '../testing/deskTestClient.js';
import { postJson, serviceUnderTest } from '../testing/serviceFixture.js';
import type { RunningService } from './main.js';

const errorCode = (message: ServerMessage): string => (message.type === 'error' ? message.code : `not an error: ${message.type}`);

describe('the desk refuses what it must, with a typed error, and changes nothing', () => {
  let service: RunningService;
  let database: Database;
  const count = async (table: 'activities' | 'desk_sessions' | 'electronic_addresses'): Promise<number> =>
    Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
  const simulatedCalls = async (): Promise<unknown[]> => ((await (await fetch(`${service.simulatorControlUrl ?? ''}/calls`)).json()) as { calls: unknown[] }).calls;

  let stop: () => Promise<void>;
  before(async () => {
    ({ service, database, stop } = await serviceUnderTest('desk-refusals', { dialsPerMinute: 3 }));
  });
  after(() => stop());

  test('a wrong password, an unknown user and the service user all get LOGIN_FAILED; repeated failures are slowed down, even for the right password', async () => {
    const sessions = await count('desk_sessions');
    for (const [user, password] of [['CAROL', 'wrong-password'], ['NOBODY', 'x'], ['RECORDER', 'recorder-demo']]) {
      const refused = await postJson(`${service.url}/api/login`, { user, password });
      assert.equal(refused.status, 401, `${user} with a bad password`);
      assert.deepEqual(refused.body, { error: { code: 'LOGIN_FAILED', message: 'wrong user name or password' } });
    }
    await postJson(`${service.url}/api/login`, { user: 'CAROL', password: 'wrong-2' });
    await postJson(`${service.url}/api/login`, { user: 'CAROL', password: 'wrong-3' });
    const throttled = await postJson(`${service.url}/api/login`, { user: 'carol', password: 'carol-demo' });
    assert.equal(throttled.status, 429, 'the fourth failure in a row makes the next attempt wait');
    assert.equal((throttled.body as { error: { code: string } }).error.code, 'LOGIN_THROTTLED');
    assert.equal(await count('desk_sessions'), sessions, 'no session was made');
    const parallel = await Promise.all(Array.from({ length: 8 }, (_, i) => postJson(`${service.url}/api/login`, { user: 'FILIP', password: `guess-${i}` })));
    assert.ok(parallel.filter((r) => r.status === 429).length >= 5, 'logins sent side by side are counted before they are checked');
    const malformed = await fetch(`${service.url}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"user":' });
    assert.equal(malformed.status, 400, 'a login body that is not JSON');
  });

  test('a socket without hello, with an unknown token or with an expired one gets nothing but the refusal', async () => {
    const anonymous = await DeskTestClient.open(service.url);
    assert.equal(errorCode(await anonymous.request({ type: 'connect', scope: 'own' })), 'NOT_AUTHENTICATED', 'connect before hello');
    assert.equal(errorCode(await anonymous.request({ type: 'calls.list', filter: 'mine', limit: 5 })), 'NOT_AUTHENTICATED', 'a request before hello');
    assert.equal(errorCode(await anonymous.request({ type: 'hello', token: 'not-a-token-that-exists-0000' })), 'NOT_AUTHENTICATED');
    assert.equal(await anonymous.closed(), CLOSE_CODES.notAuthenticated);

    const token = 'expired-token-for-the-test-0000000000';
    const user = await database.db.selectFrom('users').select('id').where('code', '=', 'ALICE').executeTakeFirstOrThrow();
    await insertSession(database, tokenHash(token), user.id, new Date(Date.now() - 13 * 3_600_000), new Date(Date.now() - 3_600_000));
    const late = await DeskTestClient.open(service.url);
    assert.equal(errorCode(await late.request({ type: 'hello', token })), 'SESSION_EXPIRED');
    assert.equal(await late.closed(), CLOSE_CODES.notAuthenticated);
  });

  test('frames are answered in the order they came: a connect sent right behind hello is not refused', async () => {
    const session = await login(service.url, 'EMA', 'ema-demo');
    const ema = await DeskTestClient.open(service.url);
    ema.sendRaw(JSON.stringify({ type: 'hello', id: 'h', token: session.token }));
    ema.sendRaw(JSON.stringify({ type: 'connect', id: 'c', scope: 'own' }));
    assert.equal((await ema.next((m) => 'id' in m && m.id === 'c')).type, 'connected');
    ema.close();
  });

  test('malformed JSON, unknown types and oversized frames are refused and the socket goes on working', async () => {
    const alice = await DeskTestClient.as(service.url, 'ALICE');
    alice.sendRaw('{"type":"calls.list","id":"broken",');
    assert.equal(errorCode(await alice.next((m) => m.type === 'error' && m.id === null)), 'MALFORMED');
    assert.equal(errorCode(await alice.request({ type: 'drop.tables' } as never)), 'UNKNOWN_TYPE');
    assert.equal(errorCode(await alice.request({ type: 'calls.list', filter: 'mine', limit: '10' } as never)), 'MALFORMED', 'a number as a string');
    alice.sendRaw(JSON.stringify({ type: 'contacts.search', id: 'big', query: 'x'.repeat(MAX_CLIENT_FRAME_BYTES) }));
    assert.equal(errorCode(await alice.next((m) => m.type === 'error' && m.code === 'FRAME_TOO_LARGE')), 'FRAME_TOO_LARGE');
    const still = await alice.request({ type: 'calls.list', filter: 'mine', limit: 3 });
    assert.equal(still.type, 'calls.list', 'the socket still answers');
    alice.sendRaw('x'.repeat(8 * MAX_CLIENT_FRAME_BYTES));
    assert.equal(await alice.closed(), CLOSE_CODES.tooLarge, 'a frame far over the limit closes the socket');
  });

  test('another user\'s line is refused: no activity, no contact number, no dial, no watching every line', async () => {
    const alice = await DeskTestClient.as(service.url, 'ALICE');
    const [activities, addresses] = [await count('activities'), await count('electronic_addresses')];
    assert.equal(errorCode(await alice.request({ type: 'activity.save', exchangeId: 1, callId: '1700000000.1', line: '202', contactPersonId: null, note: 'not mine' })), 'FORBIDDEN_LINE');
    assert.equal(errorCode(await alice.request({ type: 'contacts.assign', exchangeId: 1, callId: '1700000000.1', line: '202', contactPersonId: 11 })), 'FORBIDDEN_LINE');
    assert.equal(errorCode(await alice.request({ type: 'dial', number: '+420601234567', line: '202' })), 'FORBIDDEN_LINE');
    assert.equal(errorCode(await alice.request({ type: 'connect', scope: 'all' })), 'FORBIDDEN', 'only managers watch every line');
    assert.equal(errorCode(await alice.request({ type: 'calls.list', filter: 'all', limit: 5 })), 'FORBIDDEN');
    assert.deepEqual([await count('activities'), await count('electronic_addresses')], [activities, addresses]);
    assert.equal(errorCode(await alice.request({ type: 'task.create', activityId: 999_999, subject: 'Call back', dueAt: null, note: '' })), 'NOT_FOUND', 'an activity that does not exist');
    assert.deepEqual(await simulatedCalls(), [], 'the PBX was asked for nothing');
    const manager = await DeskTestClient.as(service.url, 'MANAGER');
    assert.equal((await manager.request({ type: 'connect', scope: 'all' })).type, 'connected');
    assert.equal(errorCode(await manager.request({ type: 'dial', number: '+420601234567', line: null })), 'FORBIDDEN_LINE', 'a manager without a line has nothing to dial from');
  });

  test('click-to-dial refuses bad and denied numbers, then more than the allowed dials a minute', async () => {
    const bob = await DeskTestClient.as(service.url, 'BOB');
    assert.equal(errorCode(await bob.request({ type: 'dial', number: '+420 900 123 456', line: null })), 'DIAL_DENIED', 'a premium-rate number');
    assert.equal(errorCode(await bob.request({ type: 'dial', number: '601-ABC-567', line: null })), 'DIAL_INVALID', 'letters');
    assert.equal(errorCode(await bob.request({ type: 'dial', number: '12', line: null })), 'DIAL_INVALID', 'too short');
    assert.deepEqual(await simulatedCalls(), [], 'nothing refused reached the PBX');
    const accepted = await bob.request({ type: 'dial', number: '601 234 567', line: null });
    assert.deepEqual(accepted.type === 'dial.accepted' ? [accepted.line, accepted.dialled] : accepted, ['202', '0601234567'], 'the outside-line prefix 0 before the national number');
    // The limit is 3 a minute here; the line is busy with the first call, but every attempt counts.
    await bob.request({ type: 'dial', number: '601 234 568', line: null });
    await bob.request({ type: 'dial', number: '601 234 569', line: null });
    const limited = await bob.request({ type: 'dial', number: '601 234 570', line: null });
    assert.equal(errorCode(limited), 'DIAL_RATE_LIMITED');
    assert.ok(limited.type === 'error' && (limited.retryAfterSeconds ?? 0) > 0, 'it says when to try again');
  });

  test('logging out ends the session at once: the open socket is told and closed, and the token no longer works', async () => {
    const session = await login(service.url, 'DAVID', 'david-demo');
    const david = await DeskTestClient.open(service.url);
    assert.equal((await david.request({ type: 'hello', token: session.token })).type, 'welcome');
    const out = await fetch(`${service.url}/api/logout`, { method: 'POST', headers: { Authorization: `Bearer ${session.token}` } });
    assert.equal(out.status, 200);
    assert.deepEqual(await david.next((m) => m.type === 'session.end'), { type: 'session.end', code: 'SESSION_REVOKED' });
    assert.equal(await david.closed(), CLOSE_CODES.sessionEnded);
    const again = await DeskTestClient.open(service.url);
    assert.equal(errorCode(await again.request({ type: 'hello', token: session.token })), 'SESSION_REVOKED');
  });
});
