// Unit tests of host parsing and printing: malformed hosts are refused before DNS, IPv6 literals are
// accepted with or without brackets and printed as [addr]:port, and "host:port" is split.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatHostPort, parseHost, parseHostPort } from './hosts';

test('valid hosts pass, brackets are removed from IPv6', () => {
  for (const [input, host] of [
    ['192.168.88.1', '192.168.88.1'],
    ['router-1.example.net', 'router-1.example.net'],
    ['localhost', 'localhost'],
    ['::1', '::1'],
    ['[::1]', '::1'],
    ['[fe80::1]', 'fe80::1'],
    ['2001:db8::10', '2001:db8::10'],
  ]) {
    assert.deepEqual(parseHost(input), { host }, input);
  }
});

test('malformed hosts are errors, never DNS names', () => {
  for (const bad of [
    'a;touch X',
    'bad host name',
    '999.1.1.1',
    '1.2.3',
    '-oProxyCommand=x',
    'a..b',
    '[not-v6]',
    '[1.2.3.4]',
    '',
    'x'.repeat(64),
  ]) {
    const r = parseHost(bad);
    assert.ok('error' in r, bad);
  }
});

test('host:port is split; a port alone after a v6 needs brackets', () => {
  assert.deepEqual(parseHostPort('127.0.0.1:35451'), { host: '127.0.0.1', port: 35451 });
  assert.deepEqual(parseHostPort('[::1]:2222'), { host: '::1', port: 2222 });
  assert.deepEqual(parseHostPort('router'), { host: 'router' });
  assert.deepEqual(parseHostPort('::1'), { host: '::1' });
  assert.ok('error' in parseHostPort('router:0'));
  assert.ok('error' in parseHostPort('router:99999'));
  assert.ok('error' in parseHostPort('router:'));
  assert.ok('error' in parseHostPort('a;b:22'));
});

test('IPv6 is printed in brackets, others as host:port', () => {
  assert.equal(formatHostPort('::1', 22), '[::1]:22');
  assert.equal(formatHostPort('127.0.0.1', 2222), '127.0.0.1:2222');
  assert.equal(formatHostPort('router', 22), 'router:22');
});
