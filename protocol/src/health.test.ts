import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHealthReport, type HealthReport } from './health.js';

const REPORT: HealthReport = {
  status: 'degraded',
  version: '0.1.0',
  uptimeSeconds: 12,
  database: { driver: 'sqlite', state: 'up', reason: null },
  exchanges: [{ id: 1, name: 'PBX', ami: { state: 'connecting', since: '2026-11-22T03:00:00.000Z', reason: 'connection refused' } }],
};

test('a well-formed report is accepted as it is', () => {
  assert.deepEqual(parseHealthReport(JSON.parse(JSON.stringify(REPORT))), { ok: true, value: REPORT });
});

test('malformed reports are refused with the field that is wrong', () => {
  const cases: readonly (readonly [unknown, string])[] = [
    [null, 'a health report is an object'],
    [[], 'a health report is an object'],
    [{ ...REPORT, status: 'fine' }, 'status must be ok or degraded'],
    [{ ...REPORT, uptimeSeconds: -1 }, 'uptimeSeconds must be a number from 0'],
    [{ ...REPORT, database: { ...REPORT.database, driver: 'oracle' } }, 'database.driver must be sqlite or mssql'],
    [{ ...REPORT, exchanges: {} }, 'exchanges must be a list'],
    [{ ...REPORT, exchanges: [{ id: '1', name: 'x', ami: {} }] }, 'exchanges[0] needs id, name and ami'],
    [{ ...REPORT, exchanges: [{ id: 1, name: 'x', ami: { state: 'exploded', since: null, reason: null } }] }, 'exchanges[0].ami.state is not a known state'],
  ];
  for (const [input, error] of cases) assert.deepEqual(parseHealthReport(input), { ok: false, error }, error);
});
