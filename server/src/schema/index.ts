// The RouterOS command tree API: menus, commands and arguments across RouterOS 7.9 ... 7.24 with the
// versions each exists in, value types, our overlay docs, target versions and did-you-mean. Pure and lazy:
// the generated data is decoded on the first call to loadSchema() (or any lookup), never at import.

import { SCHEMA_DATA, SCHEMA_VERSIONS } from './generated/schema-data';
import { COMMON_COMMAND_DOCS, OVERLAY, RENAMES } from './overlay';
import { BOARD_MENUS, KNOWN_PACKAGES, PACKAGE_MAP } from './overlay/packages';
import type { ArgOverlay, MenuOverlay, Rename } from './overlay/types';
import { DecodedTree, SchemaNode } from './tree';
import type { NodeDecorator } from './tree';
import type { Target, VersionSet } from './types';
import { hasVersion } from './types';
import { enumValues } from './validate';
import { requiredArgsIn, type RequiredArgs } from './required';

export type { NodeKind, Target, ValueType, ValueKind, VersionSet } from './types';
export type { VersionedType } from './tree';
export { SchemaNode } from './tree';
export { suggest, editDistance } from './suggest';
export { validateValue, describeType, enumValues, isComputed } from './validate';
export type { ValidationResult } from './validate';
export { parseTime, formatTime } from './time';
export { hasVersion } from './types';
export type { Rename } from './overlay/types';
export type { RequiredArgs } from './required';

/** A menu (`dir`) or a menu that is also a command path (`path`). */
export type MenuNode = SchemaNode & { readonly kind: 'menu' | 'path' };
export type CommandNode = SchemaNode & { readonly kind: 'command' };
export type ArgNode = SchemaNode & { readonly kind: 'arg' };

/** Full labels of the dumps the tree was built from, oldest first: '7.9.2', ..., '7.24'. */
export const VERSION_BUILDS: readonly string[] = SCHEMA_VERSIONS;
/** Minor versions the tree covers, oldest first: '7.9', '7.10', ..., '7.24'. */
export const VERSIONS: readonly string[] = SCHEMA_VERSIONS.map((v) => v.split('.').slice(0, 2).join('.'));
export const LATEST: string = VERSIONS[VERSIONS.length - 1];

export interface Schema {
  readonly root: MenuNode;
  readonly versions: readonly string[];
  readonly counts: { readonly menus: number; readonly commands: number };
}

let cached: (Schema & { tree: DecodedTree }) | undefined;

/** Decodes the generated tree on first use and returns the same object afterwards. */
export function loadSchema(): Schema {
  if (!cached) {
    const tree = new DecodedTree(SCHEMA_DATA);
    tree.decorator = overlayDecorator;
    cached = { root: tree.root as MenuNode, versions: VERSIONS, counts: tree.counts, tree };
  }
  return cached;
}

// ---------------------------------------------------------------------------------------------------
// Targets and version labels

const menuKey = (path: readonly string[]): string => `/${path.join(' ')}`;

/**
 * Reads `routeros.targetVersion`: 'latest', '7', a 7.x version ('7.12', also '7.12.2'), or '6' ('6.49').
 * Versions outside the tree's range are clamped to the nearest known one (`exact: false`), and anything
 * unreadable means latest.
 */
export function parseTarget(label: string): Target {
  const last = VERSIONS.length - 1;
  const s = label.trim().toLowerCase().replace(/^v/, '');
  if (s === '' || s === 'latest' || s === '7')
    return { label: s === '7' ? '7' : 'latest', index: last, v6: false, exact: true };
  const m = /^(\d+)(?:\.(\d+))?(?:\.\d+)?$/.exec(s);
  if (!m) return { label: 'latest', index: last, v6: false, exact: false };
  const major = Number(m[1]);
  if (major === 6) return { label: '6', index: 0, v6: true, exact: true };
  if (major !== 7 || m[2] === undefined) {
    const index = major < 7 ? 0 : last;
    return { label: VERSIONS[index], index, v6: major < 7, exact: false };
  }
  const minor = Number(m[2]);
  const minors = VERSIONS.map((v) => Number(v.split('.')[1]));
  const exactIndex = minors.indexOf(minor);
  if (exactIndex >= 0) return { label: VERSIONS[exactIndex], index: exactIndex, v6: false, exact: true };
  const index = minor < minors[0] ? 0 : minor > minors[last] ? last : minors.findIndex((x) => x > minor) - 1;
  return { label: VERSIONS[index], index, v6: false, exact: false };
}

/** Runs of consecutive version indices in a set. */
function runs(set: VersionSet): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < VERSIONS.length; i++) {
    if (!hasVersion(set, i)) continue;
    let j = i;
    while (j + 1 < VERSIONS.length && hasVersion(set, j + 1)) j++;
    out.push([i, j]);
    i = j;
  }
  return out;
}

/**
 * Human label of a version set: "7.15+" (still present), "removed after 7.12" (present from the oldest
 * known version up to 7.12), "7.13-7.15" (came and went), runs joined by ", "; "all versions" when full.
 */
export function versionLabel(set: VersionSet): string {
  const last = VERSIONS.length - 1;
  const r = runs(set);
  if (r.length === 0) return 'no version';
  if (r.length === 1 && r[0][0] === 0 && r[0][1] === last) return 'all versions';
  if (r.length === 1 && r[0][0] === 0) return `removed after ${VERSIONS[r[0][1]]}`;
  return r
    .map(([a, b]) =>
      b === last ? `${VERSIONS[a]}+` : a === b ? VERSIONS[a] : `${VERSIONS[a]}-${VERSIONS[b]}`,
    )
    .join(', ');
}

export function existsIn(node: SchemaNode, target: Target): boolean {
  return node.existsIn(target);
}

/** How a node is shown in messages: `/ip firewall filter`, `/ip firewall filter add`, `chain=`. */
export function displayName(node: SchemaNode): string {
  if (node.kind === 'arg') return `${node.name}=`;
  if (node.kind === 'command')
    return node.parent && node.parent.parent ? `${menuKey(node.parent.path)} ${node.name}` : `:${node.name}`;
  return menuKey(node.path);
}

/**
 * RSC5001's explanation when `node` does not exist in `target`, or undefined when it does: "`X` was added
 * in 7.15", "`X` was removed after 7.12", with the replacement from the overlay's renames when known.
 */
export function explainVersion(node: SchemaNode, target: Target): string | undefined {
  if (node.existsIn(target)) return undefined;
  const name = `\`${displayName(node)}\``;
  const last = VERSIONS.length - 1;
  const r = runs(node.versions);
  const where = target.v6 ? 'RouterOS 6' : VERSIONS[target.index];
  let text: string;
  if (r.length > 0 && r[0][0] > target.index && r[r.length - 1][1] === last && r.length === 1) {
    text = `${name} was added in ${VERSIONS[r[0][0]]}; it is not in ${where}`;
  } else if (r.length > 0 && r[r.length - 1][1] < target.index) {
    text = `${name} was removed after ${VERSIONS[r[r.length - 1][1]]}; it is not in ${where}`;
  } else {
    text = `${name} is not in ${where} (it exists in ${versionLabel(node.versions)})`;
  }
  const rename = findRename(node);
  return rename ? `${text}; use ${rename.replacement} instead` : text;
}

/** The overlay's rename entry for a node's name, if any. */
export function findRename(node: SchemaNode): Rename | undefined {
  const menu = node.kind === 'arg' ? node.parent?.parent : node.kind === 'command' ? node.parent : node;
  const menuPath = menu ? menuKey(menu.path) : '/';
  const command = node.kind === 'command' ? node.name : node.kind === 'arg' ? node.parent?.name : undefined;
  const arg = node.kind === 'arg' ? node.name : undefined;
  return findRenameByName(menuPath, command, arg);
}

/** Rename lookup by name, for names the tree does not have at all (v6 names in a v7 script). */
export function findRenameByName(menuPath: string, command?: string, arg?: string): Rename | undefined {
  return RENAMES.find(
    (r) =>
      r.menu === menuPath &&
      (r.arg === undefined ? arg === undefined : r.arg === arg) &&
      (r.command === undefined || r.command === command || (r.arg !== undefined && command === undefined)),
  );
}

/** The overlay's RouterOS 6 note for a node (or for its menu), if any. */
export function v6Note(node: SchemaNode): string | undefined {
  if (node.kind === 'arg') {
    const menu = OVERLAY[node.menuPath];
    return menu?.commands?.[node.parent?.name ?? '']?.args?.[node.name]?.v6 ?? menu?.args?.[node.name]?.v6;
  }
  if (node.kind === 'command') return OVERLAY[node.menuPath]?.commands?.[node.name]?.v6;
  return OVERLAY[menuKey(node.path)]?.v6;
}

// ---------------------------------------------------------------------------------------------------
// Target packages

/** The packages a target router has besides `routeros`: every package (`all`), or these names. */
export type PackageSet =
  { readonly all: true } | { readonly all: false; readonly names: ReadonlySet<string> };

export const ALL_PACKAGES: PackageSet = { all: true };

export { KNOWN_PACKAGES } from './overlay/packages';
export {
  isHardwareMenu,
  missingNeeds,
  PACKAGE_GATED,
  underMenu,
  UNDUMPED_ALIASES,
} from './overlay/tree-gaps';

/**
 * Reads `routeros.targetPackages` / `rsc lint --packages`: `all` (every package, the default), `base`
 * (`routeros` alone) or a comma-separated list of extra packages (`container,iot`; `routeros` and `base`
 * may be listed too). Names that are not RouterOS packages come back in `unknown`.
 */
export function parsePackages(label: string): { packages: PackageSet; unknown: string[] } {
  const items = label
    .split(',')
    .map((x) => x.trim().toLowerCase())
    .filter((x) => x !== '');
  if (items.length === 0 || items.includes('all')) return { packages: ALL_PACKAGES, unknown: [] };
  const names = new Set<string>();
  const unknown: string[] = [];
  for (const item of items) {
    if (item === 'base' || item === 'routeros') continue;
    if (KNOWN_PACKAGES.includes(item)) names.add(item);
    else unknown.push(item);
  }
  return { packages: { all: false, names }, unknown };
}

/** Display form of a package set: `all`, `base`, `base+container+iot`. */
export function packagesLabel(set: PackageSet): string {
  if (set.all) return 'all';
  return ['base', ...[...set.names].sort()].join('+');
}

/**
 * The extra package a node needs in the target version: undefined when `routeros` alone has it, else the
 * package's name from the overlay's map, or `name: undefined` when the map does not say which.
 */
export function packageOf(node: SchemaNode, target: Target): { name: string | undefined } | undefined {
  if (!node.needsPackageIn(target)) return undefined;
  const menu = node.menuPath;
  let best: { name: string | undefined; len: number } = { name: undefined, len: -1 };
  for (const e of PACKAGE_MAP) {
    if (e.menu.length <= best.len) continue;
    if (menu !== e.menu && !menu.startsWith(`${e.menu} `)) continue;
    if (e.names && !namedBy(node, e.names)) continue;
    best = { name: e.package, len: e.menu.length };
  }
  return { name: best.name };
}

/** True when the node, or the command or argument above it that carries the mark, is one of `names`. */
function namedBy(node: SchemaNode, names: readonly string[]): boolean {
  for (let n: SchemaNode | undefined = node; n && !n.isMenu; n = n.parent)
    if (names.includes(n.name)) return true;
  return false;
}

/** Whether a router with `set` has a node that needs `pkg` (undefined: the package is not known). */
export function hasPackage(set: PackageSet, pkg: { name: string | undefined }): boolean {
  if (set.all) return true;
  // A package we cannot name may be one of those listed: only `base` alone is sure to lack it.
  return pkg.name === undefined ? set.names.size > 0 : set.names.has(pkg.name);
}

// ---------------------------------------------------------------------------------------------------
// Lookups

/** The menu at `path` (names from the root, e.g. ['ip', 'firewall', 'filter']), in any version. */
export function resolveMenu(path: readonly string[]): MenuNode | undefined {
  let node: SchemaNode = loadSchema().root;
  for (const name of path) {
    const next = node.child(name);
    if (!next || !next.isMenu) return undefined;
    node = next;
  }
  return node as MenuNode;
}

/** Menus and commands of a menu, arguments of a command; sorted by name. */
export function children(node: SchemaNode): readonly SchemaNode[] {
  return node.children();
}

export function getCommand(menuPath: readonly string[], name: string): CommandNode | undefined {
  const c = resolveMenu(menuPath)?.child(name);
  return c && c.kind === 'command' ? (c as CommandNode) : undefined;
}

export function getArg(menuPath: readonly string[], command: string, argName: string): ArgNode | undefined {
  const a = getCommand(menuPath, command)?.child(argName);
  return a && a.kind === 'arg' ? (a as ArgNode) : undefined;
}

/** A global command (`put`, `local`, `if`, ...): a `cmd` at the root of the tree. */
export function getGlobalCommand(name: string): CommandNode | undefined {
  return getCommand([], name);
}

/**
 * What `word` is where a command may stand in `menu`: a submenu to enter, a command, or unknown. The
 * menu's own children come first; otherwise a root-level command (`put`, `if`, `local` ...) counts as a
 * command, because RouterOS 7 reaches the global commands without `:` as well. With a target, names
 * missing from that version are unknown. An unknown `menu` makes everything unknown.
 */
export function childKind(
  menu: readonly string[],
  word: string,
  target?: Target,
): 'menu' | 'command' | 'unknown' {
  const m = resolveMenu(menu);
  if (!m) return 'unknown';
  const visible = (n: SchemaNode | undefined): n is SchemaNode => !!n && (!target || n.existsIn(target));
  const own = m.child(word);
  if (visible(own)) return own.isMenu ? 'menu' : own.kind === 'command' ? 'command' : 'unknown';
  const global = menu.length > 0 ? loadSchema().root.child(word) : undefined;
  if (visible(global) && global.kind === 'command') return 'command';
  return 'unknown';
}

/**
 * The RouterBOARD-only menu (overlay's BOARD_MENUS) that `path` is or lies under, with what it needs, or
 * undefined. `path` is written as in scripts: `/system routerboard settings`.
 */
export function boardMenu(path: string): { menu: string; needs: string } | undefined {
  let best: { menu: string; needs: string } | undefined;
  for (const [menu, needs] of Object.entries(BOARD_MENUS))
    if ((path === menu || path.startsWith(`${menu} `)) && (!best || menu.length > best.menu.length))
      best = { menu, needs };
  return best;
}

/**
 * childKind, plus the RouterBOARD-only menus the tree lacks: a listed board menu is a menu, and any other
 * word inside one is taken as a command (we cannot check it), so `/system routerboard settings` then
 * `set auto-upgrade=yes` parses as RouterOS on a board parses it.
 */
export function boardAwareKind(menu: readonly string[], word: string): 'menu' | 'command' | 'unknown' {
  const own = childKind(menu, word);
  if (own !== 'unknown') return own;
  const path = `/${[...menu, word].join(' ')}`;
  if (Object.prototype.hasOwnProperty.call(BOARD_MENUS, path)) return 'menu';
  return menu.length > 0 && boardMenu(`/${menu.join(' ')}`) ? 'command' : 'unknown';
}

/** The signature the parser takes to tell menus from commands; `childKind` is one. */
export type CommandOracle = (menu: readonly string[], word: string) => 'menu' | 'command' | 'unknown';

/** The oracle over all known versions (a name that exists in any 7.x version counts). */
export const commandOracle: CommandOracle = (menu, word) => boardAwareKind(menu, word);

/**
 * Names that may stand where a command does in `menu`, for did-you-mean: the menu's children and, with
 * `includeGlobals`, the global commands (which RouterOS 7 reaches from any menu).
 */
export function childNames(menu: readonly string[], includeGlobals = false): string[] {
  const m = resolveMenu(menu);
  if (!m) return [];
  const names = m.children().map((c) => c.name);
  if (includeGlobals && menu.length > 0) {
    for (const c of loadSchema().root.children()) if (c.kind === 'command') names.push(c.name);
  }
  return names;
}

/**
 * The versions in which `value` is one of an argument's enumerated values (0 when it never is, or when
 * the type has no value list). RSC5001 uses it for values added later, e.g. a new `action=`.
 */
export function valueVersions(arg: SchemaNode, value: string): VersionSet {
  let set = 0;
  for (const t of arg.types) if (enumValues(t.type).includes(value)) set |= t.versions;
  return set;
}

/**
 * What `add` needs in the menu at `menuPath` (full names) in a target, from RouterOS's answers to a bare
 * `add` on probed routers (the nearest probed version answers); undefined where the probes are silent.
 */
export function requiredArgs(menuPath: readonly string[], target: Target): RequiredArgs | undefined {
  return requiredArgsIn(menuPath, target, VERSIONS);
}

// ---------------------------------------------------------------------------------------------------
// Overlay wiring

function argOverlay(node: SchemaNode): ArgOverlay | undefined {
  const menu: MenuOverlay | undefined = OVERLAY[node.menuPath];
  if (!menu) return undefined;
  const command = node.parent?.name ?? '';
  const own = menu.commands?.[command]?.args?.[node.name];
  const shared = menu.args?.[node.name];
  if (!own) return shared;
  if (!shared) return own;
  return own.type
    ? { doc: own.doc ?? shared.doc, type: own.type, force: own.force, v6: own.v6 ?? shared.v6 }
    : { doc: own.doc ?? shared.doc, type: shared.type, force: shared.force, v6: own.v6 ?? shared.v6 };
}

const overlayDecorator: NodeDecorator = {
  doc(node) {
    if (node.kind === 'arg') return argOverlay(node)?.doc;
    if (node.kind === 'command') {
      const own = OVERLAY[node.menuPath]?.commands?.[node.name]?.doc;
      // Root commands are the global ones; generic docs (add, print ...) apply to menu commands only.
      return own ?? (node.parent?.parent ? COMMON_COMMAND_DOCS[node.name] : undefined);
    }
    return OVERLAY[menuKey(node.path)]?.doc;
  },
  argType(node) {
    const o = argOverlay(node);
    return o?.type ? { type: o.type, force: o.force === true } : undefined;
  },
  adjustType(node, type) {
    // RouterOS's hint for an address of either family shows only the IPv6 form (`IPv6/0..128`): IPsec
    // peers and policies, SNMP communities, BFD and TFTP take IPv4 too, and /export writes
    // `dst-address=0.0.0.0/0`. Only names under /ipv6, or that say IPv6 (`remote-ipv6-prefix`,
    // `allowed-addresses6`), are IPv6 alone.
    if (type.kind !== 'ipv6-prefix' && type.kind !== 'ipv6') return type;
    if (node.menuPath.startsWith('/ipv6') || /ipv6|6$/.test(node.name)) return type;
    return { kind: 'one-of', types: [{ kind: 'ip-range' }, type] };
  },
};
