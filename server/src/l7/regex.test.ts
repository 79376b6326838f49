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
  // Empty branches compile (regexp.c regbranch emits NOTHING); they are recorded for RSC3015.
  for (const t of ['a|', '|a', 'x(|b)', 'x()', 'a||b']) assert.deepEqual(codes(t), [], t);
  const eb = (t: string): string[] => parseRegex(t).emptyBranches.map((e) => `${e.kind}@${e.sep}`);
  assert.deepEqual(eb('a|'), ['alternative@1']);
  assert.deepEqual(eb('|a'), ['alternative@0']);
  assert.deepEqual(eb('x(|b)'), ['alternative@2']);
  assert.deepEqual(eb('x(b|)'), ['alternative@3']);
  assert.deepEqual(eb('x()'), ['group@1']);
  assert.deepEqual(eb(''), []);
  // ... but an empty group or alternative gives no width, so `*` and `+` on it fail.
  assert.deepEqual(codes('()*'), ['empty-operand@0']);
  assert.deepEqual(codes('(a|)+'), ['empty-operand@0']);
  assert.deepEqual(codes('(a|)?'), []);
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

test('a tenth group is a compile error at its "(" (regexp.c reg: "too many ()")', () => {
  assert.deepEqual(codes('(a)'.repeat(9)), []);
  assert.deepEqual(codes('(a)'.repeat(10)), ['too-many-groups@27']);
  assert.deepEqual(codes('((((((((((a))))))))))'), ['too-many-groups@9']);
});

test('the program size follows regcomp\'s first pass; 32,767 bytes or more is "regexp too big"', () => {
  // MAGIC 1 + BRANCH 3 + EXACTLY "abc" 3+3+1 + END 3.
  assert.equal(parseRegex('abc').programSize, 14);
  // "ab" then "c" STAR: 1 + 3 + (3+2+1) + (3+1+1) + 3 + 3.
  assert.equal(parseRegex('abc*').programSize, 21);
  // ANYOF a b c d e (the second range does not repeat "c"): 1 + 3 + (3+5+1) + 3.
  assert.equal(parseRegex('[a-c-e]').programSize, 16);
  // A class of 255 bytes costs 259; 126 of them fit (1 + 3 + 126 * 259 + 3 = 32641), 127 do not.
  const big = '[\x01-\xff]';
  assert.deepEqual(codes(big.repeat(126)), []);
  assert.deepEqual(codes(big.repeat(127)), ['too-big@0']);
});

test('deeply nested input neither throws nor recurses out of stack in the parser', () => {
  const deep = '('.repeat(5000) + 'a' + ')'.repeat(5000);
  assert.deepEqual(
    parseRegex(deep).errors.map((e) => e.code),
    ['too-many-groups'],
  );
  assert.equal(
    parseRegex('('.repeat(5000)).errors.filter((e) => e.code === 'unmatched-open-paren').length,
    5000,
  );
});
