// Literal values checked against their argument's type (RSC2003, RSC2004; RSC5001 for values of other
// versions), on the schema view's resolved arguments. Cached per schema view, so releasing the view
// (releaseSchemaView) releases these too.
import type { ArgNode, LiteralNode, NamedArg, ParseResult } from '../../syntax';
import { argValueText, memoOn, storedArgs } from '../../syntax';
import {
  hasVersion,
  validateValue,
  valueVersions,
  type SchemaNode,
  type Target,
  type ValueType,
} from '../../schema';
import {
  ArgResolution,
  existsForTarget,
  hasSyntaxErrorIn,
  schemaView,
  type ChildLookup,
  type ResolvedArg,
  type ResolvedCommand,
} from './schema-resolve';

export interface ValueProblem {
  command: ResolvedCommand;
  arg: ResolvedArg;
  /** The argument's tree node. */
  node: SchemaNode;
  /** The literal value as RouterOS reads it (decoded for quoted strings). */
  value: string;
  /** Range of the value as written (with quotes for a string). */
  start: number;
  end: number;
  /** True when the value is a bare word, so offsets inside `value` map 1:1 to the source. */
  bare: boolean;
  type: ValueType;
  /** validateValue's explanation. */
  message: string;
  /** The item of a list or the value that is not an allowed name (for RSC2003), if that is the problem. */
  badName?: { text: string; offset: number; candidates: string[] };
  /** The versions in which the value is allowed, when it is allowed in some but not the target. */
  otherVersions: number;
}

/** Names a value may take, and whether `text` looks like one rather than like a number, time or address. */
function enumPart(type: ValueType): { values: string[]; exclusive: boolean } {
  switch (type.kind) {
    case 'enum':
      return { values: [...type.values], exclusive: !type.open };
    case 'negatable':
      return enumPart(type.inner);
    case 'one-of': {
      const parts = type.types.map(enumPart);
      return { values: parts.flatMap((p) => p.values), exclusive: false };
    }
    default:
      return { values: [], exclusive: false };
  }
}

/** For a failing value: the first item (of a list enum) or the value itself that is not an allowed name. */
function badEnumName(
  type: ValueType,
  value: string,
): { text: string; offset: number; candidates: string[] } | undefined {
  const { values, exclusive } = enumPart(type);
  if (values.length === 0) return undefined;
  const inner = type.kind === 'negatable' ? type.inner : type;
  const list = inner.kind === 'enum' && inner.list;
  const negatableItems = inner.kind === 'enum' && inner.negatableItems;
  let offset = value.startsWith('!') && type.kind === 'negatable' ? 1 : 0;
  const items = list ? value.slice(offset).split(',') : [value.slice(offset)];
  for (const raw of items) {
    const neg = negatableItems && raw.startsWith('!') ? 1 : 0;
    const item = raw.slice(neg);
    if (!values.includes(item)) {
      // In a type that also takes numbers, times or addresses, only a word is a misspelt name:
      // `address-list-timeout=1x` is a malformed time, `action=mark-conection` a misspelt action.
      if (!exclusive && !/^[a-z][a-z0-9-]*$/i.test(item)) return undefined;
      return { text: item, offset: offset + neg, candidates: values };
    }
    offset += raw.length + 1;
  }
  return undefined;
}

/** The value problems of a schema view per target key, kept on the view (see memoOn): they die with it. */
const VALUE_PROBLEMS = Symbol('valueProblems');

/**
 * Values already found valid per type object (types are decoded once per tree node and never change, and
 * validateValue is pure): an export repeats `chain=forward`, `protocol=tcp`, `action=accept` on every line.
 */
const validValues = new WeakMap<ValueType, Set<string>>();

/** An argument's type in one target, and whether its values are checked at all. */
export interface ArgCheck {
  /** The target key (see targetKey) this was computed for. */
  key: number;
  /** False when the argument is missing from the target (RSC5001 reports the argument instead). */
  exists: boolean;
  type: ValueType;
  /** True when every value fits the type (free strings, open enums, unknown types). */
  anything: boolean;
  /** Values of this type found valid (shared by all arguments of the same type object). */
  valid: Set<string>;
}

function targetKey(target: Target): number {
  return target.index + (target.v6 ? 1000 : 0);
}

/** What the value checks need about an argument in a target, memoised on its (shared) lookup. */
function argCheck(hit: ChildLookup, target: Target, key: number): ArgCheck | undefined {
  const node = hit.node;
  if (!node) return undefined;
  let check = hit.check;
  if (!check || check.key !== key) {
    const type = node.typeIn(target);
    let valid = validValues.get(type);
    if (!valid) validValues.set(type, (valid = new Set()));
    check = { key, exists: existsForTarget(node, target), type, anything: acceptsAnything(type), valid };
    hit.check = check;
  }
  return check;
}

/** True when validateValue accepts every text for this type, so there is nothing to check. */
export function acceptsAnything(type: ValueType): boolean {
  switch (type.kind) {
    case 'unknown':
    case 'script':
      return true;
    case 'string':
      return !type.hex && type.min === undefined && type.max === undefined;
    case 'enum':
      return !!type.open;
    case 'one-of':
      return type.types.some(acceptsAnything);
    case 'negatable':
      return acceptsAnything(type.inner);
    default:
      return false;
  }
}

function rememberValid(set: Set<string>, value: string): void {
  // Bounded: unique values (addresses, comments) would otherwise grow it without end.
  if (set.size < 2000) set.add(value);
}

/** Literal argument values that do not fit their argument's type in the target version. */
export function valueProblems(parse: ParseResult, target: Target): ValueProblem[] {
  const view = schemaView(parse);
  const perTarget = memoOn(view, VALUE_PROBLEMS, () => new Map<number, ValueProblem[]>());
  const key = targetKey(target);
  const hit = perTarget.get(key);
  if (hit) return hit;
  const out: ValueProblem[] = [];
  for (const c of view.commands) {
    const command = c.name.node;
    if (!command || c.argLookups.length === 0 || !command.existsIn(target)) continue;
    if (hasSyntaxErrorIn(parse, c.cmd.start, c.cmd.end)) continue;
    // Read when first needed, and once (see AtomArgStore).
    let args: ArgNode[] | undefined;
    const lookups = c.argLookups;
    const stored = storedArgs(c.cmd);
    for (let i = 0; i < lookups.length; i++) {
      // Every lookup of the view is a ChildLookup (NOT_NAMED has no node, so argCheck skips it).
      const hit = lookups[i] as ChildLookup;
      const check = argCheck(hit, target, key);
      // Values of an argument missing from the target are RSC5001's business (the argument is reported).
      if (!check || !check.exists || check.anything) continue;
      // A stored argument is a `name=` with a literal value: its text needs no node, and a valid value
      // (nearly all of them) never makes one.
      let a: NamedArg | undefined;
      let value: string | undefined;
      if (stored) value = stored.storedArgValueText(i);
      else {
        args ??= c.cmd.args;
        const ai = args[i];
        if (ai.kind !== 'namedArg') continue;
        a = ai;
        const v = a.value;
        // Only literals: `$var`, `[...]`, `(...)`, `a$b` and strings with `$` are computed at run time.
        if (!v || v.kind !== 'literal') continue;
        value = argValueText(a);
      }
      if (value === undefined || check.valid.has(value)) continue;
      // validateValue trims, so a value of white space only (`delimiter="\t"`) would look empty to it.
      if (value.trim() === '') continue;
      // argCheck answers only for a known argument.
      const node = hit.node as SchemaNode;
      const type = check.type;
      const result = validateValue(type, value);
      if (result.ok) {
        rememberValid(check.valid, value);
        continue;
      }
      // Only now the nodes: the report needs the argument and its value's range.
      a ??= (args ??= c.cmd.args)[i] as NamedArg;
      // A literal: checked above, or a stored argument's value (always one).
      const v = a.value as LiteralNode;
      const badName = badEnumName(type, value);
      const plain = badName?.text ?? value;
      const other = valueVersions(node, plain);
      // A name other versions list while the target's hint lists no names at all (RouterOS's hint for
      // `address-list-timeout=` before 7.24 names only the time form): the old hint is incomplete.
      if (other && !hasVersion(other, target.index) && enumPart(type).values.length === 0) continue;
      out.push({
        command: c,
        arg: new ArgResolution(a, hit),
        node,
        value,
        start: v.start,
        end: v.end,
        bare: v.type !== 'string',
        type,
        message: result.message,
        ...(badName ? { badName } : {}),
        otherVersions: hasVersion(other, target.index) ? 0 : other,
      });
    }
  }
  perTarget.set(key, out);
  return out;
}
