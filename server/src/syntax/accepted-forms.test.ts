// Forms of the language RouterOS 7.22.1's `:parse` accepts that the parser once rejected (issue 18), each
// written as a rule and tested with near misses on both sides, plus "one cause, one error": a statement
// reports only its first syntax error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, type CommandNode, type CommandOracle, type Node, type Statement, walk } from './index';

/** The syntax errors of `text` as `code@start..end`. */
function errors(text: string): string[] {
  return parse(text).errors.map((e) => `${e.code}@${e.start}..${e.end}`);
}

/** The first command node in `text` (pre-order) that satisfies `pick`. */
function command(text: string, pick: (c: CommandNode) => boolean = () => true): CommandNode {
  const r = parse(text);
  let found: CommandNode | undefined;
  walk(r.root, (n: Node) => {
    if (!found && n.kind === 'command' && pick(n)) found = n;
  });
  assert.ok(found, `no command in ${JSON.stringify(text)}`);
  return found;
}

function accepts(text: string): void {
  assert.deepEqual(errors(text), [], text);
}

// ---- calling any value that yields a function --------------------------------------------------------

test('a parenthesised value followed by arguments is a call of that value', () => {
  const text = ':put [($Fns->"hello") "world" prefix=x]';
  accepts(text);
  const call = command(text, (c) => c.callee !== undefined);
  assert.equal(call.callee?.kind, 'paren');
  assert.deepEqual(
    call.args.map((a) => a.kind + (a.kind === 'namedArg' ? ':' + a.name : '')),
    ['positionalArg', 'namedArg:prefix'],
  );
  accepts(':put [($obj->$key->"validate") $ans]');
});

test('a substitution followed by arguments is a call of its value', () => {
  const text = ':put [[:parse ":return \\$Text"] Text="hi"]';
  accepts(text);
  const call = command(text, (c) => c.callee !== undefined);
  assert.equal(call.callee?.kind, 'substitution');
  assert.equal(call.name, '$');
});

test('a call of a value as a statement may continue over lines', () => {
  const text = '($Fns->$Name) \\\n    ("\\$Fns->\\"" . $Name . "\\"") \\\n    $Msg;\n:put x\n';
  accepts(text);
  const r = parse(text);
  assert.equal(r.root.statements.length, 2);
  const call = r.root.statements[0] as CommandNode;
  assert.equal(call.kind, 'command');
  assert.equal(call.callee?.kind, 'paren');
  assert.equal(call.args.length, 2);
});

test('a value without arguments stays an expression statement', () => {
  const r = parse('[:put a]\n($x);\n');
  assert.deepEqual(
    r.root.statements.map((s: Statement) => s.kind),
    ['exprStatement', 'exprStatement'],
  );
  assert.deepEqual(r.errors, []);
});

test('near miss: arguments must be separated from the called value by white space', () => {
  // A regular expression pasted as a script: RouterOS fails at the `{` (line 5 column 6 in the corpus).
  assert.deepEqual(errors('[0-9]{1,3}'), ['RSC1004@5..10']);
  assert.deepEqual(errors('($f)"a"'), ['RSC1004@4..7']);
});

// ---- a word naming an argument of a global command takes the next value ------------------------------

test('`:foreach x in $list do={}`: `in` takes the next value', () => {
  const text = ':foreach item in $items do={ :put $item }';
  accepts(text);
  const c = command(text);
  assert.equal(c.control?.in?.kind, 'variable');
  assert.equal(c.control?.do?.kind, 'code');
  assert.deepEqual(
    c.control?.variables?.map((v) => v.text),
    ['item'],
  );
});

test('`:for i from 1 to 3 do={}`, `:do {} while ()`, `:do {} on-error {}`, `} else {`', () => {
  const f = command(':for i from 1 to 3 do={ :put $i }');
  assert.equal(f.control?.from?.kind === 'literal' && f.control.from.text, '1');
  assert.equal(f.control?.to?.kind === 'literal' && f.control.to.text, '3');
  accepts(':for i from 1 to 3 step 1 do={ :put $i }');
  const w = command(':do { :put a } while ($x < 3)');
  assert.equal(w.control?.while?.kind, 'paren');
  assert.equal(w.control?.do?.kind, 'code');
  const e = command(':do { :put a } on-error { :put b }');
  assert.equal(e.control?.onError?.kind, 'code');
  const i = command(':if ($x) do={ :put a } else { :put b }');
  assert.equal(i.control?.else?.kind, 'code');
  for (const t of [
    ':do { :put a } while ($x < 3)',
    ':do { :put a } on-error { :put b }',
    ':if ($x) do={ :put a } else { :put b }',
    ':if ($x) do { :put a }',
    ':foreach k,v in={1;2} do { :put $k }',
  ])
    accepts(t);
});

test('near miss: a word the command has no argument for is still an unnamed value', () => {
  // bash's `for x in a b; do`: `:for` has no `in`, so `in` is a second unnamed value.
  assert.deepEqual(errors('for x in a b; do\n'), ['RSC1004@6..8']);
  assert.deepEqual(errors(':for i in $list do={}'), ['RSC1004@7..9']);
  // `:foreach` takes one unnamed value: `b` is one too many.
  assert.deepEqual(errors(':foreach x in a b do={}'), ['RSC1004@16..17']);
});

test('near miss: the variable name of a declaring command is never an argument name', () => {
  const l = command(':local value 5');
  assert.equal(l.args.length, 2);
  assert.equal(l.args[0].kind, 'positionalArg');
  accepts(':local value 5\n:put $value');
  accepts(':local name 1; :set name 2; :local do 3; :set do ($do + 1)');
  assert.equal(command(':local name 1; :set name 2', (c) => c.name === 'set').args[0].kind, 'positionalArg');
  // Nothing after the word: it is a value (`:put do`).
  accepts(':put do');
  assert.equal(command(':put do').args[0].kind, 'positionalArg');
});

// ---- IPv6 literals ------------------------------------------------------------------------------------

test('an IPv6 address is a value, also when it starts with `::`', () => {
  for (const [text, type] of [
    [':local One ::1', 'ip6'],
    [':local Net 2001:db8::/32', 'ip6Prefix'],
    [':local Any ::/0', 'ip6Prefix'],
    [':local Zero ::', 'ip6'],
  ] as const) {
    accepts(text);
    const v = command(text).args[1];
    assert.ok(v.kind === 'positionalArg' && v.value.kind === 'literal', text);
    assert.equal(v.value.type, type, text);
  }
});

test('near miss: an argument still may not start with a single `:`', () => {
  assert.deepEqual(errors(':put :a'), ['RSC1004@5..6']);
  assert.deepEqual(errors(':put :1'), ['RSC1004@5..6']);
  assert.deepEqual(errors(':put ::x'), ['RSC1004@5..6']);
});

// ---- `where` ------------------------------------------------------------------------------------------

test('`where` is an ordinary word outside a menu command', () => {
  accepts(':local where ""');
  const l = command(':local where ""');
  assert.equal(l.args[0].kind, 'positionalArg');
  // In a menu command it starts a query, as before.
  const p = command('/ip address print where disabled');
  assert.equal(p.args[0].kind, 'where');
});

test('near miss: `:find where name=x` fails at the argument `:find` lacks', () => {
  // RouterOS: "expected end of command" on this line (corpus: `[:find where name="loopback"]`).
  assert.deepEqual(errors(':put [:find where name=x]'), ['RSC1004@18..24']);
});

// ---- one cause, one error -----------------------------------------------------------------------------

test('a statement reports only its first syntax error; recovery keeps enclosing brackets', () => {
  const text = ':if ([ :put @ ] = false) do={ :put a }\n:put b\n';
  assert.deepEqual(errors(text), ['RSC1004@12..13']);
  // Recovery stopped at the `]`: the rest of the `:if` is read, its body included.
  assert.ok(command(text, (c) => c.name === 'put' && c.start > 20 && c.start < 40));
});

test('recovery reads a continued line as part of the command, with LF or CR LF', () => {
  for (const eol of ['\n', '\r\n']) {
    const text = `:put @ \\${eol} x\\${eol} y${eol}:put $z @${eol}`;
    assert.deepEqual(
      parse(text).errors.map((e) => text.slice(e.start, e.end)),
      ['@', '@'],
      JSON.stringify(eol),
    );
    assert.equal(parse(text).root.statements.length, 2, JSON.stringify(eol));
  }
});

test('independent statements keep their own errors', () => {
  assert.deepEqual(errors(':put @\n:put @\n'), ['RSC1004@5..6', 'RSC1004@12..13']);
  assert.deepEqual(errors('{ :put @; :put @ }'), ['RSC1004@7..8', 'RSC1004@15..16']);
});

test('an unclosed bracket after a first error in the same statement is not reported again', () => {
  assert.deepEqual(errors(':put (1 + [:len'), ['RSC1003@15..15']);
  assert.deepEqual(errors(':put [ x@ ( \n:put c\n'), ['RSC1004@8..9']);
});

// ---- menus the command tree lacks ---------------------------------------------------------------------

/** An oracle over a small tree; `board` adds the RouterBOARD-only `/system routerboard settings`. */
function oracle(board: boolean): CommandOracle {
  const tree: Record<string, string[]> = {
    '': ['system'],
    system: board ? ['identity', 'routerboard'] : ['identity'],
    'system/identity': ['get'],
    'system/routerboard': ['settings'],
    'system/routerboard/settings': ['get'],
  };
  return (menu, word) => {
    const key = menu.join('/');
    if (!(tree[key] ?? []).includes(word)) return 'unknown';
    return tree[`${key}${key ? '/' : ''}${word}`] ? 'menu' : 'command';
  };
}

test('a slash path through a menu the router lacks fails once, at the `/` (RouterOS 7.22.1 on x86)', () => {
  // The corpus router rejects `/system/routerboard/print` at the `/` after `routerboard` (x86 has no such
  // menu): the unknown word is a command, and a command word must be followed by white space.
  const text = ':if ([ /system/routerboard/settings/get silent-boot ] = false) do={ :put a }\n';
  const x86 = parse(text, { commandOracle: oracle(false) });
  assert.deepEqual(
    x86.errors.map((e) => `${e.code}@${e.start}`),
    ['RSC1004@26'],
  );
  // Where the tree has the menu (a RouterBOARD), the same line parses.
  assert.deepEqual(parse(text, { commandOracle: oracle(true) }).errors, []);
  // The space-separated form parses on both: an unknown command, which fails only when run.
  const spaced = parse('/system routerboard settings set auto-upgrade=yes\n', {
    commandOracle: oracle(false),
  });
  assert.deepEqual(spaced.errors, []);
});
