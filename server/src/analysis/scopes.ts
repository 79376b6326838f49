// Variables and functions of a script with RouterOS scoping: which `:local`/`:global`/loop/error/parameter
// declaration each `$name` (and `:set name`) refers to. Editors use it for navigation, rename, hover and
// completion; the RSC2005/RSC2006 rules use it to find undeclared and unused variables.
import type {
  ArgNode,
  CodeNode,
  CommandNode,
  Expression,
  LiteralNode,
  Node,
  PathSegment,
  ScriptNode,
  Statement,
  StringPart,
} from '../syntax';
import { isAtomArg, isVarNameChar, memoOn, pushChildrenReversed, storedArgs } from '../syntax';
import {
  Built,
  CALL,
  CallRef,
  DECLARED,
  DeclImpl,
  FunctionScope,
  functionValue,
  GLOBAL_ELSEWHERE,
  nameArg,
  NO_NAMED_ARGS,
  OddDecl,
  PARAM,
  PARAM_KIND,
  POSITIONAL_ARG,
  RareRef,
  READ,
  Ref,
  RootScope,
  ScopeImpl,
  UNDECLARED,
  WRITE,
} from './scope-objects';
// The model's objects live in scope-objects.ts, the questions asked of a model in scope-queries.ts.
export { READ_USED, USED, occurrences, sameVariable, symbolAt, usesOf, visibleAt } from './scope-queries';

/*
 * RouterOS rules modelled here (manual, "Scripting"; our notes in shared/docs/routeros-language.md):
 * - `:local x` is visible from the end of its command to the end of the enclosing `{}` (a block, a `do={}`
 *   body, any code value). A later `:local x` in the same scope shadows the earlier one from then on.
 * - `:global x` makes the global visible in the same way; a function body must say `:global x` itself to
 *   see it. All `:global x` of one name in a file are the same variable (rename and references join them).
 * - A function body (`:local f do={...}`, `:global f do={...}`, `:set f do={...}`) does not see the
 *   locals of the code around it: it runs later, in the caller's context. Inside it, names that are not
 *   declared are its parameters (`$1`, `$2`, named `name=` of a call), so they are never "undeclared".
 * - `:for i`, `:foreach k,v` declare their variables in the `do={}` body; `:onerror e` declares `e` in
 *   its `do={}` body.
 * - `$0`..`$9` are positional parameters (`$0` is the script or function name) and always exist.
 * - Variables inside strings (`"$x"`, `"$[cmd $y]"`, `"$($z + 1)"`) are references too. Declarations
 *   written inside a string's `$[...]` are not modelled (nobody writes them).
 */

export type DeclarationKind = 'local' | 'global' | 'loop' | 'param' | 'error-var';

export type ScopeKind = 'script' | 'block' | 'code' | 'function';

export interface Scope {
  id: number;
  kind: ScopeKind;
  /** Enclosing scope id; -1 for the script scope. */
  parent: number;
  start: number;
  end: number;
  /** The nearest enclosing function scope id (itself for a function scope); 0 (the script) outside. */
  context: number;
}

/** One place where `$f ...` is called with a known function. */
export interface CallSite {
  command: CommandNode;
  /** Named arguments as written at the call (`$f name=3`). */
  namedArgs: { name: string; nameStart: number; nameEnd: number }[];
  positionalCount: number;
}

export interface Declaration {
  id: number;
  name: string;
  kind: DeclarationKind;
  /** Range of the declared name as written (for a `param`, its first use in the body). */
  nameStart: number;
  nameEnd: number;
  /** The scope the name is visible in. */
  scope: number;
  /** Offset from which the declaration is visible (end of the declaring command). */
  visibleFrom: number;
  /** The declaring command (`:local`, `:global`, `:for`, `:foreach`, `:onerror`); absent for params. */
  command?: CommandNode;
  /** Set when the declared value is code: `do={...}` (the body). */
  functionBody?: CodeNode;
  /** True when the value is code (`do={...}`) or `[:parse ...]`. */
  isFunction: boolean;
  /** For a `param`: the function body it belongs to, and whether it is positional (`$1`). */
  paramOf?: Declaration;
  /** Calls of this function found in the file (only for functions). */
  calls: CallSite[];
  /** References resolved to this declaration, in source order. */
  references: Reference[];
}

export type ReferenceKind = 'read' | 'write' | 'call';

/**
 * How a reference was resolved:
 * - `declared`: to a visible declaration (`declaration` set);
 * - `param`: inside a function body, a parameter (`$1`, or a name the body does not declare);
 * - `positional`: `$0`..`$9` outside any function body (script arguments);
 * - `global-elsewhere`: not visible here, but the file declares a `:global` of that name elsewhere
 *   (`declaration` is the first such `:global`); RouterOS needs `:global name` in this scope to see it;
 * - `undeclared`: nothing in the file declares it (it may still come from the router at run time).
 */
export type ReferenceStatus = 'declared' | 'param' | 'positional' | 'global-elsewhere' | 'undeclared';

export interface Reference {
  name: string;
  /** Range of the name itself (without `$`, and without the quotes of `$"name"`). */
  start: number;
  end: number;
  kind: ReferenceKind;
  status: ReferenceStatus;
  declaration?: Declaration;
  /** Scope the reference is in. */
  scope: number;
  /** In a function body: the function declaration whose body it is in (innermost). */
  inFunction?: Declaration;
  /**
   * Inside a function body, a local of the same name declared outside the function (not visible at run
   * time; useful as a hint: "pass it as a parameter").
   */
  outer?: Declaration;
}

export interface ScopeModel {
  scopes: Scope[];
  declarations: Declaration[];
  references: Reference[];
  /** Work done, for tests that check linear time. */
  steps: number;
}

/** What lies under an offset: a declaration's name or a reference. */
export interface SymbolAt {
  declaration?: Declaration;
  reference?: Reference;
  /** Range of the name under the cursor. */
  start: number;
  end: number;
  name: string;
}

const POSITIONAL = /^[0-9]$/;

/**
 * The work stack holds nodes to visit as themselves (one small object per node of the tree was most of
 * the garbage) and scope actions as numbers: EXIT, or an index into the list of controls. Telling the two
 * apart with `typeof` is much cheaper than asking the node objects, which come in many shapes, for a field.
 */
type Task = Node | number;

type Control =
  | { t: 'enter'; node: Node; kind: ScopeKind; fn?: DeclImpl; predeclare: DeclImpl[] }
  | { t: 'declare'; decl: DeclImpl };

const EXIT = -1;

interface Frame {
  scope: ScopeImpl;
  /** The frame of the innermost enclosing function body (itself for a body); undefined outside. */
  fnFrame?: Frame;
  /** The function whose body this frame is (only on function frames). */
  fn?: DeclImpl;
  /** Names pushed onto `visible` by this scope, popped on exit. */
  pushed: string[];
  /** Params created for this function body, by name. */
  params?: Map<string, DeclImpl>;
}

const MODEL = Symbol('scope model');

/**
 * What the walk of one top-level statement made and what it read from outside the statement, kept on the
 * statement (it survives edits elsewhere: syntax/incremental.ts keeps and moves the statement object). The
 * walk of a statement depends only on the statement and, for each name it looked up without finding a
 * declaration of its own, on which declaration was visible (at the top level, the last one of that name
 * before it). When those are the same declaration objects again, the statement's scopes, declarations and
 * references are taken back, renumbered and moved instead of being walked and made anew: on a keystroke
 * only the edited statement is walked. What other statements add to them (their `references`, `calls`,
 * a `:set f do={...}` making them a function, `global-elsewhere`) is reset and done again in order.
 * Like the statement itself (moved in place by the re-parse), the objects then belong to the newest model:
 * a model of an older tree that shares the statement must not be read after a newer one is built, and a
 * model must be built only of whole scripts (a tree of some of a script's statements would renumber them).
 * The record holds no lists of its own objects: they are a range of each list of the model it was last
 * placed in. A statement that made nothing (most of an export) shares a record with the others of its steps.
 */
class StatementScopes {
  /** The statement's start when last placed. */
  start: number;
  /** The model the statement's objects were last placed in; undefined on the shared empty records. */
  model: Built | undefined;
  /** Where in that model's lists: its scopes, declarations and references [base, base + count). */
  scopeBase: number;
  scopeCount = 0;
  declBase: number;
  declCount = 0;
  refBase: number;
  refCount = 0;
  /** Declarations made visible at the top level (after the statement), in order. */
  activated: DeclImpl[] | undefined = undefined;
  /** `:set name do={...}`: the declaration it made a function, and the body. */
  setFunctions: { decl: DeclImpl; body: CodeNode | undefined }[] | undefined = undefined;
  /** Names looked up outside the statement, each followed by the declaration visible then (or undefined). */
  deps: (string | DeclImpl | undefined)[] | undefined = undefined;
  steps = 0;

  constructor(start: number, model: Built | undefined, scopeBase: number, declBase: number, refBase: number) {
    this.start = start;
    this.model = model;
    this.scopeBase = scopeBase;
    this.declBase = declBase;
    this.refBase = refBase;
  }
}

/** The shared records of statements that made nothing, by their steps. */
const emptyRecords: StatementScopes[] = [];

function emptyRecord(steps: number): StatementScopes {
  if (steps >= 64) {
    const r = new StatementScopes(0, undefined, 0, 0, 0);
    r.steps = steps;
    return r;
  }
  let r = emptyRecords[steps];
  if (!r) {
    r = new StatementScopes(0, undefined, 0, 0, 0);
    r.steps = steps;
    emptyRecords[steps] = r;
  }
  return r;
}

const STATEMENT_SCOPES = Symbol('statement scopes');

function recordOf(s: Statement): StatementScopes | undefined {
  return (s as Statement & { [STATEMENT_SCOPES]?: StatementScopes })[STATEMENT_SCOPES];
}

function setRecord(s: Statement, r: StatementScopes): void {
  // Hidden (not enumerable), like memoOn's slots: tree comparisons do not see it.
  Object.defineProperty(s, STATEMENT_SCOPES, { value: r, configurable: true, writable: true });
}

/**
 * The scope model of a tree, built once per tree and kept on it (see memoOn): two lint rules and the
 * editor features read the same model, so a keystroke builds it once instead of three times. Callers must
 * not mutate it.
 */
export function scopeModel(root: ScriptNode): ScopeModel {
  return memoOn(root, MODEL, analyzeScopes);
}

/** True when the scope model of `root` is built and kept on it (for tests of who builds it). */
export function hasScopeModel(root: ScriptNode): boolean {
  return Object.prototype.hasOwnProperty.call(root, MODEL);
}

/**
 * Lets go of the model scopeModel kept on the tree and of the per-statement records that hold its scopes,
 * declarations and references: for a one-shot lint (the CLI) once the rules that read it are done, so a big
 * file's peak memory does not carry it. The next scopeModel(root) builds a new one (walking every statement).
 */
export function releaseScopeModel(root: ScriptNode): void {
  delete (root as ScriptNode & { [MODEL]?: ScopeModel })[MODEL];
  for (const s of root.statements)
    delete (s as Statement & { [STATEMENT_SCOPES]?: StatementScopes })[STATEMENT_SCOPES];
}

/** Builds the scope model of a parsed script. Linear in the size of the tree. */
export function analyzeScopes(root: ScriptNode): ScopeModel {
  const walk = new ScopeWalk();
  walk.begin(root.start, root.end);
  walk.add(root.statements);
  return walk.finish();
}

/**
 * The scope model of a script whose top-level statements come in windows (lint/windowed.ts: the CLI lints
 * a big file window by window, and each window's tree goes once it is linted). The walk is the one
 * analyzeScopes makes, statement by statement in order; what differs is what the model keeps of the
 * trees: nothing. After each window its declarations forget their declaring command and their function
 * body (`command`, `functionBody`, `visibleFrom` and `initialValue` must not be read), its calls their
 * command, and no call is recorded (`calls` is empty). The references, declarations, scopes and every
 * status are those of analyzeScopes, which is all the variable rules read (lint/windowed.test.ts compares
 * the findings).
 */
export class DetachedScopeModel {
  private readonly walk = new ScopeWalk();

  /** `start`..`end`: the whole script's range (the root scope's). */
  constructor(start: number, end: number) {
    this.walk.begin(start, end);
  }

  /**
   * Walks the next top-level statements, in order, and returns the range of `references` they made
   * (their statuses are final except `undeclared`, which finish() may make `global-elsewhere`).
   */
  add(statements: readonly Statement[]): { from: number; to: number } {
    const walk = this.walk;
    const from = walk.references.length;
    const firstDecl = walk.declarations.length;
    walk.add(statements);
    for (let i = firstDecl; i < walk.declarations.length; i++) {
      const d = walk.declarations[i];
      if ((d._ik & 7) !== PARAM_KIND) d._src = undefined;
      if (typeof d._fn === 'object') d._fn = true;
    }
    const refs = walk.references;
    for (let i = from; i < refs.length; i++) {
      const r = refs[i];
      if (r instanceof CallRef) refs[i] = r.detached();
    }
    walk.forgetTrees();
    return { from, to: refs.length };
  }

  /** The references made so far, in walk order. */
  get references(): readonly Reference[] {
    return this.walk.references;
  }

  /** The model, after the last add(); the builder must not be used afterwards. */
  finish(): ScopeModel {
    return this.walk.finish();
  }
}

/**
 * Makes `model` the scope model that scopeModel(root) answers for `root`: lint/windowed.ts lints the
 * variable rules on a root of no statements with the model it built window by window.
 */
export function adoptScopeModel(root: ScriptNode, model: ScopeModel): void {
  Object.defineProperty(root, MODEL, { value: model, configurable: true, writable: true });
}

/**
 * One walk of a tree in source order with an explicit stack (no recursion: deep nesting cannot overflow),
 * opening a scope per block and code value and resolving each name against the declarations visible there.
 */
class ScopeWalk {
  readonly scopes: ScopeImpl[] = [];
  readonly declarations: DeclImpl[] = [];
  readonly references: Ref[] = [];
  /** The model being built (its lists are set at the end); the records of statements point at it. */
  readonly model: Built = { scopes: [], declarations: [], references: [], steps: 0 };
  // For each name, the stack of declarations currently visible, innermost last. Entries of an inner
  // function context always sit above those of outer contexts, so looking at the top is enough.
  private readonly visible = new Map<string, DeclImpl[]>();
  private readonly frames: Frame[] = [];
  private readonly functionBodies = new Map<CodeNode, DeclImpl | undefined>();
  readonly calls: CallRef[] = [];
  steps = 0;
  private readonly stack: Task[] = [];
  private readonly controls: Control[] = [];
  /** The record of the top-level statement being walked. */
  private rec = new StatementScopes(0, undefined, 0, 0, 0);
  /** Names the statement being walked looked up outside itself (emptied after each statement). */
  private deps: Map<string, DeclImpl | undefined> | undefined;

  /** Opens the script's scope, `start`..`end`. */
  begin(start: number, end: number): void {
    const rootScope = new RootScope(start, end, this.model);
    this.scopes.push(rootScope);
    this.frames.push({ scope: rootScope, pushed: [] });
  }

  /** Walks the next top-level statements (or takes their records back), in order. */
  add(statements: readonly Statement[]): void {
    for (const s of statements) {
      const r = recordOf(s);
      if (r && this.stillValid(r)) this.reuse(r, s.start);
      else this.walkStatement(s);
    }
  }

  /**
   * Lets go of what the walk keeps of the statements walked so far (DetachedScopeModel): the function
   * bodies it looked for (only the statement that declares one visits it) and the calls (not recorded).
   */
  forgetTrees(): void {
    this.functionBodies.clear();
    this.calls.length = 0;
  }

  /** The model of every statement added. */
  finish(): ScopeModel {
    resolveGlobalsElsewhere(this.declarations, this.references);
    recordCallSites(this.declarations, this.calls);
    const m = this.model;
    // Exact-size copies: lists grown by push keep up to half again of spare room.
    m.scopes = this.scopes.slice();
    m.declarations = this.declarations.slice();
    m.references = this.references.slice();
    m.steps = this.steps;
    return m;
  }

  /**
   * True when every name the statement looked up outside itself finds a declaration again that its walk
   * would treat the same: none where there was none, else one that is a `:global` exactly when the old
   * one was (all the walk asks of it; at the top level every visible declaration is in the script's
   * context). A statement declaring a name re-walked after an edit makes a new declaration object: the
   * statements using the name are then pointed at it instead of being walked again.
   */
  private stillValid(r: StatementScopes): boolean {
    const deps = r.deps;
    if (deps === undefined) return true;
    let moved: Map<DeclImpl, DeclImpl> | undefined;
    for (let i = 0; i < deps.length; i += 2) {
      const name = deps[i] as string;
      const d = deps[i + 1] as DeclImpl | undefined;
      const stack = this.visible.get(name);
      const top = stack && stack.length > 0 ? stack[stack.length - 1] : undefined;
      if (top === d) continue;
      if (!top || !d || (top.kind === 'global') !== (d.kind === 'global')) return false;
      (moved ??= new Map()).set(d, top);
    }
    if (moved) this.rebind(r, moved);
    return true;
  }

  /** Points a statement's references, params, scopes and `:set`s at the declarations that replaced theirs. */
  private rebind(r: StatementScopes, moved: Map<DeclImpl, DeclImpl>): void {
    const m = r.model as Built;
    for (let i = r.refBase, e = r.refBase + r.refCount; i < e; i++) {
      const ref = m.references[i];
      const d = ref._d;
      if (typeof d !== 'string') {
        const n = moved.get(d);
        if (n) ref._d = n;
      }
      if (ref instanceof RareRef && ref._outer) ref._outer = moved.get(ref._outer) ?? ref._outer;
    }
    // A scope's function is its references' inFunction.
    for (let i = r.scopeBase, e = r.scopeBase + r.scopeCount; i < e; i++) {
      const s = m.scopes[i];
      if (!(s instanceof FunctionScope) || !s._fnDecl) continue;
      const f = moved.get(s._fnDecl);
      if (f) s._fnDecl = f;
    }
    for (let i = r.declBase, e = r.declBase + r.declCount; i < e; i++) {
      const d = m.declarations[i];
      if ((d._ik & 7) !== PARAM_KIND || !d._src) continue;
      const p = moved.get(d._src as DeclImpl);
      if (p) d._src = p;
    }
    if (r.setFunctions) for (const f of r.setFunctions) f.decl = moved.get(f.decl) ?? f.decl;
    const deps = r.deps as (string | DeclImpl | undefined)[];
    for (let i = 1; i < deps.length; i += 2) {
      const d = deps[i] as DeclImpl | undefined;
      if (d && moved.has(d)) deps[i] = moved.get(d);
    }
  }

  private walkStatement(s: Statement): void {
    const r = new StatementScopes(
      s.start,
      this.model,
      this.scopes.length,
      this.declarations.length,
      this.references.length,
    );
    this.rec = r;
    const steps = this.steps;
    this.stack.push(s);
    this.drain();
    this.controls.length = 0;
    r.steps = this.steps - steps;
    r.scopeCount = this.scopes.length - r.scopeBase;
    r.declCount = this.declarations.length - r.declBase;
    r.refCount = this.references.length - r.refBase;
    if (r.scopeCount === 0 && r.declCount === 0 && r.refCount === 0) {
      // Nothing made, nothing looked up (a look-up makes a reference): nothing to keep but the steps.
      setRecord(s, emptyRecord(r.steps));
      return;
    }
    // Exact-size lists (grown by push, they keep up to half again of spare room).
    if (r.activated) r.activated = r.activated.slice();
    if (r.setFunctions) r.setFunctions = r.setFunctions.slice();
    const deps = this.deps;
    if (deps && deps.size > 0) {
      const flat: (string | DeclImpl | undefined)[] = new Array(deps.size * 2);
      let i = 0;
      for (const [name, d] of deps) {
        flat[i++] = name;
        flat[i++] = d;
      }
      r.deps = flat;
      deps.clear();
    }
    setRecord(s, r);
  }

  /**
   * Takes a statement's scopes, declarations and references back: renumbered after those before it, moved
   * with the statement, and with what later statements add to its declarations reset.
   */
  private reuse(r: StatementScopes, start: number): void {
    this.steps += r.steps;
    const m = r.model;
    if (!m) return;
    const scopeShift = this.scopes.length - r.scopeBase;
    const declShift = this.declarations.length - r.declBase;
    const refBase = this.references.length;
    const delta = start - r.start;
    const root = this.scopes[0] as RootScope;
    for (let i = r.scopeBase, e = r.scopeBase + r.scopeCount; i < e; i++) {
      const s = m.scopes[i];
      s._ik += scopeShift * 4;
      if (s.parent > 0) s.parent += scopeShift;
      if (s._ctx instanceof RootScope) s._ctx = root;
      if (s instanceof FunctionScope && s._up instanceof RootScope) s._up = root;
      s.start += delta;
      s.end += delta;
      this.scopes.push(s);
    }
    for (let i = 0; i < r.declCount; i++) {
      const d = m.declarations[r.declBase + i];
      d._ik += declShift * 8;
      d.nameStart += delta;
      // Its value before any `:set`: the statement's own `:set`s are done again below, later ones later.
      d._fn = d.initialValue();
      // The script scope of an older model: this one's (the way to the model).
      if (d._scope instanceof RootScope) d._scope = root;
      this.declarations.push(d);
    }
    if (r.setFunctions) for (const f of r.setFunctions) f.decl.markFunction(f.body);
    for (let i = r.refBase, e = r.refBase + r.refCount; i < e; i++) {
      const ref = m.references[i];
      ref.move(delta);
      if (ref._scope instanceof RootScope) ref._scope = root;
      if (ref instanceof CallRef) this.calls.push(ref);
      // Set only by resolveGlobalsElsewhere, which runs again on the whole file.
      if (ref.statusCode() === GLOBAL_ELSEWHERE) ref.resolve(UNDECLARED, undefined);
      this.references.push(ref);
    }
    if (r.activated) for (const d of r.activated) this.activate(d, true);
    r.start = start;
    r.model = this.model;
    r.scopeBase += scopeShift;
    r.declBase += declShift;
    r.refBase = refBase;
  }

  private drain(): void {
    while (this.stack.length > 0) {
      const task = this.stack.pop() as Task;
      this.steps++;
      if (typeof task !== 'number') {
        this.visitNode(task);
        continue;
      }
      if (task === EXIT) {
        const f = this.frames.pop() as Frame;
        for (const name of f.pushed) this.visible.get(name)?.pop();
        continue;
      }
      const c = this.controls[task];
      if (c.t === 'declare') this.activate(c.decl);
      else this.enterScope(c.node, c.kind, c.fn, c.predeclare);
    }
  }

  private control(c: Control): number {
    this.controls.push(c);
    return this.controls.length - 1;
  }

  private newScope(kind: ScopeKind, start: number, end: number, fn: DeclImpl | undefined): ScopeImpl {
    const parent = this.frames.length > 0 ? this.frames[this.frames.length - 1].scope : undefined;
    const id = this.scopes.length;
    const parentId = parent ? parent.id : -1;
    const ctx = (parent as ScopeImpl)._ctx;
    const s =
      kind === 'function'
        ? new FunctionScope(id, parentId, start, end, fn, ctx)
        : new ScopeImpl(id, kind === 'block' ? 1 : kind === 'code' ? 2 : 0, parentId, start, end, ctx);
    this.scopes.push(s);
    return s;
  }

  private newDecl(
    name: string,
    kind: DeclarationKind,
    nameStart: number,
    nameEnd: number,
    scope: ScopeImpl,
    src: CommandNode | DeclImpl | undefined,
  ): DeclImpl {
    const id = this.declarations.length;
    const k =
      kind === 'local' ? 0 : kind === 'global' ? 1 : kind === 'loop' ? 2 : kind === 'param' ? PARAM_KIND : 4;
    const d =
      nameEnd - nameStart === name.length
        ? new DeclImpl(id, name, k, nameStart, scope, src)
        : new OddDecl(id, name, k, nameStart, nameEnd, scope, src);
    this.declarations.push(d);
    return d;
  }

  private activate(d: DeclImpl, reused = false): void {
    const frame = this.frames[this.frames.length - 1];
    let stack = this.visible.get(d.name);
    if (!stack) {
      stack = [];
      this.visible.set(d.name, stack);
    }
    stack.push(d);
    frame.pushed.push(d.name);
    if (this.frames.length === 1 && !reused) (this.rec.activated ??= []).push(d);
  }

  private addRef(name: string, start: number, end: number, kind: number, command?: CommandNode): Ref {
    this.steps++;
    const frame = this.frames[this.frames.length - 1];
    const scope = frame.scope;
    const stack = this.visible.get(name);
    const top = stack && stack.length > 0 ? stack[stack.length - 1] : undefined;
    // Found outside the statement being walked (or not at all): the walk depends on it.
    if (!top || top.id < this.rec.declBase) (this.deps ??= new Map()).set(name, top);
    let status = UNDECLARED;
    let decl: DeclImpl | undefined;
    let outer: DeclImpl | undefined;
    if (top && top._scope.context === scope.context) {
      status = DECLARED;
      decl = top;
    } else if (scope.context !== 0) {
      // Inside a function body: an undeclared name is a parameter. One `param` declaration per name and
      // body, so navigation and rename can join its uses (and the named arguments of its calls).
      status = PARAM;
      if (top && top.kind !== 'global') outer = top;
      const ff = frame.fnFrame;
      if (ff) {
        if (!ff.params) ff.params = new Map();
        let p = ff.params.get(name);
        if (!p) {
          p = this.newDecl(name, 'param', start, end, ff.scope, ff.fn);
          ff.params.set(name, p);
        }
        decl = p;
      }
    } else if (POSITIONAL.test(name)) {
      status = POSITIONAL_ARG;
    }
    const code = status * 3 + kind;
    const ref = command
      ? new CallRef(decl ?? name, start, code, scope, outer, end - start, command)
      : outer === undefined && end - start === name.length
        ? new Ref(decl ?? name, start, code, scope)
        : new RareRef(decl ?? name, start, code, scope, outer, end - start);
    this.references.push(ref);
    return ref;
  }

  /** References inside a string literal's interpolations. */
  private stringRefs(lit: LiteralNode): void {
    const s = lit.string;
    if (!s || !s.hasInterpolation) return;
    const rawStart = lit.start + 1;
    for (const part of s.parts) {
      this.steps++;
      if (part.kind !== 'interp') continue;
      if ((part.form === 'var' || part.form === 'quotedVar') && part.name !== undefined) {
        this.addRef(part.name, part.innerStart, part.innerEnd, READ);
      } else {
        this.scanInterpolation(s.raw, rawStart, part);
      }
    }
  }

  /** Finds `$name` and `$"name"` in the text of a `$(...)` or `$[...]` interpolation. */
  private scanInterpolation(
    raw: string,
    rawStart: number,
    part: Extract<StringPart, { kind: 'interp' }>,
  ): void {
    const from = part.innerStart - rawStart;
    const to = Math.min(raw.length, part.innerEnd - rawStart);
    let i = from;
    while (i < to) {
      this.steps++;
      const c = raw[i];
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (c !== '$') {
        i++;
        continue;
      }
      if (raw[i + 1] === '"') {
        let j = i + 2;
        while (j < to && raw[j] !== '"') {
          if (raw[j] === '\\') j++;
          j++;
          this.steps++;
        }
        if (j < to) this.addRef(raw.slice(i + 2, j), rawStart + i + 2, rawStart + j, READ);
        i = j + 1;
        continue;
      }
      let j = i + 1;
      while (j < to && isVarNameChar(raw[j])) {
        j++;
        this.steps++;
      }
      if (j > i + 1) this.addRef(raw.slice(i + 1, j), rawStart + i + 1, rawStart + j, READ);
      i = Math.max(j, i + 1);
    }
  }

  private pushChildren(nodes: readonly Node[]): void {
    for (let i = nodes.length - 1; i >= 0; i--) this.stack.push(nodes[i]);
  }

  /**
   * Pushes the values of a command's arguments (all but `skip`) in reverse, leaving out those that cannot
   * hold a name: literals other than strings with `$` (the bulk of an export), and empty values.
   */
  private pushArgs(args: readonly ArgNode[], skip?: ArgNode): void {
    for (let i = args.length - 1; i >= 0; i--) {
      const a = args[i];
      if (a === skip) continue;
      // One bare word or one plain string (no `$`), made anew on each read: it names nothing.
      if (isAtomArg(a)) continue;
      if (a.kind === 'namedArg' || a.kind === 'positionalArg') {
        const v = a.value;
        if (!v || (v.kind === 'literal' && (v.type !== 'string' || !v.string?.hasInterpolation))) continue;
        this.stack.push(v);
      } else this.stack.push(a);
    }
  }

  private visitCommand(cmd: CommandNode): void {
    const callee = cmd.callee;
    if (callee) {
      this.pushArgs(cmd.args);
      if (callee.kind === 'variable') {
        this.calls.push(
          this.addRef(callee.name, varNameStart(callee), varNameEnd(callee), CALL, cmd) as CallRef,
        );
      } else this.stack.push(callee); // `($f->"x") 1`: the called value reads names too
      return;
    }
    if (cmd.isGlobal && (cmd.name === 'local' || cmd.name === 'global' || cmd.name === 'set')) {
      this.visitVariableCommand(cmd, cmd.name);
      return;
    }
    const vars = cmd.isGlobal && cmd.control?.variables;
    if (vars && vars.length > 0 && (cmd.name === 'for' || cmd.name === 'foreach' || cmd.name === 'onerror')) {
      this.visitLoop(cmd, vars);
      return;
    }
    // The command's path (and callee, handled above) hold no names; nor do arguments kept as numbers
    // (an export line: every argument is such an atom), which are not even made.
    if (storedArgs(cmd)) return;
    this.pushArgs(cmd.args);
  }

  /** `:local x`, `:global x` (a declaration) or `:set x` (a write), each perhaps with a function value. */
  private visitVariableCommand(cmd: CommandNode, verb: 'local' | 'global' | 'set'): void {
    const scope = this.frames[this.frames.length - 1].scope;
    const n = nameArg(cmd);
    if (!n) {
      pushChildrenReversed(cmd, this.stack);
      return;
    }
    const fv = functionValue(cmd, n.arg);
    let decl: DeclImpl | undefined;
    if (verb === 'set') {
      const ref = this.addRef(n.name, n.start, n.end, WRITE);
      decl = ref.declaration;
      if (decl && fv.isFunction && decl.kind !== 'param') {
        decl.markFunction(fv.body);
        (this.rec.setFunctions ??= []).push({ decl, body: fv.body });
      }
    } else {
      decl = this.newDecl(n.name, verb, n.start, n.end, scope, cmd);
      decl._fn = fv.body ?? fv.isFunction;
      // The declaration becomes visible after its own value has been evaluated.
      this.stack.push(this.control({ t: 'declare', decl }));
    }
    if (fv.body) this.functionBodies.set(fv.body, decl);
    this.pushArgs(cmd.args, n.arg);
  }

  /** `:for`, `:foreach`, `:onerror`: their variables are declared in the body (or after the command). */
  private visitLoop(cmd: CommandNode, vars: readonly PathSegment[]): void {
    const scope = this.frames[this.frames.length - 1].scope;
    const kind: DeclarationKind = cmd.name === 'onerror' ? 'error-var' : 'loop';
    const body = cmd.control?.do;
    const decls = vars.map((v) => this.newDecl(v.text, kind, v.start, v.end, scope, cmd));
    const nameArgNode = cmd.args.find((a) => a.kind === 'positionalArg');
    const tasks: Task[] = [];
    for (const a of cmd.args) {
      if (a === nameArgNode) continue;
      if (body && body.kind === 'code' && a.kind === 'namedArg' && a.value === body) {
        tasks.push(this.control({ t: 'enter', node: body, kind: 'code', predeclare: decls }));
      } else tasks.push(a);
    }
    // No body to scope them to: keep them visible after the command so uses still resolve.
    if (!body || body.kind !== 'code')
      for (const d of decls) tasks.push(this.control({ t: 'declare', decl: d }));
    for (let i = tasks.length - 1; i >= 0; i--) this.stack.push(tasks[i]);
  }

  private enterScope(node: Node, kind: ScopeKind, fn: DeclImpl | undefined, predeclare: DeclImpl[]): void {
    const parent = this.frames[this.frames.length - 1];
    const s = this.newScope(kind, node.start, node.end, kind === 'function' ? fn : parent.fnFrame?.fn);
    const frame: Frame = { scope: s, pushed: [], fnFrame: parent.fnFrame };
    if (kind === 'function') {
      frame.fn = fn;
      frame.fnFrame = frame;
    }
    this.frames.push(frame);
    for (const d of predeclare) {
      d._scope = s;
      this.activate(d);
    }
    this.stack.push(EXIT);
    this.pushChildren(statementsOf(node));
  }

  private visitNode(node: Node): void {
    switch (node.kind) {
      case 'block':
        // The menu path before a block is not inside it; it holds no variables anyway.
        this.enterScope(node, 'block', undefined, []);
        break;
      case 'code': {
        const isFn = this.functionBodies.has(node);
        this.enterScope(node, isFn ? 'function' : 'code', this.functionBodies.get(node), []);
        break;
      }
      case 'command':
        this.visitCommand(node);
        break;
      case 'variable':
        this.addRef(node.name, varNameStart(node), varNameEnd(node), READ);
        break;
      case 'literal':
        if (node.type === 'string') this.stringRefs(node);
        break;
      default:
        pushChildrenReversed(node, this.stack);
    }
  }
}

/** Resolves leftovers against globals declared anywhere in the file. */
function resolveGlobalsElsewhere(declarations: readonly DeclImpl[], references: readonly Ref[]): void {
  const firstGlobal = new Map<string, DeclImpl>();
  for (const d of declarations)
    if (d.kind === 'global' && !firstGlobal.has(d.name)) firstGlobal.set(d.name, d);
  for (const r of references) {
    if (r.statusCode() !== UNDECLARED) continue;
    const g = firstGlobal.get(r.name);
    if (g) r.resolve(GLOBAL_ELSEWHERE, g);
  }
}

/** Records each call site on the function it calls. */
function recordCallSites(declarations: readonly DeclImpl[], calls: readonly CallRef[]): void {
  // The first `:global name do={...}` per name, found once: a search of every declaration per call was
  // quadratic (a 4 MB script spent half of its lint there).
  let globalFunctions: Map<string, DeclImpl> | undefined;
  const functionOfGlobal = (d: DeclImpl): DeclImpl | undefined => {
    if (d.isFunction) return d;
    if (!globalFunctions) {
      globalFunctions = new Map();
      for (const x of declarations)
        if (x.kind === 'global' && x.isFunction && !globalFunctions.has(x.name))
          globalFunctions.set(x.name, x);
    }
    return globalFunctions.get(d.name);
  };
  for (const c of calls) {
    const d = c.declaration;
    if (!d) continue;
    const target = d.kind === 'global' ? functionOfGlobal(d) : d;
    if (!target) continue;
    const args = c.command.args;
    let named = 0;
    let positionalCount = 0;
    for (const a of args) {
      if (a.kind === 'namedArg') named++;
      else if (a.kind === 'positionalArg') positionalCount++;
    }
    // Exact size (most calls name no argument): a list grown by push keeps spare room.
    let namedArgs = NO_NAMED_ARGS;
    if (named > 0) {
      namedArgs = new Array<CallSite['namedArgs'][number]>(named);
      let i = 0;
      for (const a of args)
        if (a.kind === 'namedArg')
          namedArgs[i++] = { name: a.name, nameStart: a.nameStart, nameEnd: a.nameEnd };
    }
    const site: CallSite = { command: c.command, namedArgs, positionalCount };
    target.addCall(site);
  }
}

function statementsOf(node: Node): Statement[] {
  if (
    node.kind === 'block' ||
    node.kind === 'code' ||
    node.kind === 'script' ||
    node.kind === 'substitution'
  ) {
    return node.statements;
  }
  return [];
}

/** Start of a variable's name: without `$`, and without the opening quote of `$"name"`. */
function varNameStart(v: Expression & { kind: 'variable' }): number {
  return Math.min(v.end, v.start + (v.quoted ? 2 : 1));
}

/** End of a variable's name: without the closing quote of `$"name"`. */
function varNameEnd(v: Expression & { kind: 'variable' }): number {
  return v.quoted ? Math.max(v.start + 2, v.end - 1) : v.end;
}
