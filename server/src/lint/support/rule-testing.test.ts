// Tests for the rule tester itself: it passes exactly the right expectations and fails each wrong one
// (code, range, line, severity, message, fix output, fix safety, a fix too many or too few, the re-lint),
// parses like lintText, and refuses rules the registry does not list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rule as r3001 } from '../rules/l7-single-backslash-escape';
import { rule as r2001 } from '../rules/unknown-command';
import { rule as r3005 } from '../rules/l7-unanchored-short';
import type { Rule } from '../types';
import {
  applyFix,
  assertFindings,
  findings,
  lineAt,
  pipeline,
  rangeOf,
  registeredRule,
  registeredRules,
  spans,
  type Expected,
  type InvalidCase,
} from './rule-testing';

const l7 = (v: string): string => `/ip firewall layer7-protocol add name=p regexp="${v}"`;
const text = `# one\n${l7(String.raw`\xd5`)}`;
const right: Expected = {
  at: String.raw`\xd5`,
  line: 2,
  severity: 'error',
  message: /one backslash/,
  fix: `# one\n${l7(String.raw`\\xd5`)}`,
};

const check = (c: InvalidCase, rule: Rule = r3001): void =>
  assertFindings(rule, c, findings(rule, c.text, c.options));

test('the right expectation passes, by substring, by offsets, by line alone and with a RegExp fix', () => {
  check({ text, errors: [right] });
  const [start, end] = rangeOf(text, String.raw`\xd5`);
  check({ text, errors: [{ ...right, at: [start, end] }] });
  check({ text, errors: [{ line: 2, fix: /regexp="\\\\xd5"$/ }] });
  check({ text, errors: [{ at: String.raw`\xd5`, fix: true }] });
});

test('each wrong expectation fails', () => {
  const wrong: Expected[] = [
    { ...right, code: 'RSC3002' },
    { ...right, at: 'xd5' },
    { ...right, at: [0, 1] },
    { ...right, line: 1 },
    { ...right, severity: 'warning' },
    { ...right, message: 'two backslashes' },
    { ...right, message: /^nothing like it/ },
    { ...right, fix: l7('nope') },
    { ...right, fix: /nope/ },
    { ...right, fix: undefined },
    { ...right, safe: false },
    { ...right, related: 1 },
    { ...right, tags: ['unnecessary'] },
  ];
  for (const e of wrong)
    assert.throws(() => check({ text, errors: [e] }), assert.AssertionError, JSON.stringify(e));
  // Too many and too few findings.
  assert.throws(() => check({ text, errors: [right, right] }), /2 finding\(s\) expected, got 1/);
  assert.throws(() => check({ text, errors: [] }), /0 finding\(s\) expected, got 1/);
  // Neither where nor which line.
  assert.throws(() => check({ text, errors: [{ fix: true }] }), /neither at nor line/);
});

test('after a lone fix the text must lint clean, unless the case says otherwise', () => {
  // RSC3005 anchors a single byte at the end and still reports the result (10 packets per connection).
  const weak = l7(String.raw`\\xd5`);
  assert.throws(
    () => check({ text: weak, errors: [{ at: String.raw`\\xd5`, fix: true }] }, r3005),
    /not clean/,
  );
  check({ text: weak, relint: false, errors: [{ at: String.raw`\\xd5`, fix: true }] }, r3005);
});

test("a pipeline case sees what lintText reports: here RSC3001 supersedes the parser's RSC1002", () => {
  const t = l7(String.raw`\xd5`);
  assert.deepEqual(
    pipeline(t).map((d) => d.code),
    ['RSC3009', 'RSC3001'],
  );
});

test('findings parse like lintText: the command-name oracle is on unless commandNames is false', () => {
  // With the oracle `{` after the unknown `/iox` is the parser's RSC1004, and RSC2001 says nothing more.
  const t = '/iox mqtt { add name=x }';
  assert.deepEqual(spans(t, findings(r2001, t)), []);
  assert.deepEqual(spans(t, findings(r2001, t, { commandNames: false })), ['warning:iox']);
});

test('rules must be the registered ones; families come from the registry', () => {
  const copy: Rule = { meta: { ...r3001.meta }, check: r3001.check };
  assert.throws(() => registeredRule(copy), /another rule object/);
  assert.throws(() => registeredRule('RSC9999'), /not in lint\/registry\.ts/);
  assert.equal(registeredRule('RSC3001'), r3001);
  const flow = registeredRules(/^RSC4/).map((r) => r.meta.code);
  assert.ok(flow.includes('RSC4001') && flow.every((c) => c.startsWith('RSC4')));
  assert.throws(() => registeredRules(/^RSC9/), /no registered rule/);
});

test('applyFix applies edits from the end and refuses overlapping ones', () => {
  const fix = {
    title: 't',
    safe: true,
    edits: [
      { start: 0, end: 1, newText: 'AB' },
      { start: 2, end: 2, newText: '-' },
    ],
  };
  assert.equal(applyFix('abc', fix), 'ABb-c');
  assert.throws(() =>
    applyFix('abc', {
      ...fix,
      edits: [
        { start: 0, end: 2, newText: 'x' },
        { start: 1, end: 3, newText: 'y' },
      ],
    }),
  );
  assert.equal(lineAt('a\nb\nc', 4), 3);
});
