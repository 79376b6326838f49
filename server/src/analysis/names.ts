// Names that a configuration defines and uses: address lists, connection/packet/routing marks, layer-7
// protocols, queues, interfaces and interface lists, each with its definition and reference sites. Editors
// use it for completion of values, go-to-definition, references and rename of config names.
import type { CommandNode, Expression, LiteralNode, NamedArg, Node, ScriptNode } from '../syntax';
import { childrenOf, memoOn } from '../syntax';

export type NameKind =
  | 'address-list'
  | 'connection-mark'
  | 'packet-mark'
  | 'routing-mark'
  | 'layer7-protocol'
  | 'queue'
  | 'interface'
  | 'interface-list';

export type NameRole = 'definition' | 'reference';

export interface NameSite {
  kind: NameKind;
  name: string;
  /** Range of the name itself (without `!`, quotes or commas). */
  start: number;
  end: number;
  role: NameRole;
  /** The argument it was written in (`src-address-list`, `name`, ...). */
  argName: string;
  command: CommandNode;
  /** Written as `!name` (a negated match). */
  negated: boolean;
}

export interface NamesModel {
  /** Every site, in source order. */
  sites: NameSite[];
}

/** Readable labels for hovers and completion details. */
export const NAME_KIND_LABEL: Readonly<Record<NameKind, string>> = {
  'address-list': 'address list',
  'connection-mark': 'connection mark',
  'packet-mark': 'packet mark',
  'routing-mark': 'routing mark / table',
  'layer7-protocol': 'layer-7 protocol',
  queue: 'queue',
  interface: 'interface',
  'interface-list': 'interface list',
};

/** Values that are RouterOS words, never user names (`parent=global`, `packet-mark=no-mark`). */
const RESERVED = new Set(['global', 'no-mark', 'none', 'all', 'dynamic', 'main', 'unknown']);

const FIREWALL = /^ipv?6? firewall (filter|nat|mangle|raw)$|^ip firewall (filter|nat|mangle|raw)$/;

/**
 * What `name=` means in a command of `menu`: a definition or a reference of which kind of name, or
 * undefined when the argument holds no config name. `verb` is the command word (`add`, `set`, ...).
 */
export function nameArgKind(
  menu: readonly string[],
  verb: string,
  arg: string,
): { kind: NameKind; role: NameRole } | undefined {
  return nameArgKindByKey(menu.join(' '), menu, verb, arg);
}

function nameArgKindByKey(
  m: string,
  menu: readonly string[],
  verb: string,
  arg: string,
): { kind: NameKind; role: NameRole } | undefined {
  const def = (kind: NameKind): { kind: NameKind; role: NameRole } => ({ kind, role: 'definition' });
  const ref = (kind: NameKind): { kind: NameKind; role: NameRole } => ({ kind, role: 'reference' });
  const defining = verb === 'add' || verb === 'set';
  if (FIREWALL.test(m)) {
    switch (arg) {
      case 'address-list':
        return def('address-list');
      case 'src-address-list':
      case 'dst-address-list':
        return ref('address-list');
      case 'new-connection-mark':
        return def('connection-mark');
      case 'new-packet-mark':
        return def('packet-mark');
      case 'new-routing-mark':
        return def('routing-mark');
      case 'connection-mark':
        return ref('connection-mark');
      case 'packet-mark':
        return ref('packet-mark');
      case 'routing-mark':
        return ref('routing-mark');
      case 'layer7-protocol':
        return ref('layer7-protocol');
      case 'in-interface':
      case 'out-interface':
      case 'in-bridge-port':
      case 'out-bridge-port':
        return ref('interface');
      case 'in-interface-list':
      case 'out-interface-list':
      case 'in-bridge-port-list':
      case 'out-bridge-port-list':
        return ref('interface-list');
      default:
        return undefined;
    }
  }
  if (m === 'ip firewall address-list' || m === 'ipv6 firewall address-list') {
    return arg === 'list' && defining ? def('address-list') : undefined;
  }
  if (m === 'ip firewall layer7-protocol')
    return arg === 'name' && defining ? def('layer7-protocol') : undefined;
  if (m === 'queue tree' || m === 'queue simple') {
    if (arg === 'name' && defining) return def('queue');
    if (arg === 'parent') return ref('queue');
    if (arg === 'packet-mark' || arg === 'packet-marks') return ref('packet-mark');
    return undefined;
  }
  if (m === 'routing table') return arg === 'name' && defining ? def('routing-mark') : undefined;
  if (m === 'ip route' || m === 'ipv6 route')
    return arg === 'routing-table' ? ref('routing-mark') : undefined;
  if (m === 'routing rule') return arg === 'table' ? ref('routing-mark') : undefined;
  if (m === 'interface list') {
    if (arg === 'name' && defining) return def('interface-list');
    if (arg === 'include' || arg === 'exclude') return ref('interface-list');
    return undefined;
  }
  if (m === 'interface list member') {
    if (arg === 'list') return ref('interface-list');
    if (arg === 'interface') return ref('interface');
    return undefined;
  }
  if (menu[0] === 'interface') {
    if (arg === 'name' && defining) return def('interface');
    if (arg === 'interface' || arg === 'master-interface' || arg === 'bridge' || arg === 'master-port') {
      return ref('interface');
    }
    if (arg === 'interfaces' || arg === 'slaves' || arg === 'ports') return ref('interface');
    return undefined;
  }
  if (arg === 'interface' || arg === 'in-interface' || arg === 'out-interface') return ref('interface');
  if (arg === 'interface-list' || arg === 'in-interface-list' || arg === 'out-interface-list') {
    return ref('interface-list');
  }
  return undefined;
}

/** Collects the name sites of a script. Linear in the size of the tree. */
export function analyzeNames(root: ScriptNode): NamesModel {
  const sites: NameSite[] = [];
  // Only commands hold names; visit statements and the code inside them without touching expressions
  // that cannot contain commands.
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop() as Node;
    switch (n.kind) {
      case 'script':
      case 'block':
      case 'code':
      case 'substitution':
        for (let i = n.statements.length - 1; i >= 0; i--) stack.push(n.statements[i]);
        continue;
      case 'command':
        if (!n.isGlobal && !n.callee) commandSites(n, sites);
        // Read once: a MenuCommand may make its argument nodes on each read (see AtomArgStore).
        for (let args = n.args, i = args.length - 1; i >= 0; i--) stack.push(args[i]);
        continue;
      case 'literal':
      case 'variable':
      case 'path':
      case 'menu':
        continue;
      default:
        for (const c of childrenOf(n)) stack.push(c);
    }
  }
  // `parent=` of a queue names a queue or an interface: decide by what the file defines.
  const defined = new Set<string>();
  for (const s of sites) if (s.role === 'definition') defined.add(`${s.kind}\0${s.name}`);
  for (const s of sites) {
    if (s.argName === 'parent' && s.kind === 'queue' && !defined.has(`queue\0${s.name}`)) {
      if (defined.has(`interface\0${s.name}`) || /^(ether|wlan|bridge|pppoe|sfp|lte|vlan)/.test(s.name)) {
        s.kind = 'interface';
      }
    }
  }
  sites.sort((a, b) => a.start - b.start);
  return { sites };
}

/** `menu.join(' ')`, once per menu array (the parser shares one array between a section's commands). */
const joinedMenus = new WeakMap<readonly string[], string>();

function joinedMenu(menu: readonly string[]): string {
  let k = joinedMenus.get(menu);
  if (k === undefined) joinedMenus.set(menu, (k = menu.join(' ')));
  return k;
}

function commandSites(n: CommandNode, sites: NameSite[]): void {
  let menuKey: string | undefined;
  for (const a of n.args) {
    if (a.kind !== 'namedArg' || !a.value) continue;
    menuKey ??= joinedMenu(n.menu);
    const k = nameArgKindByKey(menuKey, n.menu, n.name, a.name);
    if (!k) continue;
    for (const part of valueParts(a)) {
      if (part.name === '' || RESERVED.has(part.name)) continue;
      sites.push({
        kind: k.kind,
        role: k.role,
        name: part.name,
        start: part.start,
        end: part.end,
        negated: part.negated,
        argName: a.name,
        command: n,
      });
    }
  }
}

/** The names in a value with their exact source ranges: `!a`, `a,b`, `"x y"`, `!lan,"x y"`. */
function valueParts(arg: NamedArg): { name: string; start: number; end: number; negated: boolean }[] {
  const out: { name: string; start: number; end: number; negated: boolean }[] = [];
  // Fast path for the usual value, one bare word or one string without escapes or interpolation: its
  // characters map 1:1 onto the source, so the items are cut straight out of the text.
  const v = arg.value;
  if (v && v.kind === 'literal') {
    const s = v.string;
    const plain =
      v.type !== 'string'
        ? v.text
        : s && !s.hasInterpolation && s.escapes.length === 0 && s.value === s.raw
          ? s.value
          : undefined;
    if (plain !== undefined) {
      const base = v.type === 'string' ? v.start + 1 : v.start;
      let i = 0;
      while (i < plain.length) {
        let negated = false;
        if (plain.charCodeAt(i) === 33) {
          negated = true;
          i++;
        }
        const from = i;
        while (i < plain.length && plain.charCodeAt(i) !== 44) i++;
        if (i > from) out.push({ name: plain.slice(from, i), start: base + from, end: base + i, negated });
        i++;
      }
      return out;
    }
  }
  // Decoded characters with the source range each came from (an escape spans several source characters).
  const chars: { c: string; at: number; after: number }[] = [];
  const addLiteral = (l: LiteralNode): boolean => {
    if (l.type === 'string') {
      const s = l.string;
      if (!s || s.hasInterpolation) return false;
      for (let i = 0; i < s.value.length; i++)
        chars.push({ c: s.value[i], at: s.offsets[i], after: s.offsets[i + 1] });
      return true;
    }
    for (let i = 0; i < l.text.length; i++)
      chars.push({ c: l.text[i], at: l.start + i, after: l.start + i + 1 });
    return true;
  };
  const add = (e: Expression | undefined): boolean => {
    if (!e) return true;
    if (e.kind === 'literal') return addLiteral(e);
    if (e.kind === 'concat') return e.parts.every(add);
    if (e.kind === 'unary' && e.operator === '!') {
      chars.push({ c: '!', at: e.start, after: e.start + 1 });
      return add(e.operand);
    }
    return false;
  };
  if (!add(arg.value)) return out;
  let i = 0;
  while (i < chars.length) {
    // One comma-separated item: optional `!`, then the name up to the next comma.
    let negated = false;
    if (chars[i].c === '!') {
      negated = true;
      i++;
    }
    const from = i;
    while (i < chars.length && chars[i].c !== ',') i++;
    if (i > from) {
      let name = '';
      for (let k = from; k < i; k++) name += chars[k].c;
      out.push({ name, start: chars[from].at, end: chars[i - 1].after, negated });
    }
    i++;
  }
  return out;
}

/** The sites by kind and name, kept on the model (memoOn: dies with the tree, unlike a WeakMap entry). */
const SITE_INDEX = Symbol('siteIndex');

function index(model: NamesModel): Map<string, NameSite[]> {
  return memoOn(model, SITE_INDEX, (m) => {
    const idx = new Map<string, NameSite[]>();
    for (const s of m.sites) {
      const key = `${s.kind}\0${s.name}`;
      let list = idx.get(key);
      if (!list) {
        list = [];
        idx.set(key, list);
      }
      list.push(s);
    }
    return idx;
  });
}

/** All sites of one name of one kind, in source order. */
export function sitesOf(model: NamesModel, kind: NameKind, name: string): NameSite[] {
  return index(model).get(`${kind}\0${name}`) ?? [];
}

/** The distinct names of a kind defined in the file (or, with `includeReferences`, also only used). */
export function namesOf(model: NamesModel, kind: NameKind, includeReferences = false): string[] {
  const out = new Set<string>();
  for (const s of model.sites)
    if (s.kind === kind && (includeReferences || s.role === 'definition')) out.add(s.name);
  return [...out];
}

/** The name site at `offset` (cursor inside or just after the name). Binary search. */
export function nameSiteAt(model: NamesModel, offset: number): NameSite | undefined {
  const sites = model.sites;
  let lo = 0;
  let hi = sites.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sites[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let i = found; i >= 0 && i >= found - 1; i--) {
    if (sites[i].start <= offset && offset <= sites[i].end) return sites[i];
  }
  return undefined;
}
