import type { LoginRequest, LoginResponse } from '@cc/protocol';
import type { IncomingMessage } from 'node:http';
import { readJsonBody, type Route, type RouteResult } from '../http/httpServer.js';
import type { DeskHub } from './deskHub.js';
import type { DeskSessions } from './sessions.js';

const MAX_LOGIN_BODY = 4 * 1024;

/** `POST /api/login` and `POST /api/logout`: the only desk requests that are not on the WebSocket. */
export function deskRoutes(sessions: DeskSessions, hub: DeskHub): Route[] {
  return [
    {
      method: 'POST',
      path: '/api/login',
      handler: async (req): Promise<RouteResult> => {
        const login = readLogin(await readJsonBody(req, MAX_LOGIN_BODY));
        if (login === undefined) return { status: 400, body: { error: { code: 'MALFORMED', message: 'send {"user": "…", "password": "…"}' } } };
        const result = await sessions.login(login.user, login.password, req.socket.remoteAddress ?? '');
        if (result.ok) return { status: 200, body: result.response satisfies LoginResponse };
        const status = result.error.code === 'LOGIN_THROTTLED' ? 429 : 401;
        const headers: Record<string, string> = result.error.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(result.error.retryAfterSeconds) };
        return { status, body: { error: result.error }, headers };
      },
    },
    {
      method: 'POST',
      path: '/api/logout',
      handler: async (req): Promise<RouteResult> => {
        const token = bearer(req);
        if (token === undefined) return { status: 401, body: { error: { code: 'NOT_AUTHENTICATED', message: 'send Authorization: Bearer <token>' } } };
        await sessions.logout(token);
        hub.sessionRevoked(token);
        return { status: 200, body: { ok: true } };
      },
    },
  ];
}

function readLogin(body: unknown): LoginRequest | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { user, password } = body as Record<string, unknown>;
  if (typeof user !== 'string' || typeof password !== 'string' || user.length === 0 || user.length > 40 || password.length === 0 || password.length > 200) return undefined;
  return { user, password };
}

function bearer(req: IncomingMessage): string | undefined {
  const match = /^Bearer ([\w-]{20,200})$/.exec(req.headers.authorization ?? '');
  return match?.[1];
}
