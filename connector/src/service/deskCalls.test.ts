import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LiveCall, ServerMessage } from '@cc/protocol';
import type { Database } from '../db/database.js';
import { DeskTestClient } from '../testing/deskTestClient.js';
import { postJson, serviceUnderTest, until } from '../testing/serviceFixture.js';
import type { RunningService } from './main.js';

const callOf = (m: ServerMessage): LiveCall | undefined => (m.type === 'call' ? m.call : undefined);

describe('pop-ups reach the lines they are for, and only those', () => {
  let service: RunningService;
  let database: Database;
  const control = (path: string, body: unknown): Promise<{ status: number; body: unknown }> => postJson(`${service.simulatorControlUrl ?? ''}${path}`, body);

  let stop: () => Promise<void>;
  before(async () => {
    ({ service, database, stop } = await serviceUnderTest('desk-calls'));
  });
  after(() => stop());

  test('a known caller on Alice\'s line pops at Alice with the contact, the partner and its facts; Bob gets nothing; the manager watching all gets it', async () => {
    const alice = await DeskTestClient.as(service.url, 'ALICE');
    const bob = await DeskTestClient.as(service.url, 'BOB');
    const manager = await DeskTestClient.as(service.url, 'MANAGER');
    await alice.request({ type: 'connect', scope: 'own' });
    await bob.request({ type: 'connect', scope: 'own' });
    await manager.request({ type: 'connect', scope: 'all' });
    const started = await control('/calls', { scenario: 'inbound-missed', from: '+420601234567', name: 'Jan Novak', line: '201' });
    assert.equal(started.status, 201);
    const pop = callOf(await alice.next((m) => m.type === 'call'));
    // Demo data: +420601234567 is Jan Novák (contact 11) of partner 2; the line's user is Alice Agent.
    assert.deepEqual(
      pop === undefined ? undefined : [pop.line, pop.state, pop.direction, pop.remoteNumber, pop.remoteDisplay, pop.activityType, pop.responsibleUser, pop.contacts.map((c) => [c.contactPersonId, c.name, c.addressType, c.partner?.id])],
      ['201', 'ringing', 'inbound', '+420601234567', '+420 601 234 567', 'TEP', 'Alice Agent', [[11, 'Jan Novák', 'TELCC', 2]]],
    );
    assert.ok((pop?.contacts[0]?.partner?.recentCalls.length ?? 0) > 0, 'the last calls with the partner come along');
    assert.equal(callOf(await manager.next((m) => m.type === 'call'))?.callId, pop?.callId);

    const id = (started.body as { call: { id: number } }).call.id;
    await control(`/calls/${id}/actions`, { actor: 'external', verb: 'hangup' });
    const gone = await alice.next((m) => m.type === 'call.gone');
    assert.deepEqual(gone, { type: 'call.gone', exchangeId: 1, callId: pop?.callId, line: '201', reason: 'left', missed: true });
    const notification = await alice.next((m) => m.type === 'notification');
    assert.equal(notification.type === 'notification' ? notification.notification.remoteNumber : null, '+420601234567', 'line 201 notifies missed calls');
    assert.deepEqual(bob.received.filter((m) => m.type === 'call' || m.type === 'call.gone' || m.type === 'notification'), [], 'Bob saw none of it');
    for (const c of [alice, bob, manager]) c.close();
  });

  test('a ring-all queue call pops at every agent, and the others\' pop-ups close the moment one answers (not as missed)', async () => {
    const alice = await DeskTestClient.as(service.url, 'ALICE');
    const bob = await DeskTestClient.as(service.url, 'BOB');
    await alice.request({ type: 'connect', scope: 'own' });
    await bob.request({ type: 'connect', scope: 'own' });
    const started = await control('/calls', { scenario: 'queue-answered', from: '+420602111222', name: 'Karel', agents: ['201', '202', '203'] });
    assert.equal(started.status, 201);
    const atAlice = callOf(await alice.next((m) => m.type === 'call'));
    const atBob = callOf(await bob.next((m) => m.type === 'call'));
    assert.equal(atAlice?.callId, atBob?.callId, 'one call, two pop-ups');
    await postJson(`${service.simulatorControlUrl ?? ''}/lines/201/answer`, {});
    assert.deepEqual(await bob.next((m) => m.type === 'call.gone'), { type: 'call.gone', exchangeId: 1, callId: atBob?.callId, line: '202', reason: 'answered-elsewhere', missed: false });
    assert.equal(callOf(await alice.next((m) => m.type === 'call' && m.call.state === 'up'))?.line, '201');
    await control(`/calls/${(started.body as { call: { id: number } }).call.id}/actions`, { actor: 'external', verb: 'hangup' });
    await alice.next((m) => m.type === 'call.gone');
    for (const c of [alice, bob]) c.close();
  });

  test('an activity saved during the call is linked both ways to the call-history row once the call is written', async () => {
    const alice = await DeskTestClient.as(service.url, 'ALICE');
    await alice.request({ type: 'connect', scope: 'own' });
    const started = await control('/calls', { scenario: 'inbound-answered', from: '+420602111222', name: 'Karel', line: '201' });
    const pop = callOf(await alice.next((m) => m.type === 'call'));
    assert.ok(pop !== undefined);
    await postJson(`${service.simulatorControlUrl ?? ''}/lines/201/answer`, {});
    const saved = await alice.request({ type: 'activity.save', exchangeId: 1, callId: pop.callId, line: '201', contactPersonId: 13, note: 'Chce nabídku na 40 palet.' });
    assert.equal(saved.type === 'activity.saved' ? saved.callHistoryId : 'not saved', null, 'the call goes on: no row yet');
    await control(`/calls/${(started.body as { call: { id: number } }).call.id}/actions`, { actor: 'external', verb: 'hangup' });
    const linked = await until('the row and its activity', async () => {
      const row = await database.db.selectFrom('call_history as ch').innerJoin('activities as a', 'a.id', 'ch.activity_id')
        .select(['ch.id', 'ch.contact_person_id', 'a.call_history_id', 'a.note', 'a.activity_type', 'a.subject', 'a.responsible_user_id'])
        .where('ch.call_id', '=', pop.callId).where('ch.line', '=', '201').executeTakeFirst();
      return row;
    });
    assert.deepEqual({ ...linked, id: undefined }, {
      id: undefined, contact_person_id: 13, call_history_id: linked.id, note: 'Chce nabídku na 40 palet.', activity_type: 'TEP', subject: '+420 602 111 222', responsible_user_id: 2,
    });
    alice.close();
  });

  test('an unknown caller becomes a new contact person at a new partner; the activity gets a follow-up task', async () => {
    const ema = await DeskTestClient.as(service.url, 'EMA');
    await ema.request({ type: 'connect', scope: 'own' });
    const started = await control('/calls', { scenario: 'inbound-answered', from: '+420777888999', name: '', line: '205' });
    assert.equal(started.status, 201);
    const pop = callOf(await ema.next((m) => m.type === 'call'));
    assert.ok(pop !== undefined);
    assert.deepEqual(pop.contacts, [], 'nobody has the number yet');
    const created = await ema.request({ type: 'contacts.create', exchangeId: 1, callId: pop.callId, line: '205', firstName: 'Dana', lastName: 'Nová', partner: { newName: 'Nová Pekárna s.r.o.' } });
    assert.ok(created.type === 'contacts.saved', JSON.stringify(created));
    assert.deepEqual([created.contact.name, created.contact.partner?.name, created.contact.partner?.abbr, created.contact.phones.map((p) => [p.type, p.e164])],
      ['Dana Nová', 'Nová Pekárna s.r.o.', 'NOVAPEKARN', [['TELCC', '+420777888999']]]);
    const refreshed = callOf(await ema.next((m) => m.type === 'call' && m.call.contacts.length > 0));
    assert.equal(refreshed?.contacts[0]?.name, 'Dana Nová', 'the open pop-up shows the new contact');
    const saved = await ema.request({ type: 'activity.save', exchangeId: 1, callId: pop.callId, line: '205', contactPersonId: created.contact.contactPersonId, note: 'Nový zákazník' });
    assert.ok(saved.type === 'activity.saved');
    const task = await ema.request({ type: 'task.create', activityId: saved.activityId, subject: 'Poslat ceník', dueAt: '2026-11-30', note: '' });
    assert.ok(task.type === 'task.created');
    const row = await database.db.selectFrom('tasks').select(['subject', 'contact_person_id', 'partner_id', 'activity_id', 'responsible_user_id']).where('id', '=', task.taskId).executeTakeFirstOrThrow();
    assert.deepEqual(row, { subject: 'Poslat ceník', contact_person_id: created.contact.contactPersonId, partner_id: created.contact.partner?.id, activity_id: saved.activityId, responsible_user_id: 6 });
    const bob = await DeskTestClient.as(service.url, 'BOB');
    const refused = await bob.request({ type: 'task.create', activityId: saved.activityId, subject: 'not mine', dueAt: null, note: '' });
    assert.equal(refused.type === 'error' ? refused.code : refused.type, 'FORBIDDEN', 'another user\'s activity');
    await control(`/calls/${(started.body as { call: { id: number } }).call.id}/actions`, { actor: 'lineA', verb: 'answer' });
    await control(`/calls/${(started.body as { call: { id: number } }).call.id}/actions`, { actor: 'external', verb: 'hangup' });
    await ema.next((m) => m.type === 'call.gone');
    for (const c of [ema, bob]) c.close();
  });

  test('a desk that reconnects gets the calls still ringing on its lines', async () => {
    const first = await DeskTestClient.as(service.url, 'ALICE');
    await first.request({ type: 'connect', scope: 'own' });
    const started = await control('/calls', { scenario: 'inbound-missed', from: '+420604555666', name: 'Tomas', line: '201' });
    const pop = callOf(await first.next((m) => m.type === 'call'));
    first.close();
    const second = await DeskTestClient.as(service.url, 'ALICE');
    const connected = await second.request({ type: 'connect', scope: 'own' });
    assert.deepEqual(connected.type === 'connected' ? connected.calls.map((c) => [c.callId, c.state, c.contacts.map((k) => k.name)]) : connected, [[pop?.callId, 'ringing', ['Tomáš Procházka']]]);
    await control(`/calls/${(started.body as { call: { id: number } }).call.id}/actions`, { actor: 'external', verb: 'hangup' });
    await second.next((m) => m.type === 'call.gone');
    second.close();
  });
});
