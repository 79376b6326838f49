// Every diagnostic code the sources can emit has its page in docs/rules/ (the editor links each finding to
// it): a code that appears anywhere in a non-test source file of server/src or client/src needs a page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..');

/** Codes without a page yet, each with why (none today; keep the mechanism for a code added in a hurry). */
const NO_PAGE_YET: ReadonlyMap<string, string> = new Map<string, string>([]);

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('-testing.ts')) out.push(p);
  }
  return out;
}

/** Every RSCnnnn mentioned in a non-test source file, with the first file that mentions it. */
function emittedCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  for (const file of [...sources(join(root, 'server', 'src')), ...sources(join(root, 'client', 'src'))]) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bRSC\d{4}\b/g))
      if (!codes.has(m[0])) codes.set(m[0], relative(root, file));
  }
  return codes;
}

test('every code the sources emit has a page in docs/rules/', () => {
  const codes = emittedCodes();
  // The scan itself works: the linter's own code and a rule's code are found.
  assert.ok(
    codes.has('RSC0000') && codes.has('RSC2001'),
    'the scan finds the codes of lint/index.ts and the rules',
  );
  const missing = [...codes]
    .filter(([code]) => !NO_PAGE_YET.has(code) && !existsSync(join(root, 'docs', 'rules', `${code}.md`)))
    .map(([code, file]) => `${code} (in ${file})`);
  assert.deepEqual(missing, [], 'codes without docs/rules/RSCnnnn.md');
});

test('a code listed as having no page yet really has none (drop it from the list when its page lands)', () => {
  for (const code of NO_PAGE_YET.keys())
    assert.ok(!existsSync(join(root, 'docs', 'rules', `${code}.md`)), `${code} has a page now`);
});
