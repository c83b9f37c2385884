import type { AmiField, AmiMessage } from './amiMessage.js';

import { ConnectorError } from '../../errors.js';

/** AMI messages → bytes (pure). Lines end with CRLF; a blank line ends the frame. */

const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9_\-.()/]*$/;

/** One frame from its headers. A CR or LF in a key or value would start a header of its own, so it is refused. */
export function encodeFields(fields: readonly AmiField[]): string {
  let text = '';
  for (const [key, value] of fields) {
    if (!SAFE_KEY.test(key)) throw new ConnectorError('AMI_BAD_ACTION', `AMI header name '${key.slice(0, 40)}' is not allowed`);
    if (/[\r\n]/.test(value)) throw new ConnectorError('AMI_BAD_ACTION', `AMI header ${key} must not contain a line break`);
    text += `${key}: ${value}\r\n`;
  }
  return `${text}\r\n`;
}

/** An action with its ActionID and arguments, in the order given. */
export function encodeAction(action: string, actionId: string, args: readonly AmiField[] = []): string {
  return encodeFields([['Action', action], ['ActionID', actionId], ...args]);
}

/** A whole message as the PBX sends it (the simulator's side). */
export function encodeMessage(message: AmiMessage): string {
  if (message.kind === 'banner') return `${message.text}\r\n`;
  if (message.kind === 'response' && message.body !== undefined) {
    return `${encodeFields(message.fields).slice(0, -2)}${message.body === '' ? '' : `${message.body}\n`}--END COMMAND--\r\n\r\n`;
  }
  return encodeFields(message.fields);
}
