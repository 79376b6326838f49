// Completion: menus and commands after `/`, a space or `..`; argument names; values after `=` (the schema's
// enumerations, yes/no, names the file defines); variables after `$`; global commands after `:`. Works on
// half-typed lines by reading the tokens of the statement under the cursor rather than the tree.
import { nameArgKind, NAME_KIND_LABEL, namesOf as configNames } from '../analysis/names';
import { visibleAt } from '../analysis/scopes';
import {
  describeType,
  enumValues,
  getGlobalCommand,
  loadSchema,
  parseTarget,
  requiredArgs,
  resolveMenu,
  versionLabel,
  type RequiredArgs,
  type SchemaNode,
  type Target,
  type ValueType,
} from '../schema';
import { isVarNameChar } from '../syntax';
import { lineOf, menuAt, namesOf, scopesOf, tokenBefore, type FeatureDoc } from './context';

export type CompletionKind =
  'menu' | 'command' | 'globalCommand' | 'argument' | 'value' | 'variable' | 'function' | 'name' | 'snippet';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** One line: type and version range. */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Text to insert; a snippet (with `$1`, `${1:x}`) when `snippet` is true. */
  insertText: string;
  snippet?: boolean;
  sortText: string;
  /** Not in the target RouterOS version (shown struck through). */
  deprecated?: boolean;
  /** The range the item replaces (the part of the word already typed). */
  replaceStart: number;
  replaceEnd: number;
  filterText?: string;
  /** Ask the editor to open completion again after inserting (after `name=`). */
  retrigger?: boolean;
}

export interface CompletionOptions {
  /** `routeros.targetVersion`: 'latest', '7.12', '6' ... */
  target?: string;
}

interface Word {
  text: string;
  start: number;
  end: number;
}

/** Control-flow snippets offered with the global commands. */
const SNIPPETS: Record<string, string> = {
  if: 'if (${1:condition}) do={\n\t$0\n}',
  for: 'for ${1:i} from=${2:1} to=${3:10} do={\n\t$0\n}',
  foreach: 'foreach ${1:k},${2:v} in=${3:\\$array} do={\n\t$0\n}',
  while: 'while (${1:condition}) do={\n\t$0\n}',
  do: 'do {\n\t$0\n} on-error={}',
  onerror: 'onerror ${1:e} in={\n\t$0\n} do={}',
  local: 'local ${1:name} ${2:value}',
  global: 'global ${1:name} ${2:value}',
};

/** The tokens of the statement the cursor is in, from its start up to the cursor, grouped into words. */
function statementWords(doc: FeatureDoc, offset: number): { words: Word[]; start: number } {
  // Token by token from the parse (not `parse.tokens`, which builds every token of the file).
  const p = doc.parse;
  let i = tokenBefore(p, offset);
  let depth = 0;
  let start = 0;
  // Walk back to where the statement starts: a line break, `;`, or an unclosed `{`, `[` or `(`.
  for (; i >= 0; i--) {
    const t = p.tokenAt(i);
    const s = doc.text.slice(t.start, t.end);
    if (t.kind === 'newline' || t.kind === 'comment') {
      if (depth === 0) {
        start = t.end;
        break;
      }
      continue;
    }
    if (t.kind !== 'punct') continue;
    if (s === ']' || s === '}' || s === ')') depth++;
    else if (s === '[' || s === '{' || s === '(') {
      if (depth === 0) {
        start = t.end;
        break;
      }
      depth--;
    } else if (s === ';' && depth === 0) {
      start = t.end;
      break;
    }
  }
  // Words: runs of tokens not separated by white space (at bracket depth 0), up to the cursor.
  const words: Word[] = [];
  let cur: Word | undefined;
  depth = 0;
  for (let k = Math.max(0, i + 1); k < p.tokenCount; k++) {
    const t = p.tokenAt(k);
    if (t.start >= offset) break;
    const end = Math.min(t.end, offset);
    const s = doc.text.slice(t.start, end);
    const space = t.kind === 'whitespace' || t.kind === 'continuation' || t.kind === 'newline';
    if (t.kind === 'punct') {
      if (s === '[' || s === '{' || s === '(') depth++;
      else if (s === ']' || s === '}' || s === ')') depth = Math.max(0, depth - 1);
    }
    if (space && depth === 0) {
      cur = undefined;
      continue;
    }
    if (!cur) {
      cur = { text: '', start: t.start, end: t.start };
      words.push(cur);
    }
    cur.text += s;
    cur.end = end;
  }
  return { words, start };
}

function schemaDetail(node: SchemaNode, target: Target): string {
  const parts: string[] = [];
  if (node.kind === 'arg') parts.push(describeType(node.typeIn(target)));
  else if (node.isMenu) parts.push('menu');
  else parts.push('command');
  parts.push(versionLabel(node.versions));
  return parts.join(' · ');
}

function sortKey(group: number, name: string, missing: boolean): string {
  return `${missing ? 9 : group}${name}`;
}

/** The completions at `offset`. Never throws on broken input. */
export function getCompletions(
  doc: FeatureDoc,
  offset: number,
  options: CompletionOptions = {},
): CompletionItem[] {
  const target = parseTarget(options.target ?? 'latest');
  const { words, start } = statementWords(doc, offset);
  const last = words[words.length - 1];
  const typing = last && last.end === offset ? last : undefined;
  const done = typing ? words.slice(0, -1) : words;
  const cur: Word = typing ?? { text: '', start: offset, end: offset };

  // A variable being typed anywhere: `$na`, `name=$na`, `"text $na`.
  const dollar = variablePrefix(doc.text, offset);
  if (dollar) return variableItems(doc, offset, dollar.start, target);

  if (done.length === 0) {
    if (cur.text.startsWith(':')) return globalCommandItems(cur.start + 1, offset, target, cur.text.slice(1));
    const menu = cur.text.startsWith('/') ? [] : menuAt(doc, start);
    return pathItems(menu, cur, offset, target, true);
  }

  // Resolve the words before the cursor: menus, then a command, then its arguments.
  const first = done[0].text;
  let command: SchemaNode | undefined;
  let menu: string[] = first.startsWith('/') ? [] : menuAt(doc, start);
  let argsFrom = 1;
  if (first.startsWith(':')) {
    command = getGlobalCommand(first.slice(1));
  } else if (first.startsWith('$')) {
    return []; // A call: its arguments are the function's own.
  } else {
    argsFrom = done.length;
    for (let w = 0; w < done.length && !command; w++) {
      for (const seg of done[w].text.split('/')) {
        if (seg === '') continue;
        if (seg === '..') {
          menu = menu.slice(0, -1);
          continue;
        }
        const node = childOf(menu, seg);
        if (node?.isMenu) menu = [...node.path];
        else if (node && node.kind === 'command') {
          command = node;
          argsFrom = w + 1;
          break;
        } else {
          return [];
        }
      }
    }
    if (!command) return pathItems(menu, cur, offset, target, false);
  }
  if (!command) return [];

  const used = new Set(done.slice(argsFrom).map((w) => w.text.split('=')[0]));
  const eq = cur.text.indexOf('=');
  if (eq > 0) {
    const argName = cur.text.slice(0, eq);
    return valueItems(doc, command, argName, cur.start + eq + 1, cur.text.slice(eq + 1), offset, target);
  }
  return argItems(command, used, cur.start, offset, target);
}

/** `child` with RouterOS's unique-prefix abbreviation (`fire` for `firewall`). */
function childOf(menu: readonly string[], name: string): SchemaNode | undefined {
  const m = resolveMenu(menu);
  if (!m) return undefined;
  const exact = m.child(name) ?? (menu.length > 0 ? loadSchema().root.child(name) : undefined);
  if (exact && (exact.isMenu || exact.kind === 'command')) return exact;
  const matches = m.children().filter((c) => c.name.startsWith(name) && (c.isMenu || c.kind === 'command'));
  return matches.length === 1 ? matches[0] : undefined;
}

/** When the cursor follows `$name` (maybe empty): where the name starts. */
function variablePrefix(text: string, offset: number): { start: number } | undefined {
  let i = offset;
  while (i > 0 && isVarNameChar(text[i - 1])) i--;
  if (i > 0 && text[i - 1] === '$' && (i < 2 || text[i - 2] !== '\\')) return { start: i };
  return undefined;
}

function pathItems(
  menu: readonly string[],
  cur: Word,
  offset: number,
  target: Target,
  statementStart: boolean,
): CompletionItem[] {
  // Only the last path segment is replaced: `/ip/fire|` completes `fire`.
  let base = [...menu];
  let from = cur.start;
  const text = cur.text;
  const slash = text.lastIndexOf('/');
  if (slash >= 0) {
    for (const seg of text.slice(0, slash).split('/')) {
      if (seg === '') continue;
      if (seg === '..') base = base.slice(0, -1);
      else {
        const n = childOf(base, seg);
        if (!n?.isMenu) return [];
        base = [...n.path];
      }
    }
    from = cur.start + slash + 1;
  }
  const m = resolveMenu(base);
  if (!m) return [];
  const out: CompletionItem[] = [];
  for (const c of m.children()) {
    if (!c.isMenu && c.kind !== 'command') continue;
    const missing = !c.existsIn(target);
    out.push({
      label: c.name,
      kind: c.isMenu ? 'menu' : 'command',
      detail: schemaDetail(c, target),
      documentation: c.doc,
      insertText: c.name,
      sortText: sortKey(c.isMenu ? 1 : 0, c.name, missing),
      deprecated: missing || undefined,
      replaceStart: from,
      replaceEnd: offset,
    });
  }
  if (base.length > 0 && from === cur.start + slash + 1 && slash < 0) {
    out.push({
      label: '..',
      kind: 'menu',
      detail: `up to /${base.slice(0, -1).join(' ')}`,
      insertText: '..',
      sortText: '2..',
      replaceStart: from,
      replaceEnd: offset,
    });
  }
  // RouterOS 7 reaches the global commands without `:` at the start of a statement.
  if (statementStart && slash < 0) out.push(...globalCommandItems(from, offset, target, text, 3));
  return out;
}

function globalCommandItems(
  from: number,
  offset: number,
  target: Target,
  typed: string,
  group = 0,
): CompletionItem[] {
  const out: CompletionItem[] = [];
  for (const c of loadSchema().root.children()) {
    if (c.kind !== 'command') continue;
    const missing = !c.existsIn(target);
    const snippet = SNIPPETS[c.name];
    out.push({
      label: c.name,
      kind: snippet ? 'snippet' : 'globalCommand',
      detail: `global command · ${versionLabel(c.versions)}`,
      documentation: c.doc,
      insertText: snippet ?? c.name,
      snippet: snippet ? true : undefined,
      sortText: sortKey(group, c.name, missing),
      deprecated: missing || undefined,
      replaceStart: from,
      replaceEnd: offset,
      filterText: typed.startsWith(':') ? `:${c.name}` : c.name,
    });
  }
  return out;
}

function argItems(
  command: SchemaNode,
  used: ReadonlySet<string>,
  from: number,
  offset: number,
  target: Target,
): CompletionItem[] {
  const out: CompletionItem[] = [];
  // `add` lists what RouterOS requires first (RSC2008's data), in RouterOS's order.
  const req =
    command.name === 'add' && command.parent?.parent ? requiredArgs(command.parent.path, target) : undefined;
  for (const a of command.children()) {
    if (a.kind !== 'arg' || used.has(a.name)) continue;
    // Positional-only arguments of the global commands are written without `name=`.
    if (a.doc?.includes('(positional)')) continue;
    const missing = !a.existsIn(target);
    const t = a.typeIn(target);
    const code = t.kind === 'script';
    const reqAt = req && req.kind !== 'none' ? req.args.indexOf(a.name) : -1;
    const mark = req && reqAt >= 0 ? requiredMark(req, reqAt) : undefined;
    out.push({
      label: `${a.name}=`,
      kind: 'argument',
      detail: mark ? `${mark.detail} · ${schemaDetail(a, target)}` : schemaDetail(a, target),
      documentation: mark ? [mark.doc, a.doc].filter(Boolean).join('\n\n') : a.doc,
      insertText: code ? `${a.name}={\n\t$0\n}` : `${a.name}=`,
      snippet: code || undefined,
      sortText: mark && !missing ? mark.sortText : sortKey(0, a.name, missing),
      deprecated: missing || undefined,
      replaceStart: from,
      replaceEnd: offset,
      filterText: a.name,
      retrigger: !code,
    });
  }
  return out;
}

/**
 * How an argument of `add` that RouterOS asked for is shown: exactly required ones as "required" in
 * RouterOS's order before everything else; names from a custom message as candidates right after, with
 * RouterOS's words, never as required.
 */
function requiredMark(req: RequiredArgs, at: number): { detail: string; doc: string; sortText: string } {
  const source = `RouterOS ${req.probe} (probe used for ${req.range})`;
  if (req.kind === 'exact')
    return {
      detail: 'required',
      doc: `Required: ${source} refuses \`add\` without it ("${req.message}").`,
      sortText: ` ${String(at).padStart(2, '0')}`,
    };
  return {
    detail: 'candidate',
    doc: `${source} answers a bare \`add\` here with "${req.message}".`,
    sortText: ` ~${req.args[at]}`,
  };
}

function valueItems(
  doc: FeatureDoc,
  command: SchemaNode,
  argName: string,
  valueStart: number,
  typed: string,
  offset: number,
  target: Target,
): CompletionItem[] {
  // In a list (`tcp-flags=syn,!ack`) only the item after the last comma is replaced; `!` stays.
  const comma = typed.lastIndexOf(',');
  let from = valueStart + comma + 1;
  if (doc.text[from] === '!') from++;
  if (doc.text[from] === '"') from++;
  const out: CompletionItem[] = [];
  const arg = command.child(argName);
  const seen = new Set<string>();
  if (arg && arg.kind === 'arg') {
    const type: ValueType = arg.typeIn(target);
    const present = new Set(enumValues(type));
    const all = new Set<string>();
    for (const t of arg.types) for (const v of enumValues(t.type)) all.add(v);
    for (const v of all) {
      const missing = !present.has(v);
      seen.add(v);
      out.push({
        label: v,
        kind: 'value',
        detail: missing ? `not in ${target.label}` : describeType(type),
        insertText: v,
        sortText: sortKey(0, v, missing),
        deprecated: missing || undefined,
        replaceStart: from,
        replaceEnd: offset,
      });
    }
  }
  // Names the file defines (address lists, marks, queues, interfaces ...).
  const menu = command.parent ? [...command.parent.path] : [];
  const k = nameArgKind(menu, command.name, argName);
  if (k) {
    const names = configNames(namesOf(doc), k.kind, true);
    for (const n of names) {
      if (seen.has(n)) continue;
      seen.add(n);
      out.push({
        label: n,
        kind: 'name',
        detail: `${NAME_KIND_LABEL[k.kind]} in this file`,
        insertText: /^[A-Za-z0-9_.:-]+$/.test(n) ? n : `"${n.replace(/["\\$]/g, '\\$&')}"`,
        sortText: sortKey(1, n, false),
        replaceStart: from,
        replaceEnd: offset,
      });
    }
  }
  return out;
}

function variableItems(doc: FeatureDoc, offset: number, from: number, target: Target): CompletionItem[] {
  void target;
  const m = scopesOf(doc);
  const out: CompletionItem[] = [];
  const seen = new Set<string>();
  for (const d of visibleAt(m, offset)) {
    // The half-typed `$na` itself reads as a parameter of the function body; it is no suggestion.
    if (d.kind === 'param' && d.references.every((r) => r.start === from)) continue;
    seen.add(d.name);
    out.push({
      label: d.name,
      kind: d.isFunction ? 'function' : 'variable',
      detail:
        d.kind === 'param'
          ? 'parameter'
          : `${d.isFunction ? 'function' : d.kind === 'error-var' ? 'error variable' : d.kind} · line ${lineOf(doc, d.nameStart)}`,
      insertText: /^[A-Za-z0-9_]+$/.test(d.name) ? d.name : `"${d.name}"`,
      sortText: sortKey(0, d.name, false),
      replaceStart: from,
      replaceEnd: offset,
    });
  }
  // Globals of the file that this scope has not imported: usable after `:global name` here.
  for (const d of m.declarations) {
    if (d.kind !== 'global' || seen.has(d.name)) continue;
    seen.add(d.name);
    out.push({
      label: d.name,
      kind: d.isFunction ? 'function' : 'variable',
      detail: `global (needs :global ${d.name} in this scope) · line ${lineOf(doc, d.nameStart)}`,
      insertText: /^[A-Za-z0-9_]+$/.test(d.name) ? d.name : `"${d.name}"`,
      sortText: sortKey(2, d.name, false),
      replaceStart: from,
      replaceEnd: offset,
    });
  }
  return out;
}
