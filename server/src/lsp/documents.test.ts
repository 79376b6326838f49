// The analysis cache re-parses incrementally after an edit; what it reports must be exactly what a fresh
// lint of the new text reports, keystroke after keystroke.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { prng } from '../../../test/prng';
import { lintText } from '../lint';
import { AnalysisCache } from './documents';

const examples = join(__dirname, '..', '..', '..', 'examples');

test('diagnostics after each of 300 seeded edits equal a fresh lint of the same text', () => {
  const text = readFileSync(join(examples, 'skype-nack-qos.rsc'), 'utf8');
  const cache = new AnalysisCache();
  let doc = TextDocument.create('file:///t.rsc', 'routeros', 1, text);
  cache.get(doc);
  const r = prng(4242);
  const typed = ['x', ' ', '\n', '"', '{', '}', '=', '\\', ':local v 1\n', 'add chain=forward\n'];
  for (let i = 0; i < 300; i++) {
    const offset = Math.floor(r() * (doc.getText().length + 1));
    const pos = doc.positionAt(offset);
    const del = r() < 0.3 ? doc.positionAt(offset + Math.floor(r() * 4)) : pos;
    doc = TextDocument.update(
      doc,
      [{ range: { start: pos, end: del }, text: r() < 0.3 ? '' : typed[Math.floor(r() * typed.length)] }],
      doc.version + 1,
    );
    const a = cache.get(doc);
    assert.deepStrictEqual(a.lint.diagnostics, lintText(doc.getText()).diagnostics, `after edit ${i + 1}`);
  }
});

test('completion-only parses between lints (as during a burst) leave the diagnostics exact', () => {
  const text = readFileSync(join(examples, 'scripting.rsc'), 'utf8');
  const cache = new AnalysisCache();
  let doc = TextDocument.create('file:///p.rsc', 'routeros', 1, text);
  cache.get(doc);
  const r = prng(77);
  const typed = ['x', '$', '"', '[', ']', '\n', ':local q 2\n', ' '];
  for (let i = 0; i < 200; i++) {
    const pos = doc.positionAt(Math.floor(r() * (doc.getText().length + 1)));
    doc = TextDocument.update(
      doc,
      [{ range: { start: pos, end: pos }, text: typed[i % typed.length] }],
      doc.version + 1,
    );
    if (r() < 0.7) {
      // Completion: the tree of this version, without a lint.
      const p = cache.getParsed(doc);
      assert.equal(p.version, doc.version);
      assert.equal(p.text, doc.getText());
      assert.deepEqual(p.lint.diagnostics, []);
      if (r() < 0.5)
        assert.strictEqual(cache.get(doc).lint.parse, p.lint.parse, 'the lint reuses that parse');
    }
    if (r() < 0.3) {
      const a = cache.get(doc);
      assert.deepEqual(a.lint.diagnostics, lintText(doc.getText()).diagnostics, `edit ${i}`);
      assert.strictEqual(cache.getParsed(doc), a, 'a linted version is answered from the lint');
    }
  }
});
