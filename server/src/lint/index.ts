// The linter: parse once, turn syntax errors into RSC1nnn diagnostics, run every registered rule,
// then drop what the user silenced (settings or `# rsc-disable-next-line` directives).
import { FirewallMemo, releaseFirewallModel, useFirewallMemo, useShadowMemo } from '../analysis/firewall';
import { releaseScopeModel } from '../analysis/scopes';
import { ShadowMemo } from '../analysis/shadow';
import { appendAll, parse, type ParseOptions, type ParseResult, type Statement } from '../syntax';
import { applyDirectives } from './directives';
import { schemaOracle } from './oracle';
import { rules, STATEMENT_LOCAL_RULES } from './registry';
import { brokenStatements } from './support/broken-statements';
import { releaseSchemaView, SchemaMemo, useSchemaMemo } from './support/schema-resolve';
import {
  dropSuperseded,
  explainsSyntaxError,
  finalOrder,
  lastStartingAtOrBefore,
  onePerFile,
  runRules,
  syntaxDiagnostics,
  withDefaults,
} from './run';
import type { Diagnostic, LintOptions } from './types';

export type { Diagnostic, LintOptions } from './types';
export { runRules, syntaxDiagnostics } from './run';
export { lintWindowed, WINDOWED_LINT_MIN_CHARS } from './windowed';

/**
 * The largest text (in characters) the editor lints on every keystroke within the 300 ms the debounce
 * promises: beyond it a keystroke's lint (whole-script rules, line index) takes longer than that on the
 * bench machine. Bigger files are still linted; the CLI and the server say that diagnostics will lag.
 */
export const LIVE_LINT_MAX_CHARS = 8_000_000;

export interface LintResult {
  parse: ParseResult;
  diagnostics: Diagnostic[];
}

/** What a caller can ask of a lint that runs without a memo (lintText). */
export interface LintRun {
  /**
   * Called once the schema view and the firewall model are dropped, before the scope model is built: the
   * CLI runs a full garbage collection there on big files, so that the dropped models' memory is free
   * again before the next model takes its own (else both count in the process's peak).
   */
  betweenModels?: () => void;
}

export function lintText(text: string, options: LintOptions = {}, run?: LintRun): LintResult {
  return lintParsed(parse(text, parseOptions(options)), text, options, undefined, run);
}

/** The parser options lintText uses for `options`: a caller that parses itself (incrementally) must match. */
export function parseOptions(options: LintOptions = {}): ParseOptions {
  return withDefaults(options).commandNames ? { commandOracle: schemaOracle } : {};
}

/**
 * Lints an existing parse of `text` (made with parseOptions(options), e.g. by an incremental re-parse).
 * With a memo, the statement-local rules' findings on statements the memo has seen are reused; `run`
 * applies only without one.
 */
export function lintParsed(
  parsed: ParseResult,
  text: string,
  options: LintOptions = {},
  memo?: LintMemo,
  run?: LintRun,
): LintResult {
  const opts = withDefaults(options);
  const out: Diagnostic[] = syntaxDiagnostics(parsed);
  const found: Diagnostic[] = [];
  if (memo) {
    memo.schema.begin();
    useSchemaMemo(parsed, memo.schema);
    appendAll(found, memo.localFindings(parsed, text, opts));
    useShadowMemo(parsed, memo.shadow);
    useFirewallMemo(parsed, memo.firewall);
    appendAll(found, runRules(parsed, text, wholeScriptRules, opts));
  } else {
    // Without a memo nothing outlives this lint: each model is dropped as soon as no rule left needs it,
    // so a big file's peak is its tree and one model, not the tree and every model (issue 22's memory).
    appendAll(found, runRules(parsed, text, treeRules, opts));
    releaseSchemaView(parsed);
    releaseFirewallModel(parsed);
    run?.betweenModels?.();
    appendAll(found, runRules(parsed, text, scopeRules, opts));
    releaseScopeModel(parsed.root);
  }
  // One cause, one error: after a statement's first syntax error, the rest of it is what the parser's
  // recovery made of it, and a rule's finding there is a knock-on (except a finding that explains the
  // syntax error itself, see explainsSyntaxError).
  const broken = brokenStatements(parsed);
  for (const d of found) if (!broken.covers(d.start) || explainsSyntaxError(d.code)) out.push(d);
  // The shared per-parse models the rules built are dropped now (see the two functions for why).
  releaseSchemaView(parsed);
  releaseFirewallModel(parsed);
  const disabled = new Set(opts.disabledRules);
  const kept = onePerFile(dropSuperseded(out)).filter((d) => !disabled.has(d.code));
  const top = parsed.root.statements;
  return {
    parse: parsed,
    diagnostics: finalOrder(applyDirectives(parsed, text, kept), (offset) => {
      const i = lastStartingAtOrBefore(top, offset);
      return i < 0 ? -1 : top[i].start;
    }),
  };
}

const scopeRules = rules.filter((r) => r.meta.readsScopeModel);
const treeRules = rules.filter((r) => !r.meta.readsScopeModel);
const localRules = rules.filter((r) => STATEMENT_LOCAL_RULES.has(r.meta.code));
const wholeScriptRules = rules.filter((r) => !STATEMENT_LOCAL_RULES.has(r.meta.code));
const NONE: readonly Diagnostic[] = Object.freeze([]);

/**
 * The statement-local rules' findings per top-level statement, at offsets relative to the statement, for
 * one document. The incremental parser keeps the statement objects an edit did not touch (moving their
 * offsets), so a statement seen before needs none of these rules again. Use one memo per document and
 * per set of options; a new parse that shares no statements with the last simply fills it anew.
 */
export class LintMemo {
  // A WeakMap keyed by statements despite the memoOn rule (syntax/index.ts): the memo outlives each parse
  // (reused statements keep their entry across edits) and is per document and options, so it cannot sit on
  // the statement; its values are the statement's few findings (most share NONE), nothing of the tree.
  private byStatement = new WeakMap<Statement, readonly Diagnostic[]>();
  /** The firewall shadow analysis's per-command and per-chain answers (RSC4011, analysis/shadow.ts). */
  readonly shadow = new ShadowMemo();
  /** The firewall model, kept while no command of a firewall, queue or list menu changes (analysis/firewall.ts). */
  readonly firewall = new FirewallMemo();
  /** Every top-level statement's schema resolution (support/schema-resolve.ts). */
  readonly schema = new SchemaMemo();

  localFindings(parsed: ParseResult, text: string, opts: Required<LintOptions>): Diagnostic[] {
    const out: Diagnostic[] = [];
    const fresh: Statement[] = [];
    for (const s of parsed.root.statements) {
      const hit = this.byStatement.get(s);
      if (hit === undefined) fresh.push(s);
      else for (const d of hit) out.push(moved(d, s.start));
    }
    if (fresh.length === 0) return out;
    // The rules see a parse whose script holds only the new statements; tokens, errors and everything
    // else are the real parse's (the view inherits them).
    const view: ParseResult =
      fresh.length === parsed.root.statements.length
        ? parsed
        : Object.create(parsed, { root: { value: { ...parsed.root, statements: fresh } } });
    const found = runRules(view, text, localRules, opts);
    releaseSchemaView(view);
    const per = new Map<Statement, Diagnostic[]>();
    const unsure = new Set<Statement>();
    let anyUnplaced = false;
    for (const d of found) {
      out.push(d);
      const i = lastStartingAtOrBefore(fresh, d.start);
      const s = i >= 0 && d.start <= fresh[i].end ? fresh[i] : undefined;
      // Statements may touch (`)a`: one ends where the next starts); a finding at the seam cannot be
      // told apart, so neither statement is memoised (the finding was once filed under the wrong one
      // and lost when the other was re-linted: found by test/fuzz.test.ts).
      const before = i > 0 && fresh[i - 1].end >= d.start ? fresh[i - 1] : undefined;
      // A finding reaching outside its statement could change with text the parser did not re-read.
      if (!s || !within(d, s.start, s.end) || before) {
        if (s) unsure.add(s);
        if (before) unsure.add(before);
        if (!s && !before) anyUnplaced = true;
        continue;
      }
      let list = per.get(s);
      if (!list) per.set(s, (list = []));
      list.push(moved(d, -s.start));
    }
    if (!anyUnplaced) {
      for (const s of fresh) if (!unsure.has(s)) this.byStatement.set(s, per.get(s) ?? NONE);
    }
    return out;
  }
}

/** A copy of `d` with every offset (range, related locations, fix edits) moved by `delta`. */
function moved(d: Diagnostic, delta: number): Diagnostic {
  const out: Diagnostic = { ...d, start: d.start + delta, end: d.end + delta };
  if (d.related) out.related = d.related.map((r) => ({ ...r, start: r.start + delta, end: r.end + delta }));
  if (d.fix)
    out.fix = {
      ...d.fix,
      edits: d.fix.edits.map((e) => ({ ...e, start: e.start + delta, end: e.end + delta })),
    };
  return out;
}

/** True when every offset of `d` lies in start..end. */
function within(d: Diagnostic, start: number, end: number): boolean {
  const inside = (a: number, b: number): boolean => a >= start && b <= end;
  return (
    inside(d.start, d.end) &&
    (d.related ?? []).every((r) => inside(r.start, r.end)) &&
    (d.fix?.edits ?? []).every((e) => inside(e.start, e.end))
  );
}
