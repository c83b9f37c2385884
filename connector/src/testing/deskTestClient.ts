import WebSocket from 'ws';
import type { ClientMessage, LoginResponse, ServerMessage } from '@cc/protocol';

/** A desk client for tests: logs in over HTTP, talks JSON over the WebSocket, keeps every message it got. */
export class DeskTestClient {
  readonly received: ServerMessage[] = [];
  closeCode: number | undefined;
  private nextId = 1;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      this.received.push(JSON.parse(data.toString('utf8')) as ServerMessage);
    });
    socket.on('close', (code) => {
      this.closeCode = code;
    });
  }

  static async open(baseUrl: string): Promise<DeskTestClient> {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => { resolve(); });
      socket.once('error', reject);
    });
    return new DeskTestClient(socket);
  }

  /** Logged in (hello answered) as this user. */
  static async as(baseUrl: string, user: string, password = `${user.toLowerCase()}-demo`): Promise<DeskTestClient> {
    const session = await login(baseUrl, user, password);
    const client = await DeskTestClient.open(baseUrl);
    const welcome = await client.request({ type: 'hello', token: session.token });
    if (welcome.type !== 'welcome') throw new Error(`hello refused: ${JSON.stringify(welcome)}`);
    return client;
  }

  sendRaw(text: string): void {
    this.socket.send(text);
  }

  /** Sends a request and waits for the answer (or error) with its id. */
  async request(message: Omit<ClientMessage, 'id'> & Record<string, unknown>): Promise<ServerMessage> {
    const id = `t${this.nextId++}`;
    this.socket.send(JSON.stringify({ ...message, id }));
    return this.next((m) => 'id' in m && m.id === id);
  }

  /** The first message (already received or still to come) that matches. */
  async next(match: (message: ServerMessage) => boolean, timeoutMs = 10_000): Promise<ServerMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(match);
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`no matching message in ${timeoutMs} ms; got ${JSON.stringify(this.received).slice(0, 2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async closed(timeoutMs = 5_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.closeCode === undefined) {
      if (Date.now() > deadline) throw new Error('the socket did not close');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.closeCode;
  }

  close(): void {
    this.socket.close();
  }
}

export async function login(baseUrl: string, user: string, password: string): Promise<LoginResponse> {
  const response = await fetch(`${baseUrl}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user, password }) });
  if (!response.ok) throw new Error(`login of ${user} refused: ${response.status} ${await response.text()}`);
  return (await response.json()) as LoginResponse;
}
