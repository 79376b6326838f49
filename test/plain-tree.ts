// Syntax trees as what their readers see, for comparing two parses: some nodes keep numbers and make
// their parts on access (AtomNamedArg's value, a MenuCommand's stored arguments, see parser.ts), so two
// equal trees can differ in those numbers (where a command's arguments sit in its parse's store) while
// every property a reader can get is the same. plainTree copies a node into plain objects: its own
// enumerable fields and the getters of its class, without the fields that only hold the numbers.

/** Fields that hold a node's packed form, not a property of the tree. */
const PACKED = new Set([
  'source',
  'packed',
  'argData',
  'argMore',
  'argAt',
  'argsStored',
  'stmtData',
  'endClosed',
]);

export function plainTree(x: unknown, path: Set<object> = new Set()): unknown {
  if (x === null || typeof x !== 'object') return x;
  // A node that is its own part (PlainStringLiteral is its own decoded `string`).
  if (path.has(x)) return '[the node itself]';
  path.add(x);
  const out = Array.isArray(x) ? x.map((v) => plainTree(v, path)) : plainObject(x, path);
  path.delete(x);
  return out;
}

function plainObject(x: object, path: Set<object>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) if (!PACKED.has(k)) out[k] = plainTree(v, path);
  for (let p = Object.getPrototypeOf(x); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(p))) {
      if (PACKED.has(k) || k in out || k === 'constructor') continue;
      if (d.get) out[k] = plainTree((x as Record<string, unknown>)[k], path);
      else if (d.enumerable) out[k] = plainTree(d.value, path);
    }
  }
  return out;
}
