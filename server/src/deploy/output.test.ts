// Unit tests of the RouterOS output parser: each message form, echo tracking, ranges, success rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeOutput, SUCCESS_TEXT } from './output';

const FILE = [
  '# header',
  '/ip address',
  'add address=10.0.0.1/24 interface=ether1',
  '/ip firewall filter',
  'add chain=input action=accept',
  ':log info "failure: not really"',
  '',
].join('\n');

test('success only with the sentence and no error', () => {
  assert.equal(analyzeOutput(`/ip address\r\n\r\n${SUCCESS_TEXT}\r\n`, FILE).success, true);
  assert.equal(analyzeOutput('', FILE).success, false);
  assert.equal(analyzeOutput(`failure: x\n${SUCCESS_TEXT}`, FILE).success, false);
});

test('positioned errors map to line and word', () => {
  for (const msg of ['expected end of command', 'syntax error', 'bad command name addd']) {
    const a = analyzeOutput(`${msg} (line 3 column 5)`, FILE);
    assert.equal(a.errors.length, 1, msg);
    const e = a.errors[0];
    assert.equal(e.line, 2);
    assert.equal(e.located, 'reported');
    assert.equal(FILE.slice(e.start, e.end), 'address=10.0.0.1/24');
  }
  // Out-of-range positions are clamped, never thrown on.
  const far = analyzeOutput('syntax error (line 999 column 999)', FILE).errors[0];
  assert.ok(far.start <= FILE.length && far.end <= FILE.length);
});

test('unpositioned errors land on the last echoed line', () => {
  for (const msg of [
    'failure: already have such address',
    'Script Error: something',
    'no such item',
    'input does not match any value of interface',
  ]) {
    const a = analyzeOutput(
      [
        '/ip address',
        'add address=10.0.0.1/24 interface=ether1',
        '/ip firewall filter',
        'add chain=input action=accept',
        msg,
      ].join('\r\n'),
      FILE,
    );
    assert.equal(a.errors.length, 1, msg);
    assert.equal(a.errors[0].line, 4, msg);
    assert.equal(a.errors[0].located, 'echo');
    assert.equal(FILE.slice(a.errors[0].start, a.errors[0].end), 'add chain=input action=accept');
  }
  const none = analyzeOutput('failure: x', FILE).errors[0];
  assert.equal(none.located, 'none');
});

test('an echoed script line that looks like an error is not an error', () => {
  const a = analyzeOutput([':log info "failure: not really"', SUCCESS_TEXT].join('\n'), FILE);
  assert.equal(a.success, true);
  assert.equal(a.lastEchoLine, 5);
});

test('repeated lines are matched in order, ANSI codes are ignored', () => {
  const f = 'add a=1\nadd a=1\nadd a=1\n';
  const a = analyzeOutput('\x1b[1madd a=1\x1b[0m\nadd a=1\nfailure: dup', f);
  assert.equal(a.errors[0].line, 1);
});

test('linear on large input', () => {
  const big = 'add x=1\n'.repeat(20000);
  const a = analyzeOutput(big + 'failure: y', big);
  assert.equal(a.errors[0].line, 19999);
});

test('echoes that carry a line number are understood when the text matches that line', () => {
  for (const prefix of ['5: ', '#5 ', 'line 5: ', '5 ']) {
    const a = analyzeOutput(`${prefix}add chain=input action=accept\nfailure: x`, FILE);
    assert.equal(a.errors[0].line, 4, prefix);
    assert.equal(a.errors[0].located, 'echo', prefix);
  }
  // A number whose text does not match its line is not an echo.
  assert.equal(analyzeOutput('3: add chain=input action=accept\nfailure: x', FILE).errors[0].located, 'none');
});
