import assert from 'node:assert/strict';
import test from 'node:test';
import { prng } from '../text/prng';
import type { Token } from './ast';
import { TK, TOKEN_KINDS as KINDS, TokenStore } from './tokens';

/** Random contiguous tokens from `base`: mostly short, some longer than the 4096 characters a cell's end
 * bits cover, a few of zero length. */
function randomTokens(seed: number, count: number, base: number): { kind: TK; start: number; end: number }[] {
  const r = prng(seed);
  const out: { kind: TK; start: number; end: number }[] = [];
  let at = base;
  for (let i = 0; i < count; i++) {
    const x = r();
    const len = x < 0.02 ? Math.floor(r() * 20000) : x < 0.04 ? 0 : 1 + Math.floor(r() * 12);
    out.push({ kind: Math.floor(r() * 10) as TK, start: at, end: at + len });
    at += len;
  }
  return out;
}

function check(store: TokenStore, expected: Token[]): void {
  assert.equal(store.size, expected.length);
  assert.deepEqual(store.materialize(), expected);
  for (let i = 0; i < expected.length; i += 7) assert.deepEqual(store.at(i), expected[i]);
  const seen: Token[] = [];
  store.forEach((kind, start, end) => seen.push({ kind, start, end }));
  assert.deepEqual(seen, expected);
}

test('the token store gives back every token as pushed, across ends far apart and long tokens', () => {
  for (const [seed, base] of [
    [1, 0],
    [2, 5000],
    [3, 123457],
  ]) {
    const tokens = randomTokens(seed, 3000, base);
    const store = new TokenStore(16, base);
    for (const t of tokens) store.push(t.kind, t.start, t.end);
    store.trim();
    assert.ok(store.contiguous);
    check(
      store,
      tokens.map((t) => ({ kind: KINDS[t.kind] as Token['kind'], start: t.start, end: t.end })),
    );
    // indexStartingAt: the index of the token starting at an offset (the first of several that start
    // there, after zero-length ones), -1 inside a token.
    for (let i = 0; i < tokens.length; i++) {
      const s = tokens[i].start;
      const first = tokens.findIndex((t) => t.start === s);
      assert.equal(store.indexStartingAt(s), first, `token ${i} at ${s}`);
      const t = tokens[i];
      if (t.end - t.start > 1) assert.equal(store.indexStartingAt(t.start + 1), -1);
    }
  }
});

test('appendRange copies tokens with their offsets moved, as incremental re-parsing does', () => {
  const tokens = randomTokens(4, 2000, 0);
  const a = new TokenStore(16);
  for (const t of tokens) a.push(t.kind, t.start, t.end);
  const b = new TokenStore(16);
  b.appendRange(a, 0, 700, 0);
  b.appendRange(a, 700, 2000, 0);
  check(b, a.materialize());
  // A tail moved by an edit: tokens 1200.. shifted by +9000 after the first 1200.
  const c = new TokenStore(16);
  c.appendRange(a, 0, 1200, 0);
  const shift = 9000;
  const gapStart = tokens[1200].start;
  c.push(TK.Word, gapStart, gapStart + shift);
  c.appendRange(a, 1200, 2000, shift);
  const expected = a.materialize().slice(0, 1200);
  expected.push({ kind: 'word', start: gapStart, end: gapStart + shift });
  for (const t of a.materialize().slice(1200))
    expected.push({ ...t, start: t.start + shift, end: t.end + shift });
  check(c, expected);
});

test('a token that ends before the one before it (a parser bug) is kept as emitted', () => {
  const store = new TokenStore(16);
  store.push(TK.Word, 0, 5000);
  store.push(TK.Word, 5000, 9000);
  store.push(TK.Error, 3, 7); // a gap, and an end far below the last
  store.push(TK.Word, 7, 10);
  assert.equal(store.contiguous, false);
  check(store, [
    { kind: 'word', start: 0, end: 5000 },
    { kind: 'word', start: 5000, end: 9000 },
    { kind: 'error', start: 3, end: 7 },
    { kind: 'word', start: 7, end: 10 },
  ]);
});

test('TOKEN_KINDS names each TK at its index', () => {
  const pairs: [TK, string][] = [
    [TK.Whitespace, 'whitespace'],
    [TK.Newline, 'newline'],
    [TK.Continuation, 'continuation'],
    [TK.Comment, 'comment'],
    [TK.String, 'string'],
    [TK.Word, 'word'],
    [TK.Variable, 'variable'],
    [TK.Punct, 'punct'],
    [TK.Operator, 'operator'],
    [TK.Error, 'error'],
  ];
  for (const [tk, name] of pairs) assert.equal(KINDS[tk], name);
  assert.equal(KINDS.length, pairs.length);
});
