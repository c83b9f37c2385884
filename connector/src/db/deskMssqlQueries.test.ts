import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileOnlyMssql, type Responder } from '../testing/compileOnlyMssql.js';
import { saveActivity, createTask } from './repositories/deskActivitiesRepository.js';
import { deskCallStats, listDeskCalls, listNotifications, markNotificationsSeen } from './repositories/deskCallsRepository.js';
import { contactCardsForNumber, createContact, searchContacts, searchPartners } from './repositories/deskContactsRepository.js';
import { findSession, insertSession, revokeUserSessions } from './repositories/deskUsersRepository.js';

/**
 * The desk's queries through Kysely's SQL Server compiler (SQL Server cannot
 * run here): the T-SQL that would go over TDS, with named parameters, paging
 * with OFFSET … FETCH, OUTPUT for new ids, and LIKE with its escape character.
 */
const NOW = new Date('2026-11-20T10:00:00.000Z');
const respondBy = (table: readonly (readonly [RegExp, unknown[]])[]): Responder => ({ sql }) => ({ rows: table.find(([pattern]) => pattern.test(sql))?.[1] ?? [] });

test('the desk\'s reads compile to T-SQL: contact cards, searches, the call list with call-backs, the charts, notifications, sessions', async () => {
  const { database, statements } = compileOnlyMssql(respondBy([
    [/from "electronic_addresses" as "ea"/, [{ contact_person_id: 11, first_name: 'Jan', last_name: 'Novák', position: null, partner_id: 2, partner_abbr: 'NOVAKST', partner_name: 'Novák Stavby', partner_balance: '10.50', partner_currency: 'CZK', partner_last_communication: NOW, address_type: 'TELCC', value: '+420 601 234 567' }]],
    [/from "partners" where "id" in/, [{ id: 2, abbr: 'NOVAKST', name: 'Novák Stavby', balance: '10.50', currency: 'CZK', last_communication_at: NOW }]],
    [/from "call_history" as "ch" left join "contact_persons"/, [{ id: 7, exchange_id: 1, call_id: 'c', line: '201', call_type: 'missed', internal: false, remote_number: '+420601234567', caller_number: '+420601234567', called_number: '201', first_name: 'Jan', last_name: 'Novák', partner_name: 'Novák Stavby', full_name: 'Alice', started_at: NOW, talk_seconds: '0', ring_seconds: '12.5', activity_id: null }]],
  ]));
  const cards = await contactCardsForNumber(database, '+420601234567', ['TELCC']);
  assert.deepEqual(cards.map((c) => [c.name, c.partner?.balance]), [['Jan Novák', 10.5]], 'DECIMAL read from text');
  await searchContacts(database, '50%_a\\b');
  await searchPartners(database, 'Nov');
  const calls = await listDeskCalls(database, { userId: null, exchangeIds: [1], type: 'missed', since: NOW, limit: 50 }, (n) => n);
  assert.equal(calls[0]?.ringSeconds, 12.5);
  await deskCallStats(database, 2, NOW, (d) => d.toISOString().slice(0, 10));
  await listNotifications(database, 2, 100);
  await markNotificationsSeen(database, 2, [1, 2], NOW);
  await insertSession(database, 'a'.repeat(64), 2, NOW, NOW);
  await findSession(database, 'a'.repeat(64));
  await revokeUserSessions(database, 2, NOW);
  const sql = statements.map((s) => s.sql).join('\n');
  assert.doesNotMatch(sql, /\blimit\b|\breturning\b/i);
  assert.match(sql, /"cp"\."last_name" LIKE @\d+ ESCAPE '\\'/, 'LIKE with the escape character named');
  assert.ok(statements.some((s) => s.parameters.includes('%50\\%\\_a\\\\b%')), 'the searched text matches literally');
  assert.match(sql, /offset @\d+ rows fetch next @\d+ rows only/i, 'pages with OFFSET … FETCH');
  assert.match(sql, /SUM\(ch\.talk_seconds\)/);
});

test('the desk\'s writes compile to T-SQL: a new contact with its number in one transaction, an activity linked to its row, a task', async () => {
  const { database, statements } = compileOnlyMssql(respondBy([
    [/INSERT INTO "partners" /, [{ id: 51 }]],
    [/INSERT INTO "contact_persons" /, [{ id: 301 }]],
    [/INSERT INTO "activities" /, [{ id: 9 }]],
    [/INSERT INTO "tasks" /, [{ id: 4 }]],
    [/^select "partner_id" from "contact_persons"/, [{ partner_id: 51 }]],
    [/^select "id" from "call_history" where/, [{ id: 77 }]],
  ]));
  assert.equal(await createContact(database, { firstName: 'Dana', lastName: 'Nová', partner: { newName: 'Nová Pekárna' } }, { addressType: 'TELCC', display: '+420 777 888 999', e164: '+420777888999' }, NOW), 301);
  assert.deepEqual(await saveActivity(database, { activityType: 'TEP', subject: '+420 777 888 999', contactPersonId: 301, responsibleUserId: 6, note: 'x', call: { exchangeId: 1, callId: 'c', line: '205' } }, NOW), { activityId: 9, callHistoryId: 77 });
  assert.equal(await createTask(database, { activityId: 9, subject: 'Poslat ceník', note: '', dueAt: NOW, responsibleUserId: 6, owner: { responsibleUserId: 6, contactPersonId: 301, partnerId: 51 } }, NOW), 4);
  const sql = statements.map((s) => s.sql).join('\n');
  assert.match(sql, /BEGIN TRANSACTION\n(.*\n)*INSERT INTO "contact_persons"(.*\n)*insert into "electronic_addresses"(.*\n)*COMMIT/, 'the contact and its number commit together');
  assert.equal(statements.filter((s) => /OUTPUT inserted\.id INTO @inserted/.test(s.sql)).length, 4, 'every new id through a table variable (ERP books may have triggers)');
  assert.doesNotMatch(sql, /output "inserted"/i, 'no bare OUTPUT');
  assert.match(sql, /update "call_history" set "activity_id" = @1 where "id" = @2/);
  assert.doesNotMatch(sql, /\breturning\b/i);
});
