// Tests for the shared schema view: the memos and shared records it uses to stay cheap on big exports
// give the same answers as looking every name up afresh, and the shortcuts the rules take (no value check
// for types that accept anything, no RSC2007 walk without abbreviations) are sound.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse, type NamedArg } from '../../syntax';
import { loadSchema, parseTarget, validateValue, type SchemaNode, type ValueType } from '../../schema';
import { schemaOracle } from '../oracle';
import { lookupChild, schemaView, type SchemaView } from './schema-resolve';
import { acceptsAnything, valueProblems } from './value-checks';

function view(text: string): SchemaView {
  return schemaView(parse(text, { commandOracle: schemaOracle }));
}

// Consecutive commands with the same argument names under different commands and menus, abbreviations,
// unknown and ambiguous names, positional arguments and a command path: every case the memo must tell
// apart from the previous command.
const script = `/ip firewall filter
add action=accept chain=forward comment="a"
add action=accept chain=forward comment="b"
/ip firewall nat
add action=accept chain=forward comment="c"
add action=masquerade chain=srcnat to-addresses=10.0.0.1
add act=accept cha=forward bogus=1
add action=accept chain=forward comment="d"
/ip fire filter add action=drop chain=input
/ip firewall address-list
add address=10.0.0.1 list=l
add list=l address=10.0.0.2
add address=10.0.0.3 list=l
add address=10.0.0.4 list=$l
add address=10.0.0.5 list=l
add address=10.0.0.6 lis=l
:put "x"
:put "y"
/interface
set ether1 name=wan
set [find] name=lan
`;

describe('schemaView', () => {
  it('resolves every argument as a fresh lookup would, though lookups are shared between commands', () => {
    const v = view(script);
    let checked = 0;
    for (const c of v.commands) {
      assert.equal(c.argLookups.length === 0 || c.argLookups.length === c.cmd.args.length, true);
      const command = c.name.node;
      c.cmd.args.forEach((a, i) => {
        if (a.kind !== 'namedArg' || !command || command.kind !== 'command') return;
        const fresh = lookupChild(command, a.name);
        const got = c.argLookups[i];
        assert.equal(got.node, fresh.node, a.name);
        assert.equal(got.abbreviated, fresh.abbreviated, a.name);
        assert.equal(got.ambiguous, fresh.ambiguous, a.name);
        checked++;
      });
      // The `args` records agree with the lookups.
      const named = c.cmd.args.filter((a): a is NamedArg => a.kind === 'namedArg');
      const args = c.args;
      if (command && command.kind === 'command') {
        assert.deepEqual(
          args.map((a) => [a.arg, a.name.written, a.name.start, a.name.end, a.name.node]),
          named.map((a) => [a, a.name, a.nameStart, a.nameEnd, lookupChild(command, a.name).node]),
        );
      } else assert.deepEqual(args, []);
    }
    assert.ok(checked >= 28, `${checked} arguments checked`);
    // The nat rule's `to-addresses=` is known although the filter section before it has no such argument,
    // and the abbreviated names resolve.
    const names = v.commands.flatMap((c) =>
      c.args.map((a) => `${a.name.written}:${a.name.node?.name ?? '-'}`),
    );
    assert.ok(names.includes('to-addresses:to-addresses'));
    assert.ok(names.includes('act:action'));
    assert.ok(names.includes('bogus:-'));
  });

  it('shares one lookup array between commands that name the same arguments of the same command', () => {
    const line = 'add action=accept chain=forward comment="x" protocol=tcp\n';
    const v = view(`/ip firewall filter\n${line.repeat(200)}/ip firewall nat\n${line.repeat(200)}`);
    const arrays = new Set(v.commands.map((c) => c.argLookups));
    // One for the filter rules and one for the nat rules: `add` is a different command node in each menu.
    assert.equal(arrays.size, 2);
  });

  it('resolves command words as a fresh view of each command alone would', () => {
    const v = view(script);
    for (const c of v.commands) {
      const alone = view(
        `${c.cmd.menu.length ? `/${c.cmd.menu.join(' ')}\n` : ''}${script.slice(c.cmd.start, c.cmd.end)}`,
      );
      const same = alone.commands[0];
      assert.equal(same.name.node, c.name.node, c.name.written);
      assert.equal(same.name.ambiguous, c.name.ambiguous, c.name.written);
      assert.equal(same.menu, c.menu, c.name.written);
    }
  });

  it('counts exactly the abbreviated names', () => {
    for (const text of [
      script,
      '/ip firewall filter\nadd action=accept chain=forward\n',
      '/sys ide set name=x\n',
    ]) {
      const v = view(text);
      let n = 0;
      for (const p of v.paths) for (const s of p.segments) if (s.abbreviated) n++;
      for (const c of v.commands) {
        for (const s of c.path?.segments ?? []) if (s.abbreviated) n++;
        if (c.name.abbreviated) n++;
        for (const a of c.args) if (a.name.abbreviated) n++;
      }
      assert.equal(v.abbreviations, n, text);
    }
    assert.ok(view(script).abbreviations >= 3);
    assert.equal(view('/ip firewall filter\nadd action=accept chain=forward\n').abbreviations, 0);
  });
});

describe('value checks', () => {
  it('checks arguments kept as numbers without their nodes, and reports a bad one as written', () => {
    // Lines whose arguments are all `name=word` or `name="plain"` (MenuCommand.argsStored), among others.
    const text =
      '/ip firewall filter\nadd action=accept chain=forward comment="ok"\nadd action=acept chain=forward\n' +
      'add action=accept chain=forward comment="x$y"\nadd action="dorp" chain=forward\nadd action=$a chain=input\n';
    const p = parse(text, { commandOracle: schemaOracle });
    const problems = valueProblems(p, parseTarget('latest'));
    assert.deepEqual(
      problems.map((x) => [x.arg.name.written, x.value, text.slice(x.start, x.end), x.bare]),
      [
        ['action', 'acept', 'acept', true],
        ['action', 'dorp', '"dorp"', false],
      ],
    );
  });

  it('skips only types whose every value is valid', () => {
    const latest = parseTarget('latest');
    const types = new Set<ValueType>();
    const stack: SchemaNode[] = [loadSchema().root];
    while (stack.length > 0) {
      const n = stack.pop() as SchemaNode;
      if (n.kind === 'arg') types.add(n.typeIn(latest));
      else stack.push(...n.children());
    }
    const samples = [
      '',
      'x',
      'no-such-value',
      '!',
      '999999999999',
      '1.2.3.4.5',
      '-',
      ',',
      'a,b',
      'ff:zz',
      '"q"',
    ];
    let skipped = 0;
    for (const t of types) {
      if (!acceptsAnything(t)) continue;
      skipped++;
      for (const s of samples) assert.ok(validateValue(t, s).ok, `${JSON.stringify(t)} ${s}`);
    }
    assert.ok(skipped > 5, `${skipped} types skipped`);
    assert.equal(acceptsAnything({ kind: 'enum', values: ['a'] }), false);
    assert.equal(acceptsAnything({ kind: 'string', max: 3 }), false);
    assert.equal(acceptsAnything({ kind: 'negatable', inner: { kind: 'string' } }), true);
  });

  it('finds the same problems on a repeated line as on the line alone (valid values are memoised)', () => {
    const bad = 'add action=acept chain=forward protocol=tcp dst-port=70000 src-address=1.2.3.256\n';
    const good = 'add action=accept chain=forward protocol=tcp dst-port=80 src-address=1.2.3.4\n';
    const text = `/ip firewall filter\n${good}${bad}${good}${bad}`;
    const p = parse(text, { commandOracle: schemaOracle });
    const problems = valueProblems(p, parseTarget('latest')).map((x) => `${x.arg.name.written}=${x.value}`);
    assert.deepEqual(problems, [
      'action=acept',
      'dst-port=70000',
      'src-address=1.2.3.256',
      'action=acept',
      'dst-port=70000',
      'src-address=1.2.3.256',
    ]);
  });
});
