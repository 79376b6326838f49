// The layer-7 values of a parsed script: found once per tree and kept on it (not in a WeakMap), read again
// for another text, and separate for the linter's statement-local view of a parse (which inherits the
// parse but has a tree of its own).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, type ParseResult } from '../syntax';
import { layer7Regexps, regexpAt } from './script';

const text = String.raw`/ip firewall layer7-protocol
add name=a regexp="^\\x16"
add name=b regexp=^abc\
    def
`;

test('the values are computed once per tree and per text', () => {
  const p = parse(text);
  const first = layer7Regexps(p, text);
  assert.deepEqual(
    first.map((v) => text.slice(v.start, v.end)),
    [String.raw`"^\\x16"`, '^abc\\\n    def'],
  );
  assert.equal(layer7Regexps(p, text), first);
  // Without the text, the continued value is read up to the split only: another reading.
  const bare = layer7Regexps(p);
  assert.notEqual(bare, first);
  assert.deepEqual(
    bare.map((v) => text.slice(v.start, v.end)),
    [String.raw`"^\\x16"`, '^abc'],
  );
  assert.equal(layer7Regexps(p, text)[0].start, first[0].start);
  // Kept on the tree, hidden: the tree's own keys are what they were.
  assert.deepEqual(Object.keys(p.root).sort(), ['end', 'kind', 'start', 'statements']);
});

test('a view of the parse with a tree of its own gets its own values', () => {
  const p = parse(text);
  assert.equal(layer7Regexps(p, text).length, 2);
  const statements = p.root.statements.slice(2);
  const view: ParseResult = Object.create(p, { root: { value: { ...p.root, statements } } });
  assert.deepEqual(
    layer7Regexps(view, text).map((v) => v.arg.name),
    ['regexp'],
  );
  assert.equal(layer7Regexps(view, text)[0].start, layer7Regexps(p, text)[1].start);
  assert.equal(layer7Regexps(p, text).length, 2);
});

test('regexpAt finds the value under an offset, ends included', () => {
  const p = parse(text);
  const at = text.indexOf('"^');
  assert.equal(regexpAt(p, at, text)?.start, at);
  assert.equal(regexpAt(p, at + 8, text)?.start, at);
  assert.equal(regexpAt(p, at - 1, text), undefined);
});
