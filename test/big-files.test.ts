// Files larger than V8's argument limit: `array.push(...items)` throws "Maximum call stack size exceeded"
// from about 125,000 items, and a 150,000-line export has that many statements (and, with a typo on every
// line, that many diagnostics). Linting, folding and outlining such a file must still work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../server/src/lint';
import { getDocumentSymbols, getFoldingRanges } from '../server/src/features/symbols';
import { findNodeAt } from '../server/src/syntax';

const LINES = 150_000;

test('a 150,000-line address list with an unknown parameter on every line lints, folds and outlines', () => {
  const lines = ['/ip firewall address-list'];
  for (let i = 0; i < LINES; i++)
    lines.push(`add address=10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255} lst=x`);
  const text = lines.join('\n') + '\n';
  const { parse, diagnostics } = lintText(text);
  assert.equal(parse.root.statements.length, LINES + 1);
  assert.equal(diagnostics.filter((d) => d.code === 'RSC2002').length, LINES);
  const doc = { text, parse };
  assert.ok(getFoldingRanges(doc).length >= 1);
  assert.ok(Array.isArray(getDocumentSymbols(doc)));
  const last = text.lastIndexOf('lst=');
  assert.equal(findNodeAt(parse.root, last).at(-1)?.kind, 'namedArg');
});
