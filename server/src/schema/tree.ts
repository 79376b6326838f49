// The decoded command tree: SchemaNode objects built from SCHEMA_DATA on first use. Nothing is decoded
// up front: a menu's children are decoded the first time someone asks for one of them, and a command's
// arguments stay as text until then too, so a lookup such as `/ip firewall mangle add action=` decodes
// the four menus on its way instead of the six thousand lines of the whole tree.

import { decodeVersionSet, FORMAT_VERSION, fullSet } from './format';
import type { NodeKind, Target, ValueType, VersionSet } from './types';
import { hasVersion } from './types';

/** The type of an argument over the versions in which it holds. */
export interface VersionedType {
  readonly versions: VersionSet;
  readonly type: ValueType;
}

const UNKNOWN: ValueType = { kind: 'unknown' };

/** Hooks the tree calls for what the overlay adds; kept abstract so tree.ts does not import the overlay. */
export interface NodeDecorator {
  doc(node: SchemaNode): string | undefined;
  /** Overlay type for an argument, used where the tree's own type is unknown (or always, if forced). */
  argType(node: SchemaNode): { type: ValueType; force: boolean } | undefined;
  /** Corrects a type parsed from RouterOS's hint where the hint names fewer forms than it takes. */
  adjustType?(node: SchemaNode, type: ValueType): ValueType;
}

export class SchemaNode {
  /** Children by name: menus and commands for a menu, arguments for a command. */
  private childMap: Map<string, SchemaNode> | undefined;
  private sorted: readonly SchemaNode[] | undefined;
  private cachedPath: readonly string[] | undefined;
  private cachedTypes: readonly VersionedType[] | undefined;
  /** For menus: where the lines of its subtree start and end in the tree's body (-1: none). */
  private bodyStart = -1;
  private bodyEnd = -1;
  /**
   * Versions in which the node needs a package other than `routeros` (it or a menu above it is missing
   * from the `base/` dumps): set by the decoder from the `!` marks, inherited from the parent.
   */
  extra: VersionSet = 0;

  constructor(
    readonly name: string,
    readonly kind: NodeKind,
    readonly versions: VersionSet,
    readonly parent: SchemaNode | undefined,
    private readonly tree: DecodedTree,
    /** For commands: the undecoded argument tokens. For arguments: the type spec after `:`. */
    private raw: string | undefined,
  ) {}

  /** Names from the root down to this node, e.g. ['ip', 'firewall', 'filter', 'add']. */
  get path(): readonly string[] {
    if (!this.cachedPath) this.cachedPath = this.parent ? [...this.parent.path, this.name] : [];
    return this.cachedPath;
  }

  /** Menu path as written in scripts: `/ip firewall filter`. */
  get menuPath(): string {
    const menu =
      this.kind === 'menu' || this.kind === 'path'
        ? this
        : this.kind === 'command'
          ? this.parent
          : this.parent?.parent;
    return `/${(menu?.path ?? []).join(' ')}`;
  }

  get isMenu(): boolean {
    return this.kind === 'menu' || this.kind === 'path';
  }

  /** Short documentation from the overlay, if we wrote any. */
  get doc(): string | undefined {
    return this.tree.decorator?.doc(this);
  }

  existsIn(target: Target): boolean {
    return hasVersion(this.versions, target.index);
  }

  /** True when, in the target version, only a router with an extra package has this node. */
  needsPackageIn(target: Target): boolean {
    return hasVersion(this.extra, target.index);
  }

  /** @internal Used by the decoder: the menu's own child being decoded. */
  addChild(node: SchemaNode): void {
    this.childMap?.set(node.name, node);
  }

  /** @internal Used by the decoder: where this menu's subtree lies in the body, decoded on first use. */
  setBody(start: number, end: number): void {
    this.bodyStart = start;
    this.bodyEnd = end;
  }

  private map(): Map<string, SchemaNode> {
    if (!this.childMap) {
      this.childMap = new Map();
      if (this.kind === 'command' && this.raw) {
        for (const token of this.raw.split(' ')) {
          const arg = this.tree.decodeArg(token, this);
          if (arg) this.childMap.set(arg.name, arg);
        }
      } else if (this.bodyStart >= 0) this.tree.decodeChildren(this, this.bodyStart, this.bodyEnd);
      this.raw = undefined;
    }
    return this.childMap;
  }

  child(name: string): SchemaNode | undefined {
    return this.map().get(name);
  }

  /** Children sorted by name (menus and commands of a menu, arguments of a command). */
  children(): readonly SchemaNode[] {
    if (!this.sorted)
      this.sorted = [...this.map().values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return this.sorted;
  }

  /** For arguments: the value type per version run, the overlay filling in where the tree has none. */
  get types(): readonly VersionedType[] {
    if (this.kind !== 'arg') return [];
    if (!this.cachedTypes) {
      const decorator = this.tree.decorator;
      let own = this.tree.decodeTypes(this.raw, this.versions);
      if (decorator?.adjustType) {
        const adjust = decorator.adjustType;
        own = own.map((t) => ({ versions: t.versions, type: adjust(this, t.type) }));
      }
      const extra = decorator?.argType(this);
      this.cachedTypes = extra
        ? own.map((t) =>
            extra.force || t.type.kind === 'unknown' ? { versions: t.versions, type: extra.type } : t,
          )
        : own;
    }
    return this.cachedTypes;
  }

  /** The argument's type in the newest version that has it (menus and commands: `unknown`). */
  get type(): ValueType {
    let best: VersionedType | undefined;
    let bestTop = -1;
    for (const t of this.types) {
      const top = 31 - Math.clz32(t.versions);
      if (top > bestTop) {
        best = t;
        bestTop = top;
      }
    }
    return best?.type ?? UNKNOWN;
  }

  /** The argument's type in a target version, falling back to its newest type. */
  typeIn(target: Target): ValueType {
    for (const t of this.types) if (hasVersion(t.versions, target.index)) return t.type;
    return this.type;
  }
}

export class DecodedTree {
  readonly root: SchemaNode;
  readonly versions: readonly string[];
  private readonly typeTable: readonly ValueType[];
  /** The tree's lines after the header (docs/schema.md): decoded a menu at a time by decodeChildren. */
  private readonly body: string;
  private cachedCounts: { menus: number; commands: number } | undefined;
  decorator: NodeDecorator | undefined;

  constructor(data: string) {
    const nl = data.indexOf('\n');
    const header = JSON.parse(nl < 0 ? data : data.slice(0, nl)) as {
      format: number;
      versions: string[];
      types: ValueType[];
    };
    if (header.format !== FORMAT_VERSION)
      throw new Error(`schema data format ${header.format} is not ${FORMAT_VERSION}`);
    this.versions = header.versions;
    this.typeTable = header.types;
    this.body = nl < 0 ? '' : data.slice(nl + 1);
    this.root = new SchemaNode('', 'menu', fullSet(this.versions.length), undefined, this, undefined);
    this.root.setBody(0, this.body.length);
  }

  /** How many menus and commands the tree has (for reports and tests; one pass over the lines). */
  get counts(): { readonly menus: number; readonly commands: number } {
    if (!this.cachedCounts) {
      const counts = { menus: 0, commands: 0 };
      const body = this.body;
      for (let pos = 0; pos < body.length;) {
        const c = body.charCodeAt(pos);
        if (c === 61 /* = */) counts.commands++;
        else if (c === 43 /* + */ || c === 42 /* * */) counts.menus++;
        const end = body.indexOf('\n', pos);
        pos = end < 0 ? body.length : end + 1;
      }
      this.cachedCounts = counts;
    }
    return this.cachedCounts;
  }

  /**
   * @internal Decodes the direct children of `menu`, whose subtree is the lines in body[start, end): `=`
   * lines at depth 0 are its commands, `+`/`*` lines at depth 0 its menus, whose own subtrees (up to the
   * `-` line that closes them; one `-` per level, folded as `---`) are only measured, not decoded.
   */
  decodeChildren(menu: SchemaNode, start: number, end: number): void {
    const body = this.body;
    let depth = 0;
    let open: SchemaNode | undefined;
    let openStart = 0;
    let pos = start;
    while (pos < end) {
      let lineEnd = body.indexOf('\n', pos);
      if (lineEnd < 0 || lineEnd > end) lineEnd = end;
      const c = body.charCodeAt(pos);
      if (c === 45 /* - */) {
        let k = pos;
        while (k < lineEnd && body.charCodeAt(k) === 45) k++;
        depth -= k - pos;
        if (open && depth <= 0) {
          open.setBody(openStart, pos);
          open = undefined;
        }
        if (depth < 0) break; // closes `menu` itself (cannot happen inside its own extent)
      } else if (depth > 0) {
        if (c !== 61) depth++; // a menu nested in a child menu
      } else {
        // `=name@runs args...` (command), `+name@runs` (menu) or `*name@runs` (path menu).
        const space = c === 61 ? body.indexOf(' ', pos) : -1;
        const headEnd = space >= 0 && space < lineEnd ? space : lineEnd;
        const head = this.decodeHead(body.slice(pos + 1, headEnd), menu);
        if (c === 61 /* = */) {
          const raw = headEnd < lineEnd ? body.slice(headEnd + 1, lineEnd) : undefined;
          const cmd = new SchemaNode(head.name, 'command', head.versions, menu, this, raw);
          cmd.extra = head.extra;
          menu.addChild(cmd);
        } else {
          const kind = c === 42 /* * */ ? 'path' : 'menu';
          open = new SchemaNode(head.name, kind, head.versions, menu, this, undefined);
          open.extra = head.extra;
          openStart = lineEnd + 1;
          menu.addChild(open);
          depth = 1;
        }
      }
      pos = lineEnd + 1;
    }
    // A subtree left open at the end of the extent is closed by the same folded `-` line as `menu`.
    if (open) open.setBody(Math.min(openStart, end), end);
  }

  /**
   * @internal `name[@runs][!runs]` -> the node's name, versions (the parent's when no `@`) and the
   * versions in which it needs an extra package (`!` alone: all of its versions; plus the parent's).
   */
  decodeHead(head: string, parent: SchemaNode): { name: string; versions: VersionSet; extra: VersionSet } {
    const at = head.indexOf('@');
    const bang = head.indexOf('!');
    const nameEnd = at >= 0 ? at : bang >= 0 ? bang : head.length;
    const name = head.slice(0, nameEnd);
    const count = this.versions.length;
    const versions =
      at >= 0 ? decodeVersionSet(head.slice(at + 1, bang >= 0 ? bang : head.length), count) : parent.versions;
    let extra = parent.extra & versions;
    if (bang >= 0)
      extra |= bang === head.length - 1 ? versions : decodeVersionSet(head.slice(bang + 1), count);
    return { name, versions, extra };
  }

  /** @internal `name@runs!runs:typespec` -> argument node. */
  decodeArg(token: string, command: SchemaNode): SchemaNode | undefined {
    if (!token) return undefined;
    const colon = token.indexOf(':');
    const head = this.decodeHead(colon < 0 ? token : token.slice(0, colon), command);
    const arg = new SchemaNode(
      head.name,
      'arg',
      head.versions,
      command,
      this,
      colon < 0 ? undefined : token.slice(colon + 1),
    );
    arg.extra = head.extra;
    return arg;
  }

  /** @internal Type spec `3`, `3/0-4;_/5-` or none -> versioned types. */
  decodeTypes(spec: string | undefined, versions: VersionSet): VersionedType[] {
    if (!spec) return [{ versions, type: UNKNOWN }];
    if (!spec.includes('/')) return [{ versions, type: this.typeAt(spec) }];
    return spec.split(';').map((part) => {
      const slash = part.indexOf('/');
      return {
        versions: decodeVersionSet(part.slice(slash + 1), this.versions.length),
        type: this.typeAt(part.slice(0, slash)),
      };
    });
  }

  private typeAt(index: string): ValueType {
    return index === '_' ? UNKNOWN : (this.typeTable[Number(index)] ?? UNKNOWN);
  }
}
