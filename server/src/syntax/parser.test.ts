// Parser tests: golden trees for every fixture in test/fixtures/syntax (rewrite with UPDATE_GOLDEN=1),
// plus the invariants: tokens cover the input exactly, parse never throws, and work is linear.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { prng } from '../../../test/prng';
import { plainTree } from '../../../test/plain-tree';
import {
  childrenOf,
  parse,
  findNodeAt,
  argValueText,
  walk,
  type Node,
  type ParseResult,
  type CommandOracle,
  type CommandNode,
  type LiteralNode,
  type NamedArg,
  reparse,
} from './index';
import { AtomNamedArg, MenuCommand } from './nodes';
import { classifyWord, isExprWordChar } from './words';

const fixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'syntax');

/** A readable dump of the tree: one node per line, indented, with its range and key facts. */
function dump(text: string, r: ParseResult): string {
  const lines: string[] = [];
  const visit = (n: Node, depth: number): void => {
    let extra = '';
    switch (n.kind) {
      case 'command':
        extra = ` ${n.isGlobal ? ':' : ''}${n.name} menu=/${n.menu.join('/')}`;
        if (n.control) extra += ` control=${Object.keys(n.control).sort().join(',')}`;
        break;
      case 'menu':
        extra = ` menu=/${n.menu.join('/')}`;
        break;
      case 'block':
        if (n.menu) extra = ` menu=/${n.menu.join('/')}`;
        break;
      case 'namedArg':
        extra = ` ${n.name}`;
        break;
      case 'literal':
        extra = ` ${n.type} ${JSON.stringify(n.type === 'string' ? n.string?.value : n.text)}`;
        break;
      case 'variable':
        extra = ` $${n.name}`;
        break;
      case 'binary':
      case 'unary':
        extra = ` ${JSON.stringify(n.operator)}`;
        break;
      case 'error':
        extra = ` ${JSON.stringify(n.message)}`;
        break;
      default:
        break;
    }
    lines.push(`${'  '.repeat(depth)}${n.kind} ${n.start}..${n.end}${extra}`);
    for (const c of childrenOf(n)) visit(c, depth + 1);
  };
  visit(r.root, 0);
  for (const e of r.errors) {
    lines.push(`! ${e.code} ${e.severity ?? 'error'} ${e.start}..${e.end} ${e.message}`);
  }
  void text;
  return lines.join('\n') + '\n';
}

const hasError = (r: ParseResult): boolean => r.errors.some((e) => (e.severity ?? 'error') === 'error');

function assertTokensCover(text: string, r: ParseResult): void {
  let at = 0;
  for (const t of r.tokens) {
    assert.equal(t.start, at, `token gap at ${at}`);
    assert.ok(t.end > t.start, 'empty token');
    at = t.end;
  }
  assert.equal(at, text.length);
  assert.equal(r.tokens.map((t) => text.slice(t.start, t.end)).join(''), text);
}

for (const dir of ['ok', 'err']) {
  const d = join(fixtures, dir);
  const files = existsSync(d) ? readdirSync(d).filter((f) => f.endsWith('.rsc')) : [];
  test(`golden fixtures in ${dir}/ exist`, () => assert.ok(files.length >= 8));
  for (const f of files) {
    test(`golden ${dir}/${f}`, () => {
      const text = readFileSync(join(d, f), 'utf8');
      const r = parse(text);
      assertTokensCover(text, r);
      assert.equal(hasError(r), dir === 'err', dir === 'ok' ? JSON.stringify(r.errors) : 'expected an error');
      const got = dump(text, r);
      const goldenPath = join(d, f.replace(/\.rsc$/, '.tree'));
      if (process.env.UPDATE_GOLDEN === '1' || !existsSync(goldenPath)) writeFileSync(goldenPath, got);
      assert.equal(got, readFileSync(goldenPath, 'utf8'));
    });
  }
}

test('effective menu follows menu lines, .. and block scope', () => {
  const r = parse('/ip firewall\nmangle add chain=x\n..\n{ /system\n print }\nprint\n');
  const cmds: string[] = [];
  walk(r.root, (n) => {
    if (n.kind === 'command') cmds.push(`${n.name}@/${n.menu.join('/')}`);
  });
  // Without an oracle `mangle` is taken as a menu because `add` is a known command word.
  assert.deepEqual(cmds, ['add@/ip/firewall/mangle', 'print@/system', 'print@/ip']);
});

test('a command oracle decides menus and rejects an unknown name before /', () => {
  const tree: Record<string, string[]> = {
    '': ['ip', 'system'],
    ip: ['address', 'firewall'],
    'ip/address': ['add', 'print'],
  };
  const oracle: CommandOracle = (menu, word) => {
    const key = menu.join('/');
    if (!(tree[key] ?? []).includes(word)) return 'unknown';
    return tree[`${key}${key ? '/' : ''}${word}`] ? 'menu' : 'command';
  };
  const ok = parse('/ip address add address=1.1.1.1/24\n/interface wireless\n', { commandOracle: oracle });
  assert.equal(hasError(ok), false);
  const bad = parse('/container/print\n', { commandOracle: oracle });
  assert.equal(bad.errors[0]?.start, 10);
  const brace = parse('/iot mqtt {\n}\n', { commandOracle: oracle });
  assert.ok(hasError(brace));
});

test('findNodeAt and argValueText', () => {
  const text = '/ip address add address=10.0.0.1/24 comment="a\\_b" interface=$x';
  const r = parse(text);
  const path = findNodeAt(r.root, text.indexOf('10.0'));
  const last = path[path.length - 1];
  assert.equal(last.kind, 'literal');
  const cmd = path.find((n) => n.kind === 'command');
  assert.ok(cmd && cmd.kind === 'command');
  const args = cmd.args.filter((a) => a.kind === 'namedArg');
  assert.deepEqual(
    args.map((a) => argValueText(a)),
    ['10.0.0.1/24', 'a b', undefined],
  );
});

test('fuzz: 10,000 random and mutated inputs never throw and tokens cover the input', () => {
  const rnd = prng(20240501);
  const alphabet = ' \t\n\r;{}[]()$"\\#:/=.-+*<>!~&|^,@?abcXYZ019_é';
  const seeds = readdirSync(join(fixtures, 'ok'))
    .filter((f) => f.endsWith('.rsc'))
    .map((f) => readFileSync(join(fixtures, 'ok', f), 'utf8'));
  for (let i = 0; i < 10000; i++) {
    let text: string;
    if (i % 2 === 0) {
      const len = Math.floor(rnd() * 80);
      text = '';
      for (let k = 0; k < len; k++) text += alphabet[Math.floor(rnd() * alphabet.length)];
    } else {
      text = seeds[i % seeds.length];
      const edits = 1 + Math.floor(rnd() * 4);
      for (let k = 0; k < edits; k++) {
        const at = Math.floor(rnd() * (text.length + 1));
        const op = rnd();
        const ch = alphabet[Math.floor(rnd() * alphabet.length)];
        if (op < 0.4) text = text.slice(0, at) + ch + text.slice(at);
        else if (op < 0.8) text = text.slice(0, at) + text.slice(at + 1);
        else text = text.slice(0, at) + text.slice(at, at + 10) + text.slice(at);
      }
    }
    let r: ParseResult;
    try {
      r = parse(text);
    } catch (err) {
      assert.fail(`input #${i} threw ${String(err)}: ${JSON.stringify(text)}`);
    }
    assertTokensCover(text, r);
  }
});

test('work is linear in the input (counted steps, 1x vs 8x)', () => {
  const unit = readdirSync(join(fixtures, 'ok'))
    .filter((f) => f.endsWith('.rsc'))
    .map((f) => readFileSync(join(fixtures, 'ok', f), 'utf8'))
    .join('\n');
  const nested = '{'.repeat(50) + ':put [(1 + (2 * "a$x"))]' + '}'.repeat(50) + '\n';
  for (const base of [unit, nested, '"unterminated $[ ( {', '((((((((((']) {
    const one = parse(base).steps;
    const eight = parse(base.repeat(8)).steps;
    const ratio = eight / one;
    assert.ok(ratio > 6 && ratio < 10, `ratio ${ratio} for ${JSON.stringify(base.slice(0, 30))}`);
  }
});

test('an /export line wrapped right after "=" keeps the value on the next line', () => {
  const text = '/ip firewall mangle\nadd chain=forward new-packet-mark=\\\n    voip passthrough=no\n';
  const r = parse(text);
  assert.deepEqual(r.errors, []);
  const cmd = r.root.statements[1];
  assert.equal(cmd.kind, 'command');
  if (cmd.kind !== 'command') return;
  const mark = cmd.args.find((a) => a.kind === 'namedArg' && a.name === 'new-packet-mark');
  assert.ok(mark && mark.kind === 'namedArg' && mark.value);
  assert.equal(argValueText(mark.value!), 'voip');
  assert.equal(cmd.args.length, 3);
});

test('pathological nesting neither throws nor overflows the stack, and stays lossless', () => {
  for (const [prefix, opener] of [
    ['', '{'],
    [':put ', '('],
    [':put ', '['],
    [':local a ', '{'],
    [':put ', '-'],
  ]) {
    const text = prefix + opener.repeat(20_000);
    const r = parse(text);
    assert.equal(r.tokens.map((t) => text.slice(t.start, t.end)).join(''), text);
    if (opener !== '-')
      assert.ok(
        r.errors.some((e) => /nested more than/.test(e.message)),
        opener,
      );
  }
});

// ---- performance rewrites: each fast path must answer exactly as the plain rules it replaced ----------

/** classifyWord as it was before its regular-expression-free fast path (the reference). */
function classifyWordReference(text: string): string {
  const c0 = text.charCodeAt(0) | 32;
  if (c0 >= 97 && c0 <= 122 && text.indexOf(':') < 0) {
    return text === 'true' || text === 'false' || text === 'yes' || text === 'no' ? 'bool' : 'word';
  }
  if (/^-?\d+$/.test(text) || /^0x[0-9A-Fa-f]+$/.test(text)) return 'number';
  if (text === 'true' || text === 'false' || text === 'yes' || text === 'no') return 'bool';
  if (/^\*[0-9A-Fa-f]+$/.test(text)) return 'id';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) return 'ip';
  if (/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(text)) return 'ipPrefix';
  if (/^\d{1,3}(\.\d{1,3}){3}-\d{1,3}(\.\d{1,3}){3}$/.test(text)) return 'range';
  if (/^\d+-\d+$/.test(text)) return 'range';
  if (/^([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}$/.test(text)) return 'mac';
  if (/^[0-9A-Fa-f:]*::?[0-9A-Fa-f:.]*\/\d{1,3}$/.test(text) && text.includes(':')) return 'ip6Prefix';
  if (/^[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}$/.test(text) && !/^\d+:\d+(:\d+)?$/.test(text)) return 'ip6';
  if (/^\d+:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) return 'time';
  if (/\d/.test(text) && /^(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?(\d+us)?(\d+ns)?$/.test(text))
    return 'time';
  return 'word';
}

/** isExprWordChar as it was before it stopped slicing and using regular expressions (the reference). */
function isExprWordCharReference(text: string, p: number, start: number): boolean {
  const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
  const c = text.charCodeAt(p);
  if (isAlnum(c) || c === 95 || c === 58 || (c === 42 && p === start)) return true;
  const next = p + 1 < text.length ? text.charCodeAt(p + 1) : -1;
  if (p === start || !isAlnum(next)) return false;
  const soFar = text.slice(start, p);
  if (c === 46)
    return /^[0-9A-Za-z_:]/.test(soFar) && !/^[0-9]+$/.test(soFar) ? true : /^[0-9.]+$/.test(soFar);
  if (c === 45)
    return /[A-Za-z.]/.test(soFar) && !/^[A-Za-z_]+$/.test(soFar)
      ? true
      : /^[A-Za-z][A-Za-z0-9-]*$/.test(soFar);
  if (c === 47) return /[.:]/.test(soFar) && next >= 48 && next <= 57;
  return false;
}

test('classifyWord and isExprWordChar agree with the regular-expression rules on 50,000 random words', () => {
  const rnd = prng(8008);
  const alphabet = '0123456789.../-:aAfFxXwdhms_*zZ';
  const fixed = [
    '1.2.3.4',
    '1.2.3.4/24',
    '1.2.3.4/',
    '1.2.3',
    '1234.1.1.1',
    '.5',
    '5.',
    '10/8',
    '1.2.3.4/5/6',
  ];
  const words = [...fixed];
  for (let k = 0; k < 50_000; k++) {
    let w = '';
    const len = 1 + Math.floor(rnd() * 16);
    for (let i = 0; i < len; i++) w += alphabet[Math.floor(rnd() * alphabet.length)];
    words.push(w);
  }
  for (const w of words) {
    assert.equal(classifyWord(w), classifyWordReference(w), w);
    for (let p = 0; p < w.length; p++) {
      for (const start of [0, Math.min(p, 1)]) {
        if (start > p) continue;
        assert.equal(isExprWordChar(w, p, start), isExprWordCharReference(w, p, start), `${w} ${p} ${start}`);
      }
    }
  }
});

test('inherited object names are ordinary words (`:constructor x` used to throw)', () => {
  for (const [a, b] of [
    [':constructor x', ':constructoz x'],
    [':put [:find where a constructor b]', ':put [:find where a constructoz b]'],
    [':put (a constructor b)', ':put (a constructoz b)'],
  ]) {
    const ra = parse(a);
    const rb = parse(b);
    assert.deepEqual(
      ra.tokens.map((t) => t.kind),
      rb.tokens.map((t) => t.kind),
      a,
    );
    assert.deepEqual(
      ra.errors.map((e) => [e.code, e.start]),
      rb.errors.map((e) => [e.code, e.start]),
      a,
    );
  }
});

test('a parse is independent of the parses before it (shared intern table)', () => {
  const a =
    '/ip firewall filter\nadd chain=forward action=accept comment="x" dst-port=53 src-address=10.0.0.1\n';
  const b = ':local forward 5\n:put "$forward"\n/ip address add address=10.0.0.1/24 interface=chain\n';
  const first = parse(a);
  parse(b);
  const again = parse(a);
  assert.deepEqual(plainTree(again.root), plainTree(first.root));
  assert.deepEqual(again.tokens, first.tokens);
  assert.deepEqual(again.errors, first.errors);
});

test('a named argument with one word or plain string keeps its text and makes the value on access', () => {
  const text =
    '/ip firewall address-list\nadd address=10.0.0.1 list=bl comment="feed 7" timeout=1h\n' +
    'add list=a$x comment="a\\"b" address=\\\n    10.0.0.2 packet-mark="voip pk",other src-address=1.2.3.4"x"\n:for i from=1 to=3 do={ :put $i }\n';
  const r = parse(text);
  const args = (line: number): NamedArg[] =>
    (r.root.statements[line] as CommandNode).args.filter((a): a is NamedArg => a.kind === 'namedArg');
  for (const a of args(1)) {
    assert.ok(a instanceof AtomNamedArg, a.name);
    const v = a.value as LiteralNode;
    // Made anew each time (compare values by offsets, never by identity), and exactly what the source says.
    assert.notEqual(a.value, v);
    assert.equal(text.slice(v.start, v.end), v.text);
    assert.equal(v.start, a.nameEnd + 1);
    assert.equal(v.end, a.end);
    assert.equal(argValueText(a), v.type === 'string' ? v.string?.value : v.text);
  }
  assert.deepEqual(
    args(1).map((a) => (a.value as LiteralNode).type),
    ['ip', 'word', 'string', 'time'],
  );
  assert.equal((args(1)[2].value as LiteralNode).string?.value, 'feed 7');
  // Concatenations (a word or string followed by another atom, or a string by anything), a string with
  // escapes and a value wrapped after `=` keep their value node.
  assert.equal(args(2).length, 5);
  for (const a of args(2)) assert.ok(!(a instanceof AtomNamedArg), a.name);
  // So do global commands: their control parts hold the same nodes as their arguments.
  const loop = r.root.statements[3] as CommandNode;
  const from = loop.args.find((a) => a.kind === 'namedArg' && a.name === 'from') as NamedArg;
  assert.ok(!(from instanceof AtomNamedArg));
  assert.equal(loop.control?.from, from.value);
});

test('after an incremental re-parse, reused atom arguments read their values from the new text', () => {
  // Atom arguments read the source on access: moved ones (edit above) and kept ones (edit below) alike.
  const text = '/ip firewall filter\nadd chain=forward comment="x y"\n';
  const added = '# new first line\n';
  for (const [next, shift] of [
    [added + text, added.length],
    [text + 'add chain=input\n', 0],
  ] as const) {
    const first = parse(text);
    const again = reparse(first, text, next);
    const cmd = again.root.statements.find((s) => s.kind === 'command') as CommandNode;
    assert.equal(cmd, first.root.statements[1], 'the statement is reused');
    assert.deepEqual(
      cmd.args.map((a) => ((a as NamedArg).value as LiteralNode).text),
      ['forward', '"x y"'],
    );
    for (const a of cmd.args) {
      const v = (a as NamedArg).value as LiteralNode;
      assert.equal(next.slice(v.start, v.end), v.text);
      assert.equal(next.slice(a.start, a.end), text.slice(a.start - shift, a.end - shift));
      if (v.string) assert.equal(next.slice(v.string.offsets[0], v.string.offsets.at(-1)), 'x y');
    }
  }
});

test("a menu command's all-atom arguments are kept as numbers and made on each read; other commands keep nodes", () => {
  const text =
    '/ip firewall address-list\nadd address=10.0.0.1 list=bl comment="feed 7"\n' +
    'add address=10.0.0.2 list=$l timeout=1d\n' +
    'add address=10.0.0.3 comment=[/ip address get [find interface=ether1 disabled=no] address] list=x\n' +
    '$f a=1 b="two"\nprint\n';
  const r = parse(text);
  const cmd = (line: number) => r.root.statements[line] as MenuCommand;
  const seen = (c: CommandNode) =>
    c.args.map((a) => [a.kind, text.slice(a.start, a.end), a.kind === 'namedArg' ? a.name : '']);
  // All atoms: stored, and each read makes new, equal nodes.
  assert.ok(cmd(1) instanceof MenuCommand && cmd(1).argsStored);
  assert.notEqual(cmd(1).args[0], cmd(1).args[0]);
  assert.deepEqual(plainTree(cmd(1).args), plainTree(cmd(1).args));
  assert.deepEqual(seen(cmd(1)), [
    ['namedArg', 'address=10.0.0.1', 'address'],
    ['namedArg', 'list=bl', 'list'],
    ['namedArg', 'comment="feed 7"', 'comment'],
  ]);
  // One argument that is no atom: nodes (the atoms among them still AtomNamedArg), read twice the same.
  assert.ok(!cmd(2).argsStored);
  assert.equal(cmd(2).args[0], cmd(2).args[0]);
  assert.ok(cmd(2).args[0] instanceof AtomNamedArg && !(cmd(2).args[1] instanceof AtomNamedArg));
  assert.deepEqual(seen(cmd(2)), [
    ['namedArg', 'address=10.0.0.2', 'address'],
    ['namedArg', 'list=$l', 'list'],
    ['namedArg', 'timeout=1d', 'timeout'],
  ]);
  // A command nested in an argument stores its own atoms between the outer command's.
  const outer = cmd(3);
  assert.ok(!outer.argsStored);
  assert.deepEqual(
    seen(outer).map((s) => s[2]),
    ['address', 'comment', 'list'],
  );
  assert.equal(text.slice(outer.args[2].start, outer.args[2].end), 'list=x');
  let find: MenuCommand | undefined;
  walk(r.root, (n) => {
    if (n instanceof MenuCommand && n.name === 'find') find = n;
  });
  assert.ok(find);
  assert.ok(find.argsStored);
  assert.deepEqual(seen(find), [
    ['namedArg', 'interface=ether1', 'interface'],
    ['namedArg', 'disabled=no', 'disabled'],
  ]);
  // A call keeps nodes; a command without arguments has none.
  const call = r.root.statements[4] as CommandNode;
  assert.ok(!(call instanceof MenuCommand) && call.args[0] === call.args[0]);
  assert.deepEqual(seen(call), [
    ['namedArg', 'a=1', 'a'],
    ['namedArg', 'b="two"', 'b'],
  ]);
  assert.deepEqual(cmd(5).args, []);
  // Moving a stored command moves its arguments (they are relative to the command's start).
  const next = '# a new first line\n' + text;
  const again = reparse(r, text, next);
  const moved = again.root.statements[1] as MenuCommand;
  assert.ok(moved.argsStored);
  assert.deepEqual(
    moved.args.map((a) => next.slice(a.start, a.end)),
    ['address=10.0.0.1', 'list=bl', 'comment="feed 7"'],
  );
});
