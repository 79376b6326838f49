// The lazy DFA against the Pike VM it fronts: on seeded random patterns and buffers both must agree on
// whether there is a match and (through searchFast) on where it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prng } from '../../../test/prng';
import { searchProgram } from './engine';
import { LazyDfa, searchFast } from './dfa';
import { fromWinbox } from './pattern';

const tokens = [
  'a',
  'b',
  'c',
  '.',
  '|',
  '(',
  ')',
  '[ab]',
  '[^a]',
  '^',
  '$',
  '*',
  '+',
  '?',
  '\\.',
  'x',
  '(a|)',
  '[a-c]',
];

test('property: the DFA and the Pike VM agree on 5,000 seeded random patterns and buffers', () => {
  const r = prng(0x19df);
  let compared = 0;
  let matched = 0;
  for (let k = 0; k < 5_000; k++) {
    let text = '';
    const n = 1 + Math.floor(r() * 7);
    for (let t = 0; t < n; t++) text += tokens[Math.floor(r() * tokens.length)];
    const p = fromWinbox(text);
    if (p.program === null) continue;
    const len = 1 + Math.floor(r() * 12);
    const data = Uint8Array.from({ length: len }, () => [0x61, 0x62, 0x63, 0x2e, 0x78][Math.floor(r() * 5)]);
    const slow = searchProgram(p.program, data, len).match;
    const fast = searchFast(p.engine, p.program, data, len).match;
    assert.deepEqual(fast, slow, `${JSON.stringify(text)} on ${Buffer.from(data).toString()}`);
    const decided = new LazyDfa(p.program).matches(data, len);
    assert.equal(decided, slow !== null, `${JSON.stringify(text)} on ${Buffer.from(data).toString()}`);
    compared++;
    if (slow !== null) matched++;
  }
  // The sample is not degenerate: many patterns compile, and both verdicts occur often.
  assert.ok(compared > 2_000, `${compared}`);
  assert.ok(matched > compared / 5 && matched < (compared * 4) / 5, `${matched} of ${compared}`);
});

test('the DFA reads each byte once: the work is the buffer length when nothing matches', () => {
  const p = fromWinbox('(a|aa)*(a*)?b?(a|a)*c');
  assert.ok(p.program);
  const data = new Uint8Array(2048).fill(0x61);
  assert.deepEqual(searchFast(p.engine, p.program, data, data.length), { match: null, steps: 2048 });
});

test('anchors: "^" only at offset 0, "$" only at the end of the buffer', () => {
  const at = (re: string, s: string): boolean | undefined => {
    const p = fromWinbox(re);
    assert.ok(p.program);
    return new LazyDfa(p.program).matches(Buffer.from(s), s.length);
  };
  assert.equal(at('^b', 'ab'), false);
  assert.equal(at('^a', 'ab'), true);
  assert.equal(at('a$', 'ab'), false);
  assert.equal(at('b$', 'ab'), true);
  assert.equal(at('a$|^b', 'ba'), true);
  assert.equal(at('abc|', 'zz'), true);
});
