// The scope model keeps each top-level statement's scopes, declarations and references across edits (see
// StatementScopes in scopes.ts). That must never change the model: after each of hundreds of seeded edits
// (lines of scripts with locals, globals, functions, `:set f do={...}`, loops, parameters, calls and
// interpolated strings, typed, deleted and altered character by character, quotes and brackets included),
// the model of the incrementally re-parsed tree equals the model of a fresh parse, and so do RSC2005/RSC2006,
// hover's symbol and the references of every name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { prng } from '../../../test/prng';
import { parse, reparse, type ParseResult } from '../syntax';
import { lintText } from '../lint';
import { AnalysisCache } from '../lsp/documents';
import {
  analyzeScopes,
  occurrences,
  releaseScopeModel,
  scopeModel,
  symbolAt,
  usesOf,
  READ_USED,
  USED,
  type Declaration,
  type ScopeModel,
} from './scopes';

const LINES = [
  ':local a 1',
  ':local b "x$a"',
  ':global g 5',
  ':global f do={ :return ($1 + $n + $a) }',
  ':global f',
  ':local h do={ :global g; :put "$g $x" }',
  ':set h do={ :put $y }',
  ':set f do={ :put $z }',
  ':set a 2',
  ':put [$f n=3 7]',
  '$h x=1',
  ':put "$a $[:tostr $b] $($g + 1)"',
  ':foreach k,v in=$arr do={ :put "$k=$v $a" }',
  ':for i from=1 to=$a do={ :local a $i; :put $a }',
  ':onerror e in={ :error $b } do={ :put $e }',
  '{ :local a 3; :put $a; :set b $a }',
  ':if ($a > 1) do={ :local c $a } else={ :put $c }',
  ':put $undeclared',
  ':local unused 1',
  ':put $0 $1',
  '/ip address add address=192.0.2.1/24 interface=ether1 comment=$b',
  '/ip firewall filter',
  'add chain=forward action=accept',
  ':local p [:parse ":put 1"]',
  ':put $"a"',
  ':global k',
  ':set k do={ :put "$w $a" }',
  ':put [$k w=1]',
  ':local a 7',
];

/** The model as plain data: objects by id, so two models built from different trees can be compared. */
function plain(m: ScopeModel): unknown {
  // By id, and only if it is the model's own object (a declaration left over from an older model is not).
  const id = (d: Declaration | undefined): number | string | undefined =>
    d === undefined ? undefined : m.declarations[d.id] === d ? d.id : `stale ${d.id}`;
  return {
    steps: m.steps,
    scopes: m.scopes.map((s) => ({
      id: s.id,
      kind: s.kind,
      parent: s.parent,
      start: s.start,
      end: s.end,
      context: s.context,
    })),
    declarations: m.declarations.map((d) => ({
      id: d.id,
      name: d.name,
      kind: d.kind,
      nameStart: d.nameStart,
      nameEnd: d.nameEnd,
      scope: d.scope,
      visibleFrom: d.visibleFrom,
      command: d.command ? [d.command.start, d.command.end] : undefined,
      functionBody: d.functionBody ? [d.functionBody.start, d.functionBody.end] : undefined,
      isFunction: d.isFunction,
      paramOf: id(d.paramOf),
      calls: d.calls.map((c) => ({
        command: [c.command.start, c.command.end],
        namedArgs: c.namedArgs,
        positionalCount: c.positionalCount,
      })),
      references: d.references.map((r) => m.references.indexOf(r)),
    })),
    references: m.references.map((r) => ({
      name: r.name,
      start: r.start,
      end: r.end,
      kind: r.kind,
      status: r.status,
      declaration: id(r.declaration),
      scope: r.scope,
      inFunction: id(r.inFunction),
      outer: id(r.outer),
    })),
  };
}

/** Hover's symbol and the references of it, at every offset of the text. */
function navigation(m: ScopeModel, length: number): unknown[] {
  const out: unknown[] = [];
  for (let o = 0; o <= length; o++) {
    const s = symbolAt(m, o);
    if (!s) continue;
    const d = s.declaration;
    out.push([o, s.name, s.start, s.end, d?.id, d ? occurrences(m, d) : undefined]);
  }
  return out;
}

test('scope memo: the model after each of 400 seeded edits equals a fresh analysis', () => {
  const r = prng(2205);
  const pick = (): string => LINES[Math.floor(r() * LINES.length)];
  const fresh40 = (): string => Array.from({ length: 40 }, pick).join('\n') + '\n';
  let text = fresh40();
  let p: ParseResult = parse(text);
  scopeModel(p.root);
  const seen = new WeakSet<object>(p.root.statements);
  let reused = 0;
  for (let i = 0; i < 400; i++) {
    if (i % 50 === 49) {
      // A new document now and then: random deletions wear the scripts down to a few long statements.
      text = fresh40();
      p = parse(text);
      scopeModel(p.root);
      for (const s of p.root.statements) seen.add(s);
    }
    const kind = r();
    let next: string;
    const at = Math.floor(r() * (text.length + 1));
    if (kind < 0.25) {
      const ls = text.lastIndexOf('\n', at - 1) + 1;
      next = text.slice(0, ls) + pick() + '\n' + text.slice(ls);
    } else if (kind < 0.45) {
      const ls = text.lastIndexOf('\n', at - 1) + 1;
      const le = text.indexOf('\n', at);
      next = text.slice(0, ls) + (le < 0 ? '' : text.slice(le + 1));
    } else if (kind < 0.75) {
      // Openers and closers now and then: an unclosed one takes in the rest of the file until deleted.
      const typed =
        r() < 0.15
          ? ['"', '[', ']', '{', '}', '('][Math.floor(r() * 6)]
          : ['x', 'a', '$', ' ', ';', '\n', '1'][Math.floor(r() * 7)];
      next = text.slice(0, at) + typed + text.slice(at);
    } else next = text.slice(0, at) + text.slice(at + 1);
    p = reparse(p, text, next);
    text = next;
    const memo = scopeModel(p.root);
    const fresh = analyzeScopes(parse(text).root);
    // Statements of any earlier version (a re-parse may take them back from an older parse).
    if (p.root.statements.some((s) => seen.has(s))) reused++;
    for (const s of p.root.statements) seen.add(s);
    const where = `after edit ${i + 1}:\n${text}`;
    assert.deepStrictEqual(plain(memo), plain(fresh), where);
    // RSC2006's one pass says what each declaration's references say.
    const uses = usesOf(memo);
    assert.deepStrictEqual(
      memo.declarations.map((d) => uses[d.id]),
      memo.declarations.map((d) =>
        d.references.length === 0
          ? 0
          : d.references.some((x) => x.kind !== 'write')
            ? USED | READ_USED
            : USED,
      ),
      where,
    );
    if (i % 4 === 0)
      assert.deepStrictEqual(navigation(memo, text.length), navigation(fresh, text.length), where);
  }
  // Only worth something if most versions took statements back from the one before.
  assert.ok(reused > 200, `statements reused on ${reused} of 400 edits`);
});

test('scope memo: RSC2005/RSC2006 through the analysis cache equal a fresh lint after 300 edits', () => {
  const r = prng(2206);
  const pick = (): string => LINES[Math.floor(r() * LINES.length)];
  const start: string[] = [];
  for (let i = 0; i < 40; i++) start.push(pick());
  const cache = new AnalysisCache();
  let doc = TextDocument.create('file:///s.rsc', 'routeros', 1, start.join('\n') + '\n');
  cache.get(doc);
  const scopeCodes = (ds: readonly { code: string }[]) =>
    ds.filter((d) => d.code === 'RSC2005' || d.code === 'RSC2006');
  let found = 0;
  for (let i = 0; i < 300; i++) {
    const lines = doc.getText().split('\n');
    const at = Math.floor(r() * lines.length);
    const c = Math.floor(r() * (lines[at].length + 1));
    const p = { line: at, character: c };
    const kind = r();
    let range = { start: p, end: p };
    let typed = '';
    if (kind < 0.3) {
      range = { start: { line: at, character: 0 }, end: { line: at, character: 0 } };
      typed = pick() + '\n';
    } else if (kind < 0.6) typed = ['x', 'a', '$', '"', '{', '}', ' '][Math.floor(r() * 7)];
    else range = { start: p, end: { line: at, character: Math.min(lines[at].length, c + 1) } };
    doc = TextDocument.update(doc, [{ range, text: typed }], doc.version + 1);
    const a = cache.get(doc);
    const fresh = scopeCodes(lintText(doc.getText()).diagnostics);
    found += fresh.length;
    assert.deepStrictEqual(scopeCodes(a.lint.diagnostics), fresh, `after edit ${i + 1}:\n${doc.getText()}`);
  }
  assert.ok(found > 300, `RSC2005/RSC2006 findings: ${found}`);
});

test('scope memo: statements using a name re-declared by an edited statement are pointed at the new one', () => {
  // Each edit re-walks the first statement (a new declaration object); the others are taken back and
  // must use the new declaration: as a function made by `:set`, as the outer local of a function body,
  // as the declaration of a read.
  const cases: [string, string][] = [
    [':global k\n:set k do={ :put 1 }\n:put [$k]\n', ':global k \n:set k do={ :put 1 }\n:put [$k]\n'],
    [':local a 1\n:global f do={ :put $a }\n$f\n', ':local a 12\n:global f do={ :put $a }\n$f\n'],
    [':local a 1\n:put $a\n:set a 2\n', ':local  a 1\n:put $a\n:set a 2\n'],
  ];
  for (const [before, after] of cases) {
    const p = parse(before);
    scopeModel(p.root);
    const q = reparse(p, before, after);
    assert.ok(
      q.root.statements.slice(1).every((s) => p.root.statements.includes(s)),
      'the statements after the first are taken back',
    );
    assert.deepStrictEqual(plain(scopeModel(q.root)), plain(analyzeScopes(parse(after).root)), after);
  }
});

test('scope memo: releaseScopeModel lets go of the model and its records; the next scopeModel builds it anew', async () => {
  // A full collection on demand (the flag is read when gc is first asked for).
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const r = prng(2207);
  const text = Array.from({ length: 60 }, () => LINES[Math.floor(r() * LINES.length)]).join('\n') + '\n';
  const p = parse(text);
  // Weak references to the model and to objects of each kind in it, made in a function so that no
  // local of the test holds them.
  const watch = (): WeakRef<object>[] => {
    const m = scopeModel(p.root);
    assert.ok(m.references.length > 20 && m.declarations.length > 10 && m.scopes.length > 5);
    // The editor's index on the model, and the records' lists, are made too.
    symbolAt(m, m.references[0].start);
    void m.declarations[0].references;
    return [m, m.scopes[m.scopes.length - 1], m.declarations[0], m.references[m.references.length - 1]].map(
      (o) => new WeakRef(o),
    );
  };
  // A WeakRef keeps its object alive until the end of the job that made or read it.
  const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  const kept = watch();
  await settle();
  gc();
  assert.ok(
    kept.every((w) => w.deref() !== undefined),
    'without a release the tree keeps the model (else the check below proves nothing)',
  );
  await settle();
  releaseScopeModel(p.root);
  const again = scopeModel(p.root);
  assert.notEqual(again, kept[0].deref(), 'built anew');
  assert.deepStrictEqual(plain(again), plain(analyzeScopes(parse(text).root)));
  await settle();
  gc();
  assert.deepStrictEqual(
    kept.map((w) => w.deref() === undefined),
    [true, true, true, true],
    'nothing of the released model is reachable from the tree (nor from the new model)',
  );
  // The tree itself is untouched and still works with the new model.
  assert.ok(scopeModel(p.root) === again);
});
