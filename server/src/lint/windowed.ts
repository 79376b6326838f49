// `rsc lint` of a big file, window by window: the same diagnostics as lintText, without ever holding the
// tree of the whole file (issue 22: a 50 MB script's tree alone is about nine times its size). The file is
// parsed in windows of top-level statements (syntax/windows.ts); each window is linted by the rules that
// read only its statements, feeds the scope model (analysis/scopes.ts, DetachedScopeModel, which keeps
// nothing of the tree) and hands over the few statements the firewall model reads; then it goes. What
// needs the whole file runs once at the end: the firewall rules on those statements alone (the model is a
// function of them, config.ts trackedCommands), the variable rules on the finished scope model.
// windowed.test.ts checks, on every script we have, that the result equals lintText's.
import { releaseFirewallModel } from '../analysis/firewall';
import { trackedCommands, type StatementCommands } from '../analysis/config';
import { adoptScopeModel, DetachedScopeModel } from '../analysis/scopes';
import {
  appendAll,
  mentions,
  parseWindows,
  type ParseResult,
  type CommandNode,
  type ScriptNode,
  type Statement,
  type SyntaxError,
} from '../syntax';
import { DirectivesFound } from './directives';
import { schemaOracle } from './oracle';
import { rules, STATEMENT_LOCAL_RULES } from './registry';
import { UndeclaredFromWindows, useWindowFacts } from './rules/undeclared-variable';
import {
  dropSuperseded,
  explainsSyntaxError,
  finalOrder,
  lastAtOrBefore,
  onePerFile,
  runRules,
  syntaxDiagnostics,
  withDefaults,
} from './run';
import { BrokenRanges, brokenStatements } from './support/broken-statements';
import { releaseSchemaView } from './support/schema-resolve';
import { useWindowCarry } from './support/window-carry';
import type { Diagnostic, LintOptions, Rule } from './types';

/**
 * The size from which `rsc lint` lints a file window by window: below it the whole tree of a file costs
 * less than the process itself, and one parse is simpler to reason about.
 */
export const WINDOWED_LINT_MIN_CHARS = 4_000_000;

/** Characters per window: a window's tree is a few megabytes, and per-window costs stay small. */
const WINDOW_CHARS = 512 * 1024;

/**
 * Rules that read a window alone: the statement-local rules (registry.ts, checked there) and RSC2001,
 * whose look beyond a statement is its menu, which the parser carries from window to window, and whether
 * an unknown menu line came before at the top level (support/window-carry.ts).
 */
const windowRules: readonly Rule[] = rules.filter(
  (r) => STATEMENT_LOCAL_RULES.has(r.meta.code) || r.meta.code === 'RSC2001',
);
/** The variable rules: on the scope model of the whole file, at the end. */
const scopeRules: readonly Rule[] = rules.filter((r) => r.meta.readsScopeModel);
/** The rest read the firewall model: on the statements that make it, at the end. */
const firewallRules: readonly Rule[] = rules.filter(
  (r) => !windowRules.includes(r) && !scopeRules.includes(r),
);

/** What a caller can ask of a lint window by window. */
export interface WindowedRun {
  /**
   * Called after about every `collectEvery` characters of windows (after a window of a quarter of that
   * alone), and once after the last window: the CLI runs a full garbage collection there. V8 collects the old generation only once it has grown well
   * past what was alive at the last collection, so the trees of spent windows pile up to about the size
   * of the model being built; a collection every few megabytes keeps the peak near what is alive.
   */
  collect?: () => void;
  collectEvery?: number;
}

/**
 * The diagnostics lintText(text, options) gives, in the same order, computed window by window
 * (`windowChars` characters or a little more each; tests make them small).
 */
export function lintWindowed(
  text: string,
  options: LintOptions = {},
  windowChars = WINDOW_CHARS,
  run: WindowedRun = {},
): Diagnostic[] {
  const opts = withDefaults(options);
  const disabled = new Set(opts.disabledRules);
  const out: Diagnostic[] = [];
  const broken = new BrokenRanges();
  const directives = new DirectivesFound();
  /** The start of every top-level statement, in order (the layer-7 explanation is once per statement). */
  const tops: number[] = [];
  /** What the firewall model reads of each window (firewallRoots). */
  const firewallStatements: Statement[] = [];
  /** Every syntax error, in report order (a firewall rule skips what a broken statement makes). */
  const errors: SyntaxError[] = [];
  // The variable rules look at `$` and `:local`; without either (an export) no model is needed.
  const wantScopes =
    scopeRules.some((r) => !disabled.has(r.meta.code)) && (mentions(text, '$') || mentions(text, 'local'));
  const scopes = wantScopes ? new DetachedScopeModel(0, text.length) : undefined;
  const undeclared = new UndeclaredFromWindows();
  const carry = new Map<string, unknown>();
  const parseOpts = opts.commandNames ? { commandOracle: schemaOracle } : {};

  let sinceCollect = 0;
  parseWindows(text, parseOpts, windowChars, (window) => {
    appendAll(out, syntaxDiagnostics(window));
    appendAll(errors, window.errors);
    useWindowCarry(window, carry);
    const found = runRules(window, text, windowRules, opts);
    releaseSchemaView(window);
    releaseFirewallModel(window);
    const windowBroken = brokenStatements(window);
    for (const d of found) if (!windowBroken.covers(d.start) || explainsSyntaxError(d.code)) out.push(d);
    broken.add(windowBroken.list);
    directives.addWindow(window, text);
    for (const s of window.root.statements) {
      tops.push(s.start);
      const tracked = trackedCommands(s, text);
      if (tracked !== undefined) firewallRoots(s, tracked, firewallStatements);
    }
    // Between the window's rules (their schema view dropped) and its scope walk, as lintText's phases.
    if (run.collect !== undefined && run.collectEvery !== undefined) {
      const size = window.root.end - window.root.start;
      sinceCollect += size;
      // A window far past its size is one huge statement (a 5 MB function): collected on its own.
      if (sinceCollect >= run.collectEvery || size >= run.collectEvery / 4) {
        sinceCollect = 0;
        run.collect();
      }
    }
    if (scopes) {
      const made = scopes.add(window.root.statements);
      undeclared.addWindow(window, text, scopes.references, made.from, made.to);
    }
  });

  // The last windows' garbage goes before the firewall model and the scope model's lists are made.
  run.collect?.();
  const found: Diagnostic[] = [];
  const firewall = statementsParse(text, firewallStatements, errors);
  appendAll(found, runRules(firewall, text, firewallRules, opts));
  releaseSchemaView(firewall);
  releaseFirewallModel(firewall);
  firewallStatements.length = 0;
  if (scopes) {
    const whole = statementsParse(text, [], errors);
    adoptScopeModel(whole.root, scopes.finish());
    useWindowFacts(whole, undeclared);
    appendAll(found, runRules(whole, text, scopeRules, opts));
  }
  for (const d of found) if (!broken.covers(d.start) || explainsSyntaxError(d.code)) out.push(d);

  const kept = onePerFile(dropSuperseded(out)).filter((d) => !disabled.has(d.code));
  return finalOrder(directives.apply(text.length, kept), (offset) => {
    const i = lastAtOrBefore(tops.length, (k) => tops[k], offset);
    return i < 0 ? -1 : tops[i];
  });
}

/**
 * A parse of `text` that holds `statements` (top-level statements of windows) under a root spanning the
 * whole text, with the script's syntax errors and no tokens: what the firewall rules and the variable
 * rules read at the end.
 */
function statementsParse(text: string, statements: Statement[], errors: SyntaxError[]): ParseResult {
  const root: ScriptNode = { kind: 'script', start: 0, end: text.length, statements };
  return {
    tokens: [],
    forEachToken() {},
    tokenCount: 0,
    tokenAt(i) {
      throw new RangeError(`no token ${i}: this parse keeps no tokens`);
    },
    root,
    errors,
    steps: 0,
  };
}

/**
 * What the firewall rules need of a top-level statement that holds commands of the firewall model's tables
 * (`tracked`, config.ts trackedCommands): the model is a function of those commands in file order, each
 * with whether it is conditional (below a code value), and the layer-7 readers look at those commands
 * only. An export line is such a command itself and is kept; of a script statement (a function of 2 KB
 * that reads `/ip route`), only the commands are kept, each as a root of its own, a conditional one inside
 * a code value made for it, so that the model's walk (config.ts walkCommands) reads the same commands
 * with the same flags. A command inside another kept one is read from that one, as in the statement.
 */
function firewallRoots(s: Statement, tracked: StatementCommands, out: Statement[]): void {
  const { cmds, conds } = tracked;
  if (cmds.length === 1 && cmds[0] === s) {
    out.push(s);
    return;
  }
  let last: CommandNode | undefined;
  for (let i = 0; i < cmds.length; i++) {
    const c = cmds[i];
    if (last !== undefined && c.start >= last.start && c.end <= last.end) continue;
    last = c;
    if (!conds[i]) out.push(c);
    else {
      const { start, end } = c;
      out.push({
        kind: 'exprStatement',
        start,
        end,
        expression: { kind: 'code', start, end, statements: [c], closed: true },
      });
    }
  }
}
