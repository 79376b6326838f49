// Semantic tokens: classification, no overlaps, no token across a line break.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../lint';
import { getSemanticTokens } from './semantic-tokens';

function tokens(text: string): string[] {
  return getSemanticTokens({ text, parse: lintText(text).parse }).map(
    (t) => `${text.slice(t.start, t.end)}:${t.type}${t.modifiers.length ? `.${t.modifiers.join('.')}` : ''}`,
  );
}

describe('getSemanticTokens', () => {
  it('classifies the parts of a script', () => {
    const t = tokens(
      ':local count 1\n:put "n=$count\\n"\n/ip firewall filter\nadd chain=forward action=accept\n# note',
    );
    for (const want of [
      ':local:keyword.defaultLibrary',
      'count:variable.declaration',
      '1:number',
      ':put:function.defaultLibrary',
      '"n=:string',
      '$count:variable',
      '\\n:regexp',
      'ip:namespace',
      'add:method.defaultLibrary',
      'chain:parameter',
      'forward:enumMember',
      '=:operator',
      '# note:comment',
    ]) {
      assert.ok(t.includes(want), `${want} in ${t.join(' ')}`);
    }
  });

  it('marks loop variables readonly and globals static', () => {
    const t = tokens(':for i from=1 to=2 do={ :put $i }; :global g; :put $g');
    assert.ok(t.includes('i:variable.declaration.readonly'));
    assert.ok(t.includes('$i:variable.readonly'));
    assert.ok(t.includes('g:variable.declaration.static'));
  });

  it('never overlaps and never spans a line break', () => {
    const text = ':put "a\\\n    b $x"\n:if ($x) do={\n  :put [:pick "abc" 1]\n}';
    const toks = getSemanticTokens({ text, parse: lintText(text).parse });
    for (let i = 0; i < toks.length; i++) {
      assert.ok(!/[\r\n]/.test(text.slice(toks[i].start, toks[i].end)));
      if (i > 0) assert.ok(toks[i].start >= toks[i - 1].end);
    }
  });

  it('limits work to a range', () => {
    const text = ':put 1\n:put 2\n:put 3';
    const all = getSemanticTokens({ text, parse: lintText(text).parse });
    const some = getSemanticTokens({ text, parse: lintText(text).parse }, { start: 7, end: 13 });
    assert.ok(some.length < all.length && some.length > 0);
  });
});
