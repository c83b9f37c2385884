import { readFileSync } from 'node:fs';
import { connectorPackageJson } from './paths.js';

/** The connector's version, from its package.json. */
export function connectorVersion(): string {
  const parsed: unknown = JSON.parse(readFileSync(connectorPackageJson, 'utf8'));
  if (typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string') {
    return parsed.version;
  }
  return '0.0.0';
}
