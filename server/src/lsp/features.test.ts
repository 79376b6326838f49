// Light in-process tests of the LSP wiring: positions convert both ways and the results have LSP shapes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ResponseError } from 'vscode-languageserver';
import { capabilities } from '../server';
import { AnalysisCache } from './documents';
import * as f from './features';

function analysis(text: string) {
  return new AnalysisCache().get(TextDocument.create('file:///t.rsc', 'routeros', 1, text));
}

describe('lsp features', () => {
  it('advertises every feature', () => {
    const c = capabilities();
    for (const key of [
      'completionProvider',
      'hoverProvider',
      'definitionProvider',
      'referencesProvider',
      'documentHighlightProvider',
      'renameProvider',
      'documentSymbolProvider',
      'workspaceSymbolProvider',
      'foldingRangeProvider',
      'selectionRangeProvider',
      'signatureHelpProvider',
      'documentFormattingProvider',
      'documentRangeFormattingProvider',
      'semanticTokensProvider',
    ] as const) {
      assert.ok(c[key], key);
    }
  });

  it('completes and hovers at line/character positions', () => {
    const a = analysis('/ip firewall filter\nadd ch');
    const items = f.completion(a, { line: 1, character: 6 }, 'latest');
    const chain = items.find((i) => i.label === 'chain=');
    assert.ok(chain && chain.textEdit && 'range' in chain.textEdit);
    assert.deepEqual(chain.textEdit.range, {
      start: { line: 1, character: 4 },
      end: { line: 1, character: 6 },
    });
    const h = f.hover(a, { line: 0, character: 5 }, 'latest');
    assert.ok(h?.range);
    assert.equal(h.range.start.character, 4);
  });

  it('renames through a workspace edit and refuses RouterOS names with an error response', () => {
    const a = analysis(':local x 1\n:put $x');
    const edit = f.doRename(a, { line: 1, character: 6 }, 'y');
    assert.equal(edit.changes?.['file:///t.rsc']?.length, 2);
    assert.throws(() => f.prepare(a, { line: 1, character: 2 }), ResponseError);
  });

  it('encodes semantic tokens relative to the previous token', () => {
    const a = analysis(':put 1\n  :put 2');
    const { data } = f.semanticTokens(a);
    assert.equal(data.length % 5, 0);
    // Second line's first token: one line down, absolute column 2.
    const rows = [];
    for (let i = 0; i < data.length; i += 5) rows.push(data.slice(i, i + 5));
    const down = rows.find((r) => r[0] === 1);
    assert.ok(down);
    assert.equal(down[1], 2);
  });

  it('folds by lines and keeps the closing bracket visible', () => {
    const a = analysis(':if (true) do={\n  :put 1\n  :put 2\n}\n');
    assert.deepEqual(f.foldingRanges(a), [{ startLine: 0, endLine: 2 }]);
  });

  it('nests selection ranges and formats with edits', () => {
    const a = analysis('{\n:put 1\n}');
    const [sel] = f.selectionRanges(a, [{ line: 1, character: 2 }]);
    assert.ok(sel.parent);
    const edits = f.formatting(a, { tabSize: 4, insertSpaces: true });
    assert.equal(edits[0].newText, '    :put 1');
  });
});
