import { pino, type Logger } from 'pino';
import type { LogLevel } from '../config/k2Config.js';

export type { Logger };

/** Keys whose values never reach a log line, wherever they appear in a logged object. */
const SECRET_PATHS = ['password', '*.password', '*.*.password', 'secret', '*.secret', 'ami_password', '*.ami_password', 'token', '*.token'];

/** The process's root logger: JSON lines on stdout (or stderr), secrets redacted. Modules take a named child. */
export function createRootLogger(level: LogLevel, to: 'stdout' | 'stderr' = 'stdout'): Logger {
  return pino({ level, base: { service: 'connector' }, redact: { paths: SECRET_PATHS, censor: '********' } }, pino.destination(to === 'stdout' ? 1 : 2));
}

export function moduleLogger(root: Logger, module: string, bindings: Record<string, string | number> = {}): Logger {
  return root.child({ module, ...bindings });
}
