// Runs every *.test.ts under server/, client/src (non-vscode parts), scripts/ and test/ with Node's
// built-in test runner, loading TypeScript through tsx. Extra arguments are test-file filters.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const roots = ['server/src', 'scripts', 'test'];
const skipDirs = new Set(['node_modules', 'e2e', 'ui', 'fixtures']);
const files = [];
function walk(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (!skipDirs.has(name)) walk(p);
    } else if (name.endsWith('.test.ts')) files.push(relative('.', p));
  }
}
roots.forEach(walk);
const filters = process.argv.slice(2);
const selected = filters.length ? files.filter((f) => filters.some((x) => f.includes(x))) : files;
selected.sort();
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...selected],
  { stdio: 'inherit' },
);
process.exit(r.status ?? 1);
