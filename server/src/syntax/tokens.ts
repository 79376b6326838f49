// The token store: every character of the input in exactly one token, kept as integers (kind, end) and
// made into Token objects only when read, and the ParseResult that hands them out.
import type { ScriptNode, SyntaxError, Token, TokenKind } from './ast';
import type { TopLevelTrace } from './trace';

const TOKEN_KINDS: readonly TokenKind[] = [
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

/**
 * Tokens are contiguous (that is the lossless invariant), so a token is its kind and its end; both are
 * small integers kept in plain arrays, and Token objects are made only when someone reads them. A big
 * export has millions of tokens that lint never looks at.
 */
export class TokenStore {
  private kinds: Uint8Array;
  private ends: Uint32Array;
  private count = 0;
  /** Index/start pairs of tokens that do not start where the previous one ended (a parser bug), so that
   * materialized tokens are exactly what was emitted and the lossless test can see the gap. */
  private readonly gaps: number[] = [];

  /** `base`: where the first token starts (0, except for a parse resumed mid-text by incremental.ts). */
  constructor(
    capacity: number,
    private readonly base = 0,
  ) {
    this.kinds = new Uint8Array(Math.max(16, capacity));
    this.ends = new Uint32Array(Math.max(16, capacity));
  }

  get size(): number {
    return this.count;
  }

  /** True when every token starts where the previous one ended (always, unless the parser has a bug). */
  get contiguous(): boolean {
    return this.gaps.length === 0;
  }

  /** The index of the token that starts at `offset`, or -1 when no token starts there. */
  indexStartingAt(offset: number): number {
    if (offset === this.base) return 0;
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ends[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.count && this.ends[lo] === offset ? lo + 1 : -1;
  }

  /** Appends tokens `from..to` (indices) of `other`, their offsets moved by `shift`. */
  appendRange(other: TokenStore, from: number, to: number, shift: number): void {
    this.reserve(this.count + (to - from));
    for (let i = from; i < to; i++) {
      this.kinds[this.count] = other.kinds[i];
      this.ends[this.count] = other.ends[i] + shift;
      this.count++;
    }
  }

  private reserve(n: number): void {
    if (n <= this.kinds.length) return;
    this.kinds = withRoom(this.kinds, this.count, n);
    this.ends = withRoom(this.ends, this.count, n);
  }

  push(kind: TK, start: number, end: number): void {
    if (this.count === this.kinds.length) this.reserve(this.count + 1);
    const prevEnd = this.count ? this.ends[this.count - 1] : this.base;
    if (start !== prevEnd) this.gaps.push(this.count, start);
    this.kinds[this.count] = kind;
    this.ends[this.count] = end;
    this.count++;
  }

  /** Gives back the unused room of the arrays (up to half of them, kept alive with the parse result). */
  trim(): void {
    if (this.kinds.length - this.count > 1024) {
      this.kinds = this.kinds.slice(0, this.count);
      this.ends = this.ends.slice(0, this.count);
    }
  }

  /** Token `i` alone, as materialize would make it (0 <= i < size). */
  at(i: number): Token {
    let start = i === 0 ? this.base : this.ends[i - 1];
    for (let g = 0; g < this.gaps.length; g += 2) if (this.gaps[g] === i) start = this.gaps[g + 1];
    return { kind: TOKEN_KINDS[this.kinds[i]], start, end: this.ends[i] };
  }

  /** Visits every token in order without making Token objects; a gap entry restarts `start` at token i. */
  forEach(visit: (kind: TokenKind, start: number, end: number) => void): void {
    let g = 0;
    let start = this.base;
    for (let i = 0; i < this.count; i++) {
      if (g < this.gaps.length && this.gaps[g] === i) {
        start = this.gaps[g + 1];
        g += 2;
      }
      visit(TOKEN_KINDS[this.kinds[i]], start, this.ends[i]);
      start = this.ends[i];
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
export function withRoom<A extends Uint8Array | Uint32Array | Int32Array>(
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
