import type { AmiConnection } from '../ami/connection/amiConnection.js';
import type { ExchangeConfig } from '../db/repositories/recorderConfigRepository.js';
import { ConnectorError } from '../errors.js';

/**
 * Click-to-dial on the PBX: AMI `Originate` rings the user's own line first
 * (its channel from the exchange's template) and, once it answers, dials the
 * number in the exchange's default context. Async, so the answer does not
 * wait for the user to pick up.
 */
export async function originate(connection: AmiConnection, exchange: ExchangeConfig, line: string, dialled: string): Promise<void> {
  const channel = exchange.lineChannelTemplate.replace('{line}', line);
  const response = await connection.send('Originate', [
    ['Channel', channel],
    ['Exten', dialled],
    ['Context', exchange.defaultContext],
    ['Priority', '1'],
    ['CallerID', `<${line}>`],
    ['Timeout', String(exchange.timeoutSeconds * 1000)],
    ['Async', 'true'],
  ]);
  if (response.response !== 'Success') {
    const message = response.fields.find(([key]) => key.toLowerCase() === 'message')?.[1] ?? response.response;
    throw new ConnectorError('AMI_ACTION_FAILED', message);
  }
}
