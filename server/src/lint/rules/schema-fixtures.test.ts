// The schema rules on whole files: test/fixtures/schema/ (typos, a 7.24 script linted for 7.12) and the
// correct scripts of the project (examples/, the parser's ok fixtures), which must get nothing from them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findings, registeredRules } from '../support/rule-testing';
import type { LintOptions } from '../types';

const root = join(__dirname, '..', '..', '..', '..');
const read = (p: string): string => readFileSync(join(root, p), 'utf8');

/**
 * The schema, scope and version rules, as the registry lists them; not RSC2008 (missing required
 * arguments), which these fixtures were not written for: their `add` lines leave out required arguments.
 */
const schemaRules = registeredRules(/^RSC(200[1-7]|500[12])$/);
const lintSchema = (text: string, options: LintOptions = {}) => findings(schemaRules, text, options);

/** `line:CODE:severity:text` for every finding of the schema rules, in order. */
function summary(text: string, target = 'latest', codes = /^RSC[25]/): string[] {
  return lintSchema(text, { target })
    .filter((d) => codes.test(d.code))
    .map((d) => {
      const line = text.slice(0, d.start).split('\n').length;
      return `${line}:${d.code}:${d.severity}:${text.slice(d.start, d.end)}`;
    });
}

describe('schema fixtures', () => {
  it('typos.rsc gets exactly the expected findings, with suggestions', () => {
    const text = read('test/fixtures/schema/typos.rsc');
    assert.deepEqual(summary(text), [
      '3:RSC2002:error:chian',
      '4:RSC2004:warning:10.0.0.300',
      '5:RSC2004:warning:1x',
      '7:RSC2003:warning:mark-conection',
      '9:RSC2007:information:firewal',
      '12:RSC2001:warning:firewll',
    ]);
    const fixes = lintSchema(text)
      .filter((d) => d.fix)
      .map((d) => `${d.code}->${d.fix?.edits[0].newText}`);
    assert.deepEqual(fixes, [
      'RSC2002->chain',
      'RSC2003->mark-connection',
      'RSC2007->firewall',
      'RSC2001->firewall',
    ]);
  });

  it('v7.24-features.rsc is clean for 7.24 and gets RSC5001 on exactly the newer names for 7.12', () => {
    const text = read('test/fixtures/schema/v7.24-features.rsc');
    assert.deepEqual(summary(text, 'latest'), []);
    assert.deepEqual(summary(text, '7.24'), []);
    assert.deepEqual(summary(text, '7.12'), [
      '2:RSC5001:warning:wifi',
      '3:RSC5001:warning:adlist',
      '4:RSC5001:warning:vrf',
      '5:RSC5001:warning:port-cost-mode',
      '6:RSC5001:warning:address-lists',
      '7:RSC5001:warning:days',
      '8:RSC5001:warning:sha384',
    ]);
  });

  it('correct scripts get nothing from the schema and version rules', () => {
    const files = [
      ...readdirSync(join(root, 'examples'))
        .filter((f) => f.endsWith('.rsc'))
        .map((f) => `examples/${f}`),
      ...readdirSync(join(root, 'test/fixtures/syntax/ok'))
        .filter((f) => f.endsWith('.rsc'))
        .map((f) => `test/fixtures/syntax/ok/${f}`),
    ];
    assert.ok(files.length > 0);
    // The scope rules (RSC2005, RSC2006) are left out: the parser's fixtures declare variables they never use.
    const codes = /^RSC(200[1-47]|5001)$/;
    for (const f of files) assert.deepEqual(summary(read(f), 'latest', codes), [], f);
    for (const f of files.filter((x) => x.startsWith('examples/')))
      assert.deepEqual(summary(read(f), 'latest'), [], f);
  });
});
