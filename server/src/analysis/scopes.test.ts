// Tests for the scope model: which declaration each variable use resolves to, under RouterOS scoping.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../syntax';
import { analyzeScopes, occurrences, symbolAt, visibleAt, type Reference, type ScopeModel } from './scopes';

function model(text: string): ScopeModel {
  return analyzeScopes(parse(text).root);
}

/** The references named `name`, in order, as "status:declLine" strings for compact assertions. */
function refs(text: string, name: string): { status: string; decl?: string; kind: string }[] {
  const m = model(text);
  return m.references
    .filter((r) => r.name === name)
    .map((r: Reference) => ({
      status: r.status,
      kind: r.kind,
      ...(r.declaration ? { decl: `${r.declaration.kind}@${r.declaration.nameStart}` } : {}),
    }));
}

describe('analyzeScopes', () => {
  it('resolves locals to their declaration, only after it', () => {
    const t = ':put $x; :local x 5; :put $x';
    const m = model(t);
    const decl = m.declarations.find((d) => d.name === 'x');
    assert.ok(decl);
    assert.equal(decl.kind, 'local');
    assert.equal(t.slice(decl.nameStart, decl.nameEnd), 'x');
    const r = m.references.filter((x) => x.name === 'x');
    assert.equal(r[0].status, 'undeclared');
    assert.equal(r[1].status, 'declared');
    assert.equal(r[1].declaration, decl);
    assert.equal(t.slice(r[1].start, r[1].end), 'x');
    assert.deepEqual(decl.references, [r[1]]);
  });

  it('keeps locals inside their block', () => {
    const t = '{ :local a 1; :put $a }; :put $a';
    const r = refs(t, 'a');
    assert.equal(r[0].status, 'declared');
    assert.equal(r[1].status, 'undeclared');
  });

  it('lets inner blocks see outer locals and shadow them', () => {
    const t = ':local a 1; { :put $a; :local a 2; :put $a }; :put $a';
    const r = refs(t, 'a');
    assert.deepEqual(
      r.map((x) => x.decl),
      ['local@7', 'local@30', 'local@7'],
    );
  });

  it('declares loop variables in the loop body', () => {
    const t = ':for i from=1 to=3 do={ :put $i }; :foreach k,v in=$arr do={ :put "$k=$v" }; :put $i';
    const m = model(t);
    const loops = m.declarations.filter((d) => d.kind === 'loop').map((d) => d.name);
    assert.deepEqual(loops, ['i', 'k', 'v']);
    const rs = m.references.map((r) => `${r.name}:${r.status}`);
    assert.deepEqual(rs, ['i:declared', 'arr:undeclared', 'k:declared', 'v:declared', 'i:undeclared']);
  });

  it('declares the :onerror variable in its do={} body', () => {
    const t = ':onerror e in={ :error "x" } do={ :put $e }';
    const m = model(t);
    assert.equal(m.declarations[0].kind, 'error-var');
    assert.equal(m.references[0].status, 'declared');
  });

  it('treats undeclared names in a function body as parameters, never undeclared', () => {
    const t = ':local a 1\n:global f do={ :put ($1 + $x + $a) }\n$f 5 x=3';
    const m = model(t);
    const inBody = m.references.filter((r) => r.inFunction);
    assert.deepEqual(
      inBody.map((r) => `${r.name}:${r.status}`),
      ['1:param', 'x:param', 'a:param'],
    );
    // `a` is an outer local the body cannot see at run time: kept as a hint.
    assert.equal(inBody[2].outer?.name, 'a');
    const f = m.declarations.find((d) => d.name === 'f');
    assert.ok(f?.isFunction);
    assert.equal(f.calls.length, 1);
    assert.deepEqual(
      f.calls[0].namedArgs.map((a) => a.name),
      ['x'],
    );
    assert.equal(f.calls[0].positionalCount, 1);
    // The param `x` joins its use in the body and the named argument at the call.
    const x = inBody[1].declaration;
    assert.ok(x);
    assert.equal(x.kind, 'param');
    const occ = occurrences(m, x).map((o) => t.slice(o.start, o.end));
    assert.deepEqual(occ, ['x', 'x']);
  });

  it('function bodies see their own locals and :global imports', () => {
    const t = ':global g 1\n:local f do={ :global g; :local y 2; :put ($g + $y) }';
    const m = model(t);
    const r = m.references.map((x) => `${x.name}:${x.status}:${x.declaration?.kind}`);
    assert.deepEqual(r, ['g:declared:global', 'y:declared:local']);
  });

  it('marks a global used where it was not imported', () => {
    const t = ':global g 1\n:local f do={ :put $g }\n{ :put $h }\n:global h';
    const m = model(t);
    const r = m.references.map((x) => `${x.name}:${x.status}`);
    // In the body, `g` could be a parameter: the body rule wins.
    assert.deepEqual(r, ['g:param', 'h:global-elsewhere']);
  });

  it('joins all :global declarations of one name', () => {
    const t = ':global g 1\n:local f do={ :global g; :put $g }\n:put $g';
    const m = model(t);
    const g = m.declarations[0];
    const occ = occurrences(m, g).map((o) => o.start);
    assert.equal(occ.length, 4);
  });

  it('records :set as a write to the visible declaration', () => {
    const t = ':local n 0; :set n ($n + 1); :set q 1';
    const m = model(t);
    const w = m.references.filter((r) => r.kind === 'write');
    assert.equal(w[0].status, 'declared');
    assert.equal(w[1].status, 'undeclared');
  });

  it('$0..$9 outside functions are positional, never undeclared', () => {
    const r = refs(':put $1; :put $0', '1');
    assert.equal(r[0].status, 'positional');
  });

  it('finds variables inside string interpolations', () => {
    const t = ':local a 1; :local b 2; :put "v=$a $b $[:pick $a 0] $($b + 1)"';
    const m = model(t);
    const r = m.references.map((x) => `${x.name}:${x.status}:${t.slice(x.start, x.end)}`);
    assert.deepEqual(r, ['a:declared:a', 'b:declared:b', 'a:declared:a', 'b:declared:b']);
  });

  it('quoted names and calls', () => {
    const t = ':local "my-var" 1; :put $"my-var"; $"my-var"';
    const m = model(t);
    assert.equal(m.declarations[0].name, 'my-var');
    assert.equal(t.slice(m.declarations[0].nameStart, m.declarations[0].nameEnd), 'my-var');
    assert.equal(m.references.length, 2);
    assert.ok(m.references.every((r) => r.status === 'declared'));
    assert.equal(m.references[1].kind, 'call');
  });

  it('symbolAt finds declarations and references, also at the end of a name', () => {
    const t = ':local abc 1; :put $abc';
    const m = model(t);
    const atDecl = symbolAt(m, t.indexOf('abc') + 1);
    assert.equal(atDecl?.declaration?.name, 'abc');
    assert.equal(atDecl?.reference, undefined);
    const atRef = symbolAt(m, t.length);
    assert.equal(atRef?.reference?.name, 'abc');
    assert.equal(atRef?.declaration, m.declarations[0]);
    assert.equal(symbolAt(m, 2), undefined);
  });

  it('visibleAt lists the names in scope', () => {
    const t = ':local a 1\n{ :local b 2\n  :put 1 }\n:local f do={ :local c 3; :put 1 }';
    const m = model(t);
    const at = (s: string, nth = 0): string[] => {
      let i = -1;
      for (let k = 0; k <= nth; k++) i = t.indexOf(s, i + 1);
      return visibleAt(m, i)
        .map((d) => d.name)
        .sort();
    };
    assert.deepEqual(at(':put 1'), ['a', 'b']);
    assert.deepEqual(at(':put 1', 1), ['c']);
  });

  it('does not fail on broken code', () => {
    for (const t of [
      ':local',
      ':set',
      ':for do={',
      ':foreach in=',
      '$',
      ':local f do={ $',
      '"$[',
      ':global "',
    ]) {
      const m = model(t);
      assert.ok(m.scopes.length >= 1, t);
    }
  });

  it('is linear in the input', () => {
    const line = ':local x 1; { :local y $x; :put "$y $x" }; :global g do={ :put $1 }\n';
    const small = model(line.repeat(100)).steps;
    const big = model(line.repeat(1000)).steps;
    assert.ok(big <= small * 11, `${small} -> ${big}`);
  });

  it('does not visit literal values that cannot name a variable', () => {
    // An export: many arguments per line, none of them able to hold `$name`.
    const line =
      'add action=accept chain=forward comment="plain text" dst-port=80 protocol=tcp src-address=10.0.0.1\n';
    const m = model(`/ip firewall filter\n${line.repeat(500)}`);
    assert.equal(m.references.length, 0);
    // One step per statement (and the script), not one per argument and value.
    assert.ok(m.steps <= 510, `${m.steps} steps`);
    // Strings with `$` are still read, in every argument position.
    const refs = model(':local a 1\n:put "x$a" "$a"; :log info message="v=$a"').references;
    assert.deepEqual(
      refs.map((r) => [r.name, r.status]),
      [
        ['a', 'declared'],
        ['a', 'declared'],
        ['a', 'declared'],
      ],
    );
  });
});
