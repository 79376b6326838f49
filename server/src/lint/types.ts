// The contract between the linter and its rules: what a rule sees, what it reports, and how a fix is
// described. Offsets are string offsets into the document text; lsp/ turns them into line/character.
import type { ParseResult } from '../syntax';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** One text replacement. `start`..`end` is replaced by `newText` (an insertion has start === end). */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
  /**
   * The same edit as an LSP snippet (`$1`, `$2` tab stops), for editors that take snippet edits in code
   * actions; everything else (the CLI, other clients) inserts `newText`.
   */
  snippet?: string;
}

export interface Fix {
  /** Shown in the lightbulb menu, e.g. "Double the backslash: \\xd5". */
  title: string;
  edits: TextEdit[];
  /** Safe fixes cannot change what the router does and are applied by "Fix all". */
  safe: boolean;
  /**
   * A fix that needs input from the user (edits then empty): the editor runs this command with the document
   * URI, the range to replace and `args`; the command asks, then edits.
   */
  command?: { name: string; start: number; end: number; args: string[] };
}

export interface RelatedLocation {
  start: number;
  end: number;
  message: string;
}

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  related?: RelatedLocation[];
  fix?: Fix;
  /** Marks unused code (greyed out) or deprecated names (struck through) in editors. */
  tags?: ('unnecessary' | 'deprecated')[];
}

export type FixKind = 'safe' | 'suggestion' | 'none';

export interface RuleMeta {
  /** Permanent code, RSCnnnn. Never reused. */
  code: string;
  /** kebab-case name, equal to the rule's file name. */
  name: string;
  severity: Severity;
  fix: FixKind;
  /** One sentence: what the rule finds. */
  description: string;
  /**
   * True for a rule that reads the scope model (analysis/scopes.ts). A lint without a per-document memo
   * (the CLI) runs these rules last, after dropping the schema view and the firewall model, so that the
   * largest per-parse models are never alive together (registry.test.ts checks the claim).
   */
  readsScopeModel?: true;
}

/** A target RouterOS version: 'latest', '7.x' (e.g. '7.12') or '6'. */
export type TargetVersion = string;

export interface LintOptions {
  target?: TargetVersion;
  disabledRules?: readonly string[];
  /**
   * Packages the target router has besides `routeros`: 'all' (default; names of every package are
   * fine), 'base' (`routeros` alone) or a comma-separated list ('container,iot'). See parsePackages.
   */
  packages?: string;
  /** Use the command tree to tell commands from stray words (default true; false only for measurements). */
  commandNames?: boolean;
  /**
   * Opt-in assumption (default false): the router's layer-7 matcher lower-cases pattern bytes 0xC0-0xDE with
   * Latin-1 rules. The reference code does not; only RSC3013 reads this.
   */
  latin1Fold?: boolean;
}

export interface RuleContext {
  readonly text: string;
  readonly parse: ParseResult;
  readonly options: Readonly<Required<LintOptions>>;
  /** Report a problem. `severity` defaults to the rule's meta.severity; `code` to meta.code. */
  report(d: Omit<Diagnostic, 'code' | 'severity'> & { severity?: Severity; code?: string }): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}
