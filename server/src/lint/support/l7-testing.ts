// Test support for the RSC3nnn rules (imported only by tests): run a chosen set of rules on a snippet without
// the registry, apply a fix to the text, and the list of every layer-7 rule.
import assert from 'node:assert/strict';
import { parse } from '../../syntax';
import { runRules as runRuleList } from '../index';
import type { Diagnostic, Fix, LintOptions, Rule } from '../types';
import { rule as r3001 } from '../rules/l7-single-backslash-escape';
import { rule as r3002 } from '../rules/l7-metachar-byte-escape';
import { rule as r3003 } from '../rules/l7-pipe-in-brackets';
import { rule as r3004 } from '../rules/l7-dotted-ip-class';
import { rule as r3005 } from '../rules/l7-unanchored-short';
import { rule as r3006 } from '../rules/l7-compile-error';
import { rule as r3007 } from '../rules/l7-hex-letter-escape';
import { rule as r3008 } from '../rules/l7-missing-prefilter';
import { rule as r3009 } from '../rules/l7-undefined-protocol';
import { rule as r3010 } from '../rules/l7-winbox-form-in-cli';
import { rule as r3011 } from '../rules/l7-one-direction-chain';
import { rule as r3012 } from '../rules/l7-nul-byte';
import { rule as r3013 } from '../rules/l7-latin1-fold';
import { rule as r3014 } from '../rules/l7-unsupported-syntax';
import { rule as r3015 } from '../rules/l7-empty-branch';

/** Every layer-7 rule, in code order (registry.ts lists them too). */
export const l7Rules: readonly Rule[] = [
  r3001,
  r3002,
  r3003,
  r3004,
  r3005,
  r3006,
  r3007,
  r3008,
  r3009,
  r3010,
  r3011,
  r3012,
  r3013,
  r3014,
  r3015,
];

/** Runs `rules` on `text` like lintText does, without the parser's own RSC1nnn diagnostics. */
export function runRules(rules: readonly Rule[], text: string, options: LintOptions = {}): Diagnostic[] {
  return runRuleList(parse(text), text, rules, options).sort(
    (a, b) => a.start - b.start || a.code.localeCompare(b.code),
  );
}

/** The text after applying one fix (edits applied from the end so offsets stay valid). */
export function applyFix(text: string, fix: Fix): string {
  let out = text;
  for (const e of [...fix.edits].sort((x, y) => y.start - x.start || y.end - x.end)) {
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  }
  return out;
}

/** `[code, start, end]` of each diagnostic, the shape most rule tests assert. */
export function codesAndRanges(ds: readonly Diagnostic[]): [string, number, number][] {
  return ds.map((d) => [d.code, d.start, d.end]);
}

/** Document range of the `nth` occurrence (0-based) of `sub` in `text`; fails the test when absent. */
export function rangeOf(text: string, sub: string, nth = 0): [number, number] {
  let at = -1;
  for (let k = 0; k <= nth; k++) {
    at = text.indexOf(sub, at + 1);
    assert.ok(at >= 0, `"${sub}" (occurrence ${nth}) not found in the snippet`);
  }
  return [at, at + sub.length];
}

export interface Expected {
  /** The text the diagnostic covers, and which occurrence of it (default the first). */
  at: string;
  nth?: number;
  severity?: Diagnostic['severity'];
  /** The whole text after applying the diagnostic's fix; absent when the diagnostic has no fix. */
  fixed?: string;
}

/**
 * Asserts that `rule` reports exactly `expected` on `text` (codes, ranges, severities, fixes, in document
 * order), that each fix is safe exactly when the rule's meta says so, and that after a fix the text
 * re-lints clean for this rule when the snippet had one diagnostic.
 */
export function assertRule(
  rule: Rule,
  text: string,
  expected: readonly Expected[],
  options: LintOptions = {},
): void {
  const ds = runRules([rule], text, options);
  assert.deepEqual(
    codesAndRanges(ds),
    expected.map((e) => [rule.meta.code, ...rangeOf(text, e.at, e.nth)]),
  );
  ds.forEach((d, k) => {
    const e = expected[k];
    if (e.severity !== undefined) assert.equal(d.severity, e.severity);
    if (e.fixed === undefined) {
      assert.equal(d.fix, undefined, `unexpected fix: ${d.fix?.title ?? ''}`);
      return;
    }
    assert.ok(d.fix !== undefined, 'expected a fix');
    assert.equal(d.fix.safe, rule.meta.fix === 'safe');
    const after = applyFix(text, d.fix);
    assert.equal(after, e.fixed);
    if (expected.length === 1) assert.deepEqual(codesAndRanges(runRules([rule], after)), []);
  });
}

/** Asserts that `rule` reports nothing on each text. */
export function assertClean(rule: Rule, texts: readonly string[], options: LintOptions = {}): void {
  for (const t of texts) assert.deepEqual(codesAndRanges(runRules([rule], t, options)), [], t);
}
