// Tests for comment directives: which diagnostics each form silences, and RSC1007 for unknown codes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../syntax';
import { applyDirectives, parseDirective } from './directives';
import type { Diagnostic } from './types';

const KNOWN = ['RSC2002', 'RSC2003', 'RSC4003'];

/** A fake diagnostic of `code` on every occurrence of `word` in `text`. */
function at(text: string, word: string, code: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1))
    out.push({ code, severity: 'warning', message: word, start: i, end: i + word.length });
  return out;
}

/** `code:word` of what survives the directives. */
function run(text: string, ds: Diagnostic[]): string[] {
  return applyDirectives(parse(text), text, ds, KNOWN).map((d) => `${d.code}:${text.slice(d.start, d.end)}`);
}

describe('parseDirective', () => {
  it('reads the kind, the codes and stops at the reason', () => {
    const d = parseDirective('# rsc-disable-next-line RSC2002,rsc2003 RSC4003 because it is intended', 10);
    assert.ok(d);
    assert.equal(d.kind, 'disable-next-line');
    assert.deepEqual(
      d.codes.map((c) => c.code),
      ['RSC2002', 'RSC2003', 'RSC4003'],
    );
    assert.equal(d.codes[0].start, 10 + '# rsc-disable-next-line '.length);
    assert.equal(parseDirective('#rsc-disable-file RSC2002', 0)?.kind, 'disable-file');
    assert.equal(parseDirective('# rsc-enable RSC2002', 0)?.kind, 'enable');
    assert.equal(parseDirective('# a plain comment about rsc-disable', 0), undefined);
    assert.equal(parseDirective('# rsc-disabled RSC2002', 0), undefined);
  });
});

describe('applyDirectives', () => {
  it('disable-next-line silences the listed codes on the next command only', () => {
    const text = '# rsc-disable-next-line RSC2002 reason\n/ip address add xx=1\n/ip address add xx=2';
    const ds = [
      ...at(text, 'xx=1', 'RSC2002'),
      ...at(text, 'xx=2', 'RSC2002'),
      ...at(text, 'xx=1', 'RSC2003'),
    ];
    assert.deepEqual(run(text, ds), ['RSC2003:xx=1', 'RSC2002:xx=2']);
  });

  it('covers the whole next command, continuation lines included', () => {
    const text = '# rsc-disable-next-line RSC2002\n/ip address add \\\n    xx=1 \\\n    yy=2\n:put zz';
    const ds = [...at(text, 'yy=2', 'RSC2002'), ...at(text, 'zz', 'RSC2002')];
    assert.deepEqual(run(text, ds), ['RSC2002:zz']);
  });

  it('works inside blocks', () => {
    const text =
      '{\n    # rsc-disable-next-line RSC2002\n    /ip address add xx=1\n    /ip address add yy=1\n}';
    const ds = [...at(text, 'xx=1', 'RSC2002'), ...at(text, 'yy=1', 'RSC2002')];
    assert.deepEqual(run(text, ds), ['RSC2002:yy=1']);
  });

  it('disable/enable silences a region; an unclosed disable runs to the end', () => {
    const text =
      ':put a1\n# rsc-disable RSC2002\n:put a2\n# rsc-enable RSC2002\n:put a3\n# rsc-disable RSC2002\n:put a4';
    const ds = ['a1', 'a2', 'a3', 'a4'].flatMap((w) => at(text, w, 'RSC2002'));
    assert.deepEqual(run(text, ds), ['RSC2002:a1', 'RSC2002:a3']);
  });

  it('disable-file silences a code everywhere, wherever the comment stands', () => {
    const text = ':put a1\n# rsc-disable-file RSC2002\n:put a2';
    const ds = [...['a1', 'a2'].flatMap((w) => at(text, w, 'RSC2002')), ...at(text, 'a1', 'RSC2003')];
    assert.deepEqual(run(text, ds), ['RSC2003:a1']);
  });

  it('reports unknown codes and empty directives as RSC1007 (information)', () => {
    const text = '# rsc-disable-next-line RSC9999,RSC2002\n:put a1\n# rsc-disable-file\n:put a2';
    const out = applyDirectives(parse(text), text, at(text, 'a1', 'RSC2002'), KNOWN);
    assert.deepEqual(
      out.map((d) => `${d.code}:${d.severity}:${text.slice(d.start, d.end)}`),
      ['RSC1007:information:RSC9999', 'RSC1007:information:# rsc-disable-file'],
    );
  });

  it('treats a code that was reported as known even if the list lacks it', () => {
    const text = '# rsc-disable-next-line RSC4999\n:put a1';
    assert.deepEqual(run(text, at(text, 'a1', 'RSC4999')), []);
  });

  it('leaves everything alone without directives', () => {
    const text = '# a comment\n:put a1';
    assert.deepEqual(run(text, at(text, 'a1', 'RSC2002')), ['RSC2002:a1']);
  });
});
