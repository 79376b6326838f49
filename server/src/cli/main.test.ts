// The dispatcher: help, version, unknown commands, and every subcommand answers --help.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mainHelp, runCli } from './main';
import type { CliIO } from './io';

function capture() {
  let out = '';
  let err = '';
  const io: CliIO = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readFile: () => Buffer.alloc(0),
    env: {},
    isTTY: false,
  };
  return { io, out: () => out, err: () => err };
}

test('no command prints help and exits 2; --help exits 0', async () => {
  let c = capture();
  assert.equal(await runCli([], c.io), 2);
  assert.match(c.out(), /Usage: rsc <command>/);
  c = capture();
  assert.equal(await runCli(['--help'], c.io), 0);
});

test('unknown command names itself and exits 2', async () => {
  const c = capture();
  assert.equal(await runCli(['frobnicate'], c.io), 2);
  assert.match(c.err(), /unknown command 'frobnicate'/);
});

test('every listed command answers --help with a usage line', async () => {
  const names = [...mainHelp().matchAll(/^ {2}(\S+) {2,}/gm)].map((m) => m[1]);
  assert.ok(names.includes('lint') && names.includes('lsp'));
  for (const name of names) {
    const c = capture();
    assert.equal(await runCli([name, '--help'], c.io), 0, name);
    assert.match(c.out(), new RegExp(String.raw`Usage:[\s\S]*rsc ${name}`), name);
  }
});
