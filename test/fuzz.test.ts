// Seeded fuzzing of the linter as the editor drives it: 10,000+ inputs per run, half strings of random
// tokens of the language, half random mutations of the fixtures, each linted from scratch and, as the
// next keystroke of a chain, through the incremental re-parse and the per-statement lint memo. Every
// input must lint without throwing, within a bounded amount of work, with every range (diagnostic,
// related location, fix edit) inside the text, and the incremental result must equal the fresh one.
// A failure names the seed and the step; FUZZ_SEED and FUZZ_INPUTS change them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prng } from './prng';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LintMemo, lintParsed, lintText, parseOptions, type Diagnostic } from '../server/src/lint';
import { reparse, type ParseResult } from '../server/src/syntax';

const SEED = Number(process.env.FUZZ_SEED ?? 2212);
const INPUTS = Number(process.env.FUZZ_INPUTS ?? 10_000);

/** Pieces of RouterOS script, broken ones included, and the characters that change how the rest parses. */
const TOKENS = [
  ' ',
  ' ',
  ' ',
  '\n',
  '\n',
  '\r\n',
  '\r',
  '\t',
  '\\\n',
  '\\',
  ';',
  '#',
  '# note\n',
  '"',
  '"',
  '\\"',
  '\\$',
  '\\n',
  '\\AB',
  '\\x',
  '$',
  '$(',
  '$[',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '=',
  ':',
  '/',
  '.',
  ',',
  '->',
  '!',
  '&&',
  '||',
  '~',
  '+',
  '-',
  '*',
  '<',
  '>',
  '<=',
  '!=',
  'x',
  'a',
  'v',
  '1',
  '0',
  '65535',
  '99999999999',
  '1.2.3.4',
  '10.0.0.0/8',
  '::1',
  '1h',
  '00:01:00',
  'yes',
  'no',
  'true',
  'nil',
  ':local',
  ':global',
  ':set',
  ':put',
  ':if',
  ':for',
  ':foreach',
  ':while',
  ':do',
  ':return',
  ':error',
  ':log info',
  ':len',
  ':pick',
  ':toarray',
  ':parse',
  ':execute',
  'do=',
  'else=',
  'in=',
  'from=',
  'to=',
  'step=',
  'on-error=',
  'where',
  'find',
  'add',
  'set',
  'remove',
  'print',
  'export',
  '/ip firewall filter',
  '/ip firewall mangle',
  '/ip firewall layer7-protocol',
  '/ip address',
  '/queue tree',
  '/system script',
  '/interface',
  '/ip',
  'chain=forward',
  'chain=',
  'action=accept',
  'action=mark-packet',
  'new-packet-mark=pm',
  'packet-mark=pm',
  'new-connection-mark=cm',
  'connection-mark=cm',
  'passthrough=no',
  'src-address-list=l',
  'address-list=l',
  'layer7-protocol=p',
  'name=p',
  'regexp="^\\\\x16\\\\x03"',
  'regexp=^.+$',
  'comment="c"',
  'disabled=yes',
  'parent=global',
  'max-limit=10M',
  'address=1.2.3.4/24',
  'interface=ether1',
  'list=l',
  'timeout=1d',
  '# rsc-disable-next-line',
  '# rsc-disable-next-line RSC2001',
  '[find where name="x"]',
  '$a',
  '$"a b"',
  '{"a";"b"}',
  '{a=1;b=2}',
  '($a + 1)',
  '[:len $a]',
  '"a$b\\$c"',
  '"$[:pick $a 0 1]"',
  '*1',
  '*FFFF',
];

/** The project's own scripts: the examples and every fixture (not the corpus: tests stay self-contained). */
function fixtureTexts(): string[] {
  const out: string[] = [];
  for (const dir of [join(__dirname, '..', 'examples'), join(__dirname, 'fixtures')]) {
    const files = (readdirSync(dir, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.rsc'))
      .sort();
    for (const f of files) out.push(readFileSync(join(dir, f), 'utf8'));
  }
  return out;
}

function randomTokens(r: () => number): string {
  const n = 1 + Math.floor(r() * 60);
  let s = '';
  for (let i = 0; i < n; i++) s += TOKENS[Math.floor(r() * TOKENS.length)];
  return s;
}

/** One random edit of `text`: insert a token, delete a short or long range, replace, or duplicate. */
function mutate(text: string, r: () => number): string {
  const at = Math.floor(r() * (text.length + 1));
  const token = TOKENS[Math.floor(r() * TOKENS.length)];
  const kind = r();
  const len = Math.floor(r() * (r() < 0.8 ? 4 : 80));
  if (kind < 0.4) return text.slice(0, at) + token + text.slice(at);
  if (kind < 0.7) return text.slice(0, at) + text.slice(at + len);
  if (kind < 0.9) return text.slice(0, at) + token + text.slice(at + len);
  return text.slice(0, at) + text.slice(at, at + len) + text.slice(at);
}

function assertInside(ds: readonly Diagnostic[], text: string, where: string): void {
  const n = text.length;
  const check = (s: number, e: number, what: string) =>
    assert.ok(
      Number.isInteger(s) && Number.isInteger(e) && s >= 0 && s <= e && e <= n,
      `${where}: ${what} ${s}..${e} is not inside the text (length ${n}): ${JSON.stringify(text.slice(0, 300))}`,
    );
  for (const d of ds) {
    check(d.start, d.end, d.code);
    for (const rel of d.related ?? []) check(rel.start, rel.end, `${d.code} related`);
    for (const ed of d.fix?.edits ?? []) check(ed.start, ed.end, `${d.code} fix edit`);
  }
}

/** Diagnostics without fields that are equal by construction, for a readable diff. */
const plain = (ds: readonly Diagnostic[]) => JSON.stringify(ds);

test('the linter on random and mutated scripts: no throw, bounded work, ranges inside, incremental = fresh', () => {
  const r = prng(SEED);
  const fixtures = fixtureTexts();
  assert.ok(fixtures.length >= 20, `${fixtures.length} fixtures`);
  const options = parseOptions({});

  // A chain is one document typed into: its parse and memo are carried from input to input.
  let chainText = '';
  let chainParse: ParseResult | undefined;
  let memo = new LintMemo();
  let incrementalChecks = 0;

  for (let i = 0; i < INPUTS; i++) {
    const where = `seed ${SEED}, input ${i}`;
    let text: string;
    if (i % 50 === 0 || chainParse === undefined) {
      // A new chain: random tokens, or a fixture (first mutated a little).
      text = r() < 0.5 ? randomTokens(r) : mutate(fixtures[Math.floor(r() * fixtures.length)], r);
      chainParse = undefined;
      memo = new LintMemo();
    } else text = r() < 0.15 ? chainText + randomTokens(r) : mutate(chainText, r);

    const fresh = lintText(text);
    assertInside(fresh.diagnostics, text, where);
    for (const e of fresh.parse.errors)
      assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length, where);
    // Bounded work: the parser counts its steps; they grow linearly with the input.
    assert.ok(
      fresh.parse.steps <= 64 * (text.length + 16),
      `${where}: ${fresh.parse.steps} steps for ${text.length} chars`,
    );

    if (chainParse !== undefined) {
      const again = reparse(chainParse, chainText, text, options);
      const incremental = lintParsed(again, text, {}, memo);
      incrementalChecks++;
      if (plain(incremental.diagnostics) !== plain(fresh.diagnostics))
        assert.deepEqual(
          incremental.diagnostics,
          fresh.diagnostics,
          `${where}: incremental lint differs from a fresh lint after editing ${JSON.stringify(chainText.slice(0, 200))} into ${JSON.stringify(text.slice(0, 200))}`,
        );
      chainParse = incremental.parse;
    } else {
      // Start the chain from the incremental side's own first lint, so its memo is filled.
      chainParse = lintParsed(fresh.parse, text, {}, memo).parse;
    }
    chainText = text;
  }
  assert.ok(incrementalChecks >= INPUTS * 0.9, `${incrementalChecks} incremental comparisons`);
});

test('lintText(":") keeps its diagnostic inside the text', () => {
  for (const text of [':', '/', '/ip firewall filter add chain=', ':local', '$', '[', '"', '\\']) {
    const { diagnostics } = lintText(text);
    assertInside(diagnostics, text, JSON.stringify(text));
  }
  const { diagnostics } = lintText(':');
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.start, d.end]),
    [['RSC1004', 0, 1]],
  );
});

test('a big document: an opened quote, bracket, brace or parenthesis typed and undone lints like a fresh parse', () => {
  // The random inputs above are small; what an opened bracket does to thousands of lines after it (one
  // expression nesting every later line, one string flipping the rest) only shows on a big document
  // (the typing bench found a stack overflow there that no small input could reach).
  // An export first (no parenthesis or quote in 5,000 lines to stop what is opened), then the fixtures.
  const lines = ['/ip firewall filter'];
  for (let i = 0; i < 5000; i++)
    lines.push(
      `add chain=${i % 3 ? 'forward' : 'input'} action=${i % 7 ? 'accept' : 'drop'} protocol=tcp dst-port=${1000 + i} src-address-list=list${i % 13}`,
    );
  const base = `${lines.join('\n')}\n${fixtureTexts().join('\n')}\n`;
  const options = parseOptions({});
  const r = prng(SEED + 1);
  let text = base;
  const memo = new LintMemo();
  let parsed = lintParsed(lintText(text).parse, text, {}, memo).parse;
  for (const typed of ['(', '"', '[', '{', '$(', '\\\n']) {
    // Near the start, so the rest of the document is what the opened bracket or string takes in.
    const at = Math.floor(r() * 2000);
    for (const next of [text.slice(0, at) + typed + text.slice(at), base]) {
      const where = `typing ${JSON.stringify(typed)} at ${at}${next === base ? ', undone' : ''}`;
      const fresh = lintText(next);
      assertInside(fresh.diagnostics, next, where);
      const incremental = lintParsed(reparse(parsed, text, next, options), next, {}, memo);
      if (plain(incremental.diagnostics) !== plain(fresh.diagnostics))
        assert.deepEqual(incremental.diagnostics, fresh.diagnostics, where);
      parsed = incremental.parse;
      text = next;
    }
  }
});
