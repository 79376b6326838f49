// mentions() remembers answers for the last text only; a new text must be scanned again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mentions } from './mentions';
import { prng } from '../../../test/prng';

test('answers follow the text they were asked about', () => {
  assert.equal(mentions('add layer7-protocol=x', 'layer7-protocol'), true);
  assert.equal(mentions('add chain=forward', 'layer7-protocol'), false);
  assert.equal(mentions('add chain=forward', '$'), false);
  assert.equal(mentions(':put $a', '$'), true);
  assert.equal(mentions('add layer7-protocol=x', 'layer7-protocol'), true);
});

test('answers carried over from the last text equal a scan, after each of 3,000 seeded edits', () => {
  const r = prng(2207);
  const words = ['ab', 'abc', 'ba', '$', 'cab', 'aaa', 'abcabc', 'c'];
  const alphabet = 'abc \n$';
  let text = 'abc ab $ ca\nbc';
  let present = 0;
  for (let i = 0; i < 3000; i++) {
    const at = Math.floor(r() * (text.length + 1));
    const cut = Math.floor(r() * 3);
    let typed = '';
    for (let k = Math.floor(r() * 4); k > 0; k--) typed += alphabet[Math.floor(r() * alphabet.length)];
    text = text.slice(0, at) + typed + text.slice(at + cut);
    if (text.length > 60) text = text.slice(Math.floor(r() * 20));
    // Some words asked on every text, others now and then (their answers are older).
    for (const w of words) {
      if (w.length > 2 && r() < 0.5) continue;
      const expected = text.includes(w);
      if (expected) present++;
      assert.equal(mentions(text, w), expected, `${JSON.stringify(w)} in ${JSON.stringify(text)}`);
    }
  }
  assert.ok(present > 3000 && present < 20000, `present ${present} times`);
});
