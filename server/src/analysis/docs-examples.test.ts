// Lints the examples of docs/rules/RSC4001.md ... RSC4010.md: every page has the fixed headings in order,
// its problematic block triggers the rule and its correct block does not. (The lead's generic
// lint/rules/docs.test.ts will take this over for all codes.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flowRules, lintWith } from '../../../test/fixtures/flow/harness';

const DOCS = join(__dirname, '../../../docs/rules');
const HEADINGS = ['## Problematic code', '## Correct code', '## Rationale', '## Quick fix', '## Exceptions'];

/** The text of the first ```routeros block after a heading. */
function block(page: string, heading: string): string {
  const at = page.indexOf(`${heading}\n`);
  assert.ok(at >= 0, `missing ${heading}`);
  const m = /```routeros\n([\s\S]*?)```/.exec(page.slice(at));
  assert.ok(m, `no routeros block under ${heading}`);
  return m[1];
}

for (const rule of flowRules) {
  const code = rule.meta.code;
  test(`${code} doc page: headings, and its examples lint as documented`, () => {
    const page = readFileSync(join(DOCS, `${code}.md`), 'utf8');
    assert.ok(page.startsWith(`# ${code}: `), 'title line');
    const found = page.split('\n').filter((l) => l.startsWith('## '));
    assert.deepEqual(found, HEADINGS);
    const bad = block(page, '## Problematic code');
    const good = block(page, '## Correct code');
    const codes = (text: string): string[] => lintWith([rule], text).map((d) => d.code);
    assert.ok(codes(bad).includes(code), `${code}: the problematic example does not trigger the rule`);
    assert.deepEqual(codes(good), [], `${code}: the correct example triggers the rule`);
    // The correct examples are meant to be clean for the whole RSC4nnn family, not just their own rule.
    assert.deepEqual(
      lintWith(flowRules, good).map((d) => d.code),
      [],
      `${code}: correct example not clean`,
    );
  });
}
