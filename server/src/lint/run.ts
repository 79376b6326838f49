// What every lint shares, whether it holds the whole tree (index.ts) or goes window by window
// (windowed.ts): the default options, running a list of rules on a parse, the parser's errors as
// diagnostics, and the last steps (superseded parser errors, the layer-7 explanation once, the order).
import type { ParseResult } from '../syntax';
import { V6_NOTE } from './rules/not-in-target-version';
import type { Diagnostic, LintOptions, Rule, RuleContext, Severity } from './types';

const defaults: Required<LintOptions> = {
  target: 'latest',
  disabledRules: [],
  commandNames: true,
  packages: 'all',
  latin1Fold: false,
};

/** `options` with every default filled in. */
export function withDefaults(options: LintOptions = {}): Required<LintOptions> {
  return { ...defaults, ...options };
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
  const opts = withDefaults(options);
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

/** True for a code whose finding stands in a statement's broken part (it explains the syntax error). */
export function explainsSyntaxError(code: string): boolean {
  return SUPERSEDES[code] !== undefined;
}

/**
 * Findings said once per file: RSC5001's RouterOS 6 notes ("Writing for RouterOS 6: ..."). The rule
 * reports one wherever it applies, so that its findings on a statement depend on that statement alone
 * (the editor's memo reuses them); the first of each message in the file is kept.
 */
const ONE_PER_FILE: Readonly<Record<string, string>> = {
  RSC5001: V6_NOTE,
};

/** `ds` with only the first (by start, then end) of each once-per-file message (ONE_PER_FILE). */
export function onePerFile(ds: Diagnostic[]): Diagnostic[] {
  let first: Map<string, Diagnostic> | undefined;
  for (const d of ds) {
    const prefix = ONE_PER_FILE[d.code];
    if (prefix === undefined || !d.message.startsWith(prefix)) continue;
    first ??= new Map();
    const key = `${d.code}\n${d.message}`;
    const seen = first.get(key);
    if (seen === undefined || d.start < seen.start || (d.start === seen.start && d.end < seen.end))
      first.set(key, d);
  }
  if (first === undefined) return ds;
  const keep = new Set(first.values());
  return ds.filter((d) => {
    const prefix = ONE_PER_FILE[d.code];
    return prefix === undefined || !d.message.startsWith(prefix) || keep.has(d);
  });
}

/** Drops the parser diagnostics that a rule's finding over the same text explains better (SUPERSEDES). */
export function dropSuperseded(ds: Diagnostic[]): Diagnostic[] {
  const covering = ds.filter((d) => SUPERSEDES[d.code]);
  if (covering.length === 0) return ds;
  return ds.filter(
    (d) =>
      !covering.some(
        (c) => c !== d && SUPERSEDES[c.code].includes(d.code) && d.start >= c.start && d.end <= c.end,
      ),
  );
}

/**
 * The final order of a lint's diagnostics (a total order, so that the result does not depend on which
 * rules ran from a memo or in which window), with the layer-7 explanation kept once per pattern.
 * `topLevelStartAt(offset)`: the start of the last top-level statement starting at or before `offset`,
 * or -1.
 */
export function finalOrder(ds: Diagnostic[], topLevelStartAt: (offset: number) => number): Diagnostic[] {
  return layersLineOnce(
    ds.sort(
      (a, b) =>
        a.start - b.start ||
        a.end - b.end ||
        (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
        (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
    ),
    topLevelStartAt,
  );
}

/**
 * The layer-7 rules end each message with the pattern's "Written: … · regex receives: … · matches: …" line
 * (lint/support/l7-common.ts). Several rules may report on one pattern; the line is kept on the first of
 * them only (per top-level statement and line text), so the explanation appears once per pattern.
 */
function layersLineOnce(ds: Diagnostic[], topLevelStartAt: (offset: number) => number): Diagnostic[] {
  const seen = new Set<string>();
  return ds.map((d) => {
    const k = d.message.lastIndexOf('\nWritten: ');
    if (k < 0 || !d.code.startsWith('RSC3')) return d;
    const key = `${topLevelStartAt(d.start)}\n${d.message.slice(k)}`;
    if (!seen.has(key)) {
      seen.add(key);
      return d;
    }
    return { ...d, message: d.message.slice(0, k) };
  });
}

/** The index of the last item of `sorted` (ordered by start) starting at or before `offset`, or -1. */
export function lastStartingAtOrBefore(sorted: readonly { start: number }[], offset: number): number {
  return lastAtOrBefore(sorted.length, (i) => sorted[i].start, offset);
}

/** The last index i < count whose startAt(i) (non-decreasing in i) is at or before `offset`, or -1. */
export function lastAtOrBefore(count: number, startAt: (i: number) => number, offset: number): number {
  let lo = 0;
  let hi = count - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (startAt(mid) <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
