// Unit tests of Ansible YAML inventory parsing: hosts, ports, users, variable inheritance through
// children, --limit by group or host, and clear errors on what cannot be used.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { limitHosts, parseInventory } from './inventory';

const INV = `
all:
  vars:
    ansible_user: admin
  hosts:
    core:
      ansible_host: 10.0.0.1
  children:
    branches:
      vars:
        ansible_port: 2222
      hosts:
        b1:
          ansible_host: 10.1.0.1
        b2:
          ansible_host: "[2001:db8::2]"
          ansible_user: deploy
      children:
        lab:
          hosts:
            lab1:
              ansible_host: 127.0.0.1
              ansible_port: 35451
`;

test('hosts, ports and users with inheritance: all < group < child group < host', () => {
  const inv = parseInventory(INV);
  assert.deepEqual(
    inv.hosts.map((h) => [h.name, h.host, h.port, h.user]),
    [
      ['core', '10.0.0.1', 22, 'admin'],
      ['b1', '10.1.0.1', 2222, 'admin'],
      ['b2', '2001:db8::2', 2222, 'deploy'],
      ['lab1', '127.0.0.1', 35451, 'admin'],
    ],
  );
  assert.deepEqual(inv.groups.get('branches'), ['b1', 'b2', 'lab1']);
  assert.deepEqual(inv.hosts[3].groups, ['all', 'branches', 'lab']);
});

test('--limit selects groups and hosts (union), in inventory order', () => {
  const inv = parseInventory(INV);
  assert.deepEqual(
    limitHosts(inv, 'lab').map((h) => h.name),
    ['lab1'],
  );
  assert.deepEqual(
    limitHosts(inv, 'lab1,core').map((h) => h.name),
    ['core', 'lab1'],
  );
  assert.deepEqual(limitHosts(inv, undefined).length, 4);
  assert.throws(() => limitHosts(inv, 'nope'), /"nope" is neither a group nor a host/);
});

test('a host without ansible_host uses its name; top-level groups besides all work', () => {
  const inv = parseInventory('routers:\n  hosts:\n    gw.example.net:\n');
  assert.deepEqual(
    inv.hosts.map((h) => [h.name, h.host, h.port]),
    [['gw.example.net', 'gw.example.net', 22]],
  );
  assert.deepEqual(inv.groups.get('all'), ['gw.example.net']);
});

test('what cannot be used is a one-line error', () => {
  assert.throws(() => parseInventory('all: [1, 2]'), /must be a mapping/);
  assert.throws(() => parseInventory('all:\n  hosts:\n    r: {ansible_host: "a;touch X"}\n'), /host "r":/);
  assert.throws(() => parseInventory('all:\n  hosts:\n    r: {ansible_port: 70000}\n'), /ansible_port/);
  assert.throws(() => parseInventory('all: {hosts: {r: {ansible_user: "a b"}}}'), /ansible_user/);
  assert.throws(() => parseInventory('all:\n  hosts: [x\n'), /not valid YAML/);
  assert.throws(() => parseInventory('- a\n'), /mapping of groups/);
});
