// The linter: parse once, turn syntax errors into RSC1nnn diagnostics, run every registered rule,
// then drop what the user silenced (settings or `# rsc-disable-next-line` directives).
import { parse, type ParseResult } from '../syntax';
import { schemaOracle } from './oracle';
import { rules } from './registry';
import type { Diagnostic, LintOptions, RuleContext, Severity } from './types';

export type { Diagnostic, LintOptions } from './types';

const defaults: Required<LintOptions> = { target: 'latest', disabledRules: [], commandNames: true };

export interface LintResult {
  parse: ParseResult;
  diagnostics: Diagnostic[];
}

export function lintText(text: string, options: LintOptions = {}): LintResult {
  const opts: Required<LintOptions> = { ...defaults, ...options };
  const parsed = parse(text, opts.commandNames ? { commandOracle: schemaOracle } : {});
  const out: Diagnostic[] = parsed.errors.map((e) => ({
    code: e.code,
    severity: (e.severity ?? 'error') as Severity,
    message: e.message,
    start: e.start,
    end: e.end,
  }));
  for (const rule of rules) {
    if (opts.disabledRules.includes(rule.meta.code)) continue;
    const ctx: RuleContext = {
      text,
      parse: parsed,
      options: opts,
      report(d) {
        out.push({ ...d, code: d.code ?? rule.meta.code, severity: d.severity ?? rule.meta.severity });
      },
    };
    try {
      rule.check(ctx);
    } catch (err) {
      // A rule bug must never take the whole linter (and the editor's diagnostics) down with it.
      out.push({
        code: 'RSC0000',
        severity: 'hint',
        message: `internal error in rule ${rule.meta.code}: ${(err as Error).message}`,
        start: 0,
        end: 0,
      });
    }
  }
  const disabled = new Set(opts.disabledRules);
  return { parse: parsed, diagnostics: out.filter((d) => !disabled.has(d.code)).sort((a, b) => a.start - b.start) };
}
