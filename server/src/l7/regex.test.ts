// Tests for the layer-7 regex parser: constructs, errors with positions, unsupported syntax.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRegex, type RegexNode } from './regex';

const codes = (t: string): string[] => parseRegex(t).errors.map((e) => `${e.code}@${e.start}`);

test('literals, any, anchors, groups and repetition parse into the expected tree', () => {
  const r = parseRegex('^a.(b|c)+d?$');
  assert.deepEqual(r.errors, []);
  assert.equal(r.ast.type, 'concat');
  const items = (r.ast as Extract<RegexNode, { type: 'concat' }>).items.map((n) => n.type);
  assert.deepEqual(items, ['bol', 'byte', 'any', 'repeat', 'repeat', 'eol']);
  assert.equal(r.groupCount, 1);
});

test('inside brackets a backslash, a pipe and a dot are plain bytes', () => {
  const r = parseRegex('[\\|.]');
  assert.equal(r.ast.type, 'class');
  const cls = r.ast as Extract<RegexNode, { type: 'class' }>;
  assert.deepEqual(
    cls.items.map((i) => (i.kind === 'byte' ? i.byte : -1)),
    [0x5c, 0x7c, 0x2e],
  );
  assert.equal(cls.members[0x5c], true);
  assert.equal(cls.members[0x61], false);
});

test('"]" first in a class is literal, "^" first negates, "-" makes ranges and is literal at the edges', () => {
  const a = parseRegex('[]a]').ast as Extract<RegexNode, { type: 'class' }>;
  assert.equal(a.members[0x5d], true);
  const b = parseRegex('[^a-c-]').ast as Extract<RegexNode, { type: 'class' }>;
  assert.equal(b.negated, true);
  assert.deepEqual(
    [0x61, 0x62, 0x63, 0x2d, 0x64].map((x) => b.members[x]),
    [true, true, true, true, false],
  );
});

test('escapes outside brackets make the next byte literal', () => {
  const r = parseRegex('\\.\\\\\\|');
  const items = (r.ast as Extract<RegexNode, { type: 'concat' }>).items;
  assert.deepEqual(
    items.map((n) => (n.type === 'byte' ? n.byte : -1)),
    [0x2e, 0x5c, 0x7c],
  );
});

test('compile errors carry their position', () => {
  assert.deepEqual(codes('*a'), ['nothing-to-repeat@0']);
  assert.deepEqual(codes('a|+b'), ['nothing-to-repeat@2']);
  assert.deepEqual(codes('a**'), ['nested-repetition@2']);
  assert.deepEqual(codes('a+?'), ['nested-repetition@2']);
  assert.deepEqual(codes('(a*)*'), ['empty-operand@0']);
  assert.deepEqual(codes('^*'), ['empty-operand@0']);
  assert.deepEqual(codes('ab(cd'), ['unmatched-open-paren@2']);
  assert.deepEqual(codes('ab)cd'), ['unmatched-close-paren@2']);
  assert.deepEqual(codes('ab[cd'), ['unmatched-bracket@2']);
  assert.deepEqual(codes('[]'), ['unmatched-bracket@0']);
  assert.deepEqual(codes('ab\\'), ['trailing-backslash@2']);
  assert.deepEqual(codes('[z-a]'), ['invalid-range@1']);
  assert.deepEqual(codes('a|'), ['empty-alternative@1']);
  assert.deepEqual(codes('|a'), ['empty-alternative@0']);
  assert.deepEqual(codes('x(|b)'), ['empty-alternative@2']);
  assert.deepEqual(codes('x()'), ['empty-alternative@1']);
  assert.deepEqual(codes('a?'), []);
  assert.deepEqual(codes(''), []);
});

test('bounded repetition and POSIX classes are parsed as bytes and reported as unsupported', () => {
  const b = parseRegex('.{0,3}x');
  assert.deepEqual(b.errors, []);
  assert.equal(b.unsupported.length, 1);
  assert.equal(b.unsupported[0].kind, 'bounded-repetition');
  assert.equal(b.unsupported[0].replacement, '.?.?.?');
  assert.deepEqual([b.unsupported[0].start, b.unsupported[0].end], [0, 6]);
  assert.equal(parseRegex('a{2,}').unsupported[0].replacement, 'aa+');
  assert.equal(parseRegex('\\x{2}').unsupported[0].replacement, '\\x\\x');

  const c = parseRegex('[[:alpha:]]+');
  assert.deepEqual(c.errors, []);
  assert.equal(c.unsupported[0].kind, 'posix-class');
  assert.equal(c.unsupported[0].replacement, '[a-z]');
  assert.deepEqual([c.unsupported[0].start, c.unsupported[0].end], [0, 11]);
});

test('class escapes like \\d are the letter and are reported', () => {
  const r = parseRegex('\\d');
  assert.equal(r.unsupported[0].kind, 'class-escape');
  assert.equal(r.ast.type, 'byte');
});

test('more than nine groups is reported as unsupported by the kernel library', () => {
  assert.equal(parseRegex('(a)'.repeat(9)).unsupported.length, 0);
  assert.equal(parseRegex('(a)'.repeat(10)).unsupported[0].kind, 'too-many-groups');
});

test('deeply nested input neither throws nor recurses out of stack in the parser', () => {
  const deep = '('.repeat(5000) + 'a' + ')'.repeat(5000);
  assert.deepEqual(parseRegex(deep).errors, []);
  assert.equal(
    parseRegex('('.repeat(5000)).errors.filter((e) => e.code === 'unmatched-open-paren').length,
    5000,
  );
});
