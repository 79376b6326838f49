// Parser tests: golden trees for every fixture in test/fixtures/syntax (rewrite with UPDATE_GOLDEN=1),
// plus the invariants: tokens cover the input exactly, parse never throws, and work is linear.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { prng } from '../../../test/prng';
import {
  childrenOf,
  parse,
  findNodeAt,
  argValueText,
  walk,
  type Node,
  type ParseResult,
  type CommandOracle,
} from './index';

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
