import { connect } from 'node:net';
import { ConnectorError } from '../../errors.js';
import type { Secret } from '../../secret.js';
import { field, type AmiMessage } from '../codec/amiMessage.js';
import { AmiFrameDecoder } from '../codec/frameDecoder.js';
import { encodeAction } from '../codec/frameEncoder.js';
import { messageToRecord, type TraceRecord } from '../codec/traceRecord.js';

export interface CaptureOptions {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly secret: Secret;
  /** Each record as it arrives: banner, the Login response, then every event. */
  readonly write: (record: TraceRecord) => void;
  readonly keepAliveMs?: number;
  /** How long the banner and the Login answer may take. */
  readonly handshakeTimeoutMs?: number;
  /** Skipped input (malformed lines, oversized frames), for the user to see. */
  readonly onProblem?: (text: string) => void;
  readonly now?: () => number;
}

export interface RunningCapture {
  /** Resolves when the capture ends: stopped (Logoff) or the connection lost. */
  readonly finished: Promise<{ readonly events: number; readonly reason: 'stopped' | 'lost' }>;
  stop(): void;
}

/**
 * Records one AMI session in the trace format of ../shared/ami-traces, for a
 * support engineer to send in: the banner, the Login response, and every
 * event with every header as received. Its own keep-alive Pings and their
 * answers are not recorded. A rejected login is an error.
 */
export function startCapture(options: CaptureOptions): Promise<RunningCapture> {
  const now = options.now ?? Date.now;
  const socket = connect({ host: options.host, port: options.port });
  const decoder = new AmiFrameDecoder();
  let events = 0;
  let loggedIn = false;
  let stopping = false;
  let keepAlive: NodeJS.Timeout | undefined;
  let pingId = 0;
  let pingOutstanding = false;
  const handshakeMs = options.handshakeTimeoutMs ?? 10_000;

  return new Promise((resolveStart, rejectStart) => {
    let resolveFinished: (value: { events: number; reason: 'stopped' | 'lost' }) => void = () => undefined;
    const finished = new Promise<{ events: number; reason: 'stopped' | 'lost' }>((resolve) => {
      resolveFinished = resolve;
    });
    const record = (message: AmiMessage): void => {
      options.write(messageToRecord(message, now()));
    };
    const handshake = setTimeout(() => {
      rejectStart(new ConnectorError('AMI_TIMEOUT', `no Asterisk Manager banner and login answer from ${options.host}:${options.port} within ${handshakeMs} ms`));
      socket.destroy();
    }, handshakeMs);

    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (!loggedIn) rejectStart(new ConnectorError('AMI_NOT_CONNECTED', `cannot capture from ${options.host}:${options.port}: ${error.code ?? error.message}`));
    });
    socket.on('close', () => {
      clearInterval(keepAlive);
      clearTimeout(handshake);
      if (!loggedIn) rejectStart(new ConnectorError('AMI_NOT_CONNECTED', `${options.host}:${options.port} closed the connection before login`));
      resolveFinished({ events, reason: stopping ? 'stopped' : 'lost' });
    });
    socket.on('data', (chunk: Buffer) => {
      for (const item of decoder.push(chunk)) {
        if (item.kind !== 'message') {
          options.onProblem?.(`skipped malformed AMI input (${item.problem.reason}): ${item.problem.sample}`);
          continue;
        }
        const message = item.message;
        if (message.kind === 'banner') {
          record(message);
          socket.write(encodeAction('Login', 'capture-login', [['Username', options.user], ['Secret', options.secret.reveal()]]));
        } else if (message.kind === 'response' && message.actionId === 'capture-login') {
          record(message);
          if (message.response.toLowerCase() !== 'success') {
            socket.destroy();
            rejectStart(new ConnectorError('AMI_NOT_CONNECTED', `login rejected by ${options.host}:${options.port}: ${field(message, 'Message') ?? message.response}`));
            return;
          }
          loggedIn = true;
          clearTimeout(handshake);
          keepAlive = setInterval(() => {
            if (pingOutstanding) {
              // The last Ping went unanswered for a whole interval: a dead or half-open connection.
              options.onProblem?.('no answer to the keep-alive Ping: the connection is dead');
              socket.destroy();
              return;
            }
            pingOutstanding = true;
            socket.write(encodeAction('Ping', `capture-ping-${String(++pingId)}`));
          }, options.keepAliveMs ?? 15_000);
          resolveStart({
            finished,
            stop: () => {
              stopping = true;
              socket.end(encodeAction('Logoff', 'capture-logoff'));
              setTimeout(() => socket.destroy(), 1_000).unref();
            },
          });
        } else if (message.kind === 'response' && message.actionId?.startsWith('capture-ping-') === true) {
          pingOutstanding = false;
        } else if (message.kind === 'event') {
          events++;
          record(message);
        }
      }
    });
  });
}
