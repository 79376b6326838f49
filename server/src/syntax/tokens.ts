// The token store: every character of the input in exactly one token, kept as integers (kind, end) and
// made into Token objects only when read, and the ParseResult that hands them out.
import type { ScriptNode, SyntaxError, Token, TokenKind } from './ast';
import type { TopLevelTrace } from './trace';

/** Every token kind, in the order of TK (a kind's TK is its index here). */
export const TOKEN_KINDS: readonly TokenKind[] = [
  'whitespace',
  'newline',
  'continuation',
  'comment',
  'string',
  'word',
  'variable',
  'punct',
  'operator',
  'error',
];
/** Token kinds as small numbers (indexes into TOKEN_KINDS): the parser emits these, the store keeps them. */
export const enum TK {
  Whitespace = 0,
  Newline = 1,
  Continuation = 2,
  Comment = 3,
  String = 4,
  Word = 5,
  Variable = 6,
  Punct = 7,
  Operator = 8,
  Error = 9,
}

/** Bits of a token's cell that hold the low bits of its end; the four above them hold its kind. */
const LOW_BITS = 12;
const LOW_MASK = (1 << LOW_BITS) - 1;

/**
 * Tokens are contiguous (that is the lossless invariant), so a token is its kind and its end; both are
 * small integers kept in typed arrays, and Token objects are made only when someone reads them. A big
 * export has millions of tokens that lint never looks at. Each token is one 16-bit cell: its kind and the
 * low 12 bits of its end. Ends only grow, so the high bits are the same for a run of tokens: `firsts[h]`
 * is the index of the first token whose end is at least h << 12 (two bytes per token instead of five,
 * plus four bytes per 4 KB of text).
 */
export class TokenStore {
  private cells: Uint16Array;
  private firsts: Int32Array;
  /** The high bits of the last token's end (-1 when there is none): firsts[0..top] are filled. */
  private top = -1;
  private count = 0;
  private lastEnd: number;
  /** Index/start pairs of tokens that do not start where the previous one ended (a parser bug), so that
   * materialized tokens are exactly what was emitted and the lossless test can see the gap. */
  private readonly gaps: number[] = [];
  /** Index/end pairs of tokens that end before the token before them (only after a gap): their cells
   * cannot say their end. */
  private readonly backwards: number[] = [];

  /** `base`: where the first token starts (0, except for a parse resumed mid-text by incremental.ts). */
  constructor(
    capacity: number,
    private readonly base = 0,
  ) {
    this.cells = new Uint16Array(Math.max(16, capacity));
    this.firsts = new Int32Array(16);
    this.lastEnd = base;
  }

  get size(): number {
    return this.count;
  }

  /** True when every token starts where the previous one ended (always, unless the parser has a bug). */
  get contiguous(): boolean {
    return this.gaps.length === 0;
  }

  /** The high bits of token i's end: the last h with firsts[h] <= i. */
  private highOf(i: number): number {
    const firsts = this.firsts;
    let lo = 0;
    let hi = this.top;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Where token i ends (0 <= i < size). */
  endAt(i: number): number {
    if (this.backwards.length > 0) {
      const b = this.backwards;
      for (let k = 0; k < b.length; k += 2) if (b[k] === i) return b[k + 1];
    }
    return (this.highOf(i) << LOW_BITS) | (this.cells[i] & LOW_MASK);
  }

  /** The index of the token that starts at `offset`, or -1 when no token starts there. */
  indexStartingAt(offset: number): number {
    if (offset === this.base) return 0;
    // The tokens whose end has offset's high bits are firsts[h] up to firsts[h + 1]; the token that ends
    // at offset is among them.
    const h = offset >>> LOW_BITS;
    if (h > this.top) return -1;
    let lo = this.firsts[h];
    let hi = h === this.top ? this.count : this.firsts[h + 1];
    const low = offset & LOW_MASK;
    const cells = this.cells;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cells[mid] & LOW_MASK) < low) lo = mid + 1;
      else hi = mid;
    }
    const end = h === this.top ? this.count : this.firsts[h + 1];
    return lo < end && this.endAt(lo) === offset ? lo + 1 : -1;
  }

  /** Appends tokens `from..to` (indices) of `other`, their offsets moved by `shift`. */
  appendRange(other: TokenStore, from: number, to: number, shift: number): void {
    if (to <= from) return;
    this.reserve(this.count + (to - from));
    let h = other.highOf(from);
    const ofirsts = other.firsts;
    const ocells = other.cells;
    for (let i = from; i < to; i++) {
      while (h < other.top && ofirsts[h + 1] <= i) h++;
      const cell = ocells[i];
      const end = (other.backwards.length > 0 ? other.endAt(i) : (h << LOW_BITS) | (cell & LOW_MASK)) + shift;
      this.add(cell >>> LOW_BITS, end);
    }
  }

  private reserve(n: number): void {
    if (n <= this.cells.length) return;
    this.cells = withRoom(this.cells, this.count, n);
  }

  push(kind: TK, start: number, end: number): void {
    if (this.count === this.cells.length) this.reserve(this.count + 1);
    if (start !== this.lastEnd) this.gaps.push(this.count, start);
    this.add(kind, end);
  }

  /** Appends a token (room reserved). */
  private add(kind: number, end: number): void {
    const h = end >>> LOW_BITS;
    if (h > this.top) {
      if (h >= this.firsts.length) this.firsts = withRoom(this.firsts, this.top + 1, h + 1);
      for (let k = this.top + 1; k <= h; k++) this.firsts[k] = this.count;
      this.top = h;
    } else if (h < this.top || end < this.lastEnd) this.backwards.push(this.count, end);
    this.cells[this.count] = (kind << LOW_BITS) | (end & LOW_MASK);
    this.lastEnd = end;
    this.count++;
  }

  /** Gives back the unused room of the arrays (up to half of them, kept alive with the parse result). */
  trim(): void {
    if (this.cells.length - this.count > 1024) this.cells = this.cells.slice(0, this.count);
    if (this.firsts.length - (this.top + 1) > 1024) this.firsts = this.firsts.slice(0, this.top + 1);
  }

  /** Token `i` alone, as materialize would make it (0 <= i < size). */
  at(i: number): Token {
    let start = i === 0 ? this.base : this.endAt(i - 1);
    for (let g = 0; g < this.gaps.length; g += 2) if (this.gaps[g] === i) start = this.gaps[g + 1];
    return { kind: TOKEN_KINDS[this.cells[i] >>> LOW_BITS], start, end: this.endAt(i) };
  }

  /** Visits every token in order without making Token objects; a gap entry restarts `start` at token i. */
  forEach(visit: (kind: TokenKind, start: number, end: number) => void): void {
    let g = 0;
    let start = this.base;
    let h = 0;
    const firsts = this.firsts;
    const cells = this.cells;
    const odd = this.backwards.length > 0;
    for (let i = 0; i < this.count; i++) {
      if (g < this.gaps.length && this.gaps[g] === i) {
        start = this.gaps[g + 1];
        g += 2;
      }
      while (h < this.top && firsts[h + 1] <= i) h++;
      const cell = cells[i];
      const end = odd ? this.endAt(i) : (h << LOW_BITS) | (cell & LOW_MASK);
      visit(TOKEN_KINDS[cell >>> LOW_BITS], start, end);
      start = end;
    }
  }

  materialize(): Token[] {
    const out: Token[] = new Array(this.count);
    let i = 0;
    this.forEach((kind, start, end) => (out[i++] = { kind, start, end }));
    return out;
  }
}

/** A ParseResult over a finished tree; tokens are materialised from the store on first access. */
export function makeParseResult(
  root: ScriptNode,
  errors: SyntaxError[],
  steps: number,
  trace: TopLevelTrace,
): ParseResult {
  const store = trace.store;
  let tokens: Token[] | undefined;
  return {
    get tokens() {
      return (tokens ??= store.materialize());
    },
    forEachToken(visit) {
      if (tokens) for (const t of tokens) visit(t.kind, t.start, t.end);
      else store.forEach(visit);
    },
    get tokenCount() {
      return store.size;
    },
    tokenAt(i) {
      return tokens ? tokens[i] : store.at(i);
    },
    root,
    errors,
    steps,
    trace,
  };
}

export interface ParseResult {
  /** Every character of the input in exactly one token, in order. Built on first access (see TokenStore). */
  readonly tokens: Token[];
  /**
   * Visits every token in order, like iterating `tokens`, but without building the Token objects (on a
   * big file that is millions of objects kept alive with the parse) when they were not built already.
   */
  forEachToken(visit: (kind: TokenKind, start: number, end: number) => void): void;
  /** How many tokens there are (`tokens.length`, without building them). */
  readonly tokenCount: number;
  /**
   * Token `i` (0 <= i < tokenCount), made alone when `tokens` was not built: completion reads the few
   * tokens around the cursor after every edit, and building them all took longer than the rest of it.
   */
  tokenAt(i: number): Token;
  root: ScriptNode;
  errors: SyntaxError[];
  /** Work done (characters scanned plus loop iterations); exposed so tests can check linear time. */
  steps: number;
  /**
   * What an incremental re-parse needs to resume between two top-level statements (syntax/incremental.ts).
   * Removed when a re-parse reuses (and so moves) this result's nodes: a result is resumed from once.
   */
  trace?: TopLevelTrace;
}

/**
 * `a` itself when it holds `need` elements, else a copy of its first `used` in one of the next power-of-two
 * multiple of its length (the token store, the statement trace and the argument store grow this way).
 */
export function withRoom<A extends Uint8Array | Uint16Array | Uint32Array | Int32Array>(
  a: A,
  used: number,
  need: number,
): A {
  if (need <= a.length) return a;
  let size = Math.max(1, a.length) * 2;
  while (size < need) size *= 2;
  const grown = new (a.constructor as new (length: number) => A)(size);
  grown.set(a.subarray(0, used));
  return grown;
}
