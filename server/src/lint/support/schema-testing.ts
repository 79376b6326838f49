// Test support for the schema rules (imported only by tests): parse with the command tree like lintText
// does, run a chosen set of rules (without the registry), optionally apply comment directives.
import { parse } from '../../syntax';
import { applyDirectives } from '../directives';
import { schemaOracle } from '../oracle';
import { runRules, syntaxDiagnostics } from '../index';
import type { Diagnostic, Fix, LintOptions, Rule } from '../types';
import { rule as r2001 } from '../rules/unknown-command';
import { rule as r2002 } from '../rules/unknown-parameter';
import { rule as r2003 } from '../rules/invalid-enum-value';
import { rule as r2004 } from '../rules/malformed-value';
import { rule as r2005 } from '../rules/undeclared-variable';
import { rule as r2006 } from '../rules/unused-local';
import { rule as r2007 } from '../rules/abbreviated-name';
import { rule as r5001 } from '../rules/not-in-target-version';
import { rule as r5002 } from '../rules/not-in-target-packages';

/** The schema, scope and version rules, in code order (registry.ts lists them too). */
export const schemaRules: readonly Rule[] = [r2001, r2002, r2003, r2004, r2005, r2006, r2007, r5001, r5002];

/** Parser diagnostics plus `rules` (default: all schema rules), sorted by offset then code. */
export function lintSchema(
  text: string,
  options: LintOptions = {},
  rules: readonly Rule[] = schemaRules,
  directives = false,
): Diagnostic[] {
  const parsed = parse(text, { commandOracle: schemaOracle });
  const out = [...syntaxDiagnostics(parsed), ...runRules(parsed, text, rules, options)];
  const all = directives
    ? applyDirectives(parsed, text, out, [
        ...rules.map((r) => r.meta.code),
        'RSC1001',
        'RSC1002',
        'RSC1003',
        'RSC1004',
        'RSC1005',
        'RSC1006',
      ])
    : out;
  return all.sort((a, b) => a.start - b.start || a.code.localeCompare(b.code));
}

/** Findings of one code as compact `code@text` strings: what the finding points at in the source. */
export function found(text: string, code: string, options: LintOptions = {}): string[] {
  return lintSchema(text, options)
    .filter((d) => d.code === code)
    .map((d) => `${d.severity}:${text.slice(d.start, d.end)}`);
}

/** The text after applying one fix (edits applied from the end so offsets stay valid). */
export function applyFix(text: string, fix: Fix): string {
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  }
  return out;
}
