import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { AmiFrameDecoder } from '../codec/frameDecoder.js';
import type { AmiMessage } from '../codec/amiMessage.js';
import { SimulatedAmiServer } from './amiServer.js';

/** Raw bytes to the simulator, every message it sends back. */
async function exchange(port: number, bytes: string, until: (messages: AmiMessage[]) => boolean): Promise<AmiMessage[]> {
  const socket = connect({ port, host: '127.0.0.1' });
  const decoder = new AmiFrameDecoder();
  const messages: AmiMessage[] = [];
  return new Promise((resolve, reject) => {
    socket.on('data', (chunk: Buffer) => {
      for (const item of decoder.push(chunk)) if (item.kind === 'message') messages.push(item.message);
      if (until(messages)) {
        socket.destroy();
        resolve(messages);
      }
    });
    socket.on('error', reject);
    socket.write(bytes);
  });
}

const reply = (m: AmiMessage | undefined): string => (m?.kind === 'response' ? `${m.response}:${m.fields.find(([k]) => k === 'Message')?.[1] ?? ''}` : String(m?.kind));

test('before login every action is refused; garbage and a failing handler do not take the server down', async () => {
  const server = await SimulatedAmiServer.start({ port: 0, username: 'u', secret: 's' });
  server.handle('Explode', () => {
    throw new Error('boom');
  });
  try {
    const early = await exchange(server.port, 'Action: Ping\r\nActionID: 1\r\n\r\n', (m) => m.length >= 2);
    assert.equal(early[0]?.kind, 'banner');
    assert.equal(reply(early[1]), 'Error:Permission denied');

    const garbage = '\x00\xff\xfe not ami at all\r\n\r\n' + 'x'.repeat(300_000) + '\r\n\r\n';
    const session = await exchange(
      server.port,
      `${garbage}Action: Login\r\nActionID: 2\r\nUsername: u\r\nSecret: s\r\n\r\nAction: Explode\r\nActionID: 3\r\n\r\nAction: Ping\r\nActionID: 4\r\n\r\n`,
      (m) => m.length >= 4,
    );
    assert.deepEqual(session.slice(1).map(reply), ['Success:Authentication accepted', 'Error:Internal error', 'Success:']);
  } finally {
    await server.stop();
  }
});

test('a lone CR in an action does not take the server down (it once crashed the process)', async () => {
  const server = await SimulatedAmiServer.start({ port: 0, username: 'u', secret: 's' });
  try {
    const answers = await exchange(server.port, 'Action: Ping\r\nActionID: a\rb\r\n\r\nAction: Login\r\nActionID: 2\r\nUsername: u\r\nSecret: s\r\n\r\n', (m) => m.length >= 3);
    assert.deepEqual(answers.slice(1).map(reply), ['Error:Permission denied', 'Success:Authentication accepted']);
  } finally {
    await server.stop();
  }
});

test('a failed login is refused after a pause and the session closed; a second login is already authenticated', async () => {
  const server = await SimulatedAmiServer.start({ port: 0, username: 'u', secret: 's', failedLoginDelayMs: 50 });
  try {
    const failed = await exchange(server.port, 'Action: Login\r\nActionID: 1\r\nUsername: u\r\nSecret: x\r\n\r\n', (m) => m.length >= 2);
    assert.equal(reply(failed[1]), 'Error:Authentication failed');
    const twice = await exchange(server.port, 'Action: Login\r\nActionID: 1\r\nUsername: u\r\nSecret: s\r\n\r\nAction: Login\r\nActionID: 2\r\nUsername: u\r\nSecret: s\r\n\r\n', (m) => m.length >= 3);
    assert.deepEqual(twice.slice(1).map(reply), ['Success:Authentication accepted', 'Success:Already authenticated']);
  } finally {
    await server.stop();
  }
});
