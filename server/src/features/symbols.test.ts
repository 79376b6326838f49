// Outline, workspace symbols and folding ranges.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../lint';
import {
  getDocumentSymbols,
  getFoldingRanges,
  getWorkspaceSymbols,
  matchesQuery,
  type DocSymbol,
} from './symbols';

const docOf = (text: string) => ({ text, parse: lintText(text).parse });
const shape = (list: DocSymbol[]): unknown[] =>
  list.map((s) =>
    s.children.length ? { [`${s.kind} ${s.name}`]: shape(s.children) } : `${s.kind} ${s.name}`,
  );

const sample = [
  '# one',
  '# two',
  '/ip firewall filter',
  'add chain=forward action=drop',
  'add chain=input',
  ':global f do={',
  '  :local y 1',
  '  :if (true) do={ :local z 2 }',
  '}',
  '/ip address { add address=1.1.1.1/24 interface=ether1 }',
  '/ip firewall address-list add list=lan',
  '',
].join('\n');

describe('symbols', () => {
  it('outlines menus with their commands, and variables with functions', () => {
    assert.deepEqual(shape(getDocumentSymbols(docOf(sample))), [
      {
        'namespace /ip firewall filter': [
          'method add',
          'method add',
          { 'function f': ['variable y', 'variable z'] },
        ],
      },
      { 'namespace /ip address': ['method add'] },
      'method /ip firewall address-list add',
    ]);
    const first = getDocumentSymbols(docOf(sample))[0].children[0];
    assert.equal(first.detail, 'chain=forward action=drop');
  });

  it('lists workspace symbols with config names', () => {
    const names = getWorkspaceSymbols(docOf(sample)).map((s) => `${s.kind}:${s.name}`);
    assert.ok(names.includes('function:f'));
    assert.ok(names.includes('constant:lan'));
    assert.ok(matchesQuery('address-list', 'adl'));
    assert.ok(!matchesQuery('filter', 'z'));
  });

  it('folds blocks, menu runs and comment runs', () => {
    const text = sample;
    const folds = getFoldingRanges(docOf(text)).map(
      (r) => `${r.kind ?? 'block'}:${text.slice(r.start, r.end).split('\n')[0]}`,
    );
    assert.deepEqual(folds, ['comment:# one', 'region:/ip firewall filter', 'block:{']);
  });

  it('copes with broken code', () => {
    for (const t of ['{', ':local', '/ip firewall filter {', ':global f do={ :local']) {
      getDocumentSymbols(docOf(t));
      getFoldingRanges(docOf(t));
    }
  });
});
