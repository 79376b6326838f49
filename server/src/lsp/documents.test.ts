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
