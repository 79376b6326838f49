// The registry's claims about rules. STATEMENT_LOCAL_RULES lets the editor reuse findings for statements an
// edit did not touch, which is only right if such a rule finds on each statement alone exactly what it
// finds on the whole script: checked here on the examples, the fixtures and a share of the parse corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prng } from '../../../test/prng';
import { rscSources } from '../../../test/rsc-sources';
import { hasScopeModel } from '../analysis/scopes';
import { parse, type ParseResult } from '../syntax';
import { parseOptions, runRules, type Diagnostic } from './index';
import { releaseSchemaView } from './support/schema-resolve';
import { rules, STATEMENT_LOCAL_RULES } from './registry';

function sources(): { name: string; text: string }[] {
  const out = rscSources(2);
  // Mistyped copies too: the sources are mostly valid, and the rules must have things to find.
  const r = prng(2001);
  const typos = out.map(({ name, text }) => {
    let t = text;
    for (let i = 0; i < 8; i++) {
      const at = Math.floor(r() * t.length);
      t = r() < 0.5 ? t.slice(0, at) + t.slice(at + 1) : t.slice(0, at) + 'x' + t.slice(at);
    }
    return { name: `${name} (with typos)`, text: t };
  });
  return [...out, ...typos];
}

const key = (d: Diagnostic): string => `${d.start}:${d.end}:${d.code}:${d.severity}:${d.message}`;

test('every statement-local rule is a rule', () => {
  const codes = new Set(rules.map((r) => r.meta.code));
  for (const c of STATEMENT_LOCAL_RULES) assert.ok(codes.has(c), `${c} is not registered`);
});

// With the default target, and with RouterOS 6 and an older 7.x, where RSC5001 has more to say (its
// RouterOS 6 notes were once said once per run, so a statement linted alone after an edit got one again).
for (const options of [{}, { target: '6' }, { target: '7.12', packages: 'base' }]) {
  test(`statement-local rules find on single statements what they find on the whole script ${JSON.stringify(options)}`, () => {
    const local = rules.filter((r) => STATEMENT_LOCAL_RULES.has(r.meta.code));
    let findings = 0;
    for (const { name, text } of sources()) {
      const parsed = parse(text, parseOptions(options));
      const whole = runRules(parsed, text, local, options).map(key).sort();
      const single: string[] = [];
      for (const s of parsed.root.statements) {
        const view: ParseResult = Object.create(parsed, {
          root: { value: { ...parsed.root, statements: [s] } },
        });
        single.push(...runRules(view, text, local, options).map(key));
        releaseSchemaView(view);
      }
      assert.deepStrictEqual(single.sort(), whole, `in ${name}`);
      findings += whole.length;
    }
    // The comparison means something only if the rules find things in these sources.
    assert.ok(findings > 200, `only ${findings} findings`);
  });
}

test('exactly the rules marked readsScopeModel build the scope model (lintText runs them last)', () => {
  // Sources with local variables, so that both variable rules need the model.
  const withLocals = sources().filter(({ text }) => /:local\s/.test(text));
  assert.ok(withLocals.length > 10, `only ${withLocals.length} sources with :local`);
  for (const rule of rules) {
    const builds = withLocals.some(({ text }) => {
      const parsed = parse(text, parseOptions());
      runRules(parsed, text, [rule]);
      return hasScopeModel(parsed.root);
    });
    assert.equal(builds, rule.meta.readsScopeModel === true, `${rule.meta.code} ${rule.meta.name}`);
  }
});
