// Navigation tests: definition, references, highlights and rename for variables and config names.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../lint';
import { getDefinition, getHighlights, getReferences, prepareRename, rename } from './navigation';

function at(src: string): {
  text: string;
  offset: number;
  doc: { text: string; parse: ReturnType<typeof lintText>['parse'] };
} {
  const offset = src.indexOf('|');
  const text = src.slice(0, offset) + src.slice(offset + 1);
  return { text, offset, doc: { text, parse: lintText(text).parse } };
}

function applyEdits(text: string, edits: { start: number; end: number; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

describe('navigation', () => {
  it('goes to a variable declaration and finds its uses', () => {
    const { text, offset, doc } = at(':local n 1\n:put $|n\n{ :local n 2; :put $n }');
    const def = getDefinition(doc, offset);
    assert.deepEqual(
      def.map((s) => text.slice(s.start, s.end)),
      ['n'],
    );
    assert.equal(def[0].start, 7);
    assert.equal(getReferences(doc, offset).length, 2);
    assert.equal(getReferences(doc, offset, false).length, 1);
    assert.deepEqual(
      getHighlights(doc, offset).map((h) => h.kind),
      ['write', 'read'],
    );
  });

  it('renames a local in its scope only, in strings and :set too', () => {
    const { text, offset, doc } = at(
      ':local count 1\n:put $co|unt\n:set count ($count + 1)\n:put "n=$count"\n{ :local count 9 }',
    );
    const edits = rename(doc, offset, 'total');
    assert.ok(Array.isArray(edits));
    assert.equal(
      applyEdits(text, edits),
      ':local total 1\n:put $total\n:set total ($total + 1)\n:put "n=$total"\n{ :local count 9 }',
    );
  });

  it('renames a global across functions that import it', () => {
    const { text, offset, doc } = at(':global g| 1\n:global f do={ :global g; :put $g }\n:put $g');
    const edits = rename(doc, offset, 'h');
    assert.ok(Array.isArray(edits));
    assert.equal(applyEdits(text, edits), ':global h 1\n:global f do={ :global h; :put $h }\n:put $h');
  });

  it('renames a function parameter with the named arguments of its calls', () => {
    const { text, offset, doc } = at(':global f do={ :put $na|me }\n$f name=1');
    const edits = rename(doc, offset, 'who');
    assert.ok(Array.isArray(edits));
    assert.equal(applyEdits(text, edits), ':global f do={ :put $who }\n$f who=1');
  });

  it('renames config names at every site', () => {
    const { text, offset, doc } = at(
      '/ip firewall address-list add list=lan\n/ip firewall filter add src-address-list=!l|an dst-address-list=lan,wan',
    );
    const edits = rename(doc, offset, 'inside');
    assert.ok(Array.isArray(edits));
    assert.equal(
      applyEdits(text, edits),
      '/ip firewall address-list add list=inside\n/ip firewall filter add src-address-list=!inside dst-address-list=inside,wan',
    );
    assert.deepEqual(
      getDefinition(doc, offset).map((s) => text.slice(s.start, s.end)),
      ['lan'],
    );
  });

  it('refuses RouterOS names, positional arguments and bad new names', () => {
    assert.ok(
      'error' in
        prepareRename(
          at('/ip firewall filter a|dd chain=forward').doc,
          at('/ip firewall filter a|dd').offset,
        ),
    );
    const c = at('/ip firewall filter add ch|ain=forward');
    assert.ok('error' in prepareRename(c.doc, c.offset));
    const p = at(':put $|1');
    assert.ok('error' in prepareRename(p.doc, p.offset));
    const i = at('/ip address add interface=eth|er1');
    assert.ok('error' in prepareRename(i.doc, i.offset));
    const v = at(':local x 1; :put $|x');
    assert.ok('error' in (rename(v.doc, v.offset, 'a b') as object));
    const ok = prepareRename(v.doc, v.offset);
    assert.deepEqual('placeholder' in ok ? ok.placeholder : undefined, 'x');
  });
});
