// The allocation-free traversal helpers must agree exactly with the simple definitions they replace:
// walk() with childrenOf() order and parents, pushChildrenReversed() with childrenOf(), forEachToken()
// with `tokens`, tokenAt() with `tokens`, and menu arrays shared between the commands of a section.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainTree } from '../../../test/plain-tree';
import {
  childrenOf,
  memoOn,
  parse,
  pushChildrenReversed,
  reparse,
  walk,
  type CommandNode,
  type Node,
} from './index';
import { AtomNamedArg } from './nodes';

const fixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'syntax');
const samples = (): string[] => [
  ...readdirSync(fixtures)
    .filter((f) => f.endsWith('.rsc'))
    .map((f) => readFileSync(join(fixtures, f), 'utf8')),
  ':local a {x=1;y=[:len "a$b"]}\n:if ($a->"x" = 1 && !(2 < 3)) do={ :put (-$a) } else={ /ip address { print } }\n',
  '/ip firewall filter add chain=forward comment="a\\\n  b"\n/ip firewall filter add action=drop\n',
  '{ [ ( unterminated',
];

/**
 * The same node: identical, or (for the nodes made anew on each access: an AtomNamedArg's value, the
 * arguments a MenuCommand keeps as numbers) a node with the same properties.
 */
function sameNode(a: Node, b: Node, what: string): void {
  if (a === b) return;
  assert.ok(
    (a.kind === 'literal' && b.kind === 'literal') ||
      (a instanceof AtomNamedArg && b instanceof AtomNamedArg),
    `${what}: different nodes`,
  );
  assert.deepEqual(plainTree(a), plainTree(b), what);
}

/** The reference: recursive pre-order over childrenOf, with each node's parent. */
function reference(root: Node): [Node, Node | undefined][] {
  const out: [Node, Node | undefined][] = [];
  const visit = (n: Node, parent: Node | undefined): void => {
    out.push([n, parent]);
    for (const c of childrenOf(n)) visit(c, n);
  };
  visit(root, undefined);
  return out;
}

test('walk visits childrenOf in pre-order with the right parents', () => {
  for (const text of samples()) {
    const root = parse(text).root;
    const seen: [Node, Node | undefined][] = [];
    walk(root, (n, parent) => {
      seen.push([n, parent]);
    });
    const want = reference(root);
    assert.equal(seen.length, want.length);
    for (let i = 0; i < want.length; i++) {
      sameNode(seen[i][0], want[i][0], `node ${i}`);
      if (seen[i][1] === undefined) assert.equal(want[i][1], undefined, `parent of node ${i}`);
      else sameNode(seen[i][1] as Node, want[i][1] as Node, `parent of node ${i}`);
    }
  }
});

test('walk skips the children of a node when visit returns false', () => {
  const root = parse(':if (1) do={ :put a }\n:put b\n').root;
  const kinds: string[] = [];
  walk(root, (n) => {
    kinds.push(n.kind);
    if (n.kind === 'command' && n.name === 'if') return false;
    return undefined;
  });
  assert.deepEqual(kinds, ['script', 'command', 'command', 'positionalArg', 'literal']);
});

test('pushChildrenReversed pushes exactly the reversed childrenOf', () => {
  for (const text of samples()) {
    walk(parse(text).root, (n) => {
      const stack: Node[] = [];
      pushChildrenReversed(n, stack);
      assert.deepEqual(stack, [...childrenOf(n)].reverse());
    });
  }
});

test('forEachToken yields the same tokens as the tokens array, before and after it is built', () => {
  for (const text of samples()) {
    const r = parse(text);
    const before: [string, number, number][] = [];
    r.forEachToken((k, s, e) => before.push([k, s, e]));
    const tokens = r.tokens.map((t): [string, number, number] => [t.kind, t.start, t.end]);
    const after: [string, number, number][] = [];
    r.forEachToken((k, s, e) => after.push([k, s, e]));
    assert.deepEqual(before, tokens);
    assert.deepEqual(after, tokens);
  }
});

test('tokenAt and tokenCount give the tokens array one token at a time, also after an incremental re-parse', () => {
  for (const text of samples()) {
    const edited = `${text.slice(0, text.length >> 1)}"x${text.slice(text.length >> 1)}`;
    for (const r of [parse(text), reparse(parse(text), text, edited)]) {
      const one = Array.from({ length: r.tokenCount }, (_, i) => r.tokenAt(i));
      assert.deepEqual(one, r.tokens);
      assert.deepEqual(
        Array.from({ length: r.tokenCount }, (_, i) => r.tokenAt(i)),
        r.tokens,
      );
    }
  }
});

test('commands of one menu section share one menu array', () => {
  const r = parse('/ip firewall filter\nadd chain=a\nadd chain=b\n/ip firewall filter add chain=c\n');
  const cmds = r.root.statements.filter((s): s is CommandNode => s.kind === 'command');
  assert.equal(cmds.length, 3);
  assert.deepEqual(cmds[0].menu, ['ip', 'firewall', 'filter']);
  assert.equal(cmds[0].menu, cmds[1].menu);
  assert.equal(cmds[1].menu, cmds[2].menu);
});

test('memoOn computes once per owner and keeps the value hidden on the owner', () => {
  const slot = Symbol('test memo');
  const a = parse(':local x 1\n');
  const b = parse(':local x 1\n');
  let made = 0;
  const make = (p: typeof a) => ({ statements: p.root.statements.length, n: ++made });
  const first = memoOn(a, slot, make);
  assert.equal(memoOn(a, slot, make), first);
  assert.notEqual(memoOn(b, slot, make), first);
  assert.equal(made, 2);
  // Not enumerable: trees and results compare and serialize as before.
  assert.deepEqual(Object.keys(a), Object.keys(parse(':local x 1\n')));
  assert.equal(Object.getOwnPropertyDescriptor(a, slot)?.enumerable, false);
});
