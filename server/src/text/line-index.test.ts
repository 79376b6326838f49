// LineIndex must agree with itself both ways and count \r\n, \n and lone \r line ends as RouterOS does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from './line-index';
import { prng } from '../../../test/prng';

test('positionAt and offsetAt are inverse for every offset', () => {
  const text = 'a\nbc\r\ndef\rg\n';
  const idx = new LineIndex(text);
  assert.equal(idx.lineCount, 5);
  for (let o = 0; o <= text.length; o++) {
    const p = idx.positionAt(o);
    // Offsets that point between \r and \n map to the end of the line; all others round-trip.
    if (text[o - 1] === '\r' && text[o] === '\n') continue;
    assert.equal(idx.offsetAt(p), o, `offset ${o}`);
  }
  assert.deepEqual(idx.positionAt(text.indexOf('d')), { line: 2, character: 0 });
  assert.deepEqual(idx.positionAt(text.indexOf('g')), { line: 3, character: 0 });
});

test('out-of-range input is clamped, never throws', () => {
  const idx = new LineIndex('xy');
  assert.deepEqual(idx.positionAt(-5), { line: 0, character: 0 });
  assert.deepEqual(idx.positionAt(99), { line: 0, character: 2 });
  assert.equal(idx.offsetAt({ line: 7, character: 0 }), 2);
  assert.equal(idx.offsetAt({ line: 0, character: 99 }), 2);
});

test('lineAt equals positionAt().line for every offset, clamped ones included', () => {
  const text = 'a\nbc\r\ndef\rg\n\n';
  const idx = new LineIndex(text);
  for (let o = -1; o <= text.length + 1; o++)
    assert.equal(idx.lineAt(o), idx.positionAt(o).line, `offset ${o}`);
});

test('a text without \\r (indexOf scan) gets the same lines as a text with one (character scan)', () => {
  // The constructor scans \n-only texts with indexOf; a trailing lone \r sends the same lines through
  // the general loop, which must agree line for line (plus the one line the \r adds).
  for (const text of ['', '\n', 'a', 'a\n', '\n\nx\n', 'add a=1\nadd b=2\n\n# c\nlast']) {
    const fast = new LineIndex(text);
    const general = new LineIndex(text + '\r');
    assert.equal(general.lineCount, fast.lineCount + 1, JSON.stringify(text));
    for (let line = 0; line < fast.lineCount; line++)
      assert.equal(fast.lineStart(line), general.lineStart(line), `${JSON.stringify(text)} line ${line}`);
    for (let o = 0; o <= text.length; o++)
      assert.deepEqual(fast.positionAt(o), general.positionAt(o), `${JSON.stringify(text)} offset ${o}`);
  }
});

test('LineIndex.of after an edit (line starts carried over) equals a fresh index, 3,000 seeded edits', () => {
  const r = prng(2208);
  const alphabet = 'ab\n\n \r';
  let text = 'add a=1\nadd b=2\n\n# c\nlast';
  let carried = 0;
  for (let i = 0; i < 3000; i++) {
    const at = Math.floor(r() * (text.length + 1));
    const cut = Math.floor(r() * 3);
    let typed = '';
    // A \r now and then (those texts are indexed whole), then gone again with the next cuts.
    const chars = r() < 0.05 ? alphabet : alphabet.slice(0, 5);
    for (let k = Math.floor(r() * 4); k > 0; k--) typed += chars[Math.floor(r() * chars.length)];
    const before = LineIndex.of(text);
    text = text.slice(0, at) + typed + text.slice(at + cut);
    if (text.length > 80) text = text.slice(Math.floor(r() * 30));
    const idx = LineIndex.of(text);
    if (idx !== before && !text.includes('\r')) carried++;
    const fresh = new LineIndex(text);
    assert.equal(idx.lineCount, fresh.lineCount, JSON.stringify(text));
    for (let line = 0; line < fresh.lineCount; line++)
      assert.equal(idx.lineStart(line), fresh.lineStart(line), `${JSON.stringify(text)} line ${line}`);
  }
  assert.ok(carried > 1000, `carried over ${carried} times`);
});
