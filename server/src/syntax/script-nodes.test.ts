// The compact script nodes (script-nodes.ts, EscapedStringLiteral in strings.ts) read like the object
// literals they replace: derived ranges match the source, parts made on each read equal what the general
// decoder gives, and all of it still holds after an incremental re-parse has moved the node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rscSources } from '../../../test/rsc-sources';
import { schemaOracle } from '../lint/oracle';
import { controlParts } from './global-commands';
import { decodeStringContent, EscapedStringLiteral, type DecodedString } from './strings';
import { parse, reparse, walk, type LiteralNode, type Node } from './index';
import { ControlCommand, GlobalCommand, ValueArrayItem, ValuePositionalArg } from './script-nodes';
import { lintText } from '../lint';
import { plainTree } from '../../../test/plain-tree';

/** Checks every derived property of the nodes of `text`'s tree against the source. */
function checkDerived(root: Node, text: string, context: string): number {
  let checked = 0;
  walk(root, (n) => {
    if (n instanceof ValuePositionalArg || n instanceof ValueArrayItem) {
      assert.deepEqual([n.start, n.end], [n.value.start, n.value.end], context);
      checked++;
    }
    if (n.kind === 'literal') {
      // A word or a string literal: its text is exactly the source of its range.
      assert.equal(n.text, text.slice(n.start, n.end), `${context} at ${n.start}`);
      checked++;
    }
    if (n.kind === 'variable' && !n.quoted) {
      assert.equal('$' + n.name, text.slice(n.start, n.end), `${context} at ${n.start}`);
      checked++;
    }
    if (n.kind === 'binary') {
      assert.equal(n.start, n.left.start, context);
      assert.ok(n.end >= (n.right ?? n.left).end, context);
    }
    if (n.kind === 'command' && n.isGlobal) {
      // Its name's range is derived: `:name` or `name` as written, from its start.
      assert.equal(n.nameStart, n.start, context);
      const written = text.slice(n.nameStart, n.nameEnd);
      assert.ok(written === n.name || written === ':' + n.name, `${context} at ${n.start}: ${written}`);
      checked++;
    }
    if (n instanceof GlobalCommand) {
      // New arrays for fewer than three, but the same argument nodes on each read (the scope model skips
      // a command's name argument by identity).
      const [a, b] = [n.args, n.args];
      assert.equal(a.length, b.length, context);
      a.forEach((x, i) => assert.equal(x, b[i], context));
      checked++;
    }
    if (n.kind === 'command' && n.callee) {
      // A call is named after what it calls: `$f` for a variable, else `$`.
      assert.equal(n.name, n.callee.kind === 'variable' ? '$' + n.callee.name : '$', context);
      assert.equal(n.nameStart, n.start, context);
      checked++;
    }
    if (n instanceof ControlCommand) {
      // Made on each read, equal each time, from the command's own argument nodes.
      const a = n.control;
      assert.deepStrictEqual(a, controlParts(n), context);
      if (a.do) assert.ok(n.args.some((x) => x.kind !== 'where' && 'value' in x && x.value === a.do));
      checked++;
    }
    if ((n.kind === 'code' || n.kind === 'substitution') && n.statements.length > 0) {
      assert.equal(n.statements[0], n.statements[0], 'the same statement nodes on each read');
      assert.ok(
        n.statements.every((s) => n.start <= s.start && s.end <= n.end),
        context,
      );
    }
  });
  return checked;
}

function escapedLiterals(root: Node): LiteralNode[] {
  const out: LiteralNode[] = [];
  walk(root, (n) => {
    if (n instanceof EscapedStringLiteral) out.push(n as unknown as LiteralNode);
  });
  return out;
}

const KEYS = ['raw', 'value', 'hasInterpolation', 'offsets', 'parts', 'errors', 'escapes'] as const;

test('derived ranges, texts and control parts of script nodes match the source, before and after a re-parse', () => {
  let checked = 0;
  for (const { name, text } of rscSources(7)) {
    const first = parse(text, { commandOracle: schemaOracle });
    checked += checkDerived(first.root, text, name);
    // Insert a line at the top: every node after it is reused and moved.
    const next = '# moved\n' + text;
    const again = reparse(first, text, next, { commandOracle: schemaOracle });
    checked += checkDerived(again.root, next, `${name} (moved)`);
  }
  assert.ok(checked > 10_000, `only ${checked} nodes checked`);
});

test('a string with escapes is its own decoded form, equal to the general decoder, and moves with its node', () => {
  const text = ':local a "x\\ty $b $[:len "q"] \\"end\\""\n:put "plain"\n:put "\\$5 \\\n    more"\n';
  const first = parse(text);
  const lits = escapedLiterals(first.root);
  assert.equal(lits.length, 2);
  const before = lits.map((lit) => {
    assert.equal(lit.string, lit, 'lit.string === lit');
    const s = lit.string as DecodedString;
    const general = decodeStringContent(text.slice(lit.start + 1, lit.end - 1), lit.start + 1);
    for (const key of KEYS) assert.deepStrictEqual(s[key], general[key], `${key} of ${lit.text}`);
    return general;
  });
  const next = '# x\n' + text;
  const moved = escapedLiterals(reparse(first, text, next).root);
  assert.equal(moved.length, 2);
  moved.forEach((lit, i) => {
    const general = decodeStringContent(next.slice(lit.start + 1, lit.end - 1), lit.start + 1);
    for (const key of KEYS) assert.deepStrictEqual((lit.string as DecodedString)[key], general[key], key);
    assert.deepStrictEqual(
      lit.string?.offsets,
      before[i].offsets.map((o) => o + 4),
    );
  });
});

test('a string with escapes that has errors or no closing quote keeps the general decoded form', () => {
  for (const text of [':put "a\\qb"\n', ':put "a\\tb']) {
    const r = parse(text);
    assert.equal(escapedLiterals(r.root).length, 0, text);
    assert.ok(r.errors.length > 0, text);
  }
});

test('an opened parenthesis that takes in thousands of export lines: lints, starts read in constant time', () => {
  // `:put (` followed by an export nests every later line into one left-leaning chain of binary nodes
  // (found by the typing bench: a `(` typed into a 10,000-line document overflowed the stack when a
  // binary node's start was read through its left operands, and the lookup of the statement holding
  // the syntax error walked down the chain reading starts: quadratic, seconds per keystroke).
  const line = '\n/ip firewall filter add chain=forward action=accept comment="x"';
  const text = `:put (${line.repeat(5000)}`;
  const parsed = parse(text, { commandOracle: schemaOracle });
  let paren: Node | undefined;
  let deepest = 0;
  walk(parsed.root, (n) => {
    if (n.kind === 'paren' && !paren) paren = n;
    if (n.kind === 'binary') {
      deepest++;
      // A field, not a getter reading through the chain.
      assert.ok(Object.getOwnPropertyDescriptor(n, 'start')?.value === n.left.start);
    }
  });
  assert.ok(deepest > 5000);
  assert.ok(paren?.kind === 'paren' && paren.expression);
  assert.equal(paren.expression.start, text.indexOf('(') + 2);
  assert.ok(lintText(text).diagnostics.length > 0);
});

test('binary expressions keep operator, its start and their end, packed or wide, also when moved', () => {
  // Operands from a few characters to 40,000: past what BinaryExpr packs (a left operand of 16 KB, 2 KB
  // from the operator to the end), where it is a WideBinaryExpr.
  const long = (n: number) => `"${'x'.repeat(n)}"`;
  const text =
    `:put ($a . "b" . $c)\n:put (${long(20000)} . $x)\n:put ($x . ${long(3000)} . $y)\n` +
    `:put (${long(40000)} . ${long(5000)})\n:if ($a = 1 and $b != 2) do={ :put ($a->"k") }\n:put (1 +`;
  const check = (root: Node, src: string, context: string): number => {
    let n = 0;
    walk(root, (b) => {
      if (b.kind !== 'binary') return;
      n++;
      assert.equal(b.start, b.left.start, context);
      assert.ok(b.operatorStart >= b.left.end && b.end >= (b.right ?? b.left).end, context);
      if (b.operator !== ' ')
        assert.equal(src.slice(b.operatorStart, b.operatorStart + b.operator.length), b.operator);
    });
    return n;
  };
  const first = parse(text);
  assert.ok(check(first.root, text, 'fresh') >= 9);
  const next = '# moved\n' + text;
  const moved = reparse(first, text, next);
  check(moved.root, next, 'moved');
  assert.deepStrictEqual(plainTree(moved.root), plainTree(parse(next).root));
});
