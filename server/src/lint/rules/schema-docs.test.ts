// The doc pages of the parser's codes (RSC1001-RSC1007) and of the schema and version rules (RSC2001-RSC2007,
// RSC5001): fixed headings in order; each problematic example gets the page's code, each correct one not.
// (docs.test.ts checks every page through the registry; this one runs the rules before they are registered.)
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintSchema } from '../support/schema-testing';

const docsDir = join(__dirname, '..', '..', '..', '..', 'docs', 'rules');
const CODES = [
  ...['1001', '1002', '1003', '1004', '1005', '1006', '1007'],
  ...['2001', '2002', '2003', '2004', '2005', '2006', '2007', '5001'],
].map((n) => `RSC${n}`);
const HEADINGS = ['## Problematic code', '## Correct code', '## Rationale', '## Quick fix', '## Exceptions'];

function examples(text: string, heading: string): string[] {
  const at = text.indexOf(`\n${heading}\n`);
  if (at < 0) return [];
  const next = text.indexOf('\n## ', at + heading.length + 2);
  const section = text.slice(at, next < 0 ? text.length : next);
  return [...section.matchAll(/```routeros\n([\s\S]*?)```/g)].map((m) => m[1]);
}

const codesOf = (snippet: string): string[] => lintSchema(snippet, {}, undefined, true).map((d) => d.code);

describe('schema and syntax doc pages', () => {
  for (const code of CODES) {
    it(`${code}: headings, and examples that do (not) trigger it`, () => {
      const text = readFileSync(join(docsDir, `${code}.md`), 'utf8');
      assert.match(text.split('\n')[0], new RegExp(`^# ${code}: \\S`));
      assert.deepEqual(
        text.split('\n').filter((l) => HEADINGS.includes(l)),
        HEADINGS,
      );
      const bad = examples(text, '## Problematic code');
      const good = examples(text, '## Correct code');
      assert.ok(bad.length > 0 && good.length > 0);
      for (const b of bad)
        assert.ok(codesOf(b).includes(code), `problematic example does not trigger it:\n${b}`);
      for (const g of good) assert.ok(!codesOf(g).includes(code), `correct example triggers it:\n${g}`);
    });
  }
});
