/**
 * Every error the connector reports on purpose carries a stable `code` (for
 * logs, exit codes and clients) and, where it wraps another failure, a `cause`.
 */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'CONFIG_UNREADABLE'
  | 'USAGE'
  | 'DB_UNAVAILABLE'
  | 'DB_MIGRATION_FAILED'
  | 'DB_SCHEMA_OUTDATED'
  | 'DB_NOT_MIGRATED'
  | 'DB_NOT_EMPTY'
  | 'RECORDER_NOT_FOUND'
  | 'INVALID_INPUT'
  | 'AMI_NOT_CONNECTED'
  | 'AMI_CONNECTION_LOST'
  | 'AMI_TIMEOUT'
  | 'AMI_BAD_ACTION'
  | 'AMI_ACTION_FAILED'
  | 'SIMULATOR_TEMPLATE'
  | 'NOT_FOUND';

export class ConnectorError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConnectorError';
    this.code = code;
  }
}

export function isConnectorError(error: unknown): error is ConnectorError {
  return error instanceof ConnectorError;
}

/** A short, single-line description of any thrown value, for logs and stderr. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
