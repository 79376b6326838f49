// The linter: parse once, turn syntax errors into RSC1nnn diagnostics, run every registered rule,
// then drop what the user silenced (settings or `# rsc-disable-next-line` directives).
import { releaseFirewallModel } from '../analysis/firewall';
import { parse, type ParseOptions, type ParseResult } from '../syntax';
import { applyDirectives } from './directives';
import { schemaOracle } from './oracle';
import { rules } from './registry';
import { releaseSchemaView } from './support/schema-resolve';
import type { Diagnostic, LintOptions, Rule, RuleContext, Severity } from './types';

export type { Diagnostic, LintOptions } from './types';

const defaults: Required<LintOptions> = { target: 'latest', disabledRules: [], commandNames: true };

export interface LintResult {
  parse: ParseResult;
  diagnostics: Diagnostic[];
}

export function lintText(text: string, options: LintOptions = {}): LintResult {
  return lintParsed(parse(text, parseOptions(options)), text, options);
}

/** The parser options lintText uses for `options`: a caller that parses itself (incrementally) must match. */
export function parseOptions(options: LintOptions = {}): ParseOptions {
  return (options.commandNames ?? defaults.commandNames) ? { commandOracle: schemaOracle } : {};
}

/** Lints an existing parse of `text` (made with parseOptions(options), e.g. by an incremental re-parse). */
export function lintParsed(parsed: ParseResult, text: string, options: LintOptions = {}): LintResult {
  const opts: Required<LintOptions> = { ...defaults, ...options };
  const out: Diagnostic[] = syntaxDiagnostics(parsed);
  out.push(...runRules(parsed, text, rules, opts));
  // The shared per-parse models the rules built are dropped now (see the two functions for why).
  releaseSchemaView(parsed);
  releaseFirewallModel(parsed);
  const disabled = new Set(opts.disabledRules);
  const kept = dropSuperseded(out).filter((d) => !disabled.has(d.code));
  return {
    parse: parsed,
    diagnostics: applyDirectives(parsed, text, kept).sort((a, b) => a.start - b.start),
  };
}

/** Parser diagnostics as lint diagnostics (RSC1nnn; severity error unless the parser said otherwise). */
export function syntaxDiagnostics(parsed: ParseResult): Diagnostic[] {
  return parsed.errors.map((e) => ({
    code: e.code,
    severity: (e.severity ?? 'error') as Severity,
    message: e.message,
    start: e.start,
    end: e.end,
  }));
}

/**
 * Runs `ruleList` on one parse, skipping disabled rules, and returns their findings unsorted. Shared by
 * lintText and the rule tests, so both see exactly the same contract. A throwing rule becomes an RSC0000
 * hint: a rule bug must never take the whole linter (and the editor's diagnostics) down with it.
 */
export function runRules(
  parsed: ParseResult,
  text: string,
  ruleList: readonly Rule[],
  options: LintOptions = {},
): Diagnostic[] {
  const opts: Required<LintOptions> = { ...defaults, ...options };
  const out: Diagnostic[] = [];
  for (const rule of ruleList) {
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
      out.push({
        code: 'RSC0000',
        severity: 'hint',
        message: `internal error in rule ${rule.meta.code}: ${(err as Error).message}`,
        start: 0,
        end: 0,
      });
    }
  }
  return out;
}

/**
 * Where a specific rule explains a problem, the generic parser diagnostic at the same place goes: a
 * single-backslash `\xd5` in a layer7 regexp is RSC3001 ("the regex never sees \xd5; double the
 * backslash"), which says more than RSC1002 ("unknown escape"). Both are errors, so the verdict stands.
 */
const SUPERSEDES: Readonly<Record<string, readonly string[]>> = {
  RSC3001: ['RSC1002'],
  RSC3010: ['RSC1002'],
};

function dropSuperseded(ds: Diagnostic[]): Diagnostic[] {
  const covering = ds.filter((d) => SUPERSEDES[d.code]);
  if (covering.length === 0) return ds;
  return ds.filter(
    (d) =>
      !covering.some(
        (c) => c !== d && SUPERSEDES[c.code].includes(d.code) && d.start >= c.start && d.end <= c.end,
      ),
  );
}
