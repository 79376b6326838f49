// Comment directives that silence diagnostics from inside a script: `# rsc-disable-next-line CODES`, the
// region pair `# rsc-disable CODES` / `# rsc-enable CODES`, and `# rsc-disable-file CODES`. A code that
// names no rule is reported as RSC1007, so a typo in a directive does not silently silence nothing.
import type { ParseResult, Statement } from '../syntax';
import { allStatements, mentions } from '../syntax';
import { rules } from './registry';
import type { Diagnostic } from './types';

/*
 * Why there is no `rsc-disable-line`: RouterOS accepts `#` only where a command may start, so a comment
 * after a command's arguments is a syntax error ("expected end of command"); a directive can only stand
 * on its own line, before the command it is about.
 */

/** Codes the parser reports (they come from no rule). RSC0000 is the linter's own "rule crashed" hint. */
export const SYNTAX_CODES: readonly string[] = [
  'RSC0000',
  'RSC1001',
  'RSC1002',
  'RSC1003',
  'RSC1004',
  'RSC1005',
  'RSC1006',
  'RSC1007',
];

export type DirectiveKind = 'disable-next-line' | 'disable' | 'enable' | 'disable-file';

export interface Directive {
  kind: DirectiveKind;
  /** Codes as written, upper-cased, with their ranges in the comment. */
  codes: { code: string; start: number; end: number }[];
  /** The whole comment. */
  start: number;
  end: number;
}

const DIRECTIVE = /^#[ \t]*rsc-(disable-next-line|disable-file|disable|enable)(?=[ \t]|$)/;
const CODE = /^RSC\d+$/i;

/**
 * Reads the directive in a comment, or undefined when the comment is none. Codes are separated by commas
 * and/or spaces; the first word that is not a code starts the free-text reason.
 */
export function parseDirective(comment: string, offset: number): Directive | undefined {
  const m = DIRECTIVE.exec(comment);
  if (!m) return undefined;
  const codes: Directive['codes'] = [];
  const re = /[^\s,]+/g;
  re.lastIndex = m[0].length;
  for (let w = re.exec(comment); w; w = re.exec(comment)) {
    if (!CODE.test(w[0])) break;
    codes.push({ code: w[0].toUpperCase(), start: offset + w.index, end: offset + w.index + w[0].length });
  }
  return { kind: m[1] as DirectiveKind, codes, start: offset, end: offset + comment.length };
}

/** Every directive of a script, in source order (comments are tokens of their own). */
export function findDirectives(parse: ParseResult, text: string): Directive[] {
  const out: Directive[] = [];
  // Every directive contains `rsc-`; most scripts have none, and then the tokens (materialized on first
  // read, which costs time and memory on big files) need not be looked at.
  if (!mentions(text, 'rsc-')) return out;
  parse.forEachToken((kind, start, end) => {
    if (kind !== 'comment') return;
    const d = parseDirective(text.slice(start, end), start);
    if (d) out.push(d);
  });
  return out;
}

interface Silence {
  code: string;
  start: number;
  end: number;
}

/** The statement a `disable-next-line` directive applies to: the first one that starts after it. */
function nextStatement(sorted: readonly Statement[], after: number): Statement | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].start < after) lo = mid + 1;
    else hi = mid;
  }
  return sorted[lo];
}

/**
 * Drops the diagnostics that directives silence and adds RSC1007 for codes that name no rule.
 * `knownCodes` defaults to every registered rule's code plus the parser's codes.
 *
 * - `# rsc-disable-next-line RSC2002[,RSC2003] [reason]`: the next command as a whole (all its lines,
 *   `\` continuations and any `{...}` it holds), i.e. diagnostics that start inside it.
 * - `# rsc-disable RSC2002` ... `# rsc-enable RSC2002`: everything between, in text order (an unmatched
 *   disable runs to the end of the file).
 * - `# rsc-disable-file RSC2002`: the whole file, wherever the comment stands.
 */
export function applyDirectives(
  parse: ParseResult,
  text: string,
  diagnostics: readonly Diagnostic[],
  knownCodes?: Iterable<string>,
): Diagnostic[] {
  const found = new DirectivesFound();
  found.addWindow(parse, text);
  return found.apply(text.length, diagnostics, knownCodes);
}

/**
 * The directives of a script, read from its parse or, by a lint that never holds the whole tree
 * (windowed.ts), from each window of it in order; then applied to the script's diagnostics.
 */
export class DirectivesFound {
  private readonly directives: Directive[] = [];
  /** For each directive, the range of the statement a `disable-next-line` applies to. */
  private readonly targets: ({ start: number; end: number } | undefined)[] = [];
  /** `disable-next-line` directives after the last statement of the windows so far. */
  private waiting: number[] = [];

  /** Reads the directives of the next window (or of the whole parse) of `text`. */
  addWindow(parse: ParseResult, text: string): void {
    const ds = findDirectives(parse, text);
    if (ds.length === 0 && this.waiting.length === 0) return;
    let statements: Statement[] | undefined;
    const sorted = (): Statement[] =>
      (statements ??= allStatements(parse.root).sort((a, b) => a.start - b.start));
    // The statement after a directive that ended the last window is this window's first.
    if (this.waiting.length > 0 && parse.root.statements.length > 0) {
      const s = nextStatement(sorted(), 0);
      for (const i of this.waiting) this.targets[i] = s && { start: s.start, end: s.end };
      this.waiting = [];
    }
    for (const d of ds) {
      this.directives.push(d);
      let target: { start: number; end: number } | undefined;
      if (d.kind === 'disable-next-line' && d.codes.length > 0) {
        const s = nextStatement(sorted(), d.end);
        if (s) target = { start: s.start, end: s.end };
        else this.waiting.push(this.directives.length - 1);
      }
      this.targets.push(target);
    }
  }

  /** `diagnostics` (of a text of `textLength` characters) without those the directives silence. */
  apply(textLength: number, diagnostics: readonly Diagnostic[], knownCodes?: Iterable<string>): Diagnostic[] {
    const directives = this.directives;
    if (directives.length === 0) return [...diagnostics];
    const known = new Set(knownCodes ?? [...rules.map((r) => r.meta.code), ...SYNTAX_CODES]);
    // A rule may report several codes; whatever was actually reported is known too.
    for (const d of diagnostics) known.add(d.code);

    const findings: Diagnostic[] = [];
    const silences: Silence[] = [];
    const open = new Map<string, number>();

    for (let k = 0; k < directives.length; k++) {
      const d = directives[k];
      if (d.codes.length === 0) {
        findings.push({
          code: 'RSC1007',
          severity: 'information',
          message: `\`rsc-${d.kind}\` names no rule: write the codes to silence, e.g. \`# rsc-${d.kind} RSC2002\`.`,
          start: d.start,
          end: d.end,
        });
        continue;
      }
      const valid: string[] = [];
      for (const c of d.codes) {
        if (known.has(c.code)) valid.push(c.code);
        else
          findings.push({
            code: 'RSC1007',
            severity: 'information',
            message: `\`${c.code}\` is not a rule code, so this directive silences nothing for it.`,
            start: c.start,
            end: c.end,
          });
      }
      switch (d.kind) {
        case 'disable-file':
          for (const code of valid) silences.push({ code, start: 0, end: textLength });
          break;
        case 'disable':
          for (const code of valid) if (!open.has(code)) open.set(code, d.end);
          break;
        case 'enable':
          for (const code of valid) {
            const from = open.get(code);
            if (from === undefined) continue;
            silences.push({ code, start: from, end: d.start });
            open.delete(code);
          }
          break;
        case 'disable-next-line': {
          const s = this.targets[k];
          if (s) for (const code of valid) silences.push({ code, start: s.start, end: s.end });
          break;
        }
      }
    }
    for (const [code, from] of open) silences.push({ code, start: from, end: textLength });

    const byCode = new Map<string, Silence[]>();
    for (const s of silences) {
      const list = byCode.get(s.code);
      if (list) list.push(s);
      else byCode.set(s.code, [s]);
    }
    const kept = diagnostics.filter(
      (diag) => !byCode.get(diag.code)?.some((s) => diag.start >= s.start && diag.start <= s.end),
    );
    return [...kept, ...findings].sort((a, b) => a.start - b.start);
  }
}
