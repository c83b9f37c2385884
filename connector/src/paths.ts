import { fileURLToPath } from 'node:url';

/** Folders of the repository the connector is built in (compiled code lives in connector/dist/). */
export const sqlRoot = fileURLToPath(new URL('../../sql/', import.meta.url));
export const connectorPackageJson = fileURLToPath(new URL('../package.json', import.meta.url));
/** The web client, as `npm run build` bundles it (desktop-client/dist/web/). */
export const webRoot = fileURLToPath(new URL('../../desktop-client/dist/web/', import.meta.url));
