// Generates server/src/schema/generated/schema-data.ts: every RouterOS /console/inspect dump in
// ../shared/data/routeros-inspect merged into one tree whose menus, commands and arguments carry the
// versions they exist in, with RouterOS's `desc` hints parsed into value types. Run `npx tsx
// scripts/gen-schema.ts [inputDir] [--out file] [--check]`; docs/schema.md describes the output format.

import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { genArgs } from './gen-args';
import { encodeVersionSet, fullSet, FORMAT_VERSION } from '../server/src/schema/format';
import { parseTime } from '../server/src/schema/time';
import type { ValueType, VersionSet } from '../server/src/schema/types';

/** One inspect dump node as RouterOS writes it: `_type`, optional `desc`, children keyed by name. */
export interface InspectNode {
  _type?: string;
  desc?: string;
  [child: string]: InspectNode | string | undefined;
}

export interface VersionInput {
  /** Full version label, e.g. '7.9.2'. */
  version: string;
  tree: InspectNode;
}

export type MergedKind = 'dir' | 'path' | 'cmd' | 'arg';

export interface MergedNode {
  name: string;
  kind: MergedKind;
  versions: VersionSet;
  /**
   * Versions in which a router with the `routeros` package alone has the node (the `base/` dumps); a
   * node in `versions` but not here comes with an extra package. Equal to `versions` without base input.
   */
  base: VersionSet;
  /** For args: the raw desc per version index (undefined where the version has the arg without desc). */
  descs: Map<number, string | undefined>;
  children: Map<string, MergedNode>;
}

export interface MergedTree {
  versions: string[];
  root: MergedNode;
  /** Kind conflicts (same path, different `_type` across versions), reported and resolved to the newest. */
  conflicts: string[];
}

const KINDS: ReadonlySet<string> = new Set(['dir', 'path', 'cmd', 'arg']);

/** Sort key for `7.9.2` style labels: numeric per component. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Keeps only the newest patch of each major.minor and sorts oldest first. */
export function selectVersions(labels: readonly string[]): string[] {
  const byMinor = new Map<string, string>();
  for (const l of labels) {
    const key = l.split('.').slice(0, 2).join('.');
    const prev = byMinor.get(key);
    if (!prev || compareVersions(l, prev) > 0) byMinor.set(key, l);
  }
  return [...byMinor.values()].sort(compareVersions);
}

/**
 * Merges per-version trees (any order) into one versioned tree. `baseInputs` are the same versions'
 * trees with the `routeros` package alone: their nodes join the tree too (x86 builds before 7.13 had the
 * old wireless package only without wifiwave2), and each node records the versions in which base has it.
 * Without `baseInputs` every node counts as base.
 */
export function mergeVersions(
  inputs: readonly VersionInput[],
  baseInputs?: readonly VersionInput[],
): MergedTree {
  const sorted = [...inputs].sort((a, b) => compareVersions(a.version, b.version));
  if (sorted.length > 31) throw new Error('at most 31 versions fit in a version set');
  const root: MergedNode = {
    name: '',
    kind: 'dir',
    versions: 0,
    base: 0,
    descs: new Map(),
    children: new Map(),
  };
  const conflicts: string[] = [];
  const labels = sorted.map((s) => s.version);
  const bases = new Map((baseInputs ?? []).map((b) => [b.version, b.tree]));
  for (const b of baseInputs ?? [])
    if (!labels.includes(b.version)) conflicts.push(`base ${b.version}: no full dump of that version`);
  const merge = (input: VersionInput, vi: number, isBase: boolean): void => {
    root.versions |= 1 << vi;
    if (isBase) root.base |= 1 << vi;
    const walk = (src: InspectNode, dst: MergedNode, path: string): void => {
      for (const name of Object.keys(src)) {
        if (name === '_type' || name === 'desc') continue;
        const child = src[name];
        if (typeof child !== 'object' || child === null) continue;
        const kind = child._type ?? '';
        if (!KINDS.has(kind)) {
          conflicts.push(`${path} ${name}: unknown _type ${JSON.stringify(kind)} in ${input.version}`);
          continue;
        }
        let node = dst.children.get(name);
        if (!node) {
          node = {
            name,
            kind: kind as MergedKind,
            versions: 0,
            base: 0,
            descs: new Map(),
            children: new Map(),
          };
          dst.children.set(name, node);
        } else if (node.kind !== kind) {
          if (!isBase) {
            conflicts.push(`${path} ${name}: ${node.kind} became ${kind} in ${input.version}`);
            node.kind = kind as MergedKind;
          }
        }
        node.versions |= 1 << vi;
        if (isBase) node.base |= 1 << vi;
        // The full dump's hint wins; a base-only argument keeps base's.
        if (kind === 'arg' && !(isBase && node.descs.has(vi)))
          node.descs.set(vi, typeof child.desc === 'string' ? child.desc : undefined);
        walk(child, node, `${path} ${name}`);
      }
    };
    walk(input.tree, root, '');
  };
  sorted.forEach((input, vi) => {
    merge(input, vi, false);
    const base = bases.get(input.version);
    if (base) merge({ version: input.version, tree: base }, vi, true);
  });
  // A version without a base dump says nothing about packages: its nodes count as base.
  let noBase = 0;
  sorted.forEach((input, vi) => {
    if (!bases.has(input.version)) noBase |= 1 << vi;
  });
  if (noBase !== 0) {
    const all = (n: MergedNode): void => {
      n.base |= n.versions & noBase;
      for (const c of n.children.values()) all(c);
    };
    all(root);
  }
  return { versions: labels, root, conflicts };
}

// Kinds RouterOS names in parentheses after a value hint, e.g. `A.B.C.D    (IP address)`.
const PAREN_KIND = /^(.*?)\s*\(([A-Za-z0-9 ]+)\)$/;
const ENUM = /^([A-Za-z0-9][A-Za-z0-9.-]*(?:\|[A-Za-z0-9][A-Za-z0-9.-]*)*)(\[,[A-Za-z0-9]+\*\])?$/;
const STRING = /^(hexadecimal )?string value(?:, min length (\d+))?(?:, max length (\d+))?$/;

/**
 * Parses one RouterOS `desc` value hint into a value type. Returns `undefined` for hints it does not
 * recognise; the generator counts those and the test checks that every shape in the data is known.
 */
export function parseDesc(desc: string): ValueType | undefined {
  const d = desc.trim();
  if (d === 'see documentation') return { kind: 'unknown' };
  if (d === 'script') return { kind: 'script' };
  if (d === 'time interval') return { kind: 'time' };
  const s = STRING.exec(d);
  if (s) {
    const t: { kind: 'string'; min?: number; max?: number; hex?: boolean } = { kind: 'string' };
    if (s[2] !== undefined) t.min = Number(s[2]);
    if (s[3] !== undefined) t.max = Number(s[3]);
    if (s[1]) t.hex = true;
    return t;
  }
  const num = /^(-?\d+)\.\.(-?\d+)$/.exec(d);
  if (num) return { kind: 'number', min: Number(num[1]), max: Number(num[2]) };
  const e = ENUM.exec(d);
  if (e)
    return e[2]
      ? { kind: 'enum', values: e[1].split('|'), list: true }
      : { kind: 'enum', values: e[1].split('|') };
  const p = PAREN_KIND.exec(d);
  if (!p) return undefined;
  let body = p[1].trim();
  // `unspecified | A.B.C.D (IP address)`: named alternatives before the typed value.
  const alts: string[] = [];
  const bar = body.lastIndexOf(' | ');
  if (bar >= 0) {
    const names = body
      .slice(0, bar)
      .split(' | ')
      .map((x) => x.trim());
    if (!names.every((n) => /^[a-z][a-z0-9-]*$/.test(n))) return undefined;
    alts.push(...names);
    body = body.slice(bar + 3).trim();
  }
  const inner = parseParenKind(p[2].trim(), body);
  if (!inner) return undefined;
  return alts.length ? { kind: 'one-of', types: [{ kind: 'enum', values: alts }, inner] } : inner;
}

function parseParenKind(kind: string, body: string): ValueType | undefined {
  switch (kind) {
    case 'time interval': {
      const r = /^(-?[0-9a-z:.]*)\.\.([0-9a-z:.]*)$/.exec(body);
      if (!r) return undefined;
      const t: { kind: 'time'; min?: number; max?: number } = { kind: 'time' };
      if (r[1]) {
        const v = parseTime(r[1]);
        if (v === undefined) return undefined;
        t.min = v;
      }
      if (r[2]) {
        const v = parseTime(r[2]);
        if (v === undefined) return undefined;
        t.max = v;
      }
      return t;
    }
    case 'IP address':
      return body === 'A.B.C.D' ? { kind: 'ip' } : undefined;
    case 'IP prefix':
      return body === 'A.B.C.D/M' ? { kind: 'ip-prefix' } : undefined;
    case 'IP address range':
      return body.startsWith('A.B.C.D') ? { kind: 'ip-range' } : undefined;
    case 'IPv6 prefix':
      return /^IPv6\/0\.\.128$/.test(body) ? { kind: 'ipv6-prefix' } : undefined;
    case 'IPv6 address':
      return { kind: 'ipv6' };
    case 'MAC address':
      return body.startsWith('AB') ? { kind: 'mac' } : undefined;
    default: {
      // A number range followed by a unit in parentheses, e.g. `0..4294967295 (bytes)`.
      const n = /^(-?\d+)\.\.(-?\d+)$/.exec(body);
      return n ? { kind: 'number', min: Number(n[1]), max: Number(n[2]) } : undefined;
    }
  }
}

export interface EncodeResult {
  data: string;
  stats: {
    menus: number;
    commands: number;
    args: number;
    types: number;
    /** Nodes marked `!` (the topmost node of each subtree that needs an extra package). */
    packageNodes: number;
    unparsedDescs: string[];
  };
}

/**
 * Encodes the merged tree as SCHEMA_DATA text: a JSON header line (versions, type table), then one line
 * per menu (`+name`, `*name` for a path menu) closed by a `-` line, and one line per command
 * (`=name args...`). `@runs` follows a name whose versions differ from its parent's; `:t` gives an
 * argument's type index (or `t/runs;u/runs` when it changes; `_` = no type). Keys are sorted.
 */
export function encodeSchema(tree: MergedTree): EncodeResult {
  const count = tree.versions.length;
  const typeIndex = new Map<string, number>();
  const types: ValueType[] = [];
  const descCache = new Map<string, number>();
  const unparsed = new Set<string>();
  const stats = {
    menus: 0,
    commands: 0,
    args: 0,
    types: 0,
    packageNodes: 0,
    unparsedDescs: [] as string[],
  };
  const typeOf = (desc: string): number => {
    const hit = descCache.get(desc);
    if (hit !== undefined) return hit;
    let t = parseDesc(desc);
    if (!t) {
      unparsed.add(desc);
      t = { kind: 'unknown' };
    }
    const key = JSON.stringify(t);
    let idx = typeIndex.get(key);
    if (idx === undefined) {
      idx = types.length;
      types.push(t);
      typeIndex.set(key, idx);
    }
    descCache.set(desc, idx);
    return idx;
  };
  const lines: string[] = [];
  const ver = (node: MergedNode, parent: VersionSet): string =>
    node.versions === parent ? '' : `@${encodeVersionSet(node.versions, count)}`;
  // `!runs` marks the versions in which a node needs an extra package while its parent does not (`!`
  // alone: all of its versions); a node under such a node needs it too, so it is written once.
  const extraMark = (node: MergedNode, parentExtra: VersionSet): { text: string; extra: VersionSet } => {
    const implied = parentExtra & node.versions;
    const mark = node.versions & ~node.base & ~implied;
    if (mark === 0) return { text: '', extra: implied };
    stats.packageNodes++;
    return {
      text: mark === node.versions ? '!' : `!${encodeVersionSet(mark, count)}`,
      extra: implied | mark,
    };
  };
  const sortedChildren = (n: MergedNode): MergedNode[] =>
    [...n.children.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const argToken = (arg: MergedNode, parent: VersionSet, parentExtra: VersionSet): string => {
    // Group the versions by type index so a changed hint keeps its own version runs.
    const byType = new Map<string, VersionSet>();
    for (const [vi, desc] of [...arg.descs].sort((a, b) => a[0] - b[0])) {
      const key = desc === undefined ? '_' : String(typeOf(desc));
      byType.set(key, (byType.get(key) ?? 0) | (1 << vi));
    }
    let t = '';
    if (byType.size === 1) {
      const only = [...byType.keys()][0];
      if (only !== '_') t = `:${only}`;
    } else if (byType.size > 1) {
      t = `:${[...byType].map(([k, set]) => `${k}/${encodeVersionSet(set, count)}`).join(';')}`;
    }
    return `${arg.name}${ver(arg, parent)}${extraMark(arg, parentExtra).text}${t}`;
  };
  const emit = (node: MergedNode, parentVersions: VersionSet, parentExtra: VersionSet): void => {
    for (const child of sortedChildren(node)) {
      const mark = extraMark(child, parentExtra);
      if (child.kind === 'cmd') {
        stats.commands++;
        const args = sortedChildren(child).filter((a) => a.kind === 'arg');
        stats.args += args.length;
        const parts = [`=${child.name}${ver(child, parentVersions)}${mark.text}`];
        for (const a of args) parts.push(argToken(a, child.versions, mark.extra));
        lines.push(parts.join(' '));
      } else if (child.kind === 'dir' || child.kind === 'path') {
        stats.menus++;
        lines.push(
          `${child.kind === 'path' ? '*' : '+'}${child.name}${ver(child, parentVersions)}${mark.text}`,
        );
        emit(child, child.versions, mark.extra);
        lines.push('-');
      }
      // A bare `arg` directly under a menu does not occur in RouterOS's dumps; it is dropped.
    }
  };
  emit(tree.root, fullSet(count), 0);
  // Consecutive closing lines are folded into one line of dashes (`---` closes three menus).
  const folded: string[] = [];
  for (const l of lines) {
    const last = folded.length - 1;
    if (l === '-' && last >= 0 && /^-+$/.test(folded[last])) folded[last] += '-';
    else folded.push(l);
  }
  const header = JSON.stringify({ format: FORMAT_VERSION, versions: tree.versions, types });
  stats.types = types.length;
  stats.unparsedDescs = [...unparsed].sort();
  return { data: `${header}\n${folded.join('\n')}`, stats };
}

/** Reads every `X.Y[.Z].json` in `dir`, keeping the newest patch per minor. */
export function readInputs(dir: string): VersionInput[] {
  const labels = readdirSync(dir)
    .filter((f) => /^\d+\.\d+(\.\d+)?\.json$/.test(f))
    .map((f) => f.slice(0, -5));
  return selectVersions(labels).map((version) => ({
    version,
    tree: JSON.parse(readFileSync(join(dir, `${version}.json`), 'utf8')) as InspectNode,
  }));
}

/** The TypeScript module text around the data, so tsx, tsc and esbuild load it with no fs. */
export function renderModule(data: string, versions: readonly string[]): string {
  return (
    '// Generated by scripts/gen-schema.ts from RouterOS /console/inspect dumps (all x86 packages, and ' +
    'the routeros package alone) ' +
    `(${versions[0]} ... ${versions[versions.length - 1]}, captured by the tikoci/restraml project, ` +
    'public domain). Do not edit: run `npx tsx scripts/gen-schema.ts`.\n' +
    `export const SCHEMA_VERSIONS: readonly string[] = ${JSON.stringify(versions)};\n` +
    `export const SCHEMA_DATA =\n  ${JSON.stringify(data)};\n`
  );
}

function main(argv: readonly string[]): number {
  const repoRoot = resolve(__dirname, '..');
  const args = genArgs(argv, {
    input: resolve(repoRoot, '../shared/data/routeros-inspect'),
    out: resolve(repoRoot, 'server/src/schema/generated/schema-data.ts'),
  });
  if (typeof args === 'string') {
    process.stderr.write(`gen-schema: ${args}\n`);
    return 2;
  }
  const { input, out, check } = args;
  if (!existsSync(input)) {
    process.stderr.write(`gen-schema: no input folder ${input}\n`);
    return 2;
  }
  // `base/` beside the dumps: the same versions with the `routeros` package alone (optional).
  const baseDir = join(input, 'base');
  const tree = mergeVersions(readInputs(input), existsSync(baseDir) ? readInputs(baseDir) : undefined);
  const { data, stats } = encodeSchema(tree);
  const text = renderModule(data, tree.versions);
  for (const c of tree.conflicts) process.stderr.write(`gen-schema: ${c}\n`);
  for (const d of stats.unparsedDescs)
    process.stderr.write(`gen-schema: unknown desc shape ${JSON.stringify(d)}\n`);
  const summary =
    `${tree.versions.length} versions (${tree.versions.join(' ')}); ${stats.menus} menus, ` +
    `${stats.commands} commands, ${stats.args} args, ${stats.types} types, ` +
    `${stats.packageNodes} package marks; ${data.length} chars\n`;
  if (check) {
    const current = existsSync(out) ? readFileSync(out, 'utf8') : '';
    if (current !== text) {
      process.stderr.write(`gen-schema: ${out} is out of date; run npx tsx scripts/gen-schema.ts\n`);
      return 1;
    }
    process.stdout.write(`gen-schema: up to date. ${summary}`);
    return 0;
  }
  writeFileSync(out, text);
  process.stdout.write(`gen-schema: wrote ${out}\n${summary}`);
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
