// The scope model's objects (analysis/scopes.ts builds them): small classes with every field written in
// the constructor and the numbers packed, because a big script keeps one per variable use. Only the walk
// in scopes.ts makes them; everything else reads them through the public types of scopes.ts.
import type { ArgNode, CodeNode, CommandNode } from '../syntax';
import { memoOn } from '../syntax';
import type {
  CallSite,
  Declaration,
  DeclarationKind,
  Reference,
  ReferenceKind,
  ReferenceStatus,
  Scope,
  ScopeKind,
  ScopeModel,
} from './scopes';

/*
 * The model's objects are small classes with every field written in the constructor (in-object, one
 * hidden class each); fields of the public interfaces that can be derived are getters on the prototype.
 * A 10 MB script has about 200,000 references, 78,000 declarations and 55,000 scopes: plain objects with
 * a field per interface member, an array of references and of calls per declaration, and copies of the
 * lists per statement made the model 6.6 bytes per byte of script, most of a CLI lint's peak memory; these
 * make it 2.4. A declaration's `references` is an index made on the first read (the editor's features);
 * lint asks usesOf instead. A CLI lets go of the whole model with releaseScopeModel.
 */

export const REF_KINDS: readonly ReferenceKind[] = ['read', 'write', 'call'];
export const READ = 0;
export const WRITE = 1;
export const CALL = 2;
export const STATUSES: readonly ReferenceStatus[] = [
  'declared',
  'param',
  'positional',
  'global-elsewhere',
  'undeclared',
];
export const DECLARED = 0;
export const PARAM = 1;
export const POSITIONAL_ARG = 2;
export const GLOBAL_ELSEWHERE = 3;
export const UNDECLARED = 4;
/** A reference's code, status * 3 + kind (15 values), is kept in the 4 bits below its start. */
export const CODE_MASK = 15;
export const CODE_UNIT = 16;
export const KIND_OF: ReferenceKind[] = [];
export const STATUS_OF: number[] = [];
for (let st = 0; st < STATUSES.length; st++)
  for (let k = 0; k < REF_KINDS.length; k++) {
    KIND_OF[st * 3 + k] = REF_KINDS[k];
    STATUS_OF[st * 3 + k] = st;
  }
export const DECL_KINDS: readonly DeclarationKind[] = ['local', 'global', 'loop', 'param', 'error-var'];
export const PARAM_KIND = 3;
export const SCOPE_KINDS: readonly ScopeKind[] = ['script', 'block', 'code', 'function'];

/** Shared by every call site that names no argument. */
export const NO_NAMED_ARGS: CallSite['namedArgs'] = Object.freeze([]) as unknown as CallSite['namedArgs'];
/** Shared by every declaration nobody calls. */
export const NO_CALLS: CallSite[] = Object.freeze([]) as unknown as CallSite[];

export class ScopeImpl implements Scope {
  /** id * 4 + the kind's index. */
  _ik: number;
  parent: number;
  start: number;
  end: number;
  /** The innermost function scope around it (itself for one), else the script scope: its id is `context`. */
  _ctx: ScopeImpl;

  constructor(
    id: number,
    kind: number,
    parent: number,
    start: number,
    end: number,
    ctx: ScopeImpl | undefined,
  ) {
    this._ik = id * 4 + kind;
    this.parent = parent;
    this.start = start;
    this.end = end;
    this._ctx = ctx ?? this;
  }

  get id(): number {
    const p = this._ik;
    return (p - (p & 3)) / 4;
  }

  get kind(): ScopeKind {
    return SCOPE_KINDS[this._ik & 3];
  }

  get context(): number {
    return this._ctx.id;
  }

  /** The function whose body this is (function scopes only): the inFunction of the uses in it. */
  get fnDecl(): DeclImpl | undefined {
    return undefined;
  }
}

export class FunctionScope extends ScopeImpl {
  _fnDecl: DeclImpl | undefined;
  /** The context around the function (its parent's `_ctx`): the way from a declaration to the model. */
  _up: ScopeImpl;

  constructor(
    id: number,
    parent: number,
    start: number,
    end: number,
    fn: DeclImpl | undefined,
    up: ScopeImpl,
  ) {
    super(id, 3, parent, start, end, undefined);
    this._fnDecl = fn;
    this._up = up;
  }

  override get fnDecl(): DeclImpl | undefined {
    return this._fnDecl;
  }
}

/** The script's scope; it knows its model (a declaration finds its references through it). */
export class RootScope extends ScopeImpl {
  model: Built;

  constructor(start: number, end: number, model: Built) {
    super(0, 0, -1, start, end, undefined);
    this.model = model;
  }
}

/** The model a declaration was last placed in. */
export function modelOf(d: DeclImpl): Built {
  let c = d._scope._ctx;
  while (c instanceof FunctionScope) c = c._up;
  return (c as RootScope).model;
}

/** A declaration's value once something calls it: the value and the call sites. */
export class FnCalls {
  value: CodeNode | boolean;
  calls: CallSite[];

  constructor(value: CodeNode | boolean, calls: CallSite[]) {
    this.value = value;
    this.calls = calls;
  }
}

export class DeclImpl implements Declaration {
  /** id * 8 + the kind's index. */
  _ik: number;
  name: string;
  nameStart: number;
  /** The scope object: its id changes when a statement is taken back, the object does not. */
  _scope: ScopeImpl;
  /** The declaring command; for a `param`, the function it belongs to. */
  _src: CommandNode | DeclImpl | undefined;
  /**
   * The value: false, true (code without a body here: `[:parse ...]`) or the function's body; wrapped in
   * FnCalls with the call sites once calls are recorded (after the walk).
   */
  _fn: CodeNode | boolean | FnCalls;

  constructor(
    id: number,
    name: string,
    kind: number,
    nameStart: number,
    scope: ScopeImpl,
    src: CommandNode | DeclImpl | undefined,
  ) {
    this._ik = id * 8 + kind;
    this.name = name;
    this.nameStart = nameStart;
    this._scope = scope;
    this._src = src;
    this._fn = false;
  }

  get id(): number {
    const p = this._ik;
    return (p - (p & 7)) / 8;
  }

  get kind(): DeclarationKind {
    return DECL_KINDS[this._ik & 7];
  }

  get nameEnd(): number {
    return this.nameStart + this.name.length;
  }

  get scope(): number {
    return this._scope.id;
  }

  /** Where the walk made it visible: the end of its command, the loop's body, a parameter's function body. */
  get visibleFrom(): number {
    if ((this._ik & 7) === PARAM_KIND) return this._scope.start;
    const cmd = this._src as CommandNode;
    if (this.kind === 'local' || this.kind === 'global') return cmd.end;
    const body = cmd.control?.do;
    return body ? body.start : cmd.end;
  }

  get command(): CommandNode | undefined {
    return (this._ik & 7) === PARAM_KIND ? undefined : (this._src as CommandNode | undefined);
  }

  get paramOf(): DeclImpl | undefined {
    return (this._ik & 7) === PARAM_KIND ? (this._src as DeclImpl | undefined) : undefined;
  }

  get isFunction(): boolean {
    const f = this._fn;
    return (f instanceof FnCalls ? f.value : f) !== false;
  }

  get functionBody(): CodeNode | undefined {
    const f = this._fn;
    const v = f instanceof FnCalls ? f.value : f;
    return typeof v === 'object' ? v : undefined;
  }

  get calls(): CallSite[] {
    const f = this._fn;
    return f instanceof FnCalls ? f.calls : NO_CALLS;
  }

  /** From an index of the model made on the first read (for the editor; lint reads usesOf instead). */
  get references(): Reference[] {
    return referenceIndex(modelOf(this)).get(this) ?? [];
  }

  /** Its value when declared, before any `:set` (a `:local`/`:global` with code, else false). */
  initialValue(): CodeNode | boolean {
    const k = this._ik & 7;
    if (k !== 0 && k !== 1) return false;
    const cmd = this._src as CommandNode;
    const n = nameArg(cmd);
    if (!n) return false;
    const fv = functionValue(cmd, n.arg);
    return fv.body ?? fv.isFunction;
  }

  /** Its value as the walk set it (no calls are recorded during the walk). */
  ownValue(): CodeNode | boolean {
    const f = this._fn;
    return f instanceof FnCalls ? f.value : f;
  }

  /** `:set name do={...}`: a function from now on; its body is the first one it got. */
  markFunction(body: CodeNode | undefined): void {
    const f = this._fn;
    if (f instanceof FnCalls) {
      if (typeof f.value !== 'object') f.value = body ?? true;
    } else if (typeof f !== 'object') this._fn = body ?? true;
  }

  addCall(site: CallSite): void {
    const f = this._fn;
    if (f instanceof FnCalls) f.calls.push(site);
    else this._fn = new FnCalls(f, [site]);
  }
}

/** The rare declaration whose name, as written, is not as long as the name (escapes in a quoted name). */
export class OddDecl extends DeclImpl {
  _len: number;

  constructor(
    id: number,
    name: string,
    kind: number,
    nameStart: number,
    nameEnd: number,
    scope: ScopeImpl,
    src: CommandNode | DeclImpl | undefined,
  ) {
    super(id, name, kind, nameStart, scope, src);
    this._len = nameEnd - nameStart;
  }

  override get nameEnd(): number {
    return this.nameStart + this._len;
  }
}

export class Ref implements Reference {
  /** The declaration it resolved to, else its name (a declaration's name is the name looked up). */
  _d: DeclImpl | string;
  /** start * 16 + code (an integer; a small, inline one for files under 128 MB). */
  _p: number;
  /** The scope object (its id changes when a statement is taken back); it knows the inFunction too. */
  _scope: ScopeImpl;

  constructor(d: DeclImpl | string, start: number, code: number, scope: ScopeImpl) {
    this._d = d;
    this._p = start * CODE_UNIT + code;
    this._scope = scope;
  }

  get name(): string {
    const d = this._d;
    return typeof d === 'string' ? d : d.name;
  }

  get start(): number {
    const p = this._p;
    return (p - (p & CODE_MASK)) / CODE_UNIT;
  }

  get end(): number {
    return this.start + this.name.length;
  }

  get kind(): ReferenceKind {
    return KIND_OF[this._p & CODE_MASK];
  }

  get status(): ReferenceStatus {
    return STATUSES[STATUS_OF[this._p & CODE_MASK]];
  }

  get declaration(): DeclImpl | undefined {
    const d = this._d;
    return typeof d === 'string' ? undefined : d;
  }

  get scope(): number {
    return this._scope.id;
  }

  get inFunction(): DeclImpl | undefined {
    return this._scope._ctx.fnDecl;
  }

  get outer(): DeclImpl | undefined {
    return undefined;
  }

  statusCode(): number {
    return STATUS_OF[this._p & CODE_MASK];
  }

  move(delta: number): void {
    this._p += delta * CODE_UNIT;
  }

  /** Sets the status and what it resolved to (a declaration, or undefined: only its name is kept). */
  resolve(status: number, d: DeclImpl | undefined): void {
    const code = this._p & CODE_MASK;
    this._p += status * 3 + (code % 3) - code;
    this._d = d ?? this.name;
  }
}

/** The rare reference with an `outer` local, or whose range is not as long as its name. */
export class RareRef extends Ref {
  _outer: DeclImpl | undefined;
  _len: number;

  constructor(
    d: DeclImpl | string,
    start: number,
    code: number,
    scope: ScopeImpl,
    outer: DeclImpl | undefined,
    len: number,
  ) {
    super(d, start, code, scope);
    this._outer = outer;
    this._len = len;
  }

  override get end(): number {
    return this.start + this._len;
  }

  override get outer(): DeclImpl | undefined {
    return this._outer;
  }
}

/** A call `$f ...`: the reference to the function, and the command (for its call site). */
export class CallRef extends RareRef {
  command: CommandNode;

  constructor(
    d: DeclImpl | string,
    start: number,
    code: number,
    scope: ScopeImpl,
    outer: DeclImpl | undefined,
    len: number,
    command: CommandNode,
  ) {
    super(d, start, code, scope, outer, len);
    this.command = command;
  }

  /** The same reference without its command (DetachedScopeModel: a model that keeps nothing of the tree). */
  detached(): RareRef {
    return new RareRef(this._d, this.start, this._p & CODE_MASK, this._scope, this._outer, this._len);
  }
}

/** The model as the walk builds it: its arrays hold the classes above. */
export interface Built extends ScopeModel {
  scopes: ScopeImpl[];
  declarations: DeclImpl[];
  references: Ref[];
}

/** The literal name written as a command's first positional argument (`:local x`, `:set "x"`). */
export function nameArg(
  cmd: CommandNode,
): { arg: ArgNode; name: string; start: number; end: number } | undefined {
  const arg = cmd.args.find((a) => a.kind === 'positionalArg');
  if (!arg || arg.kind !== 'positionalArg' || arg.value.kind !== 'literal') return undefined;
  const v = arg.value;
  if (v.type === 'string') {
    if (!v.string || v.string.hasInterpolation) return undefined;
    return { arg, name: v.string.value, start: v.start + 1, end: Math.max(v.start + 1, v.end - 1) };
  }
  return { arg, name: v.text, start: v.start, end: v.end };
}

/** `do={...}` of a declaration, or `[:parse ...]`: the value is a function. */
export function functionValue(
  cmd: CommandNode,
  nameArgNode: ArgNode,
): { body?: CodeNode; isFunction: boolean } {
  for (const a of cmd.args) {
    if (a === nameArgNode) continue;
    if (a.kind === 'namedArg' && a.name === 'do' && a.value?.kind === 'code')
      return { body: a.value, isFunction: true };
    if (a.kind === 'positionalArg') {
      const v = a.value;
      if (v.kind === 'substitution') {
        const first = v.statements[0];
        if (first && first.kind === 'command' && first.isGlobal && first.name === 'parse')
          return { isFunction: true };
      }
      if (v.kind === 'code') return { body: v, isFunction: true };
    }
  }
  return { isFunction: false };
}

const REFERENCE_INDEX = Symbol('referenceIndex');
/** Each declaration's references (declared and parameter uses) in source order, made once per model. */
export function referenceIndex(model: ScopeModel): Map<Declaration, Reference[]> {
  return memoOn(model, REFERENCE_INDEX, (m) => {
    const index = new Map<Declaration, Reference[]>();
    for (const r of m.references) {
      const d = r.declaration;
      if (!d || (r.status !== 'declared' && r.status !== 'param')) continue;
      const list = index.get(d);
      if (list) list.push(r);
      else index.set(d, [r]);
    }
    return index;
  });
}
