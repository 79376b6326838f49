// Unit tests of router profile validation and jump-host parsing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJumpHost, validateProfile } from './profiles';

test('valid profiles get a default port and keep only known fields', () => {
  const r = validateProfile({ name: 'office', host: '192.168.88.1', username: 'admin' });
  assert.deepEqual(r, {
    profile: { name: 'office', host: '192.168.88.1', port: 22, username: 'admin' },
    problems: [],
  });
  const v6 = validateProfile({
    name: 'v6',
    host: '[fe80::1]',
    username: 'a',
    port: 2222,
    privateKey: '~/.ssh/id',
    jumpHost: 'bastion',
  });
  assert.equal(v6.profile?.host, 'fe80::1');
  assert.equal(v6.profile?.jumpHost, 'bastion');
});

test('secrets in settings, bad hosts, users and ports are problems', () => {
  assert.match(
    validateProfile({ name: 'a', host: 'h', username: 'u', password: 'x' }).problems.join(),
    /secret storage/,
  );
  assert.ok(validateProfile({ name: 'a', host: '-oProxyCommand=x', username: 'u' }).problems.length > 0);
  assert.ok(validateProfile({ name: 'a', host: 'h', username: 'u@x' }).problems.length > 0);
  assert.ok(validateProfile({ name: 'a', host: 'h', username: 'u', port: 70000 }).problems.length > 0);
  assert.ok(validateProfile(null).problems.length > 0);
  assert.ok(validateProfile({}).problems.length >= 3);
});

test('jump hosts: profile name, user@host:port, host, [v6]:port', () => {
  const profiles = [{ name: 'bastion', host: 'b.example', port: 2200, username: 'jump' }];
  assert.deepEqual(parseJumpHost('bastion', profiles), {
    host: 'b.example',
    port: 2200,
    username: 'jump',
    privateKey: undefined,
    profile: 'bastion',
  });
  assert.deepEqual(parseJumpHost('ops@10.0.0.2:2022', []), { host: '10.0.0.2', port: 2022, username: 'ops' });
  assert.deepEqual(parseJumpHost('gw', []), { host: 'gw', port: 22, username: undefined });
  assert.deepEqual(parseJumpHost('[fe80::2]:22', []), { host: 'fe80::2', port: 22, username: undefined });
  for (const bad of ['a@b@c', 'x:99999', '', 'a b']) assert.ok('error' in parseJumpHost(bad, []), bad);
});
