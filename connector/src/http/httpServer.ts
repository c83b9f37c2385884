import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { readFileSync } from 'node:fs';
import type { Duplex } from 'node:stream';
import { serveStatic } from './staticFiles.js';
import type { AddressInfo } from 'node:net';
import { ConnectorError, describeError } from '../errors.js';
import { closeServer } from './closeServer.js';
import type { Logger } from '../log/logger.js';

export interface RouteResult {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type RouteHandler = (request: IncomingMessage) => Promise<RouteResult>;

export interface Route {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly handler: RouteHandler;
}

export interface HttpServerOptions {
  readonly listen: string;
  readonly port: number;
  readonly tls: { readonly certFile: string; readonly keyFile: string } | undefined;
  readonly routes: readonly Route[];
  readonly logger: Logger;
  /** Files served for GET requests no route takes (the web client); `/` serves `index.html`. */
  readonly staticRoot?: string;
  /** WebSocket upgrades on these paths; any other upgrade is refused. */
  readonly upgrades?: Readonly<Record<string, (request: IncomingMessage, socket: Duplex, head: Buffer) => void>>;
}

export interface RunningHttpServer {
  readonly url: string;
  close(): Promise<void>;
}

/** The connector's HTTP endpoint: a fixed route table, JSON only, errors as `{ error: { code, message } }`. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    void dispatch(options, req, res);
  };
  let server: Server;
  if (options.tls === undefined) {
    server = createHttpServer(handle);
  } else {
    let cert: Buffer;
    let key: Buffer;
    try {
      cert = readFileSync(options.tls.certFile);
      key = readFileSync(options.tls.keyFile);
    } catch (error) {
      throw new ConnectorError('CONFIG_INVALID', `cannot read [Connector] TlsCert or TlsKey: ${describeError(error)}`, { cause: error });
    }
    server = createHttpsServer({ cert, key }, handle);
  }
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const upgrade = options.upgrades?.[(request.url ?? '/').split('?')[0] ?? '/'];
    if (upgrade === undefined) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    upgrade(request, socket, head);
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      const reason =
        error.code === 'EADDRINUSE'
          ? `port ${options.port} on ${options.listen} is already in use (another connector?); start with --port N or set [Connector] Port in K2.ini`
          : `cannot listen on ${options.listen}:${options.port}: ${error.message}`;
      reject(new ConnectorError('CONFIG_INVALID', reason, { cause: error }));
    };
    server.once('error', onError);
    server.listen(options.port, options.listen, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `${options.tls === undefined ? 'http' : 'https'}://${host}:${address.port}`;
  return {
    url,
    close: () => closeServer(server),
  };
}

async function dispatch(options: HttpServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const sameMethod = options.routes.filter((r) => r.path === path);
  const route = sameMethod.find((r) => r.method === req.method);
  try {
    if (route === undefined) {
      if (sameMethod.length === 0 && options.staticRoot !== undefined && (req.method === 'GET' || req.method === 'HEAD')) {
        if (serveStatic(options.staticRoot, path, req, res)) return;
      }
      if (sameMethod.length > 0) {
        res.setHeader('Allow', sameMethod.map((r) => r.method).join(', '));
        send(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: `${req.method ?? ''} is not allowed on ${path}` } });
      } else {
        send(res, 404, { error: { code: 'NOT_FOUND', message: `no such endpoint: ${path}` } });
      }
      return;
    }
    const { status, body, headers } = await route.handler(req);
    send(res, status, body, headers);
  } catch (error) {
    if (error instanceof ConnectorError && error.code === 'INVALID_INPUT') {
      send(res, 400, { error: { code: 'MALFORMED', message: error.message } });
      return;
    }
    options.logger.error({ err: describeError(error), path }, 'request failed');
    send(res, 500, { error: { code: 'INTERNAL', message: 'the connector could not answer this request' } });
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

/** A JSON request body of at most `maxBytes`; anything else is an INVALID_INPUT error (answered 400). */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw new ConnectorError('INVALID_INPUT', 'the body must be application/json');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new ConnectorError('INVALID_INPUT', `the body may have at most ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new ConnectorError('INVALID_INPUT', 'the body is not JSON');
  }
}
