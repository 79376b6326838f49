// What the RSC3nnn rules share: finding every `regexp=` value of `/ip firewall layer7-protocol add|set` in
// the tree (quoted or not, in /export layout, v7 slash paths, split by `\` continuations), decoding it once
// per parse, and turning the layer-7 engine's findings into diagnostics.
import { mentions } from './mentions';
import { describe, fromCli, printableEngine, type L7Finding, type L7Pattern } from '../../l7';
import { walk, type CommandNode, type NamedArg, type Node, type ParseResult } from '../../syntax';
import type { RuleContext } from '../types';

/** The menu of layer-7 protocol entries. */
export const L7_MENU = 'ip firewall layer7-protocol';

/** Firewall tables whose rules can match `layer7-protocol=` (RouterOS 7: filter, nat and mangle of `/ip`). */
export const L7_MATCH_TABLES: ReadonlySet<string> = new Set(['filter', 'nat', 'mangle']);

/** One `regexp=` value written in the document, decoded through both layers. */
export interface L7RegexpValue {
  command: CommandNode;
  arg: NamedArg;
  /** Document range of the value as written (quotes included for a quoted string). */
  start: number;
  end: number;
  quoted: boolean;
  pattern: L7Pattern;
  /**
   * True when RouterOS rejects the string itself (an unknown escape such as `\x`): the regex never reaches
   * the router, so only the escaping rules (RSC3001, RSC3010) speak about it.
   */
  rejected: boolean;
}

/** True for `regexp` and the unambiguous abbreviations RouterOS accepts for it (`reg`, `regex`). */
function isRegexpArg(name: string): boolean {
  return name.length >= 3 && 'regexp'.startsWith(name);
}

const cache = new WeakMap<ParseResult, { text: string | undefined; values: L7RegexpValue[] }>();

/** `menu.join(' ') === L7_MENU` without building the string for every command (names hold no spaces). */
function isL7Menu(menu: readonly string[]): boolean {
  return menu.length === 3 && menu[0] === 'ip' && menu[1] === 'firewall' && menu[2] === 'layer7-protocol';
}

/**
 * Every literal layer-7 `regexp=` value of the document, in source order; computed ones are skipped.
 * Without the document text, an unquoted value split by a continuation is read up to the split only.
 */
export function layer7Regexps(parse: ParseResult, text?: string): L7RegexpValue[] {
  const hit = cache.get(parse);
  if (hit !== undefined && hit.text === text) return hit.values;
  const values: L7RegexpValue[] = [];
  // Menu words are kept as written, so a layer-7 command needs `layer7-protocol` in the text: most files
  // have none, and one scan of the text is far cheaper than a walk over every node of the tree.
  if (text !== undefined && !mentions(text, 'layer7-protocol')) {
    cache.set(parse, { text, values });
    return values;
  }
  walk(parse.root, (n: Node) => {
    if (n.kind !== 'command') return;
    if ((n.name !== 'add' && n.name !== 'set') || !isL7Menu(n.menu)) return;
    // Read once: a MenuCommand may make its argument nodes on each read (see AtomArgStore).
    const args = n.args;
    args.forEach((arg, k) => {
      if (arg.kind !== 'namedArg' || !isRegexpArg(arg.name)) return;
      const v = regexpValue(n, arg, args[k + 1], text);
      if (v !== undefined) values.push(v);
    });
  });
  cache.set(parse, { text, values });
  return values;
}

function regexpValue(
  command: CommandNode,
  arg: NamedArg,
  next: CommandNode['args'][number] | undefined,
  text: string | undefined,
): L7RegexpValue | undefined {
  const v = arg.value;
  if (v === undefined || v.kind !== 'literal') return undefined;
  if (v.type === 'string') {
    const s = v.string;
    // An unterminated string runs to the end of the file: RSC1001 says so, and its "pattern" means nothing.
    if (s === undefined || s.hasInterpolation || !v.text.endsWith('"') || v.text.length < 2) return undefined;
    const pattern = fromCli(s.raw, v.start + 1);
    return { command, arg, start: v.start, end: v.end, quoted: true, pattern, rejected: rejects(pattern) };
  }
  // An unquoted value: RouterOS reads escapes in it as in a string. /export may split it with a `\`
  // continuation, which the parser ends the word at; the next piece then shows up as a positional argument
  // that starts right after the continuation's indentation, and the two are one value.
  let end = v.end;
  if (text === undefined) {
    const pattern = fromCli(v.text, v.start);
    return v.text.includes('$')
      ? undefined
      : { command, arg, start: v.start, end, quoted: false, pattern, rejected: rejects(pattern) };
  }
  const cont = /^\\\r?\n[ \t]*/.exec(text.slice(end, end + 200));
  if (
    cont !== null &&
    next !== undefined &&
    next.kind === 'positionalArg' &&
    next.start === end + cont[0].length
  ) {
    const piece = next.value;
    if (piece.kind !== 'literal' || piece.type === 'string') return undefined;
    end = piece.end;
  }
  const raw = text.slice(v.start, end);
  if (raw.includes('$')) return undefined;
  const pattern = fromCli(raw, v.start);
  return { command, arg, start: v.start, end, quoted: false, pattern, rejected: rejects(pattern) };
}

function rejects(p: L7Pattern): boolean {
  return p.stringErrors.some((e) => e.severity === 'error');
}

/**
 * The two layers of a value in one line, appended to every pattern diagnostic: what was written, what the
 * regex compiler receives after the string decoder and the l7-filter pre-processing, and what that matches.
 */
export function layersLine(v: L7RegexpValue): string {
  const hit = layersCache.get(v);
  if (hit !== undefined) return hit;
  const line = computeLayersLine(v);
  layersCache.set(v, line);
  return line;
}

// Several rules may report on one value; the reading is computed once.
const layersCache = new WeakMap<L7RegexpValue, string>();

function computeLayersLine(v: L7RegexpValue): string {
  const written = v.pattern.raw.replace(/\\\r?\n[ \t]*/g, '');
  if (v.rejected)
    return `Written: ${written} (RouterOS rejects this string, so nothing reaches the matcher).`;
  const d = describe(v.pattern);
  return `Written: ${written} · regex receives: ${printableEngine(v.pattern.engine)} · matches: ${d.reading[0]}.`;
}

/** Reports engine findings as diagnostics of the calling rule (same ranges and fixes). */
export function reportFindings(ctx: RuleContext, findings: readonly L7Finding[], suffix = ''): void {
  for (const f of findings) {
    ctx.report({
      start: f.start,
      end: f.end,
      message: suffix === '' ? f.message : `${f.message}\n${suffix}`,
      ...(f.severity !== undefined ? { severity: f.severity } : {}),
      ...(f.fix !== undefined
        ? {
            fix: {
              title: f.fix.title,
              edits: f.fix.edits,
              safe: f.fix.safe,
              ...(f.fix.command !== undefined ? { command: f.fix.command } : {}),
            },
          }
        : {}),
    });
  }
}

/**
 * Runs one engine finder over every regexp of the document. The escaping rules look at every value; the
 * others only at values RouterOS accepts (a rejected line never reaches the matcher; fix the escaping first).
 */
export function checkPatterns(
  ctx: RuleContext,
  finder: (p: L7Pattern) => L7Finding[],
  options: { includeRejected?: boolean } = {},
): void {
  for (const v of layer7Regexps(ctx.parse, ctx.text)) {
    if (v.rejected && options.includeRejected !== true) continue;
    const found = finder(v.pattern);
    if (found.length > 0) reportFindings(ctx, found, layersLine(v));
  }
}

/** The regexp value whose written range contains `offset` (ends included), if any. */
export function regexpAt(parse: ParseResult, offset: number, text?: string): L7RegexpValue | undefined {
  return layer7Regexps(parse, text).find((v) => v.start <= offset && offset <= v.end);
}

/** The document text of a finding's range inside the value, as written (the bytes the message quotes). */
export function writtenAt(p: L7Pattern, s: { start: number; end: number }): string {
  return p.raw.slice(s.start - p.rawStart, s.end - p.rawStart).replace(/\\\r?\n[ \t]*/g, '');
}

/**
 * Gives each engine finding the lint message form: one line saying the problem, one saying what to do.
 * `lines` returns the two; the layers line ("Written · regex receives · matches") is added after them by
 * checkPatterns.
 */
export function twoLines(
  findings: readonly L7Finding[],
  lines: (f: L7Finding) => readonly [problem: string, todo: string],
): L7Finding[] {
  return findings.map((f) => {
    const [problem, todo] = lines(f);
    return { ...f, message: `${problem}\n${todo}` };
  });
}
