// Signature help for the global commands (`:pick s start end`, `:find`, `:rndnum from= to=` ...) from the
// command tree's overlay docs, and selection ranges (token -> argument -> command -> block -> script).
import { GLOBALS } from '../schema/overlay/globals';
import { getGlobalCommand, describeType } from '../schema';
import type { CommandNode, Node } from '../syntax';
import { findNodeAt } from '../syntax';
import { tokenBefore, type FeatureDoc } from './context';

export interface SignatureParameter {
  label: string;
  documentation?: string;
}

export interface SignatureHelp {
  label: string;
  documentation?: string;
  parameters: SignatureParameter[];
  activeParameter: number;
}

/** Positional arguments of the global commands, in order (RouterOS manual, "Scripting"). */
const POSITIONAL: Record<string, readonly string[]> = {
  put: ['message'],
  pick: ['counter', 'begin', 'end'],
  find: ['in', 'key', 'from'],
  local: ['name', 'value'],
  global: ['name', 'value'],
  set: ['name', 'value'],
  if: ['condition'],
  while: ['condition'],
  for: ['counter'],
  foreach: ['counter'],
  do: ['command'],
  onerror: ['error'],
  retry: ['command'],
  error: ['message'],
  return: ['value'],
  delay: ['delay-time'],
  resolve: ['domain-name'],
  time: ['command'],
  import: ['file-name'],
  execute: ['script'],
  parse: ['value'],
  serialize: ['value'],
  deserialize: ['value'],
  convert: ['value'],
};

/** The arguments of a global command: positional ones in order, then the named ones. */
function argsInOrder(name: string): { name: string; doc?: string; positional: boolean }[] {
  const overlay = GLOBALS['/']?.commands?.[name]?.args ?? {};
  const node = getGlobalCommand(name);
  const docOf = (arg: string): string | undefined => {
    const c = node?.child(arg);
    return overlay[arg]?.doc ?? c?.doc;
  };
  const positional =
    POSITIONAL[name] ?? Object.keys(overlay).filter((k) => /\(positional/.test(overlay[k]?.doc ?? ''));
  const out = positional.map((n) => ({ name: n, doc: docOf(n), positional: true }));
  const names = new Set<string>([
    ...Object.keys(overlay),
    ...(node?.children() ?? []).filter((c) => c.kind === 'arg').map((c) => c.name),
  ]);
  for (const n of names) if (!positional.includes(n)) out.push({ name: n, doc: docOf(n), positional: false });
  return out;
}

export function getSignatureHelp(doc: FeatureDoc, offset: number): SignatureHelp | undefined {
  const path = findNodeAt(doc.parse.root, offset);
  let cmd: CommandNode | undefined;
  for (let i = path.length - 1; i >= 0; i--) {
    const n = path[i];
    if (n.kind === 'command' && n.isGlobal) {
      cmd = n;
      break;
    }
    // Inside a code value the enclosing command's signature would only distract.
    if (n.kind === 'code' || n.kind === 'block') return undefined;
  }
  if (!cmd || offset < cmd.nameEnd) return undefined;
  const node = getGlobalCommand(cmd.name);
  if (!node) return undefined;
  const args = argsInOrder(cmd.name);
  if (args.length === 0) return undefined;
  const params: SignatureParameter[] = args.map((a) => {
    const t = node.child(a.name);
    const type = t && t.kind === 'arg' ? describeType(t.type) : undefined;
    return {
      label: a.positional ? `<${a.name}>` : `${a.name}=`,
      documentation:
        [a.doc, type && type !== 'a value' ? `Type: ${type}.` : ''].filter(Boolean).join(' ') || undefined,
    };
  });
  const label = `:${cmd.name} ${params.map((p) => p.label).join(' ')}`;

  // The active parameter: the named argument under the cursor, else the next positional one.
  let active = -1;
  let positionalBefore = 0;
  for (const a of cmd.args) {
    if (a.kind === 'namedArg' && a.start <= offset && offset <= a.end) {
      active = args.findIndex((x) => x.name === a.name);
      break;
    }
    if (a.kind === 'positionalArg') {
      if (a.end < offset) positionalBefore++;
      else if (a.start <= offset) {
        // A half-typed word that starts a named argument (`:rndnum t|`) is that argument.
        const typed = doc.text.slice(a.start, offset);
        const named = args.findIndex((x) => !x.positional && typed.length > 0 && x.name.startsWith(typed));
        if (named >= 0 && positionalBefore >= args.filter((x) => x.positional).length) active = named;
        break;
      }
    }
  }
  // `:pick $s |`: a space after the last positional argument means the next one.
  if (active < 0) {
    const positional = args.filter((a) => a.positional);
    // One token, not `parse.tokens` (which builds every token of the file): asked for at each space typed.
    const before = tokenBefore(doc.parse, offset);
    const prev = before >= 0 ? doc.parse.tokenAt(before) : undefined;
    let index = positionalBefore;
    const lastPos = [...cmd.args].reverse().find((a) => a.kind === 'positionalArg');
    if (lastPos && lastPos.end === offset && prev && prev.kind !== 'whitespace')
      index = Math.max(0, index - 1);
    if (lastPos && lastPos.start <= offset && offset <= lastPos.end)
      index = cmd.args.filter((a) => a.kind === 'positionalArg' && a.end < lastPos.start).length;
    active = index < positional.length ? args.indexOf(positional[index]) : -1;
  }
  return { label, documentation: node.doc, parameters: params, activeParameter: active };
}

/** Nested ranges around `offset`, innermost first: word, argument, command, block, ..., script. */
export function getSelectionRanges(doc: FeatureDoc, offset: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const push = (s0: number, e0: number): void => {
    // Commands may end with the white space before a closing bracket: select without it.
    let start = s0;
    let end = e0;
    while (end > start && /\s/.test(doc.text[end - 1])) end--;
    while (start < end && /\s/.test(doc.text[start])) start++;
    const prev = out[out.length - 1];
    if (prev && prev.start === start && prev.end === end) return;
    // Each range must contain the previous one.
    if (prev && (start > prev.start || end < prev.end)) return;
    out.push({ start, end });
  };
  const ti = tokenBefore(doc.parse, offset + 1);
  const found = ti >= 0 ? doc.parse.tokenAt(ti) : undefined;
  const tok = found && found.end >= offset ? found : undefined;
  if (tok && tok.kind !== 'whitespace' && tok.kind !== 'newline') push(tok.start, tok.end);
  const path: Node[] = findNodeAt(doc.parse.root, offset);
  for (let i = path.length - 1; i >= 0; i--) {
    const n = path[i];
    if (n.kind === 'command' && n.nameStart <= offset && offset <= n.nameEnd) push(n.nameStart, n.nameEnd);
    if (n.kind === 'namedArg' && n.nameStart <= offset && offset <= n.nameEnd) push(n.nameStart, n.nameEnd);
    push(n.start, n.end);
  }
  push(0, doc.text.length);
  return out;
}
