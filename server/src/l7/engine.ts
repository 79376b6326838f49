// Compiles a layer-7 regex AST to a Thompson NFA and searches byte buffers with a Pike VM, so a search is
// linear in the buffer length times the pattern size and can never hang (unlike the kernel's backtracking
// library, whose *results* it reproduces: leftmost match, greedy repetition, first alternative first).
import type { RegexNode } from './regex';

export type Inst =
  | { op: 'byte'; byte: number }
  | { op: 'set'; members: readonly boolean[]; negated: boolean }
  | { op: 'any' }
  | { op: 'split'; x: number; y: number }
  | { op: 'jmp'; x: number }
  | { op: 'bol' }
  | { op: 'eol' }
  | { op: 'match' };

export interface Program {
  insts: Inst[];
}

export interface SearchResult {
  /** Buffer offsets of the leftmost match, end exclusive; null when there is none. */
  match: { start: number; end: number } | null;
  /** Instructions executed: the measure of work (tests assert linearity with it, never with time). */
  steps: number;
}

/** Compiles an AST (from parseRegex) into a program. Never throws. */
export function compileRegex(ast: RegexNode): Program {
  const insts: Inst[] = [];
  const emit = (i: Inst): number => insts.push(i) - 1;
  // Recursion depth is bounded by the nesting depth of parentheses and repetitions in the pattern, which
  // RouterOS limits by the field length; patterns are short.
  const gen = (node: RegexNode): void => {
    switch (node.type) {
      case 'empty':
        return;
      case 'byte':
        emit({ op: 'byte', byte: node.byte });
        return;
      case 'any':
        emit({ op: 'any' });
        return;
      case 'class':
        emit({ op: 'set', members: node.members, negated: node.negated });
        return;
      case 'bol':
        emit({ op: 'bol' });
        return;
      case 'eol':
        emit({ op: 'eol' });
        return;
      case 'group':
        gen(node.body);
        return;
      case 'concat':
        node.items.forEach(gen);
        return;
      case 'alt': {
        const jumps: number[] = [];
        node.alternatives.forEach((alt, k) => {
          if (k < node.alternatives.length - 1) {
            const split = emit({ op: 'split', x: 0, y: 0 });
            gen(alt);
            jumps.push(emit({ op: 'jmp', x: 0 }));
            insts[split] = { op: 'split', x: split + 1, y: insts.length };
          } else gen(alt);
        });
        for (const j of jumps) insts[j] = { op: 'jmp', x: insts.length };
        return;
      }
      case 'repeat': {
        if (node.op === '?') {
          const split = emit({ op: 'split', x: 0, y: 0 });
          gen(node.body);
          insts[split] = { op: 'split', x: split + 1, y: insts.length };
        } else if (node.op === '*') {
          const split = emit({ op: 'split', x: 0, y: 0 });
          gen(node.body);
          emit({ op: 'jmp', x: split });
          insts[split] = { op: 'split', x: split + 1, y: insts.length };
        } else {
          const start = insts.length;
          gen(node.body);
          emit({ op: 'split', x: start, y: insts.length + 1 });
        }
        return;
      }
    }
  };
  gen(ast);
  emit({ op: 'match' });
  return { insts };
}

/** The program as numbers, for the Pike VM's inner loops (built once per program, on first search). */
interface Packed {
  op: Int8Array;
  x: Int32Array;
  y: Int32Array;
  /** For a `set`: 256 entries, 1 where the instruction accepts the byte (negation applied). */
  sets: (Uint8Array | undefined)[];
}
const OP_BYTE = 0;
const OP_SET = 1;
const OP_ANY = 2;
const OP_SPLIT = 3;
const OP_JMP = 4;
const OP_BOL = 5;
const OP_EOL = 6;
const OP_MATCH = 7;

// Keyed by a compiled program, not by a parse or tree; the values are typed arrays made from that program
// alone, so they keep nothing of a script's parse alive.
const packedCache = new WeakMap<Program, Packed>();

function packed(prog: Program): Packed {
  const hit = packedCache.get(prog);
  if (hit !== undefined) return hit;
  const n = prog.insts.length;
  const p: Packed = { op: new Int8Array(n), x: new Int32Array(n), y: new Int32Array(n), sets: [] };
  prog.insts.forEach((inst, k) => {
    switch (inst.op) {
      case 'byte':
        p.op[k] = OP_BYTE;
        p.x[k] = inst.byte;
        break;
      case 'set': {
        p.op[k] = OP_SET;
        const t = new Uint8Array(256);
        for (let b = 0; b < 256; b++) t[b] = (inst.members[b] === true) !== inst.negated ? 1 : 0;
        p.sets[k] = t;
        break;
      }
      case 'any':
        p.op[k] = OP_ANY;
        break;
      case 'split':
        p.op[k] = OP_SPLIT;
        p.x[k] = inst.x;
        p.y[k] = inst.y;
        break;
      case 'jmp':
        p.op[k] = OP_JMP;
        p.x[k] = inst.x;
        break;
      case 'bol':
        p.op[k] = OP_BOL;
        break;
      case 'eol':
        p.op[k] = OP_EOL;
        break;
      case 'match':
        p.op[k] = OP_MATCH;
        break;
    }
  });
  packedCache.set(prog, p);
  return p;
}

/**
 * Searches `data[0..length)` for the leftmost match, like the kernel matcher: `^` holds only at offset 0,
 * `$` only at `length`, `.` and negated classes match any byte (the buffer never holds NUL).
 */
export function searchProgram(prog: Program, data: Uint8Array, length: number = data.length): SearchResult {
  const { op, x, y, sets } = packed(prog);
  const size = op.length;
  let steps = 0;
  // Thread lists: program counters and the match start each thread carries.
  let cpc = new Int32Array(size);
  let cstart = new Int32Array(size);
  let ccount = 0;
  let npc = new Int32Array(size);
  let nstart = new Int32Array(size);
  let ncount = 0;
  // mark[pc] === generation means pc is already in the list being built (one visit per position).
  const mark = new Int32Array(size).fill(-1);
  let generation = 0;
  const stack = new Int32Array(size + 1);

  const add = (
    toPc: Int32Array,
    toStart: Int32Array,
    count: number,
    pc0: number,
    start: number,
    pos: number,
  ): number => {
    let sp = 0;
    stack[sp++] = pc0;
    while (sp > 0) {
      const pc = stack[--sp];
      if (mark[pc] === generation) continue;
      mark[pc] = generation;
      steps++;
      switch (op[pc]) {
        case OP_JMP:
          stack[sp++] = x[pc];
          break;
        case OP_SPLIT:
          // Push the less preferred branch first so the preferred one is explored (and listed) first.
          stack[sp++] = y[pc];
          stack[sp++] = x[pc];
          break;
        case OP_BOL:
          if (pos === 0) stack[sp++] = pc + 1;
          break;
        case OP_EOL:
          if (pos === length) stack[sp++] = pc + 1;
          break;
        default:
          toPc[count] = pc;
          toStart[count] = start;
          count++;
      }
    }
    return count;
  };

  let match: { start: number; end: number } | null = null;
  for (let pos = 0; pos <= length; pos++) {
    // The list for `pos` was built with generation `pos`; seeding a new attempt here joins that generation,
    // with the lowest priority (the kernel tries later starting points only when earlier ones fail).
    generation = pos;
    if (match === null) ccount = add(cpc, cstart, ccount, 0, pos, pos);
    if (ccount === 0) {
      if (match !== null) break;
      continue;
    }
    generation = pos + 1;
    ncount = 0;
    const b = pos < length ? data[pos] : -1;
    for (let t = 0; t < ccount; t++) {
      const pc = cpc[t];
      steps++;
      let ok = false;
      switch (op[pc]) {
        case OP_BYTE:
          ok = b === x[pc];
          break;
        case OP_ANY:
          ok = b >= 0;
          break;
        case OP_SET:
          ok = b >= 0 && (sets[pc] as Uint8Array)[b] === 1;
          break;
        case OP_MATCH:
          match = { start: cstart[t], end: pos };
          // Lower-priority threads lose to this match: drop them.
          t = ccount;
          continue;
        default:
          break;
      }
      if (ok) ncount = add(npc, nstart, ncount, pc + 1, cstart[t], pos + 1);
    }
    [cpc, npc] = [npc, cpc];
    [cstart, nstart] = [nstart, cstart];
    ccount = ncount;
  }
  return { match, steps };
}
