// The lint window by window (windowed.ts) must say exactly what lintText says: same diagnostics, same
// order, same messages, fixes and related locations, whatever the window size. Small windows (one
// statement each) put a window boundary between every two top-level statements.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { rscSources } from '../../../test/rsc-sources';
import { parse, parseWindows, type ParseResult } from '../syntax';
import { lintText, lintWindowed, parseOptions, type LintOptions } from './index';

function same(text: string, options: LintOptions, windows: readonly number[], label = ''): void {
  const want = lintText(text, options).diagnostics;
  for (const w of windows)
    assert.deepEqual(lintWindowed(text, options, w), want, `${label} window ${w} ${JSON.stringify(options)}`);
}

describe('lintWindowed', () => {
  it('finds what lintText finds on every fixture, example and corpus script', () => {
    let files = 0;
    for (const { name, text } of rscSources(1, true)) {
      same(text, {}, [1, 300], name);
      same(text, { target: '6' }, [1], name);
      if (files % 7 === 0)
        same(text, { packages: 'base', target: '7.10', disabledRules: ['RSC2002'] }, [1], name);
      files++;
    }
    assert.ok(files > 50, `only ${files} scripts found`);
  });

  it('keeps the firewall model of commands inside functions and conditions', () => {
    // The shadowing rule of line 2 is conditional (inside :if), so it shadows nothing; the function's
    // rule is conditional too; the top-level accept shadows the drop after it. Kept as separate roots.
    const text = [
      ':if ($x = 1) do={ /ip firewall filter add chain=forward action=accept }',
      ':global AddRules do={',
      '  /ip firewall filter add chain=input action=accept',
      '  :put [/ip route get [find] gateway]',
      '}',
      '/ip firewall filter',
      'add chain=forward action=accept',
      'add chain=forward action=drop',
      '/ip firewall layer7-protocol add name=skype regexp="^..\\x02"',
      '/ip firewall filter add chain=forward layer7-protocol=skype action=drop',
      '',
    ].join('\n');
    const found = lintText(text).diagnostics.map((d) => d.code);
    assert.ok(found.includes('RSC4011'), `expected the shadowed drop, got ${found.join(' ')}`);
    same(text, {}, [1, 40, 100]);
  });

  it('carries what crosses windows: directives, unknown menu lines, v6 notes, variables', () => {
    const text = [
      ':global Late',
      '# rsc-disable-next-line RSC2005',
      ':put $undeclaredOne',
      ':put $undeclaredTwo',
      '# rsc-disable RSC2001',
      '/ip firewll mangle',
      'add chain=forward',
      'print',
      '# rsc-enable RSC2001',
      '/ip fire wall',
      'add chain=x',
      '/ip route add routing-mark=a gateway=1.1.1.1',
      '/ip route add routing-mark=b gateway=1.1.1.2',
      ':local unused 1',
      ':local used 2',
      ':put $used',
      ':put $Later',
      '{ :global Later 1 }',
      ':put [ :len "unclosed ]',
      ':global Late 2',
      '',
    ].join('\n');
    same(text, {}, [1, 20, 64]);
    same(text, { target: '6' }, [1, 20]);
  });

  it('returns the same for a broken, half-typed script', () => {
    for (const text of [
      ':',
      '{',
      ':if (',
      '"',
      '/ip firewall filter add chain=',
      ':foreach i in=[ do={',
      '}\n:put 1',
    ]) {
      same(text, {}, [1, 3]);
    }
  });
});

describe('parseWindows', () => {
  function windows(text: string, size: number): ParseResult[] {
    const out: ParseResult[] = [];
    parseWindows(text, parseOptions({}), size, (w) => out.push(w));
    return out;
  }

  it('gives the statements, tokens and errors of one parse, window by window', () => {
    const text =
      readFileSync('examples/skype-nack-qos.rsc', 'utf8') + '\n:put "open\n/ip address add address=1\n';
    const whole = parse(text, parseOptions({}));
    for (const size of [1, 50, 1000, text.length + 1]) {
      const ws = windows(text, size);
      assert.ok(size > text.length ? ws.length === 1 : ws.length > 1, `size ${size}: ${ws.length} windows`);
      assert.equal(ws[0].root.start, 0);
      assert.equal(ws[ws.length - 1].root.end, text.length);
      for (let i = 1; i < ws.length; i++) assert.equal(ws[i].root.start, ws[i - 1].root.end);
      const shape = (p: ParseResult[]) =>
        p.flatMap((w) => w.root.statements.map((s) => `${s.kind}:${s.start}-${s.end}`));
      assert.deepEqual(shape(ws), shape([whole]));
      assert.deepEqual(
        ws.flatMap((w) => w.tokens),
        whole.tokens,
      );
      assert.deepEqual(
        ws.flatMap((w) => w.errors),
        whole.errors,
      );
    }
  });

  it('hands over an empty text as one empty window', () => {
    const ws = windows('', 10);
    assert.equal(ws.length, 1);
    assert.equal(ws[0].root.statements.length, 0);
  });
});
