import { parentPort, workerData } from 'node:worker_threads';
import { openSqlite } from '../db/database.js';
import { receivedCall } from '../db/repositories/callHistoryFixtures.js';
import { writeCallHistory } from '../db/repositories/callHistoryRepository.js';

/** A second "connector": its own thread and connection, writing the same calls as its twin. */
const { file, count } = workerData as { file: string; count: number };
const database = openSqlite(file);
// Start together: say ready, wait for the word.
await new Promise<void>((resolve) => {
  parentPort?.once('message', () => {
    resolve();
  });
  parentPort?.postMessage('ready');
});
let written = 0;
for (let i = 0; i < count; i++) {
  const result = await writeCallHistory(database, receivedCall({ callId: `race-${i}` }), new Date('2026-11-20T10:00:00.000Z'));
  if (result.written) written++;
}
await database.close();
parentPort?.postMessage(written);
