#!/usr/bin/env node
// Thin launcher: the command line lives in the compiled sources (built by `npm ci` through `prepare`).
let cli;
try {
  cli = await import('../dist/cli/main.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  process.stderr.write('connector: the connector is not built yet; run `npm run build` in the repository root\n');
  process.exit(1);
}
process.exitCode = await cli.runCli(process.argv.slice(2));
