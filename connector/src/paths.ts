import { fileURLToPath } from 'node:url';

/** Folders of the repository the connector is built in (compiled code lives in connector/dist/). */
export const sqlRoot = fileURLToPath(new URL('../../sql/', import.meta.url));
export const connectorPackageJson = fileURLToPath(new URL('../package.json', import.meta.url));
