// Bundles the React renderer into desktop-client/dist/web/ (app.js, index.html, styles.css),
// which the connector serves as the browser client and the Electron shell loads,
// and the Electron preload into desktop-client/dist/preload/preload.cjs (sandboxed
// preloads are CommonJS and may require only `electron`).
// Type-checking is tsc's job (npm run build runs it first); esbuild only bundles.
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}desktop-client/dist/web`;
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [`${root}desktop-client/src/renderer/main.tsx`],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome120', 'firefox120', 'safari16'],
  jsx: 'automatic',
  minify: true,
  sourcemap: true,
  legalComments: 'linked',
  define: { 'process.env.NODE_ENV': '"production"' },
  outfile: `${out}/app.js`,
  logLevel: 'warning',
});
cpSync(`${root}desktop-client/src/renderer/static`, out, { recursive: true });
await build({
  entryPoints: [`${root}desktop-client/src/preload/preload.ts`],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: ['node20'],
  external: ['electron'],
  sourcemap: true,
  outfile: `${root}desktop-client/dist/preload/preload.cjs`,
  logLevel: 'warning',
});
