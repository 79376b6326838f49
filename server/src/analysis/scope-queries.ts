// What the rules and the editor ask of a scope model (analysis/scopes.ts builds it): how each declaration
// is used, every occurrence of a variable, the name under an offset, the names visible at one. Re-exported
// by scopes.ts, which callers import.
import type { Declaration, ReferenceKind, Scope, ScopeModel, SymbolAt } from './scopes';
import { memoOn } from '../syntax';

/** Bits of usesOf: something refers to the declaration; something reads or calls it (not only `:set`). */
export const USED = 1;
export const READ_USED = 2;

/**
 * How each declaration (by id) is used, USED and READ_USED bits: what `references` tells, in one pass over
 * the model's references and without keeping an index per declaration (RSC2006 asks it of every local).
 */
export function usesOf(model: ScopeModel): Uint8Array {
  const uses = new Uint8Array(model.declarations.length);
  for (const r of model.references) {
    const d = r.declaration;
    if (!d || (r.status !== 'declared' && r.status !== 'param')) continue;
    // A declaration of another model (never in a whole script's model) is not this one's.
    if (model.declarations[d.id] !== d) continue;
    uses[d.id] |= r.kind === 'write' ? USED : USED | READ_USED;
  }
  return uses;
}

/**
 * Declarations that are the same variable as `d`: every `:global` of its name in the file for a global,
 * otherwise just `d`.
 */
export function sameVariable(model: ScopeModel, d: Declaration): Declaration[] {
  if (d.kind !== 'global') return [d];
  return model.declarations.filter((x) => x.kind === 'global' && x.name === d.name);
}

/** Every occurrence (declaration names and references) of the variable `d` stands for, in source order. */
export function occurrences(
  model: ScopeModel,
  d: Declaration,
): { start: number; end: number; isDeclaration: boolean; kind?: ReferenceKind }[] {
  const out: { start: number; end: number; isDeclaration: boolean; kind?: ReferenceKind }[] = [];
  const group = sameVariable(model, d);
  const set = new Set(group);
  for (const g of group) {
    // A param's "declaration" is its first use, which is also listed as a reference.
    if (g.kind !== 'param') out.push({ start: g.nameStart, end: g.nameEnd, isDeclaration: true });
    for (const r of g.references)
      out.push({ start: r.start, end: r.end, isDeclaration: false, kind: r.kind });
  }
  if (d.kind === 'global') {
    // Uses that resolved only through "declared elsewhere in the file" belong to the same global.
    for (const r of model.references) {
      if (r.status === 'global-elsewhere' && r.declaration && set.has(r.declaration)) {
        out.push({ start: r.start, end: r.end, isDeclaration: false, kind: r.kind });
      }
    }
  }
  if (d.kind === 'param' && d.paramOf) {
    // Named arguments at the function's call sites (`$f name=3`) are the same parameter.
    for (const c of d.paramOf.calls) {
      for (const a of c.namedArgs) {
        if (a.name === d.name) out.push({ start: a.nameStart, end: a.nameEnd, isDeclaration: false });
      }
    }
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}

/** symbolAt's sorted index, kept on the model (memoOn: dies with the tree, unlike a WeakMap entry). */
const SYMBOL_INDEX = Symbol('symbolIndex');

/** The variable name at `offset` (a declaration or a reference), or undefined. Binary search on an index. */
export function symbolAt(model: ScopeModel, offset: number): SymbolAt | undefined {
  const index = memoOn(model, SYMBOL_INDEX, (m) => {
    const index: SymbolAt[] = [];
    for (const d of m.declarations) {
      if (d.kind !== 'param')
        index.push({ declaration: d, start: d.nameStart, end: d.nameEnd, name: d.name });
    }
    for (const r of m.references) {
      index.push({ reference: r, declaration: r.declaration, start: r.start, end: r.end, name: r.name });
    }
    index.sort((a, b) => a.start - b.start);
    return index;
  });
  // Last entry starting at or before offset; the cursor may sit just after the name.
  let lo = 0;
  let hi = index.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (index[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let i = found; i >= 0 && i >= found - 1; i--) {
    const e = index[i];
    if (e.start <= offset && offset <= e.end) return e;
  }
  return undefined;
}

/** Declarations visible at `offset` (innermost first, one per name), for completion after `$`. */
export function visibleAt(model: ScopeModel, offset: number): Declaration[] {
  // The innermost scope containing the offset.
  let inner: Scope = model.scopes[0];
  for (const s of model.scopes) {
    if (s.start <= offset && offset <= s.end && s.start >= inner.start && s.end <= inner.end) inner = s;
  }
  const chain = new Set<number>();
  for (let s: Scope | undefined = inner; s; s = s.parent >= 0 ? model.scopes[s.parent] : undefined) {
    if (s.context !== inner.context) break;
    chain.add(s.id);
  }
  const seen = new Map<string, Declaration>();
  for (const d of model.declarations) {
    if (!chain.has(d.scope)) continue;
    if (d.kind !== 'param' && d.visibleFrom > offset) continue;
    const prev = seen.get(d.name);
    // Later declarations in a deeper or the same scope shadow earlier ones.
    if (!prev || model.scopes[d.scope].start >= model.scopes[prev.scope].start) seen.set(d.name, d);
  }
  return [...seen.values()];
}
