// Tests for the NAck pattern builder: byte escaping in both forms, prefixes per range length, classes,
// alternation, zero octets, letters, and that the kernel matcher's dialect is respected (no {n,m}).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromCli, fromWinbox, MAX_GROUPS, parseRegex, winboxToCli, type RegexNode } from '../../l7';
import { parsePublicRange, type PublicRange } from '../addresses';
import { buildNackPattern, caseTwins, nackAlternative, regexByte, regexClass } from './nack-pattern';

function range(text: string): PublicRange {
  const r = parsePublicRange(text);
  assert.ok(r.ok, text);
  return r.range;
}

const pattern = (ranges: string[], mode: 'tolerant' | 'strict' = 'tolerant') =>
  buildNackPattern(ranges.map(range), mode);

test('bytes: metacharacters are regex-escaped, others written \\xHH; the CLI form doubles backslashes', () => {
  const cases: [number, string, string][] = [
    [0x5c, '\\\\', '\\\\\\\\'],
    [0x7c, '\\|', '\\\\|'],
    [0x2e, '\\.', '\\\\.'],
    [0x24, '\\$', '\\\\\\$'],
    [0x3f, '\\?', '\\\\\\?'],
    [0x28, '\\(', '\\\\('],
    [0x7b, '\\{', '\\\\{'],
    [0xd5, '\\xd5', '\\\\xd5'],
    [0x4a, '\\x4a', '\\\\x4a'],
    [0x01, '\\x01', '\\\\x01'],
  ];
  for (const [b, winbox, cli] of cases) {
    assert.equal(regexByte(b), winbox);
    assert.equal(winboxToCli(regexByte(b)), cli);
    // Through both decoders the engine gets exactly one literal byte.
    const p = fromCli(cli);
    assert.deepEqual(p.errors, []);
    const ast = p.regex.ast;
    assert.equal(ast.type, 'byte', `0x${b.toString(16)}`);
    assert.equal((ast as { byte: number }).byte, b >= 0x41 && b <= 0x5a ? b + 0x20 : b);
  }
});

test('the thread example: 92/8 and 213/8 become an alternation anchored at the end', () => {
  const t = pattern(['92.0.0.0/8', '213.0.0.0/8']);
  assert.equal(t.winbox, '(\\\\|\\xd5).?.?.?.?.?.?.?$');
  assert.equal(t.cli, '(\\\\\\\\|\\\\xd5).\\?.\\?.\\?.\\?.\\?.\\?.\\?\\$');
  const s = pattern(['92.0.0.0/8', '213.0.0.0/8'], 'strict');
  assert.equal(s.winbox, '(\\\\|\\xd5).......$');
  assert.equal(s.cli, '(\\\\\\\\|\\\\xd5).......\\$');
});

test('a /8 is one byte, a /16 two, a /20 two and a class, a /32 four', () => {
  assert.equal(pattern(['213.0.0.0/8'], 'strict').winbox, '\\xd5.......$');
  assert.equal(pattern(['213.45.0.0/16'], 'strict').winbox, '\\xd5\\x2d......$');
  assert.equal(pattern(['213.45.16.0/20'], 'strict').winbox, '\\xd5\\x2d[\\x10-\\x1f].....$');
  assert.equal(pattern(['213.45.16.0/20']).winbox, '\\xd5\\x2d[\\x10-\\x1f].?.?.?.?.?$');
  assert.equal(pattern(['213.45.16.9'], 'strict').winbox, '\\xd5\\x2d\\x10\\x09....$');
  // A /7 makes the first byte a class.
  assert.equal(pattern(['92.0.0.0/7'], 'strict').winbox, '[]\\x5c].......$');
});

test('ranges with different lengths each carry their own tail', () => {
  const p = pattern(['92.0.0.0/8', '213.45.0.0/16'], 'strict');
  assert.equal(p.winbox, '((\\\\).......|\\xd5\\x2d......)$');
});

test('a backslash byte before "." or a class is grouped, so it cannot read as a twice-escaped pattern', () => {
  assert.equal(pattern(['92.0.0.0/8'], 'strict').winbox, '(\\\\).......$');
  assert.equal(pattern(['92.0.0.0/8']).winbox, '\\\\.?.?.?.?.?.?.?$');
  assert.equal(pattern(['136.92.224.0/20'], 'strict').winbox, '\\x88(\\\\)[\\xe0-\\xef].....$');
  assert.equal(pattern(['92.92.0.0/16'], 'strict').winbox, '\\\\(\\\\)......$');
  // Where the group ends the alternative, nothing follows the backslash inside it.
  assert.equal(pattern(['92.0.0.0/8', '213.0.0.0/8'], 'strict').winbox, '(\\\\|\\xd5).......$');
  // Ten ranges ending in a backslash byte would need more groups than the kernel library has: no extra groups.
  const many = Array.from({ length: 10 }, (_, k) => `${k + 11}.92.0.0/16`);
  const p = pattern([...many, '213.0.0.0/8'], 'strict');
  assert.ok(fromWinbox(p.winbox).regex.groupCount <= MAX_GROUPS, p.winbox);
  assert.ok(!p.winbox.includes('(\\\\)'), p.winbox);
});

test('a partly fixed octet that may be 0 is optional in the tolerant form only', () => {
  assert.equal(pattern(['213.45.0.0/20']).winbox, '\\xd5\\x2d[\\x01-\\x0f]?.?.?.?.?.?$');
  assert.equal(pattern(['213.45.0.0/20'], 'strict').winbox, '\\xd5\\x2d[\\x01-\\x0f].....$');
});

test('zero octets of the fixed part are left out: they never reach the matcher', () => {
  const a = nackAlternative(range('100.0.0.0/16'));
  assert.deepEqual(a.droppedZeroOctets, [1]);
  assert.equal(a.matchers.length, 1);
  assert.equal(pattern(['100.0.0.0/16'], 'strict').winbox, '\\x64......$');
  assert.equal(pattern(['1.0.0.0/24'], 'strict').winbox, '\\x01.....$');
});

test('letters: the class holds the lower-cased data bytes and case twins are reported', () => {
  const a = nackAlternative(range('5.64.0.0/12'));
  const m = a.matchers[1];
  assert.deepEqual(m.bytes, [0x40, ...Array.from({ length: 15 }, (_, k) => 0x61 + k)]);
  assert.deepEqual(
    caseTwins(m),
    Array.from({ length: 15 }, (_, k) => 0x61 + k),
  );
  const j = nackAlternative(range('74.0.0.0/8')).matchers[0];
  assert.deepEqual(caseTwins(j), [106]);
  assert.deepEqual(caseTwins(nackAlternative(range('92.0.0.0/8')).matchers[0]), []);
});

/** The bytes a one-class pattern accepts, read back through the l7 parser. */
function classMembers(winbox: string): number[] {
  const p = fromWinbox(winbox);
  assert.deepEqual(p.errors, [], winbox);
  const ast = p.regex.ast as RegexNode;
  assert.equal(ast.type, 'class', winbox);
  const out: number[] = [];
  if (ast.type === 'class') ast.members.forEach((on, b) => on && out.push(b));
  return out;
}

test('classes: "]", "^", "-" and "\\" land where brackets read them literally, for any set', () => {
  const sets: number[][] = [
    [0x5c, 0x5d],
    [0x5d, 0x5e, 0x5f],
    [0x2d, 0x5e],
    [0x2c, 0x2d, 0x2e],
    [0x2d, 0x30],
    [0x5b, 0x5c, 0x5d, 0x5e],
    [0x01, 0x5d, 0xff],
    [0x5e, 0x60],
    [0x7c, 0x7d],
    [0x7b, 0x7c],
    [0x7c, 0x7e],
  ];
  // "|" is never listed on its own (the linter would read it as a misplaced "or", RSC3003).
  assert.equal(regexClass([0x7c, 0x7d]), '[\\x7c-\\x7d]');
  assert.equal(regexClass([0x7c, 0x7e]), '[\\x7c-\\x7c\\x7e]');
  for (const s of sets) assert.deepEqual(classMembers(regexClass(s)), s, regexClass(s));
  // And over many random sets (seeded, so a failure reproduces).
  let seed = 7;
  const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);
  for (let k = 0; k < 400; k++) {
    const s = new Set<number>();
    const n = 1 + Math.floor(rnd() * 20);
    const base = 0x20 + Math.floor(rnd() * 0x60);
    for (let i = 0; i < n; i++) {
      const b = base + Math.floor(rnd() * 24);
      if (b >= 1 && b <= 0xff && !(b >= 0x41 && b <= 0x5a)) s.add(b);
    }
    if (s.size < 2) continue;
    const sorted = [...s].sort((x, y) => x - y);
    assert.deepEqual(classMembers(regexClass(sorted)), sorted, regexClass(sorted));
  }
});

test('no bounded repetition or other syntax the kernel matcher lacks, whatever the ranges', () => {
  for (const ranges of [['92.0.0.0/8', '213.45.16.0/20', '1.0.0.0/24'], ['92.0.0.0/7'], ['8.8.8.8']]) {
    for (const mode of ['tolerant', 'strict'] as const) {
      const p = pattern(ranges, mode);
      assert.ok(!/[{}]/.test(p.winbox), p.winbox);
      const parsed = parseRegex(fromCli(p.cli).engine);
      assert.deepEqual(parsed.unsupported, []);
      assert.deepEqual(parsed.errors, []);
      assert.ok(parsed.groupCount <= MAX_GROUPS);
    }
  }
});
