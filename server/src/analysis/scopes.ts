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
  | { t: 'enter'; node: Node; kind: ScopeKind; fn?: Declaration; predeclare: Declaration[] }
  | { t: 'declare'; decl: Declaration };

const EXIT = -1;

interface Frame {
  scope: Scope;
  /** The frame of the innermost enclosing function body (itself for a body); undefined outside. */
  fnFrame?: Frame;
  /** The function whose body this frame is (only on function frames). */
  fn?: Declaration;
  /** Names pushed onto `visible` by this scope, popped on exit. */
  pushed: string[];
  /** Params created for this function body, by name. */
  params?: Map<string, Declaration>;
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
 */
class StatementScopes {
  /** The statement's start, its first scope id and its first declaration id when last placed. */
  start: number;
  scopeBase: number;
  declBase: number;
  // Each list is made when the statement first has something for it: most statements of an export have
  // nothing, and every statement of a file gets a record.
  scopes?: Scope[];
  declarations?: Declaration[];
  references?: Reference[];
  calls?: { callee: Reference; command: CommandNode }[];
  /** Declarations made visible at the top level (after the statement), in order. */
  activated?: Declaration[];
  /** `:set name do={...}`: the declaration it made a function, and the body. */
  setFunctions?: { decl: Declaration; body: CodeNode | undefined }[];
  /** Each declaration's own function value before any `:set` (its body, else isFunction), by index. */
  own?: (CodeNode | boolean)[];
  /** Names looked up outside the statement, and the declaration visible then (undefined: none). */
  deps?: Map<string, Declaration | undefined>;
  steps = 0;

  constructor(start: number, scopeBase: number, declBase: number) {
    this.start = start;
    this.scopeBase = scopeBase;
    this.declBase = declBase;
  }
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

/** Builds the scope model of a parsed script. Linear in the size of the tree. */
export function analyzeScopes(root: ScriptNode): ScopeModel {
  const walk = new ScopeWalk();
  walk.run(root);
  resolveGlobalsElsewhere(walk.declarations, walk.references);
  recordCallSites(walk.declarations, walk.calls);
  const { scopes, declarations, references, steps } = walk;
  return { scopes, declarations, references, steps };
}

/**
 * One walk of a tree in source order with an explicit stack (no recursion: deep nesting cannot overflow),
 * opening a scope per block and code value and resolving each name against the declarations visible there.
 */
class ScopeWalk {
  readonly scopes: Scope[] = [];
  readonly declarations: Declaration[] = [];
  readonly references: Reference[] = [];
  // For each name, the stack of declarations currently visible, innermost last. Entries of an inner
  // function context always sit above those of outer contexts, so looking at the top is enough.
  private readonly visible = new Map<string, Declaration[]>();
  private readonly frames: Frame[] = [];
  private readonly functionBodies = new Map<CodeNode, Declaration | undefined>();
  readonly calls: { callee: Reference; command: CommandNode }[] = [];
  steps = 0;
  private readonly stack: Task[] = [];
  private readonly controls: Control[] = [];
  /** The record of the top-level statement being walked. */
  private rec = new StatementScopes(0, 0, 0);

  run(root: ScriptNode): void {
    const rootScope = this.newScope('script', root.start, root.end);
    this.frames.push({ scope: rootScope, pushed: [] });
    for (const s of root.statements) {
      const r = recordOf(s);
      if (r && this.stillValid(r)) this.reuse(r, s.start);
      else this.walkStatement(s);
    }
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
    let moved: Map<Declaration, Declaration> | undefined;
    for (const [name, d] of deps) {
      const stack = this.visible.get(name);
      const top = stack && stack.length > 0 ? stack[stack.length - 1] : undefined;
      if (top === d) continue;
      if (!top || !d || (top.kind === 'global') !== (d.kind === 'global')) return false;
      (moved ??= new Map()).set(d, top);
    }
    if (moved) this.rebind(r, moved);
    return true;
  }

  /** Points a statement's references, params and `:set`s at the declarations that replaced theirs. */
  private rebind(r: StatementScopes, moved: Map<Declaration, Declaration>): void {
    // Fields are written only where they change: an absent optional field stays absent.
    if (r.references)
      for (const ref of r.references) {
        const d = ref.declaration && moved.get(ref.declaration);
        if (d) ref.declaration = d;
        const o = ref.outer && moved.get(ref.outer);
        if (o) ref.outer = o;
        const f = ref.inFunction && moved.get(ref.inFunction);
        if (f) ref.inFunction = f;
      }
    if (r.declarations)
      for (const d of r.declarations) {
        const p = d.paramOf && moved.get(d.paramOf);
        if (p) d.paramOf = p;
      }
    if (r.setFunctions) for (const f of r.setFunctions) f.decl = moved.get(f.decl) ?? f.decl;
    const deps = r.deps as Map<string, Declaration | undefined>;
    for (const [name, d] of deps) if (d && moved.has(d)) deps.set(name, moved.get(d));
  }

  private walkStatement(s: Statement): void {
    const r = new StatementScopes(s.start, this.scopes.length, this.declarations.length);
    this.rec = r;
    const steps = this.steps;
    this.stack.push(s);
    this.drain();
    this.controls.length = 0;
    if (this.scopes.length > r.scopeBase) r.scopes = this.scopes.slice(r.scopeBase);
    if (this.declarations.length > r.declBase) {
      const ds = this.declarations.slice(r.declBase);
      r.declarations = ds;
      // Their values at the end of the statement's walk, its own `:set f do={...}` included: no later
      // statement has run yet, and doing the statement's `:set`s again on these changes nothing.
      r.own = ds.map((d) => d.functionBody ?? d.isFunction);
    }
    r.steps = this.steps - steps;
    setRecord(s, r);
  }

  /**
   * Takes a statement's scopes, declarations and references back: renumbered after those before it, moved
   * with the statement, and with what later statements add to its declarations reset.
   */
  private reuse(r: StatementScopes, start: number): void {
    const scopeShift = this.scopes.length - r.scopeBase;
    const declShift = this.declarations.length - r.declBase;
    const delta = start - r.start;
    if (r.scopes)
      for (const s of r.scopes) {
        s.id += scopeShift;
        if (s.parent > 0) s.parent += scopeShift;
        if (s.context > 0) s.context += scopeShift;
        s.start += delta;
        s.end += delta;
        this.scopes.push(s);
      }
    const ds = r.declarations ?? [];
    const own = r.own ?? [];
    for (let i = 0; i < ds.length; i++) {
      const d = ds[i];
      d.id += declShift;
      if (d.scope > 0) d.scope += scopeShift;
      d.nameStart += delta;
      d.nameEnd += delta;
      d.visibleFrom += delta;
      const o = own[i];
      d.isFunction = o !== false;
      d.functionBody = typeof o === 'boolean' ? undefined : o;
      d.references.length = 0;
      d.calls.length = 0;
      this.declarations.push(d);
    }
    if (r.setFunctions)
      for (const f of r.setFunctions) {
        f.decl.isFunction = true;
        f.decl.functionBody ??= f.body;
      }
    if (r.references)
      for (const ref of r.references) {
        ref.start += delta;
        ref.end += delta;
        if (ref.scope > 0) ref.scope += scopeShift;
        if (ref.status === 'declared' || ref.status === 'param') ref.declaration?.references.push(ref);
        else if (ref.status === 'global-elsewhere') {
          // Set only by resolveGlobalsElsewhere, which runs again on the whole file.
          ref.status = 'undeclared';
          ref.declaration = undefined;
        }
        this.references.push(ref);
      }
    if (r.calls) for (const c of r.calls) this.calls.push(c);
    if (r.activated) for (const d of r.activated) this.activate(d, true);
    r.start = start;
    r.scopeBase += scopeShift;
    r.declBase += declShift;
    this.steps += r.steps;
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

  private newScope(kind: ScopeKind, start: number, end: number): Scope {
    const parent = this.frames.length > 0 ? this.frames[this.frames.length - 1].scope : undefined;
    const id = this.scopes.length;
    const s: Scope = {
      id,
      kind,
      parent: parent ? parent.id : -1,
      start,
      end,
      context: kind === 'function' ? id : parent ? parent.context : 0,
    };
    this.scopes.push(s);
    return s;
  }

  private newDecl(
    name: string,
    kind: DeclarationKind,
    nameStart: number,
    nameEnd: number,
    scope: number,
    visibleFrom: number,
    command?: CommandNode,
  ): Declaration {
    const d: Declaration = {
      id: this.declarations.length,
      name,
      kind,
      nameStart,
      nameEnd,
      scope,
      visibleFrom,
      command,
      isFunction: false,
      calls: [],
      references: [],
    };
    this.declarations.push(d);
    return d;
  }

  private activate(d: Declaration, reused = false): void {
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

  private addRef(name: string, start: number, end: number, kind: ReferenceKind): Reference {
    this.steps++;
    const frame = this.frames[this.frames.length - 1];
    const scope = frame.scope;
    const ref: Reference = { name, start, end, kind, status: 'undeclared', scope: scope.id };
    const stack = this.visible.get(name);
    const top = stack && stack.length > 0 ? stack[stack.length - 1] : undefined;
    // Found outside the statement being walked (or not at all): the walk depends on it.
    if (!top || top.id < this.rec.declBase) (this.rec.deps ??= new Map()).set(name, top);
    const ff = frame.fnFrame;
    if (ff?.fn) ref.inFunction = ff.fn;
    if (top && this.scopes[top.scope].context === scope.context) {
      ref.status = 'declared';
      ref.declaration = top;
      top.references.push(ref);
    } else if (scope.context !== 0) {
      // Inside a function body: an undeclared name is a parameter. One `param` declaration per name and
      // body, so navigation and rename can join its uses (and the named arguments of its calls).
      ref.status = 'param';
      if (top && top.kind !== 'global') ref.outer = top;
      if (ff) {
        if (!ff.params) ff.params = new Map();
        let p = ff.params.get(name);
        if (!p) {
          p = this.newDecl(name, 'param', start, end, ff.scope.id, ff.scope.start);
          p.paramOf = ff.fn;
          ff.params.set(name, p);
        }
        ref.declaration = p;
        p.references.push(ref);
      }
    } else if (POSITIONAL.test(name)) {
      ref.status = 'positional';
    }
    this.references.push(ref);
    (this.rec.references ??= []).push(ref);
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
        this.addRef(part.name, part.innerStart, part.innerEnd, 'read');
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
        if (j < to) this.addRef(raw.slice(i + 2, j), rawStart + i + 2, rawStart + j, 'read');
        i = j + 1;
        continue;
      }
      let j = i + 1;
      while (j < to && isVarNameChar(raw[j])) {
        j++;
        this.steps++;
      }
      if (j > i + 1) this.addRef(raw.slice(i + 1, j), rawStart + i + 1, rawStart + j, 'read');
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
        const ref = this.addRef(callee.name, varNameStart(callee), varNameEnd(callee), 'call');
        const call = { callee: ref, command: cmd };
        this.calls.push(call);
        (this.rec.calls ??= []).push(call);
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
    let decl: Declaration | undefined;
    if (verb === 'set') {
      const ref = this.addRef(n.name, n.start, n.end, 'write');
      decl = ref.declaration;
      if (decl && fv.isFunction && decl.kind !== 'param') {
        decl.isFunction = true;
        decl.functionBody ??= fv.body;
        (this.rec.setFunctions ??= []).push({ decl, body: fv.body });
      }
    } else {
      decl = this.newDecl(n.name, verb, n.start, n.end, scope.id, cmd.end, cmd);
      decl.isFunction = fv.isFunction;
      decl.functionBody = fv.body;
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
    const decls = vars.map((v) =>
      this.newDecl(v.text, kind, v.start, v.end, scope.id, body ? body.start : cmd.end, cmd),
    );
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

  private enterScope(
    node: Node,
    kind: ScopeKind,
    fn: Declaration | undefined,
    predeclare: Declaration[],
  ): void {
    const parent = this.frames[this.frames.length - 1];
    const s = this.newScope(kind, node.start, node.end);
    const frame: Frame = { scope: s, pushed: [], fnFrame: parent.fnFrame };
    if (kind === 'function') {
      frame.fn = fn;
      frame.fnFrame = frame;
    }
    this.frames.push(frame);
    for (const d of predeclare) {
      d.scope = s.id;
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
        this.addRef(node.name, varNameStart(node), varNameEnd(node), 'read');
        break;
      case 'literal':
        if (node.type === 'string') this.stringRefs(node);
        break;
      default:
        pushChildrenReversed(node, this.stack);
    }
  }
}

/** The literal name written as a command's first positional argument (`:local x`, `:set "x"`). */
function nameArg(cmd: CommandNode): { arg: ArgNode; name: string; start: number; end: number } | undefined {
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
function functionValue(cmd: CommandNode, nameArgNode: ArgNode): { body?: CodeNode; isFunction: boolean } {
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

/** Resolves leftovers against globals declared anywhere in the file. */
function resolveGlobalsElsewhere(
  declarations: readonly Declaration[],
  references: readonly Reference[],
): void {
  const firstGlobal = new Map<string, Declaration>();
  for (const d of declarations)
    if (d.kind === 'global' && !firstGlobal.has(d.name)) firstGlobal.set(d.name, d);
  for (const r of references) {
    if (r.status !== 'undeclared') continue;
    const g = firstGlobal.get(r.name);
    if (g) {
      r.status = 'global-elsewhere';
      r.declaration = g;
    }
  }
}

/** Records each call site on the function it calls. */
function recordCallSites(
  declarations: readonly Declaration[],
  calls: readonly { callee: Reference; command: CommandNode }[],
): void {
  // The first `:global name do={...}` per name, found once: a search of every declaration per call was
  // quadratic (a 4 MB script spent half of its lint there).
  let globalFunctions: Map<string, Declaration> | undefined;
  const functionOfGlobal = (d: Declaration): Declaration | undefined => {
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
    const d = c.callee.declaration;
    if (!d) continue;
    const target = d.kind === 'global' ? functionOfGlobal(d) : d;
    if (!target) continue;
    const site: CallSite = { command: c.command, namedArgs: [], positionalCount: 0 };
    for (const a of c.command.args) {
      if (a.kind === 'namedArg')
        site.namedArgs.push({ name: a.name, nameStart: a.nameStart, nameEnd: a.nameEnd });
      else if (a.kind === 'positionalArg') site.positionalCount++;
    }
    target.calls.push(site);
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
