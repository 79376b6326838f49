// Incremental re-parsing must be indistinguishable from parsing the new text from scratch: for thousands of
// seeded random edits (typing, deleting, pasting brackets, quotes, continuations, declarations) over real
// scripts, the tree, the tokens and the errors are compared with a full parse, and each result is resumed
// from again, as the editor does keystroke after keystroke.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prng } from '../../../test/prng';
import { plainTree } from '../../../test/plain-tree';
import { rscSources } from '../../../test/rsc-sources';
import { typingDocument } from '../../../bench/typing';
import { schemaOracle } from '../lint/oracle';
import { parse, reparse, type ParseOptions, type ParseResult, type ReparseStats } from './index';

// Every fifth corpus script: variety (exports, scripting, pasted terminal output) at a bounded cost.
const sources = () => rscSources(5);

const SNIPPETS = [
  'x',
  ' ',
  '\n',
  '\r\n',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  '"',
  '\\',
  '\\\n',
  ';',
  '#',
  '=',
  '/',
  '$',
  ':',
  ':local a 1\n',
  ':global g\n',
  ':set a 2\n',
  '/ip firewall filter\n',
  '/ip address\n',
  'add chain=forward action=accept\n',
  '}\n',
  ':if (true) do={\n',
];

/** A random edit: insert a snippet, delete a range, or replace a range with a snippet. */
function edit(text: string, r: () => number): string {
  const at = Math.floor(r() * (text.length + 1));
  const kind = r();
  const snippet = SNIPPETS[Math.floor(r() * SNIPPETS.length)];
  if (kind < 0.45) return text.slice(0, at) + snippet + text.slice(at);
  const len = Math.floor(r() * (r() < 0.8 ? 3 : 60));
  if (kind < 0.8) return text.slice(0, at) + text.slice(at + len);
  return text.slice(0, at) + snippet + text.slice(at + len);
}

function assertSame(incremental: ParseResult, fresh: ParseResult, context: string): void {
  const a = incremental.root.statements;
  const b = fresh.root.statements;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    // Statement by statement, so a failure names the first one that differs.
    assert.deepStrictEqual(plainTree(a[i]), plainTree(b[i]), `statement ${i} differs ${context}`);
  }
  assert.equal(a.length, b.length, `statement count differs ${context}`);
  assert.deepStrictEqual(incremental.tokens, fresh.tokens, `tokens differ ${context}`);
  const order = (es: ParseResult['errors']) =>
    [...es].sort((a, b) => a.start - b.start || a.end - b.end || a.message.localeCompare(b.message));
  assert.deepStrictEqual(order(incremental.errors), order(fresh.errors), `errors differ ${context}`);
}

for (const [label, options] of [
  ['with the command tree', { commandOracle: schemaOracle }],
  ['without an oracle', {}],
] as [string, ParseOptions][]) {
  test(`incremental re-parse equals a full parse after random edits (${label})`, () => {
    const r = prng(label.length * 7919);
    let edits = 0;
    let reused = 0;
    for (const { name, text: original } of sources()) {
      let text = original;
      let result = parse(text, options);
      for (let i = 0; i < 12; i++) {
        const next = edit(text, r);
        const stats: ReparseStats = { incremental: false, reparsed: 0 };
        const incremental = reparse(result, text, next, options, stats);
        const fresh = parse(next, options);
        assertSame(incremental, fresh, `in ${name} after edit ${i + 1}`);
        edits++;
        if (stats.incremental && stats.reparsed < next.length) reused++;
        text = next;
        result = incremental;
      }
    }
    assert.ok(edits > 500, `only ${edits} edits were tried`);
    // The point of the exercise: most edits re-read a small part of the text.
    assert.ok(reused > edits / 2, `only ${reused} of ${edits} edits reused part of the previous parse`);
  });
}

test('a one-character edit in a long export re-parses only its own statement', () => {
  const lines = ['/ip firewall filter'];
  for (let i = 0; i < 2000; i++)
    lines.push(`add chain=forward action=accept comment="rule ${i}" dst-port=${i}`);
  const text = lines.join('\n') + '\n';
  const first = parse(text, { commandOracle: schemaOracle });
  const at = text.indexOf('rule 1000');
  const next = text.slice(0, at) + 'x' + text.slice(at);
  const stats: ReparseStats = { incremental: false, reparsed: 0 };
  const result = reparse(first, text, next, { commandOracle: schemaOracle }, stats);
  assert.equal(stats.incremental, true);
  assert.ok(stats.reparsed < 200, `re-parsed ${stats.reparsed} characters`);
  assertSame(result, parse(next, { commandOracle: schemaOracle }), 'in the long export');
});

test('a result is resumed from once; the old result then falls back to a full parse', () => {
  const text = ':local a 1\n:put $a\n';
  const first = parse(text);
  const second = reparse(first, text, text + ':put 2\n');
  assert.equal(first.trace, undefined);
  const stats: ReparseStats = { incremental: true, reparsed: 0 };
  const again = reparse(first, text, text + ':put 3\n', {}, stats);
  assert.equal(stats.incremental, false);
  assertSame(again, parse(text + ':put 3\n'), 'after the fallback');
  assert.ok(second.trace);
});

test('a declaration changed above a :set is seen by the reused statements below', () => {
  const text = ':local a 1\n:put 1\n:set a 2\n';
  const first = parse(text);
  assert.equal(first.errors.length, 0);
  const next = text.replace(':local a', ':local b');
  const result = reparse(first, text, next);
  assertSame(result, parse(next), 'after renaming the variable');
  assert.ok(result.errors.some((e) => e.code === 'RSC1005'));
});

test('a menu line changed above is seen by the reused commands below', () => {
  const text = '/ip address\nadd address=10.0.0.1/24 interface=ether1\nprint\n';
  const first = parse(text, { commandOracle: schemaOracle });
  const next = text.replace('/ip address', '/ip route');
  const result = reparse(first, text, next, { commandOracle: schemaOracle });
  assertSame(result, parse(next, { commandOracle: schemaOracle }), 'after changing the menu');
});

test('edits next to the block boundaries of the prefix and suffix comparison are found exactly', () => {
  // reparse() compares the old and new text 2048 characters at a time before it compares characters; an
  // edit just before, at or after a block boundary (from either end) must still be located exactly.
  const lines = ['/ip firewall filter'];
  for (let i = 0; i < 300; i++) lines.push(`add chain=forward action=accept comment="rule ${i}"`);
  const text = lines.join('\n') + '\n';
  for (const boundary of [2048, 4096, 8192]) {
    for (const d of [-2, -1, 0, 1, 2]) {
      for (const at of [boundary + d, text.length - boundary + d]) {
        for (const change of ['x', '', '"']) {
          const next = text.slice(0, at) + change + text.slice(change === '' ? at + 1 : at);
          const result = reparse(parse(text), text, next);
          assertSame(result, parse(next), `after editing offset ${at} (${JSON.stringify(change)})`);
        }
      }
    }
  }
});

test('a quote or brace that takes in the rest of the file, then closed or undone, converges again', () => {
  const block = (i: number) =>
    `:foreach i in=[:toarray "a,b"] do={\n  :put "item $i ${i}"\n  :log info "x"\n}\n`;
  let text = '';
  for (let i = 0; i < 300; i++) text += block(i);
  const options = { commandOracle: schemaOracle };
  let result = parse(text, options);
  const at = text.indexOf(':log info', text.length / 2);
  // Typed one key at a time: `"`, `a`, `"` (the string is closed), then `{` and its undo.
  const steps = [
    text.slice(0, at) + '"' + text.slice(at),
    text.slice(0, at) + '"a' + text.slice(at),
    text.slice(0, at) + '"a"' + text.slice(at),
    text.slice(0, at) + '"a"{' + text.slice(at),
    text.slice(0, at) + '"a"' + text.slice(at),
  ];
  const reparsed: number[] = [];
  let before = text;
  for (const [i, next] of steps.entries()) {
    const stats: ReparseStats = { incremental: false, reparsed: 0 };
    result = reparse(result, before, next, options, stats);
    assertSame(result, parse(next, options), `after step ${i + 1}`);
    reparsed.push(stats.reparsed);
    before = next;
  }
  // The open string and the open brace take in the rest of the file (RouterOS reads it so too)...
  for (const i of [0, 1, 3]) assert.ok(reparsed[i] > text.length / 3, `step ${i + 1}: ${reparsed[i]}`);
  // ...and closing the string or deleting the brace re-parses one block, not the rest of the file.
  for (const i of [2, 4]) assert.ok(reparsed[i] < 500, `step ${i + 1} re-parsed ${reparsed[i]} characters`);
});

test('typing on after a lone quote re-parses little, and closing the string converges', () => {
  // The fallback (the parse from before the quote) serves the edit that closes the string; the letters
  // typed before that resume from the newest parse. With the fallback, each of them re-read the rest of
  // the file (found by a seeded run of random edits). The bench's 10,000-line typing document, where
  // resuming from the newest parse converges within the next statements.
  const text = typingDocument(10_000);
  const options = { commandOracle: schemaOracle };
  const at = text.indexOf('\n', Math.floor(text.length * 0.3)) + 1;
  let result = parse(text, options);
  const typed = ['"', '"a', '"ab', '"abc', '"abc"'];
  const reparsed: number[] = [];
  let before = text;
  for (const [i, t] of typed.entries()) {
    const next = text.slice(0, at) + t + text.slice(at);
    const stats: ReparseStats = { incremental: false, reparsed: 0 };
    result = reparse(result, before, next, options, stats);
    if (i === 0 || i === typed.length - 1) assertSame(result, parse(next, options), `after step ${i + 1}`);
    reparsed.push(stats.reparsed);
    before = next;
  }
  assert.ok(reparsed[0] > text.length / 3, `the lone quote: ${reparsed[0]}`);
  for (const i of [1, 2, 3, 4])
    assert.ok(
      reparsed[i] < text.length / 20,
      `step ${i + 1} re-parsed ${reparsed[i]} of ${text.length} characters`,
    );
});
