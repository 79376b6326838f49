// Every snippet, expanded with its default placeholders, is a script our parser and linter accept without
// errors or warnings: a snippet that teaches a mistake would be worse than none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../server/src/lint';
import { expandSnippet } from './snippet-expand';

const snippets = JSON.parse(
  readFileSync(join(__dirname, '..', 'snippets', 'routeros.json'), 'utf8'),
) as Record<string, { prefix: string; body: string[] | string }>;

for (const [name, s] of Object.entries(snippets)) {
  test(`snippet "${name}" lints without errors or warnings`, () => {
    const body = Array.isArray(s.body) ? s.body.join('\n') : s.body;
    const { text } = expandSnippet(body);
    // RSC2005 (variable never declared) is expected: fragments like `:foreach v in=$array` refer to the
    // user's own variable, which lives outside the snippet. Everything else must be clean.
    const findings = lintText(text + '\n').diagnostics.filter(
      (d) => (d.severity === 'error' || d.severity === 'warning') && d.code !== 'RSC2005',
    );
    assert.deepEqual(
      findings.map(
        (d) => `${d.code} ${d.message.split('\n')[0]} @ ${JSON.stringify(text.slice(d.start, d.end))}`,
      ),
      [],
      text,
    );
  });
}
