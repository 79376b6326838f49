// `rsc lint` in-process: output formats, exit codes, and clear errors for bad usage and unreadable files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintCommand } from './lint';
import { readFileSync } from 'node:fs';
import { LIVE_LINT_MAX_CHARS, lintText, WINDOWED_LINT_MIN_CHARS } from '../lint';
import { LineIndex } from '../text/line-index';
import type { CliIO } from './io';

function fakeIO(files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readFile: (p) => {
      if (!(p in files)) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
      return Buffer.from(files[p]);
    },
    env: {},
    isTTY: false,
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

const good = '/ip firewall filter\nadd chain=forward action=accept\n';
// RouterOS rejects a `#` after arguments: "expected end of command" at the `#`.
const bad = '/ip firewall filter\nadd chain=forward action=accept # note\n';

test('clean file: exit 0 and no findings', async () => {
  const f = fakeIO({ 'a.rsc': good });
  assert.equal(await lintCommand(['a.rsc'], f.io), 0);
  assert.equal(f.out(), '');
  assert.match(f.err(), /0 error/);
});

test('error: exit 1, text line names file, 1-based line and column, severity and code', async () => {
  const f = fakeIO({ 'b.rsc': bad });
  assert.equal(await lintCommand(['b.rsc'], f.io), 1);
  assert.match(f.out(), /^b\.rsc:2:\d+: error RSC1\d{3} /m);
});

test('json: an array of findings with the documented fields', async () => {
  const f = fakeIO({ 'a.rsc': good, 'b.rsc': bad });
  assert.equal(await lintCommand(['--format', 'json', 'a.rsc', 'b.rsc'], f.io), 1);
  const findings = JSON.parse(f.out()) as Record<string, unknown>[];
  assert.ok(Array.isArray(findings) && findings.length >= 1);
  const first = findings[0];
  assert.deepEqual(Object.keys(first).sort(), [
    'code',
    'column',
    'endColumn',
    'endLine',
    'file',
    'line',
    'message',
    'severity',
  ]);
  assert.equal(first.file, 'b.rsc');
  assert.equal(first.line, 2);
  assert.equal(first.column, bad.split('\n')[1].indexOf('#') + 1);
  assert.ok(['error', 'warning', 'information', 'hint'].includes(first.severity as string));
});

test('usage errors and unreadable files exit 2 with a clear message', async () => {
  let f = fakeIO({});
  assert.equal(await lintCommand([], f.io), 2);
  assert.match(f.err(), /no FILE given/);
  f = fakeIO({});
  assert.equal(await lintCommand(['--format', 'xml', 'a.rsc'], f.io), 2);
  assert.match(f.err(), /--format must be text or json/);
  f = fakeIO({});
  assert.equal(await lintCommand(['--target', '8', 'a.rsc'], f.io), 2);
  assert.match(f.err(), /--target/);
  f = fakeIO({});
  assert.equal(await lintCommand(['missing.rsc'], f.io), 2);
  assert.match(f.err(), /cannot read missing\.rsc: ENOENT/);
  f = fakeIO({});
  assert.equal(await lintCommand(['--bogus', 'a.rsc'], f.io), 2);
  assert.match(f.err(), /unknown option --bogus/);
});

test('--disable silences a code', async () => {
  const f = fakeIO({ 'b.rsc': bad });
  const code = (
    JSON.parse((await lintCommand(['--format=json', 'b.rsc'], f.io), f.out())) as { code: string }[]
  )[0].code;
  const g = fakeIO({ 'b.rsc': bad });
  await lintCommand(['--format=json', `--disable=${code}`, 'b.rsc'], g.io);
  assert.ok(!(JSON.parse(g.out()) as { code: string }[]).some((x) => x.code === code));
});

test('text format keeps one finding per line even for multi-line messages', async () => {
  // The thread's pattern: layer-7 rules add a second line ("Written: ... regex receives: ...").
  const f = fakeIO({
    't.rsc': '/ip firewall layer7-protocol\nadd name=skypenack regexp="[\\\\\\\\|\\\\xd5]"\n',
  });
  await lintCommand(['t.rsc'], f.io);
  const lines = f.out().trimEnd().split('\n');
  assert.ok(lines.length >= 2);
  for (const l of lines) assert.match(l, /^t\.rsc:\d+:\d+: (error|warning|information|hint) RSC\d{4} /);
  assert.ok(lines.some((l) => l.includes('RSC3003')));
});

test('--target picks the probed version RSC2008 answers from', async () => {
  const text = '/routing bgp connection add name=p instance=default local.role=ebgp\n';
  let f = fakeIO({ 'c.rsc': text });
  assert.equal(await lintCommand(['--target', '7.20', 'c.rsc'], f.io), 0);
  assert.match(f.out(), /^c\.rsc:1:\d+: warning RSC2008 .*`remote\.address=`.*RouterOS 7\.20\.8/m);
  f = fakeIO({ 'c.rsc': text });
  assert.equal(await lintCommand(['--target', '7.22', 'c.rsc'], f.io), 0);
  assert.doesNotMatch(f.out(), /RSC2008/);
});

test('--packages: all (default) accepts every package; base makes a package path an error', async () => {
  const files = { 'c.rsc': '/container/print\n' };
  let f = fakeIO(files);
  assert.equal(await lintCommand(['c.rsc'], f.io), 0);
  f = fakeIO(files);
  assert.equal(await lintCommand(['--packages', 'all', 'c.rsc'], f.io), 0);
  f = fakeIO(files);
  assert.equal(await lintCommand(['--packages=base', 'c.rsc'], f.io), 1);
  assert.match(f.out(), /RSC5002 .*`container` package/);
  f = fakeIO(files);
  assert.equal(await lintCommand(['--packages', 'container,iot', 'c.rsc'], f.io), 0);
});

test('--packages: names that are not packages are a usage error', async () => {
  let f = fakeIO({ 'a.rsc': '' });
  assert.equal(await lintCommand(['--packages', 'contianer', 'a.rsc'], f.io), 2);
  assert.match(f.err(), /"contianer" is not a RouterOS package.*container/);
  f = fakeIO({ 'a.rsc': '' });
  assert.equal(await lintCommand(['--packages=', 'a.rsc'], f.io), 2);
  assert.match(f.err(), /--packages needs/);
});

test('--help documents --packages', async () => {
  const f = fakeIO({});
  assert.equal(await lintCommand(['--help'], f.io), 0);
  assert.match(f.out(), /--packages SET/);
  assert.match(f.out(), /base \(the routeros package alone/);
  assert.match(f.out(), /user-manager/);
});

test('regexp="\\\\xd5": no RSC3013 by default (the reference folds only A-Z); --latin1-fold opts in', async () => {
  const src = '/ip firewall layer7-protocol add name=n regexp="^\\\\xd5"\n';
  const plain = fakeIO({ 'l.rsc': src });
  await lintCommand(['l.rsc'], plain.io);
  assert.doesNotMatch(plain.out(), /RSC3013/);
  const folded = fakeIO({ 'l.rsc': src });
  await lintCommand(['--latin1-fold', 'l.rsc'], folded.io);
  assert.match(folded.out(), /information RSC3013 byte 0xD5/);
});

test('a file bigger than the editor lints while typing gets a note on stderr, and is still linted', async () => {
  const line = '# ' + 'x'.repeat(97) + '\n';
  const big = line.repeat(Math.ceil((LIVE_LINT_MAX_CHARS + 1) / line.length)) + bad;
  const f = fakeIO({ 'big.rsc': big, 'a.rsc': good });
  assert.equal(await lintCommand(['big.rsc', 'a.rsc'], f.io), 1);
  const notes = f
    .err()
    .split('\n')
    .filter((l) => l.includes('million characters'));
  assert.equal(notes.length, 1, f.err());
  assert.match(notes[0], /^rsc lint: note: big\.rsc has 8\.0 million characters, more than the 8 million/);
  assert.match(f.out(), /^big\.rsc:\d+:\d+: error RSC1\d{3} /m);
});

test('a file of 4 million characters or more is linted window by window with the findings of a whole lint', async () => {
  // Scripts and an export with findings of every kind of rule: statement-local, unknown commands, the
  // variable rules and the firewall flow rules (all of which cross the windows' boundaries here).
  const unit =
    readFileSync('examples/scripting.rsc', 'utf8') +
    '\n:put $neverDeclared\n/ip firewll mangle\nadd chain=forward\n' +
    readFileSync('examples/skype-nack-qos.rsc', 'utf8') +
    '\n/ip firewall filter\nadd chain=forward action=accept\nadd chain=forward action=drop\n';
  const text = unit.repeat(Math.ceil(WINDOWED_LINT_MIN_CHARS / unit.length));
  const f = fakeIO({ 'big.rsc': text });
  await lintCommand(['--format', 'json', 'big.rsc'], f.io);
  const got = JSON.parse(f.out()) as { line: number; column: number; code: string; message: string }[];
  const lines = new LineIndex(text);
  const want = lintText(text).diagnostics.map((d) => {
    const p = lines.positionAt(d.start);
    return { line: p.line + 1, column: p.character + 1, code: d.code, message: d.message };
  });
  assert.deepEqual(
    got.map((x) => ({ line: x.line, column: x.column, code: x.code, message: x.message })),
    want,
  );
  for (const code of ['RSC2001', 'RSC2005', 'RSC4011'])
    assert.ok(
      want.some((d) => d.code === code),
      code,
    );
});
