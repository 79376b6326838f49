// Every rule has a page in docs/rules/ and every page belongs to a rule (or to a code the parser emits); each
// page has the fixed headings, in order and no others; its problematic example triggers its code and its
// correct one does not, both through lintText and for the rule run alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../index';
import { rules as registered } from '../registry';
import type { LintOptions, Rule } from '../types';
import { findings, registeredRules } from '../support/rule-testing';

const root = join(__dirname, '..', '..', '..', '..');
const docsDir = join(root, 'docs', 'rules');
const syntaxDir = join(root, 'server', 'src', 'syntax');

const allRules: readonly Rule[] = registered;
/** The first ten flow rules, whose pages were written together (see the page test below). */
const FIRST_FLOW = /^RSC40(0[1-9]|10)$/;
const firstFlowRules = registeredRules(FIRST_FLOW);

/** Codes the parser and the directive handling report themselves: pages without a rule file. */
function parserCodes(): Set<string> {
  const out = new Set<string>();
  const sources = readdirSync(syntaxDir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(syntaxDir, f));
  // The linter itself reports RSC1007 (unknown code in a directive).
  sources.push(join(syntaxDir, '..', 'lint', 'directives.ts'));
  for (const file of sources) {
    for (const m of readFileSync(file, 'utf8').matchAll(/'(RSC[12]\d{3})'/g)) out.add(m[1]);
  }
  return out;
}

function pages(): { code: string; text: string }[] {
  return readdirSync(docsDir)
    .filter((f) => /^RSC\d{4}\.md$/.test(f))
    .sort()
    .map((f) => ({ code: f.slice(0, 7), text: readFileSync(join(docsDir, f), 'utf8') }));
}

const HEADINGS = ['## Problematic code', '## Correct code', '## Rationale', '## Quick fix', '## Exceptions'];

/**
 * Every code a snippet gets from lintText. A page whose rule depends on a setting (a target package set, an
 * opt-in model) names the lint options its examples need in a comment, `<!-- examples: {"packages": "base"}
 * -->`; its examples are linted with those options.
 */
function codesOf(snippet: string, options: LintOptions = {}): string[] {
  return lintText(snippet, options).diagnostics.map((d) => d.code);
}

/** The ```routeros blocks under one `## ` section of a page. */
function examples(text: string, heading: string): string[] {
  const at = text.indexOf(`\n${heading}\n`);
  if (at < 0) return [];
  const next = text.indexOf('\n## ', at + heading.length + 2);
  const section = text.slice(at, next < 0 ? text.length : next);
  return [...section.matchAll(/```routeros\n([\s\S]*?)```/g)].map((m) => m[1]);
}

test('every registered rule has a page, and every page a rule or a parser code', () => {
  const codes = new Set(pages().map((p) => p.code));
  for (const r of allRules) assert.ok(codes.has(r.meta.code), `docs/rules/${r.meta.code}.md is missing`);
  const known = new Set([...allRules.map((r) => r.meta.code), ...parserCodes(), ...INTERNAL_CODES]);
  for (const c of codes) assert.ok(known.has(c), `docs/rules/${c}.md documents no rule and no parser code`);
});

test('each rule file is named after its rule, has its test beside it and is registered', () => {
  const rulesDir = __dirname;
  const files = readdirSync(rulesDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  const codes = new Set(allRules.map((r) => r.meta.code));
  for (const f of files) {
    const text = readFileSync(join(rulesDir, f), 'utf8');
    const code = /\bcode: '(RSC\d{4})'/.exec(text)?.[1];
    const name = /\bname: '([^']+)'/.exec(text)?.[1];
    assert.ok(code && name, `${f}: meta with code and name first`);
    assert.equal(name, f.replace(/\.ts$/, ''), `${f}: meta.name is the file name`);
    assert.ok(readdirSync(rulesDir).includes(f.replace(/\.ts$/, '.test.ts')), `${f}: no test file beside it`);
    assert.ok(codes.has(code), `${f}: ${code} is not registered`);
  }
  assert.ok(files.length >= 40, `only ${files.length} rule files found`);
});

test('rule metadata: codes are unique and names are kebab-case', () => {
  const seen = new Set<string>();
  for (const r of allRules) {
    assert.match(r.meta.code, /^RSC\d{4}$/);
    assert.ok(!seen.has(r.meta.code), `duplicate code ${r.meta.code}`);
    seen.add(r.meta.code);
    assert.match(r.meta.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  }
});

/**
 * Codes of the linter itself, not of a rule: RSC0000 is a rule that threw (lint/index.ts, runRules). No
 * script is meant to produce it, so its page has the headings but no examples to lint.
 */
const INTERNAL_CODES: ReadonlySet<string> = new Set(['RSC0000']);

for (const page of pages()) {
  test(`${page.code}: headings in order, problematic example triggers it, correct example does not`, () => {
    const lines = page.text.split('\n');
    assert.match(lines[0], new RegExp(`^# ${page.code}: \\S`), 'first line: "# RSCnnnn: <title>"');
    assert.deepEqual(
      lines.filter((l) => l.startsWith('## ')),
      HEADINGS,
      'headings: Problematic code, Correct code, Rationale, Quick fix, Exceptions, and no others',
    );
    if (INTERNAL_CODES.has(page.code)) return;
    const bad = examples(page.text, '## Problematic code');
    const good = examples(page.text, '## Correct code');
    assert.ok(bad.length > 0, 'a ```routeros block under Problematic code');
    assert.ok(good.length > 0, 'a ```routeros block under Correct code');
    const opts = /<!-- examples: (\{.*\}) -->/.exec(page.text);
    const options = opts ? (JSON.parse(opts[1]) as LintOptions) : {};
    for (const b of bad)
      assert.ok(codesOf(b, options).includes(page.code), `problematic example does not trigger it:\n${b}`);
    for (const g of good)
      assert.ok(!codesOf(g, options).includes(page.code), `correct example triggers it:\n${g}`);
    const rule = allRules.find((r) => r.meta.code === page.code);
    if (!rule) return;
    // The rule alone, without the pipeline's filtering: the same verdicts, and nothing else at all on the
    // correct example. The pages of the first ten flow rules (RSC4001-RSC4010) were written together: each
    // correct example is clean for all ten.
    for (const b of bad)
      assert.ok(
        findings(rule, b, options).some((d) => d.code === page.code),
        `problematic example: the rule alone does not report it:\n${b}`,
      );
    const family = FIRST_FLOW.test(page.code) ? firstFlowRules : [rule];
    for (const g of good)
      assert.deepEqual(
        findings(family, g, options).map((d) => d.code),
        [],
        `correct example: the rule alone (or its family) reports:\n${g}`,
      );
  });
}
