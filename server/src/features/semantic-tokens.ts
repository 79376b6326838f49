// Semantic tokens from the parse: menus, commands, arguments, enumeration values, variables, operators,
// strings with their escapes, numbers, comments and control keywords. Tokens never overlap and never span
// a line break (editors reject both); the LSP layer turns offsets into the delta encoding.
import { getGlobalCommand, enumValues, resolveMenu, type SchemaNode } from '../schema';
import type { CommandNode } from '../syntax';
import { walk } from '../syntax';
import { scopesOf, type FeatureDoc } from './context';

/**
 * The legend. Types: namespace = menu path segment; function = global command or function call; method =
 * menu command; parameter = argument name (and function parameters); enumMember = a value the command
 * tree lists for that argument; variable = `$name` and declared names; operator; string; regexp = an
 * escape inside a string; number = numbers, times, addresses; comment; keyword = control commands
 * (`:if`, `:for`, `:local` ...) and `do=`-style code arguments. Modifiers: declaration (where a variable
 * is declared), readonly (loop variables), defaultLibrary (RouterOS commands), static (globals).
 */
export const TOKEN_TYPES = [
  'namespace',
  'function',
  'method',
  'parameter',
  'enumMember',
  'variable',
  'operator',
  'string',
  'regexp',
  'number',
  'comment',
  'keyword',
] as const;
export const TOKEN_MODIFIERS = ['declaration', 'readonly', 'defaultLibrary', 'static'] as const;

export type TokenType = (typeof TOKEN_TYPES)[number];
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

export interface SemanticToken {
  start: number;
  end: number;
  type: TokenType;
  modifiers: TokenModifier[];
}

const KEYWORDS = new Set([
  'if',
  'for',
  'foreach',
  'while',
  'do',
  'onerror',
  'retry',
  'return',
  'local',
  'global',
  'set',
  'error',
]);

const CODE_ARGS = new Set(['do', 'else', 'on-error', 'in', 'command']);

/** Tokens for the whole document, or for those overlapping `range`. */
export function getSemanticTokens(doc: FeatureDoc, range?: { start: number; end: number }): SemanticToken[] {
  const raw: SemanticToken[] = [];
  const add = (start: number, end: number, type: TokenType, modifiers: TokenModifier[] = []): void => {
    if (end > start) raw.push({ start, end, type, modifiers });
  };
  const inRange = (n: { start: number; end: number }): boolean =>
    !range || (n.end >= range.start && n.start <= range.end);

  // forEachToken rather than `tokens`: only comments and operators are needed, and materialising every
  // token of a big document (kept alive with its parse) cost more than the rest of this function.
  doc.parse.forEachToken((kind, start, end) => {
    if (kind !== 'comment' && kind !== 'operator') return;
    if (range && !(end >= range.start && start <= range.end)) return;
    add(start, end, kind);
  });

  // Variables from the scope model (it already knows declarations, uses and uses inside strings).
  const model = scopesOf(doc);
  for (const d of model.declarations) {
    if (d.kind === 'param' || !inRange({ start: d.nameStart, end: d.nameEnd })) continue;
    const mods: TokenModifier[] = ['declaration'];
    if (d.kind === 'loop') mods.push('readonly');
    if (d.kind === 'global') mods.push('static');
    add(d.nameStart, d.nameEnd, d.isFunction ? 'function' : 'variable', mods);
  }
  for (const r of model.references) {
    if (!inRange(r)) continue;
    const d = r.declaration;
    const type: TokenType =
      r.kind === 'call' || d?.isFunction ? 'function' : d?.kind === 'param' ? 'parameter' : 'variable';
    const mods: TokenModifier[] = [];
    if (d?.kind === 'loop') mods.push('readonly');
    if (d?.kind === 'global') mods.push('static');
    // Include the `$` so the whole `$name` is coloured.
    const dollar =
      doc.text[r.start - 1] === '$' ? r.start - 1 : doc.text[r.start - 2] === '$' ? r.start - 2 : r.start;
    add(dollar, r.end, type, mods);
  }

  walk(doc.parse.root, (n) => {
    if (!inRange(n)) return false;
    switch (n.kind) {
      case 'path':
        for (const s of n.segments) add(s.start, s.end, 'namespace');
        break;
      case 'command':
        commandTokens(n, add);
        break;
      case 'literal':
        if (n.type === 'string') {
          const s = n.string;
          // String text, with escapes and interpolations cut out (they get their own tokens).
          const holes: { start: number; end: number }[] = [];
          if (s) {
            for (const e of s.escapes) {
              if (e.kind !== 'continuation') add(e.start, e.end, 'regexp');
              holes.push(e);
            }
            for (const p of s.parts) if (p.kind === 'interp') holes.push(p);
          }
          holes.sort((a, b) => a.start - b.start);
          let at = n.start;
          for (const h of holes) {
            if (h.start > at) add(at, h.start, 'string');
            at = Math.max(at, h.end);
          }
          if (n.end > at) add(at, n.end, 'string');
        } else if (n.type !== 'word' && n.type !== 'bool') add(n.start, n.end, 'number');
        break;
      default:
        break;
    }
    return undefined;
  });
  return normalise(doc.text, raw);
}

function commandTokens(
  c: CommandNode,
  add: (s: number, e: number, t: TokenType, m?: TokenModifier[]) => void,
): void {
  if (c.callee) return; // The scope model colours `$f`.
  let node: SchemaNode | undefined;
  if (c.isGlobal) {
    node = getGlobalCommand(c.name);
    add(c.nameStart, c.nameEnd, KEYWORDS.has(c.name) ? 'keyword' : 'function', ['defaultLibrary']);
  } else {
    node = resolveMenu(c.menu)?.child(c.name);
    add(c.nameStart, c.nameEnd, 'method', ['defaultLibrary']);
  }
  for (const a of c.args) {
    if (a.kind !== 'namedArg') continue;
    add(a.nameStart, a.nameEnd, c.isGlobal && CODE_ARGS.has(a.name) ? 'keyword' : 'parameter');
    const v = a.value;
    if (!v || v.kind !== 'literal' || v.type !== 'word') continue;
    const argNode = node?.child(a.name);
    if (!argNode) continue;
    const text = v.text.startsWith('!') ? v.text.slice(1) : v.text;
    const vals = enumSet(argNode.type);
    if (text.split(',').every((x) => vals.has(x.replace(/^!/, '')))) add(v.start, v.end, 'enumMember');
  }
}

/** enumValues as a set, once per type object (types never change; this runs for every argument). */
const enumSets = new WeakMap<object, Set<string>>();

function enumSet(type: Parameters<typeof enumValues>[0]): Set<string> {
  let set = enumSets.get(type);
  if (!set) enumSets.set(type, (set = new Set(enumValues(type))));
  return set;
}

/** Sorts, drops overlaps (the first, more specific token wins) and splits tokens at line breaks. */
function normalise(text: string, raw: SemanticToken[]): SemanticToken[] {
  // Specific tokens (variables, escapes) were added before the generic ones covering them; keep order
  // stable so that among equal starts the earlier wins, then cut overlaps.
  // Array.prototype.sort is stable, so sorting by start keeps the insertion order among equal starts.
  const order = raw.slice().sort((a, b) => a.start - b.start);
  const out: SemanticToken[] = [];
  let last = -1;
  for (const t of order) {
    const start = Math.max(t.start, last);
    if (start >= t.end) continue;
    // Split at line breaks.
    let s = start;
    for (let i = start; i < t.end; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10 || ch === 13) {
        if (i > s) out.push({ ...t, start: s, end: i });
        s = i + 1;
      }
    }
    if (t.end > s) out.push({ ...t, start: s, end: t.end });
    last = t.end;
  }
  return out;
}
