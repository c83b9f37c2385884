import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { loadConfig } from '../config/loadConfig.js';
import { openSqlite } from '../db/database.js';
import { makeTempDir } from '../testing/tempDir.js';
import { startService } from './main.js';

async function post(url: string, body: unknown): Promise<number> {
  return (await fetch(url, { method: 'POST', body: JSON.stringify(body) })).status;
}

test('from the PBX through the tracker and the journal to the Call History: calls placed on the simulator are recorded', async () => {
  const temp = makeTempDir('recording');
  const found = await loadConfig({ cwd: temp.dir });
  const config = { ...found.config, connector: { ...found.config.connector, port: 0, simulatorListenPort: 0, simulatorCallsPerMinute: 0 } };
  const service = await startService({ ...found, config }, pino({ level: 'silent' }));
  try {
    const control = service.simulatorControlUrl ?? '';
    for (let i = 0; i < 100; i++) {
      const health = (await (await fetch(`${service.url}/health`)).json()) as { status: string };
      if (health.status === 'ok') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const since = new Date().toISOString();
    // Karel Dvořák calls line 204 (DAVID), who answers; Eva Černá's shared number calls the queue, 206 answers; Petra gives up on 207.
    assert.equal(await post(`${control}/calls`, { scenario: 'inbound-answered', from: '+420602111222', name: 'Karel Dvorak', line: '204', autopilot: [300, 300] }), 201);
    assert.equal(await post(`${control}/calls`, { scenario: 'queue-answered', from: '+420603333444', name: 'Eva Cerna', agents: ['206', '205', '208'], autopilot: [300, 300] }), 201);
    assert.equal(await post(`${control}/calls`, { scenario: 'inbound-missed', from: '601234568', name: 'Petra Svobodova', line: '207', autopilot: [400] }), 201);
    assert.equal(await post(`${control}/calls`, { scenario: 'outbound-answered', line: '209', to: '0604555666', autopilot: [300, 300] }), 201);

    const database = openSqlite(`${temp.dir}/data/k2.sqlite`);
    let rows: { line: string; call_type: string; contact_person_id: number | null; responsible_user_id: number | null; caller_number: string; called_number: string }[] = [];
    for (let i = 0; i < 200 && rows.length < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      rows = await database.db
        .selectFrom('call_history')
        .select(['line', 'call_type', 'contact_person_id', 'responsible_user_id', 'caller_number', 'called_number'])
        .where('started_at', '>', since)
        .orderBy('line')
        .execute();
    }
    const notifications = await database.db.selectFrom('notifications').select(['user_id', 'message']).execute();
    const matches = await database.db.selectFrom('call_history_matches').innerJoin('call_history', 'call_history.id', 'call_history_matches.call_history_id')
      .select(['call_history.line', 'call_history_matches.contact_person_id']).where('call_history.line', '=', '206').where('call_history.started_at', '>', since).orderBy('call_history_matches.contact_person_id').execute();
    await database.close();
    assert.deepEqual(rows, [
      { line: '204', call_type: 'received', contact_person_id: 13, responsible_user_id: 5, caller_number: '+420602111222', called_number: '+420224000100' },
      { line: '206', call_type: 'received', contact_person_id: null, responsible_user_id: 7, caller_number: '+420603333444', called_number: '+420224000200' },
      { line: '207', call_type: 'missed', contact_person_id: 12, responsible_user_id: 8, caller_number: '+420601234568', called_number: '+420224000100' },
      { line: '209', call_type: 'outgoing', contact_person_id: 16, responsible_user_id: 10, caller_number: '209', called_number: '+420604555666' },
    ]);
    assert.deepEqual(matches.map((m) => m.contact_person_id), [14, 15], 'a shared number: both contacts offered, none picked');
    // 207 (GABRIELA) has "notify" set and missed Petra's call (told in her language, Czech); the queue's cancelled agents are told nothing.
    assert.deepEqual(notifications, [{ user_id: 8, message: 'Zmeškaný hovor od +420 601 234 568' }]);
    assert.equal(service.recorder.liveCalls(), 0);
  } finally {
    await service.stop();
    temp.remove();
  }
});

test('an exchange whose AMI host is written ::1 still reaches the simulator, which listens on 127.0.0.1', async () => {
  const temp = makeTempDir('loopback');
  const found = await loadConfig({ cwd: temp.dir });
  const config = { ...found.config, connector: { ...found.config.connector, port: 0, simulatorListenPort: 0, simulatorCallsPerMinute: 0 } };
  // First start seeds the demo database; the exchange is then rewritten to name the loopback differently.
  const first = await startService({ ...found, config }, pino({ level: 'silent' }));
  await first.stop();
  const database = openSqlite(`${temp.dir}/data/k2.sqlite`);
  await database.db.updateTable('exchanges').set({ ami_host: '::1' }).where('id', '=', 1).execute();
  await database.close();
  const service = await startService({ ...found, config }, pino({ level: 'silent' }));
  try {
    let state = '';
    for (let i = 0; i < 100 && state !== 'connected'; i++) {
      const health = (await (await fetch(`${service.url}/health`)).json()) as { exchanges: { ami: { state: string } }[] };
      state = health.exchanges[0]?.ami.state ?? '';
      if (state !== 'connected') await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(state, 'connected');
  } finally {
    await service.stop();
    temp.remove();
  }
});
