// Hover: what the word under the cursor is. Menus, commands and arguments show the command tree's docs with
// type, allowed values and version range; variables where they are declared; config names where they are
// defined and used; literals their decoded or normalised value (strings, hex, times, IP prefixes).
import { NAME_KIND_LABEL, nameArgKind, nameSiteAt, sitesOf } from '../analysis/names';
import { symbolAt, type Declaration } from '../analysis/scopes';
import {
  describeType,
  enumValues,
  getGlobalCommand,
  parseTarget,
  parseTime,
  requiredArgs,
  resolveMenu,
  versionLabel,
  type SchemaNode,
  type Target,
} from '../schema';
import type { BlockNode, CommandNode, LiteralNode, MenuNode, Node } from '../syntax';
import { findNodeAt } from '../syntax';
import { lineOf, namesOf, scopesOf, type FeatureDoc } from './context';
import { l7Hover } from './l7-hover';

export interface HoverResult {
  /** Markdown. */
  contents: string;
  start: number;
  end: number;
}

export interface HoverOptions {
  target?: string;
  /** The opt-in Latin-1 fold assumption (routeros.lint.latin1Fold): the layer-7 hover then shows that reading too. */
  latin1Fold?: boolean;
}

export function getHover(
  doc: FeatureDoc,
  offset: number,
  options: HoverOptions = {},
): HoverResult | undefined {
  const target = parseTarget(options.target ?? 'latest');
  try {
    // Layer-7 patterns (regexp= values and layer7-protocol= names) have their own, richer hover.
    const h = l7Hover(doc.parse, offset, doc.text, { latin1Fold: options.latin1Fold === true });
    if (h) return { contents: h.markdown, start: h.start, end: h.end };
  } catch {
    // A failing optional hover must not hide ours.
  }
  const path = findNodeAt(doc.parse.root, offset);
  const innermost = path[path.length - 1];
  // Build the scope and name indexes only where they can answer: on variables, strings and the names
  // of declarations, and on values of arguments that hold config names.
  const maybeVariable =
    innermost.kind === 'variable' ||
    (innermost.kind === 'literal' && (innermost.type === 'string' || innermost.type === 'word'));
  if (maybeVariable) {
    const sym = symbolAt(scopesOf(doc), offset);
    if (sym) {
      return {
        contents: variableHover(doc, sym.name, sym.declaration, !!sym.reference),
        start: sym.start,
        end: sym.end,
      };
    }
  }
  const valueArg = [...path].reverse().find((n) => n.kind === 'namedArg');
  const valueCmd = [...path].reverse().find((n) => n.kind === 'command');
  const maybeName =
    valueArg?.kind === 'namedArg' &&
    valueArg.value &&
    offset >= valueArg.value.start &&
    valueCmd?.kind === 'command' &&
    nameArgKind(valueCmd.menu, valueCmd.name, valueArg.name) !== undefined;
  const site = maybeName ? nameSiteAt(namesOf(doc), offset) : undefined;
  if (site) {
    const all = sitesOf(namesOf(doc), site.kind, site.name);
    const defs = all.filter((s) => s.role === 'definition').map((s) => lineOf(doc, s.start));
    const refs = all.filter((s) => s.role === 'reference').map((s) => lineOf(doc, s.start));
    const lines = [
      `**${NAME_KIND_LABEL[site.kind]}** \`${site.name}\`${site.negated ? ' (negated: matches when *not* in it)' : ''}`,
      defs.length ? `Defined on line ${uniq(defs).join(', ')}.` : 'Not defined in this file.',
      refs.length ? `Used on line ${uniq(refs).join(', ')}.` : 'Not used in this file.',
    ];
    return { contents: lines.join('\n\n'), start: site.start, end: site.end };
  }

  let command: CommandNode | undefined;
  for (let i = path.length - 1; i >= 0; i--) {
    const n = path[i];
    if (n.kind === 'command') {
      command = n;
      break;
    }
  }
  const inner: Node = path[path.length - 1];

  // Path segments: `/ip firewall filter`.
  for (const n of path) {
    if (n.kind !== 'path') continue;
    const segs = n.segments;
    for (let k = 0; k < segs.length; k++) {
      const s = segs[k];
      if (s.start <= offset && offset <= s.end && s.text !== '..') {
        const menuPath = menuOfSegment(path, segs.map((x) => x.text).slice(0, k + 1));
        const node = menuPath ? resolveMenu(menuPath) : undefined;
        if (node) return { contents: schemaHover(node, target), start: s.start, end: s.end };
      }
    }
  }

  if (command && offset >= command.nameStart && offset <= command.nameEnd && !command.callee) {
    const node = command.isGlobal
      ? getGlobalCommand(command.name)
      : resolveMenu(command.menu)?.child(command.name);
    if (node) {
      const req = requiredHover(node, target);
      const contents = req ? `${schemaHover(node, target)}\n\n${req}` : schemaHover(node, target);
      return { contents, start: command.nameStart, end: command.nameEnd };
    }
    return undefined;
  }

  if (command) {
    for (const a of command.args) {
      if (a.kind !== 'namedArg') continue;
      const cmdNode = commandNode(command);
      const argNode = cmdNode?.child(a.name);
      if (offset >= a.nameStart && offset <= a.nameEnd) {
        if (argNode) return { contents: schemaHover(argNode, target), start: a.nameStart, end: a.nameEnd };
        return undefined;
      }
      if (a.value && inner.kind === 'literal' && a.value.start <= offset && offset <= a.value.end) {
        const lit = literalHover(inner);
        if (lit) return { contents: lit, start: inner.start, end: inner.end };
        if (argNode) {
          const v = argNode.typeIn(target);
          const values = enumValues(v);
          if (values.includes(inner.text)) {
            return {
              contents: `\`${inner.text}\`: a value of \`${a.name}=\` (${describeType(v)})${argNode.doc ? `\n\n${argNode.doc}` : ''}`,
              start: inner.start,
              end: inner.end,
            };
          }
        }
      }
    }
  }
  if (inner.kind === 'literal') {
    const lit = literalHover(inner);
    if (lit) return { contents: lit, start: inner.start, end: inner.end };
  }
  return undefined;
}

function uniq(xs: number[]): number[] {
  return [...new Set(xs)];
}

function commandNode(c: CommandNode): SchemaNode | undefined {
  if (c.callee) return undefined;
  if (c.isGlobal) return getGlobalCommand(c.name);
  return resolveMenu(c.menu)?.child(c.name);
}

/** The absolute menu named by the first segments of a path (`upTo`), from the owning statement's menu. */
function menuOfSegment(path: Node[], upTo: string[]): string[] | undefined {
  // The statement that owns the path knows its effective menu; walk back from it to this segment.
  const owner = [...path]
    .reverse()
    .find(
      (n): n is CommandNode | MenuNode | BlockNode =>
        n.kind === 'command' || n.kind === 'menu' || n.kind === 'block',
    );
  const full = owner?.menu;
  const segs = owner?.path?.segments;
  if (!full || !segs) return undefined;
  // Segments after the hovered one each moved one level (down, or up for `..`): undo them.
  let menu = [...full];
  for (let k = segs.length - 1; k >= upTo.length; k--) {
    if (segs[k].text === '..') return undefined;
    menu = menu.slice(0, -1);
  }
  return menu;
}

function schemaHover(node: SchemaNode, target: Target): string {
  const lines: string[] = [];
  if (node.kind === 'arg') {
    const t = node.typeIn(target);
    lines.push(`**${node.name}=** — ${describeType(t)}`);
    const vals = enumValues(t);
    if (vals.length > 0 && vals.length <= 40) lines.push(`Values: ${vals.map((v) => `\`${v}\``).join(', ')}`);
  } else if (node.isMenu) {
    lines.push(`**/${node.path.join(' ')}** (menu)`);
  } else if (!node.parent?.parent) {
    lines.push(`**:${node.name}** (global command)`);
  } else {
    lines.push(`**/${node.parent.path.join(' ')} ${node.name}** (command)`);
  }
  if (node.doc) lines.push(node.doc);
  const exists = node.existsIn(target);
  lines.push(`RouterOS: ${versionLabel(node.versions)}${exists ? '' : ` — **not in ${target.label}**`}`);
  return lines.join('\n\n');
}

/** For a menu's `add`: what RouterOS asked a bare `add` for in the target (RSC2008's data), if known. */
function requiredHover(node: SchemaNode, target: Target): string | undefined {
  if (node.kind !== 'command' || node.name !== 'add' || !node.parent?.parent) return undefined;
  const req = requiredArgs(node.parent.path, target);
  if (!req) return undefined;
  const source = `RouterOS ${req.probe} (probe used for ${req.range})`;
  const names = req.args.map((a) => `\`${a}=\``).join(', ');
  if (req.kind === 'exact')
    return `**Requires** ${names}: ${source} refuses \`add\` without ${req.args.length === 1 ? 'it' : 'them'} ("${req.message}").`;
  if (req.kind === 'custom')
    return `${source} answers a bare \`add\` here with "${req.message}" (names it mentions: ${names}).`;
  return `${source} accepts a bare \`add\` here: no argument is required.`;
}

function variableHover(
  doc: FeatureDoc,
  name: string,
  d: Declaration | undefined,
  isReference: boolean,
): string {
  if (!d) {
    if (/^[0-9]$/.test(name)) {
      return `**$${name}**: ${name === '0' ? 'the name of the running script or function' : `positional argument ${name}`}`;
    }
    return `**$${name}**: not declared in this file (RouterOS looks it up at run time; nothing if it does not exist)`;
  }
  const kind =
    d.kind === 'param'
      ? 'parameter'
      : d.kind === 'error-var'
        ? 'error variable'
        : d.kind === 'loop'
          ? 'loop variable'
          : `${d.kind} ${d.isFunction ? 'function' : 'variable'}`;
  const lines = [`**$${name}**: ${kind}`];
  if (d.kind === 'param') {
    const fn = d.paramOf;
    lines.push(
      /^[0-9]$/.test(name)
        ? `Positional argument ${name}${fn ? ` of \`$${fn.name}\`` : ''}.`
        : `Named argument${fn ? ` of \`$${fn.name}\`` : ''}: pass it as \`${name}=...\`.`,
    );
  } else {
    const scope = scopesOf(doc).scopes[d.scope];
    lines.push(
      isReference
        ? `Declared on line ${lineOf(doc, d.nameStart)}.`
        : `Used ${d.references.filter((r) => r.kind !== 'write').length} time(s) in its scope.`,
    );
    if (d.kind === 'global')
      lines.push('Kept on the router until reboot; other scripts see it after `:global ' + name + '`.');
    else if (scope && scope.kind !== 'script') {
      lines.push(`Visible until line ${lineOf(doc, scope.end)} (end of its \`{ }\`).`);
    }
    if (d.isFunction && d.calls.length > 0) {
      const named = new Set(d.calls.flatMap((c) => c.namedArgs.map((a) => a.name)));
      lines.push(
        `Called ${d.calls.length} time(s)${named.size ? ` with ${[...named].map((n) => `\`${n}=\``).join(', ')}` : ''}.`,
      );
    }
  }
  return lines.join('\n\n');
}

/** Decoded or normalised forms of literals: strings, hex numbers, times, IPv4 prefixes. */
export function literalHover(lit: LiteralNode): string | undefined {
  switch (lit.type) {
    case 'string': {
      const s = lit.string;
      if (!s) return undefined;
      const shown = [...s.value]
        .map((c) => {
          const code = c.charCodeAt(0);
          return code < 0x20 || code === 0x7f || code > 0x7e ? `\\x${code.toString(16).padStart(2, '0')}` : c;
        })
        .join('');
      return `String value (${s.value.length} char${s.value.length === 1 ? '' : 's'}${s.hasInterpolation ? ', plus substitutions' : ''}):\n\n\`\`\`text\n${shown}\n\`\`\``;
    }
    case 'number': {
      if (/^0x[0-9a-f]+$/i.test(lit.text)) return `\`${lit.text}\` = ${BigInt(lit.text).toString()}`;
      return undefined;
    }
    case 'time': {
      const ms = parseTime(lit.text);
      if (ms === undefined) return undefined;
      return `\`${lit.text}\` = ${ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`} = \`${clock(ms)}\``;
    }
    case 'ipPrefix':
      return ipv4PrefixHover(lit.text);
    default:
      return undefined;
  }
}

/** `1d02:00:00` form of a time, as RouterOS prints it. */
function clock(ms: number): string {
  const neg = ms < 0;
  let rest = Math.abs(ms);
  const w = Math.floor(rest / 604800000);
  rest -= w * 604800000;
  const d = Math.floor(rest / 86400000);
  rest -= d * 86400000;
  const h = Math.floor(rest / 3600000);
  rest -= h * 3600000;
  const m = Math.floor(rest / 60000);
  rest -= m * 60000;
  const s = Math.floor(rest / 1000);
  const frac = rest - s * 1000;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${neg ? '-' : ''}${w ? `${w}w` : ''}${d ? `${d}d` : ''}${p(h)}:${p(m)}:${p(s)}${frac ? `.${String(frac).padStart(3, '0')}` : ''}`;
}

function ipv4PrefixHover(text: string): string | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const len = Number(m[5]);
  if (octets.some((o) => o > 255) || len > 32) return undefined;
  const ip = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  const net = (ip & mask) >>> 0;
  const bcast = (net | (~mask >>> 0)) >>> 0;
  const str = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
  const size = 2 ** (32 - len);
  const lines = [
    `\`${text}\``,
    `Network ${str(net)}, broadcast ${str(bcast)}, netmask ${str(mask)}, ${size} address${size === 1 ? '' : 'es'}`,
  ];
  if (net !== ip) lines.push(`Host bits are set: RouterOS stores the network \`${str(net)}/${len}\`.`);
  return lines.join('\n\n');
}
