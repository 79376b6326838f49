// The params gate: what editors really send passes untouched; what the fuzzer sent is refused with a
// message naming the method and the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkParams } from './validate';

const uri = 'file:///a.rsc';
const pos = { line: 3, character: 7 };
const range = { start: pos, end: { line: 4, character: 0 } };

test('accepts what editors send', () => {
  const ok: [string, unknown][] = [
    [
      'initialize',
      { processId: null, rootUri: null, capabilities: {}, initializationOptions: { settings: {} } },
    ],
    ['initialize', { processId: 42, capabilities: { workspace: {} }, trace: 'off', workspaceFolders: null }],
    ['textDocument/didOpen', { textDocument: { uri, languageId: 'routeros', version: 0, text: '' } }],
    ['textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'all' }] }],
    [
      'textDocument/didChange',
      {
        textDocument: { uri, version: 3 },
        contentChanges: [
          { range, rangeLength: 4, text: 'x' },
          { range, text: '' },
        ],
      },
    ],
    ['textDocument/didClose', { textDocument: { uri } }],
    ['textDocument/didSave', { textDocument: { uri } }],
    ['workspace/didChangeConfiguration', { settings: null }],
    ['textDocument/completion', { textDocument: { uri }, position: pos, context: { triggerKind: 1 } }],
    ['textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }],
    [
      'textDocument/references',
      { textDocument: { uri }, position: pos, context: { includeDeclaration: true } },
    ],
    ['textDocument/rename', { textDocument: { uri }, position: pos, newName: 'y' }],
    ['textDocument/selectionRange', { textDocument: { uri }, positions: [pos, pos] }],
    [
      'textDocument/formatting',
      { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true, trimFinalNewlines: true } },
    ],
    [
      'textDocument/codeAction',
      {
        textDocument: { uri },
        range,
        context: {
          diagnostics: [
            { range, code: 'RSC1001', message: 'm', severity: 1 },
            { range, code: 7, message: 'n' },
          ],
          only: ['quickfix'],
          triggerKind: 1,
        },
      },
    ],
    ['workspace/symbol', { query: '' }],
    ['routeros/l7PatternAt', { uri, position: pos }],
    ['$/cancelRequest', { id: 4 }],
    ['shutdown', undefined],
    ['some/unknownMethod', null],
  ];
  for (const [method, params] of ok)
    assert.equal(checkParams(method, params), undefined, `${method} ${JSON.stringify(params)}`);
});

test('refuses ill-formed params with a message naming the field', () => {
  const bad: [string, unknown, RegExp][] = [
    [
      'textDocument/didOpen',
      { textDocument: { uri, languageId: 'routeros', version: 1, text: null } },
      /params\.textDocument\.text must be a string, not null/,
    ],
    [
      'textDocument/didOpen',
      { textDocument: { uri, languageId: 'routeros', version: 1, text: 42 } },
      /text must be a string, not 42/,
    ],
    [
      'textDocument/didOpen',
      { textDocument: { uri, languageId: 'routeros', version: 1 } },
      /text must be a string, not missing/,
    ],
    ['textDocument/hover', null, /^textDocument\/hover: params must be an object, not null$/],
    [
      'textDocument/hover',
      { textDocument: { uri }, position: { line: 0.5, character: 0 } },
      /position\.line must be a whole number/,
    ],
    [
      'textDocument/completion',
      { textDocument: { uri }, position: { line: -1, character: 0 } },
      /line must be a whole number from 0/,
    ],
    [
      'textDocument/completion',
      { textDocument: { uri }, position: { line: 2 ** 31, character: 0 } },
      /line must be a whole number/,
    ],
    [
      'textDocument/didChange',
      {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: { start: { line: 0.5, character: 0 }, end: pos }, text: '' }],
      },
      /contentChanges\[0\]\.range\.start\.line must be a whole number/,
    ],
    [
      'textDocument/didChange',
      { textDocument: { uri, version: 1.5 }, contentChanges: [] },
      /version must be an integer, not 1\.5/,
    ],
    [
      'textDocument/codeAction',
      { textDocument: { uri }, range: 'everything', context: null },
      /params\.range must be an object, not a string/,
    ],
    [
      'textDocument/rename',
      { textDocument: { uri }, position: pos },
      /newName must be a string, not missing/,
    ],
    ['routeros/mangleFlow', [], /params must be an object, not an array/],
  ];
  for (const [method, params, re] of bad) {
    const msg = checkParams(method, params);
    assert.ok(msg, `${method} ${JSON.stringify(params)} was accepted`);
    assert.match(msg, re);
    assert.ok(msg.startsWith(`${method}: `), msg);
  }
});
