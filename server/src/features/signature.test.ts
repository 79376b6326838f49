// Signature help for global commands and selection ranges.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../lint';
import { getSelectionRanges, getSignatureHelp } from './signature';

function at(src: string) {
  const offset = src.indexOf('|');
  const text = src.slice(0, offset) + src.slice(offset + 1);
  return { text, offset, doc: { text, parse: lintText(text).parse } };
}

function active(src: string): string | undefined {
  const { doc, offset } = at(src);
  const h = getSignatureHelp(doc, offset);
  return h ? `${h.label} @${h.parameters[h.activeParameter]?.label ?? '-'}` : undefined;
}

describe('getSignatureHelp', () => {
  it('follows positional arguments', () => {
    assert.equal(active(':put [:pick $s |]'), ':pick <counter> <begin> <end> @<begin>');
    assert.equal(active(':put [:pick $s 1 |]'), ':pick <counter> <begin> <end> @<end>');
    assert.equal(active(':put [:pick $s 1|]'), ':pick <counter> <begin> <end> @<begin>');
    assert.equal(active(':put |'), ':put <message> @<message>');
    assert.match(active(':find "abc" "b" |') ?? '', /@<from>/);
  });

  it('follows named arguments, also half-typed', () => {
    assert.equal(active(':rndnum from=1 to=|'), ':rndnum from= to= @to=');
    assert.equal(active(':rndnum from=1 t|'), ':rndnum from= to= @to=');
  });

  it('stays quiet outside global commands', () => {
    assert.equal(active('/ip firewall filter add |'), undefined);
    assert.equal(active(':if (true) do={ | }'), undefined);
  });
});

describe('getSelectionRanges', () => {
  it('grows from the word to the script', () => {
    const { doc, offset, text } = at(':if (true) do={ /ip firewall filter add cha|in=forward }\n:put 1');
    const r = getSelectionRanges(doc, offset).map((x) => text.slice(x.start, x.end));
    assert.equal(r[0], 'chain');
    assert.ok(r.includes('chain=forward'));
    assert.ok(r.includes('/ip firewall filter add chain=forward'));
    assert.ok(r.includes('{ /ip firewall filter add chain=forward }'));
    assert.equal(r[r.length - 1], text);
    for (let i = 1; i < r.length; i++) assert.ok(r[i].length >= r[i - 1].length);
  });
});
