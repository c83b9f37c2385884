import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { ConnectorError, describeError } from '../errors.js';
import { closeServer } from './closeServer.js';
import type { Logger } from '../log/logger.js';

export type RouteHandler = (request: IncomingMessage) => Promise<{ status: number; body: unknown }>;

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
      if (sameMethod.length > 0) {
        res.setHeader('Allow', sameMethod.map((r) => r.method).join(', '));
        send(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: `${req.method ?? ''} is not allowed on ${path}` } });
      } else {
        send(res, 404, { error: { code: 'NOT_FOUND', message: `no such endpoint: ${path}` } });
      }
      return;
    }
    const { status, body } = await route.handler(req);
    send(res, status, body);
  } catch (error) {
    options.logger.error({ err: describeError(error), path }, 'request failed');
    send(res, 500, { error: { code: 'INTERNAL', message: 'the connector could not answer this request' } });
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}
