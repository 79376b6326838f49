// The rule tester (imported only by tests): every rule test states its cases as a table of valid and invalid
// snippets, each invalid one with the findings it must get (code, range, severity, message, fix output). The
// snippet is parsed exactly as lintText parses it and the rule is the one the registry lists; a case can
// also go through the whole pipeline (directives, one cause one error, superseding) with `pipeline: true`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '../../syntax';
import { lintText, parseOptions, runRules } from '../index';
import { rules as registered } from '../registry';
import type { Diagnostic, Fix, LintOptions, Rule, Severity } from '../types';

/** A file of test/fixtures/ (e.g. `flow/two-direction-queue-tree.rsc`), as text. */
export function fixture(path: string): string {
  return readFileSync(join(__dirname, '../../../../test/fixtures', path), 'utf8');
}

/** The registered rule with this code, or the registered rule that is this object; fails otherwise. */
export function registeredRule(rule: Rule | string): Rule {
  const code = typeof rule === 'string' ? rule : rule.meta.code;
  const found = registered.find((r) => r.meta.code === code);
  assert.ok(found, `${code} is not in lint/registry.ts`);
  if (typeof rule !== 'string') assert.ok(found === rule, `${code}: the registry lists another rule object`);
  return found;
}

/** The registered rules whose code passes `match` (a family, e.g. /^RSC4/), in registry order. */
export function registeredRules(match: RegExp): Rule[] {
  const out = registered.filter((r) => match.test(r.meta.code));
  assert.ok(out.length > 0, `no registered rule matches ${String(match)}`);
  return out;
}

/**
 * What `rules` alone report on `text`: parsed as lintText parses it (same options, same command-name
 * oracle), without the parser's own RSC1nnn diagnostics and without the pipeline's filtering. Sorted by
 * start offset, then code.
 */
export function findings(
  rules: Rule | readonly Rule[],
  text: string,
  options: LintOptions = {},
): Diagnostic[] {
  const list = Array.isArray(rules) ? (rules as readonly Rule[]) : [rules as Rule];
  for (const r of list) registeredRule(r);
  const parsed = parse(text, parseOptions(options));
  return runRules(parsed, text, list, options).sort(
    (a, b) => a.start - b.start || a.code.localeCompare(b.code),
  );
}

/** What the user sees: every diagnostic of lintText (parser, all rules, directives, superseding). */
export function pipeline(text: string, options: LintOptions = {}): Diagnostic[] {
  return lintText(text, options).diagnostics;
}

/** The text after applying one fix (edits applied from the end so offsets stay valid; they must not overlap). */
export function applyFix(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = text.length;
  for (const e of edits) {
    assert.ok(
      0 <= e.start && e.start <= e.end && e.end <= limit,
      `fix edit ${e.start}-${e.end} out of place`,
    );
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    limit = e.start;
  }
  return out;
}

/** `severity:covered text` of each finding, the compact shape many cases compare. */
export function spans(text: string, ds: readonly Diagnostic[]): string[] {
  return ds.map((d) => `${d.severity}:${text.slice(d.start, d.end)}`);
}

/** 1-based line of an offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Offset where 1-based `line` starts; fails when the text has fewer lines. */
function lineStart(text: string, line: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    at = text.indexOf('\n', at) + 1;
    assert.ok(at > 0, `the snippet has no line ${line}`);
  }
  return at;
}

/** Range of the `nth` (0-based) occurrence of `sub` at or after `from`; fails when absent. */
export function rangeOf(text: string, sub: string, nth = 0, from = 0): [number, number] {
  let at = from - 1;
  for (let k = 0; k <= nth; k++) {
    at = text.indexOf(sub, at + 1);
    assert.ok(at >= 0, `"${sub}" (occurrence ${nth}) not found in the snippet`);
  }
  return [at, at + sub.length];
}

/** One finding an invalid case must get. */
export interface Expected {
  /**
   * Where it is: the text it covers (its `nth` occurrence, default the first, counted from the start of
   * `line` when given) or `[start, end]` offsets. Without `at`, only `line` is checked.
   */
  at?: string | readonly [number, number];
  nth?: number;
  /** 1-based line the finding starts on. */
  line?: number;
  /** Default: the rule's code. */
  code?: string;
  /** Default: not checked (the rule's meta severity is what most findings have). */
  severity?: Severity;
  /** Fragments the message must contain (a string) or match (a RegExp). */
  message?: string | RegExp | readonly (string | RegExp)[];
  /**
   * The fix: the whole text after applying it, or a RegExp that text must match. Absent: the finding has
   * no fix. `true`: a fix whose output the case does not check (its safety still is).
   */
  fix?: string | RegExp | true;
  /** Whether the fix is safe. Default: exactly when the rule's meta says its fixes are safe. */
  safe?: boolean;
  /** How many related locations the finding lists. */
  related?: number;
  tags?: Diagnostic['tags'];
}

export interface Case {
  /** The test's name; default the snippet itself. */
  name?: string;
  text: string;
  /** Lint options: target version, packages, latin1Fold... */
  options?: LintOptions;
  /** Check what lintText reports (only this rule's codes) instead of the rule run alone. */
  pipeline?: boolean;
}

export interface InvalidCase extends Case {
  /** Every finding the rule reports, in document order. */
  errors: readonly Expected[];
  /**
   * After applying the fix of a case with a single finding, lint again and expect nothing (default true;
   * false where the rule rightly reports the fixed text too, with the reason in the case's name).
   */
  relint?: boolean;
}

const short = (text: string): string => JSON.stringify(text.length > 90 ? `${text.slice(0, 87)}...` : text);

/** The rule's findings on a case (alone, or the pipeline's findings of the rule's codes). */
function caseFindings(rule: Rule, c: Case, codes: ReadonlySet<string>): Diagnostic[] {
  if (!c.pipeline) return findings(rule, c.text, c.options);
  return pipeline(c.text, c.options).filter((d) => codes.has(d.code));
}

function expectedRange(text: string, e: Expected): [number, number] | undefined {
  if (e.at === undefined) return undefined;
  if (typeof e.at !== 'string') return [e.at[0], e.at[1]];
  return rangeOf(text, e.at, e.nth, e.line === undefined ? 0 : lineStart(text, e.line));
}

/** Asserts that `ds` (a rule's findings on `c.text`) are exactly `c.errors`. */
export function assertFindings(rule: Rule, c: InvalidCase, ds: readonly Diagnostic[]): void {
  const { text } = c;
  const show = (d: Diagnostic): string =>
    `${d.code}@${lineAt(text, d.start)} ${JSON.stringify(text.slice(d.start, d.end))}`;
  assert.equal(
    ds.length,
    c.errors.length,
    `${c.errors.length} finding(s) expected, got ${ds.length}: ${ds.map(show).join(', ')}`,
  );
  ds.forEach((d, k) => {
    const e = c.errors[k];
    const where = `finding ${k + 1} (${show(d)})`;
    assert.equal(d.code, e.code ?? rule.meta.code, `${where}: code`);
    assert.ok(0 <= d.start && d.start <= d.end && d.end <= text.length, `${where}: range inside the text`);
    const range = expectedRange(text, e);
    assert.ok(range !== undefined || e.line !== undefined, `${where}: the case gives neither at nor line`);
    if (range) assert.deepEqual([d.start, d.end], range, `${where}: range`);
    if (e.line !== undefined) assert.equal(lineAt(text, d.start), e.line, `${where}: line`);
    if (e.severity !== undefined) assert.equal(d.severity, e.severity, `${where}: severity`);
    const fragments = e.message === undefined ? [] : Array.isArray(e.message) ? e.message : [e.message];
    for (const f of fragments as readonly (string | RegExp)[]) {
      if (typeof f === 'string')
        assert.ok(d.message.includes(f), `${where}: message lacks ${JSON.stringify(f)}:\n${d.message}`);
      else assert.match(d.message, f, `${where}: message`);
    }
    if (e.related !== undefined)
      assert.equal(d.related?.length ?? 0, e.related, `${where}: related locations`);
    if (e.tags !== undefined) assert.deepEqual(d.tags, e.tags, `${where}: tags`);
    if (e.fix === undefined) {
      assert.equal(d.fix, undefined, `${where}: unexpected fix "${d.fix?.title ?? ''}"`);
      return;
    }
    assert.ok(d.fix !== undefined, `${where}: expected a fix`);
    assert.notEqual(rule.meta.fix, 'none', `${where}: a fix from a rule whose meta says it has none`);
    assert.equal(d.fix.safe, e.safe ?? rule.meta.fix === 'safe', `${where}: fix safety`);
    if (d.fix.edits.length === 0) {
      // A fix that asks first (a command) edits nothing yet; only its place can be checked.
      assert.ok(d.fix.command, `${where}: a fix with neither edits nor a command`);
      return;
    }
    const after = applyFix(text, d.fix);
    if (typeof e.fix === 'string') assert.equal(after, e.fix, `${where}: text after the fix`);
    else if (e.fix instanceof RegExp) assert.match(after, e.fix, `${where}: text after the fix`);
    if (c.errors.length === 1 && c.relint !== false) {
      const again = caseFindings(rule, { ...c, text: after }, new Set([rule.meta.code]));
      assert.deepEqual(again.map(show), [], `${where}: the fixed text is not clean`);
    }
  });
}

export interface Tests {
  valid?: readonly (string | Case)[];
  invalid?: readonly InvalidCase[];
}

/**
 * The tester for one registered rule (the rule object or its code):
 * `ruleTester(rule).run({ valid: [...], invalid: [...] })` makes one test per case (`valid: <name>`,
 * `invalid: <name>`) in a suite named `<code> <name>`. A valid case gets no finding from the rule; an
 * invalid case gets exactly its `errors`, in document order.
 */
export function ruleTester(ruleOrCode: Rule | string): { run(tests: Tests, title?: string): void } {
  const rule = registeredRule(ruleOrCode);
  const { code, name } = rule.meta;
  const codes = new Set([code]);
  return {
    run(tests, title) {
      describe(`${code} ${name}${title ? `: ${title}` : ''}`, () => {
        for (const v of tests.valid ?? []) {
          const c: Case = typeof v === 'string' ? { text: v } : v;
          it(`valid: ${c.name ?? short(c.text)}`, () => {
            const ds = caseFindings(rule, c, codes);
            assert.deepEqual(
              ds.map(
                (d) => `${d.code}@${lineAt(c.text, d.start)} ${JSON.stringify(c.text.slice(d.start, d.end))}`,
              ),
              [],
            );
          });
        }
        for (const c of tests.invalid ?? []) {
          it(`invalid: ${c.name ?? short(c.text)}`, () => {
            assertFindings(
              rule,
              c,
              caseFindings(rule, c, new Set([code, ...c.errors.map((e) => e.code ?? code)])),
            );
          });
        }
      });
    },
  };
}
