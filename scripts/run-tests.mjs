// Runs every compiled test with Node's test runner. The files are passed by name:
// Node 21+ reads folder arguments as glob patterns, so `node --test some/dir` breaks there.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const roots = ['protocol/dist', 'connector/dist', 'desktop-client/dist', 'dashboards/dist', 'scripts'];

function testsUnder(folder) {
  const found = [];
  for (const entry of readdirSync(path.join(root, folder), { withFileTypes: true })) {
    const relative = path.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...testsUnder(relative));
    else if (/\.test\.(m?js)$/.test(entry.name)) found.push(relative);
  }
  return found;
}

const files = roots.flatMap(testsUnder).sort();
if (files.length === 0) {
  console.error('run-tests: no test files found; run `npm run build` first');
  process.exit(1);
}
// A test that waits for something that never comes fails after two minutes instead of hanging the run.
const result = spawnSync(process.execPath, ['--test', '--test-timeout=120000', '--enable-source-maps', ...process.argv.slice(2), ...files], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
