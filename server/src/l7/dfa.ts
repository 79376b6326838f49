// A lazily built DFA over the layer-7 NFA program (engine.ts): it answers "does the pattern match anywhere
// in this buffer?" in one pass over the bytes, one table lookup per byte once the states it meets exist.
// Only a buffer that matches goes on to the Pike VM, which finds where (leftmost match, greedy, first
// alternative first, as the reference reports it). DFAs are cached by engine text, so every evaluation of
// one pattern shares the states already built.
import { searchProgram, type Program, type SearchResult } from './engine';

/*
 * States are sets of NFA instructions, after following jumps and splits: the byte-consuming ones (`byte`,
 * `set`, `any`), plus `match` and `eol` (the end anchor, which can only hold at the end of the buffer, so it
 * waits there). `bol` holds only at offset 0: the start state follows it, every later state does not. The
 * search is unanchored, so every state also holds the program's start (a new attempt at each offset). A state
 * holding `match` means a match ends here: the buffer matches. At the end of the buffer a state matches when
 * one of its waiting `eol` instructions leads to `match`.
 */

/** States kept per pattern before the cache is dropped and rebuilt (bounds memory on hostile patterns). */
const MAX_STATES = 4096;
/** Patterns whose DFA is kept; the cache is cleared when it holds more. */
const MAX_PATTERNS = 256;

/** Where a scan stopped: the state after `pos` bytes, and its verdict at that point. */
export interface DfaScan {
  verdict: boolean | undefined;
  state: number;
  pos: number;
  epoch: number;
  /** Bytes read by this scan. */
  read: number;
}

interface State {
  /** Sorted NFA instruction indices. */
  insts: Int32Array;
  /** A match ends at this position. */
  accepting: boolean;
  /** At the end of the buffer this state matches (through `$`); -1 not computed yet. */
  eolAccepting: number;
}

export class LazyDfa {
  private states: State[] = [];
  private ids = new Map<string, number>();
  /** next[state * classCount + classOf[byte]]: the next state, or -1 when not built yet. */
  private next = new Int32Array(0);
  /**
   * Bytes no instruction tells apart share a class (`abc` has four: a, b, c, the rest), so a state needs one
   * transition per class, not per byte.
   */
  private readonly classOf = new Uint8Array(256);
  private readonly classCount: number;
  /** A byte of each class, to compute its transition. */
  private readonly representative: number[] = [];
  private startAtZero = -1;
  private startLater: Int32Array;
  private readonly mark: Int32Array;
  private generation = 0;
  /** Counts cache resets: a saved scan of an older epoch names states that no longer exist. */
  private epoch = 0;
  private readonly stack: Int32Array;

  constructor(private readonly prog: Program) {
    const size = prog.insts.length;
    this.mark = new Int32Array(size).fill(-1);
    this.stack = new Int32Array(size * 2 + 2);
    this.classCount = this.byteClasses();
    this.startLater = this.closure([0], false, false);
  }

  /** Refines one class of all bytes by each instruction's membership test; returns the class count. */
  private byteClasses(): number {
    const cls = new Int32Array(256);
    let count = 1;
    for (const inst of this.prog.insts) {
      if (inst.op !== 'byte' && inst.op !== 'set') continue;
      const split = new Map<number, number>();
      let next = 0;
      const fresh = new Int32Array(256);
      for (let b = 0; b < 256; b++) {
        const member = inst.op === 'byte' ? inst.byte === b : inst.members[b] === true;
        const key = cls[b] * 2 + (member ? 1 : 0);
        let c = split.get(key);
        if (c === undefined) {
          c = next++;
          split.set(key, c);
        }
        fresh[b] = c;
      }
      cls.set(fresh);
      count = next;
    }
    for (let b = 0; b < 256; b++) {
      this.classOf[b] = cls[b];
      if (this.representative[cls[b]] === undefined) this.representative[cls[b]] = b;
    }
    return count;
  }

  /** Instructions reachable from `from` without consuming a byte, under the anchors that hold here. */
  private closure(from: readonly number[] | Int32Array, bol: boolean, eol: boolean): Int32Array {
    const insts = this.prog.insts;
    const gen = ++this.generation;
    const out: number[] = [];
    let sp = 0;
    for (const pc of from) this.stack[sp++] = pc;
    while (sp > 0) {
      const pc = this.stack[--sp];
      if (this.mark[pc] === gen) continue;
      this.mark[pc] = gen;
      const inst = insts[pc];
      switch (inst.op) {
        case 'jmp':
          this.stack[sp++] = inst.x;
          break;
        case 'split':
          this.stack[sp++] = inst.y;
          this.stack[sp++] = inst.x;
          break;
        case 'bol':
          if (bol) this.stack[sp++] = pc + 1;
          break;
        case 'eol':
          if (eol) this.stack[sp++] = pc + 1;
          else out.push(pc); // waits for the end of the buffer
          break;
        default:
          out.push(pc);
      }
    }
    return Int32Array.from(out.sort((a, b) => a - b));
  }

  private stateOf(insts: Int32Array): number {
    const key = insts.join(',');
    const hit = this.ids.get(key);
    if (hit !== undefined) return hit;
    const id = this.states.length;
    let accepting = false;
    for (const pc of insts) if (this.prog.insts[pc].op === 'match') accepting = true;
    this.states.push({ insts, accepting, eolAccepting: -1 });
    this.ids.set(key, id);
    if (this.next.length < (id + 1) * this.classCount) {
      const grown = new Int32Array(Math.max(this.classCount * 16, this.next.length * 2)).fill(-1);
      grown.set(this.next);
      this.next = grown;
    }
    return id;
  }

  private step(state: number, cls: number): number {
    const byte = this.representative[cls];
    const insts = this.prog.insts;
    const targets: number[] = [];
    for (const pc of this.states[state].insts) {
      const inst = insts[pc];
      const ok =
        inst.op === 'byte'
          ? inst.byte === byte
          : inst.op === 'any'
            ? true
            : inst.op === 'set'
              ? inst.members[byte] !== inst.negated
              : false;
      if (ok) targets.push(pc + 1);
    }
    const moved = this.closure(targets, false, false);
    // A new attempt starts at every offset (unanchored search).
    const merged = Int32Array.from(new Set([...moved, ...this.startLater]).values()).sort();
    const to = this.stateOf(merged);
    this.next[state * this.classCount + cls] = to;
    return to;
  }

  private eolAccepts(state: number): boolean {
    const s = this.states[state];
    if (s.eolAccepting < 0) {
      const waiting: number[] = [];
      for (const pc of s.insts) if (this.prog.insts[pc].op === 'eol') waiting.push(pc + 1);
      const end = this.closure(waiting, false, true);
      s.eolAccepting = end.some((pc) => this.prog.insts[pc].op === 'match') ? 1 : 0;
    }
    return s.eolAccepting === 1;
  }

  /**
   * Whether the program matches somewhere in `data[0..length)`, or undefined when this buffer would need
   * more states than the cache allows (the caller then uses the Pike VM). `length` must be at least 1.
   */
  matches(data: Uint8Array, length: number): boolean | undefined {
    return this.scan(data, length).verdict;
  }

  /**
   * The same, resuming where an earlier scan of the same buffer stopped (`from`: its result): the layer-7
   * buffer only grows, and the DFA's state after a prefix does not depend on what follows, so each byte of a
   * connection is read once however many packets are evaluated. A scan after a cache reset starts over.
   */
  scan(data: Uint8Array, length: number, from?: DfaScan): DfaScan {
    if (from === undefined || from.epoch !== this.epoch) {
      if (this.states.length > MAX_STATES) this.reset();
    }
    if (this.startAtZero < 0) this.startAtZero = this.stateOf(this.closure([0], true, false));
    const resume = from !== undefined && from.epoch === this.epoch && from.pos <= length;
    let s = resume ? from.state : this.startAtZero;
    const start = resume ? from.pos : 0;
    const result = (verdict: boolean | undefined, state: number, pos: number): DfaScan => ({
      verdict,
      state,
      pos,
      epoch: this.epoch,
      read: pos - start,
    });
    if (this.states[s].accepting) return result(true, s, start);
    // A state with no instruction left can never match again (e.g. after "^" failed at offset 0).
    if (this.states[s].insts.length === 0) return result(false, s, length);
    const next = (): Int32Array => this.next;
    let table = next();
    const classOf = this.classOf;
    const k = this.classCount;
    for (let i = start; i < length; i++) {
      const c = classOf[data[i]];
      let t = table[s * k + c];
      if (t < 0) {
        if (this.states.length > MAX_STATES) return result(undefined, s, i);
        t = this.step(s, c);
        table = next();
      }
      s = t;
      const st = this.states[s];
      if (st.accepting) return result(true, s, i + 1);
      if (st.insts.length === 0) return result(false, s, length);
    }
    return result(this.eolAccepts(s), s, length);
  }

  private reset(): void {
    this.epoch++;
    this.states = [];
    this.ids.clear();
    this.next = new Int32Array(0);
    this.startAtZero = -1;
    this.startLater = this.closure([0], false, false);
  }
}

const cache = new Map<string, { prog: Program; dfa: LazyDfa }>();

/** The DFA of a pattern's program, shared by every evaluation of the same engine text. */
export function dfaFor(engine: string, prog: Program): LazyDfa {
  const hit = cache.get(engine);
  if (hit !== undefined && hit.prog.insts.length === prog.insts.length) return hit.dfa;
  if (cache.size >= MAX_PATTERNS) cache.clear();
  const dfa = new LazyDfa(prog);
  cache.set(engine, { prog, dfa });
  return dfa;
}

/**
 * The search the connection model runs after each packet: the DFA decides in one pass; only a buffer that
 * matches (at most once per connection, since a match sticks) runs the Pike VM for the location. `steps`
 * counts the bytes the DFA read plus the Pike VM's instructions.
 */
export function searchFast(engine: string, prog: Program, data: Uint8Array, length: number): SearchResult {
  if (length === 0) return searchProgram(prog, data, length);
  const verdict = dfaFor(engine, prog).matches(data, length);
  if (verdict === false) return { match: null, steps: length };
  const found = searchProgram(prog, data, length);
  return { match: found.match, steps: length + found.steps };
}
