// The texts that name the RouterOS versions a script can target (README, `rsc lint --help`) name the range
// the command tree really covers: after a new version's dump, this fails until they are updated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LATEST, VERSIONS } from '../server/src/schema';
import { lintHelp } from '../server/src/cli/lint';

/** Every "7.9 to 7.N", "7.9 ... 7.N" or "`7.9` … `7.N`" in a text, as [first, last]. */
function ranges(text: string): [string, string][] {
  return [...text.matchAll(/`?(7\.\d+)`?\s+(?:to|\.\.\.|…)\s+`?(7\.\d+)`?/g)].map((m) => [m[1], m[2]]);
}

for (const [name, text] of [
  ['README.md', readFileSync(join(__dirname, '..', 'README.md'), 'utf8')],
  ['rsc lint --help', lintHelp],
] as const) {
  test(`${name} names the versions the command tree covers (${VERSIONS[0]} to ${LATEST})`, () => {
    const found = ranges(text);
    assert.ok(found.length > 0, `${name} names no version range`);
    for (const r of found) assert.deepEqual(r, [VERSIONS[0], LATEST]);
  });
}
