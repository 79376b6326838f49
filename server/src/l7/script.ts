// The layer-7 regexps of a parsed script: every `regexp=` value of `/ip firewall layer7-protocol add|set`
// in the tree (quoted or not, in /export layout, v7 slash paths, split by `\` continuations), decoded once
// per parse through both layers (RouterOS string, then l7-filter). The RSC3nnn rules, the layer-7 hover and
// the client's "Test Layer-7 Pattern Against Capture" read them from here.
// Not exported from `l7/index.ts`: the rest of the engine does not need the syntax tree.
import {
  memoOn,
  mentions,
  walk,
  type CommandNode,
  type NamedArg,
  type Node,
  type ParseResult,
} from '../syntax';
import { fromCli, type L7Pattern } from './pattern';

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

/**
 * The values of a parse, kept on its tree (see memoOn) with the text they were read with: without the text
 * an unquoted value split by a continuation reads differently, so another text computes them again. On the
 * tree, not on the ParseResult: the linter's statement-local pass lints a view that inherits from the
 * parse (so would see the parse's slot) but has a tree of its own (lint/index.ts, LintMemo).
 */
const VALUES = Symbol('layer7Regexps');
interface ValuesMemo {
  read: boolean;
  text: string | undefined;
  values: L7RegexpValue[];
}

/** `menu.join(' ') === L7_MENU` without building the string for every command (names hold no spaces). */
function isL7Menu(menu: readonly string[]): boolean {
  return menu.length === 3 && menu[0] === 'ip' && menu[1] === 'firewall' && menu[2] === 'layer7-protocol';
}

/**
 * Every literal layer-7 `regexp=` value of the document, in source order; computed ones are skipped.
 * Without the document text, an unquoted value split by a continuation is read up to the split only.
 */
export function layer7Regexps(parse: ParseResult, text?: string): L7RegexpValue[] {
  const memo = memoOn(parse.root, VALUES, (): ValuesMemo => ({ read: false, text: undefined, values: [] }));
  if (memo.read && memo.text === text) return memo.values;
  memo.read = true;
  memo.text = text;
  memo.values = readValues(parse, text);
  return memo.values;
}

function readValues(parse: ParseResult, text: string | undefined): L7RegexpValue[] {
  const values: L7RegexpValue[] = [];
  // Menu words are kept as written, so a layer-7 command needs `layer7-protocol` in the text: most files
  // have none, and one scan of the text is far cheaper than a walk over every node of the tree.
  if (text !== undefined && !mentions(text, 'layer7-protocol')) return values;
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

/** The regexp value whose written range contains `offset` (ends included), if any. */
export function regexpAt(parse: ParseResult, offset: number, text?: string): L7RegexpValue | undefined {
  return layer7Regexps(parse, text).find((v) => v.start <= offset && offset <= v.end);
}
