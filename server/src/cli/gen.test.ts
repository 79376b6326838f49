// Tests for `rsc gen`, run in-process: help texts, usage errors naming the bad entry, JSON output, and the
// end-to-end check that the printed script lints clean and its pattern finds the NAcks `rsc l7 test` shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliIO } from './io';
import { genCommand, genHelp, skypeNackHelp } from './gen';
import { l7Command } from './l7';
import { lintText } from '../lint';
import { fromCli } from '../l7';
import { clientPacket, matchesNack, nackBytes } from '../codegen';

function io(): { io: CliIO; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: {
      stdout: (t) => void (out += t),
      stderr: (t) => void (err += t),
      readFile: () => {
        throw new Error('no files in this test');
      },
      env: {},
      isTTY: false,
    },
    out: () => out,
    err: () => err,
  };
}

async function gen(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const x = io();
  const code = await genCommand(args, x.io);
  return { code, out: x.out(), err: x.err() };
}

async function l7(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const x = io();
  const code = await l7Command(['test', ...args], x.io);
  return { code, out: x.out(), err: x.err() };
}

/** The regexp="..." content of the script's layer7-protocol entry. */
function regexpOf(script: string): string {
  const m = /regexp="((?:[^"\\]|\\.)*)"/.exec(script);
  assert.ok(m !== null, 'no regexp in the script');
  return m[1];
}

test('help: rsc gen --help and rsc gen skype-nack --help document options and the trade-off', async () => {
  const top = await gen(['--help']);
  assert.equal(top.code, 0);
  assert.equal(top.out, genHelp);
  assert.match(top.out, /skype-nack {3}Skype NAck QoS/);
  const h = await gen(['skype-nack', '--help']);
  assert.equal(h.code, 0);
  assert.equal(h.out, skypeNackHelp);
  for (const opt of [
    '--public-ip',
    '--chain',
    '--list',
    '--timeout',
    '--rate',
    '--dscp',
    '--upload',
    '--download',
    '--wan-interface',
    '--lan-interface',
    '--wan-list',
    '--no-queue',
    '--existing',
    '--pattern',
    '--target',
    '--simple-queue',
    '--queue-name',
    '--strict',
    '--form',
    '--json',
    '--in-interface',
    '--in-interface-list',
    '--l7-name',
    '--conn-mark',
    '--packet-mark',
  ]) {
    assert.ok(h.out.includes(opt), opt);
  }
  assert.match(h.out, /tolerant: .*Never misses a NAck for your\s+addresses/s);
  assert.match(h.out, /strict: exact length\. Far fewer false matches, but misses your NAcks/);
  assert.match(h.out, /auto \(default\): the generator measures both forms/);
  assert.match(h.out, /max-limit 90% of the line rate/);
  assert.match(h.out, /anchored there \(\$, written \\\$ in a \.rsc string\)/);
  // No arguments: the help, with the usage exit code.
  assert.equal((await gen([])).code, 2);
});

test('bad input exits 2 with a message naming the bad entry', async () => {
  const cases: [string[], RegExp][] = [
    [['skype-nack', '--public-ip', '192.168.1.1'], /"192\.168\.1\.1" lies in a private range/],
    [['skype-nack', '--public-ip', '92.0.0.0/8,127.0.0.1'], /"127\.0\.0\.1" lies in the loopback block/],
    [['skype-nack', '--public-ip', '224.1.1.1'], /"224\.1\.1\.1" lies in the multicast block/],
    [['skype-nack', '--public-ip', '92.0.0.0/99'], /"92\.0\.0\.0\/99": the prefix length/],
    [['skype-nack', '--public-ip', 'skype.example'], /"skype\.example" is not an IPv4 address/],
    [['skype-nack'], /--public-ip is required/],
    [
      ['skype-nack', '--public-ip', '92.0.0.0/8', '--chain', 'input'],
      /--chain "input": use forward or prerouting/,
    ],
    [['skype-nack', '--public-ip', '92.0.0.0/8', '--dscp', '99'], /--dscp "99"/],
    [
      ['skype-nack', '--public-ip', '92.0.0.0/8', '--rate', '50k'],
      /rate "50k" is not a connection-rate range/,
    ],
    [['skype-nack', '--public-ip', '92.0.0.0/8', '--timeout', 'x'], /timeout "x" is not a RouterOS time/],
    [['skype-nack', '--public-ip', '92.0.0.0/8', '--form', 'xml'], /--form "xml"/],
    [['skype-nack', '--public-ip', '92.0.0.0/8', '--no-queue', '--simple-queue', 'b'], /not both/],
    [['skype-nack', '--public-ip', '92.0.0.0/8', '--queue-parent', 'global'], /--queue-parent is gone/],
    [['skype-nack', '--public-ip', '92.0.0.0/8'], /the upload line rate is required/],
    [
      ['skype-nack', '--public-ip', '92.0.0.0/8', '--upload', '20x', '--download', '1M'],
      /upload rate "20x" is not a rate/,
    ],
    [
      ['skype-nack', '--public-ip', '92.0.0.0/8', '--upload', '20M', '--download', '0'],
      /download rate "0" is below 64k/,
    ],
    [
      ['skype-nack', '--public-ip', '92.0.0.0/8', '--no-queue', '--wan-list', ''],
      /WAN interface list must not be empty/,
    ],
    [
      ['skype-nack', '--public-ip', '92.0.0.0/8', '--no-queue', '--list', 'a,b'],
      /address list name "a,b" contains a comma/,
    ],
    [['skype-nack', '--public-ip', '92.0.0.0/8', '--no-queue', '--pattern', 'loose'], /--pattern "loose"/],
    [
      ['skype-nack', '--public-ip', '92.0.0.0/8', '--no-queue', '--target', '5'],
      /target "5" is not a RouterOS version/,
    ],
    [
      ['skype-nack', '--public-ip', '92.0.0.0/8', '--no-queue', '--target', '6', '--timeout', 'none-dynamic'],
      /exists only in RouterOS 7/,
    ],
    [['skype-nack', '--public-ip', '92.0.0.0/8', '--bogus'], /unknown option --bogus/],
    [['skype-nack', '--public-ip'], /--public-ip needs a value/],
    [['nope'], /unknown recipe "nope"/],
  ];
  for (const [args, message] of cases) {
    const r = await gen(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, message, args.join(' '));
    assert.equal(r.out, '');
  }
});

test('warnings go to stderr, the script to stdout', async () => {
  const r = await gen(['skype-nack', '--public-ip', '100.0.0.0/16', '--no-queue']);
  assert.equal(r.code, 0);
  assert.match(r.err, /warning: 100\.0\.0\.0\/16 cannot be matched exactly/);
  assert.match(r.out, /^# Skype NAck QoS/);
});

test('--json has every part: pattern in both forms, rules, warnings, check, script', async () => {
  const r = await gen([
    'skype-nack',
    '--public-ip',
    '92.0.0.0/8',
    '--public-ip=213.45.0.0/16',
    '--dscp',
    '46',
    '--upload',
    '20M',
    '--download',
    '100M',
    '--pattern',
    'tolerant',
    '--json',
  ]);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.equal(j.recipe, 'skype-nack');
  assert.equal(
    j.generatedBy,
    'rsc gen skype-nack --public-ip 92.0.0.0/8 --public-ip=213.45.0.0/16 --dscp 46 --upload 20M --download 100M --pattern tolerant --json',
  );
  assert.deepEqual(j.ranges, ['92.0.0.0/8', '213.45.0.0/16']);
  assert.equal(j.pattern.mode, 'tolerant');
  assert.equal(j.pattern.winbox, '(\\\\.?.?.?.?.?.?.?|\\xd5\\x2d.?.?.?.?.?.?)$');
  assert.equal(
    j.pattern.cli,
    '(\\\\\\\\.\\?.\\?.\\?.\\?.\\?.\\?.\\?|\\\\xd5\\\\x2d.\\?.\\?.\\?.\\?.\\?.\\?)\\$',
  );
  assert.equal(j.pattern.engine, '(\\\\.?.?.?.?.?.?.?|\\xd5-.?.?.?.?.?.?)$');
  assert.deepEqual(
    j.pattern.parts.map((p: { range: string; winbox: string }) => [p.range, p.winbox]),
    [
      ['92.0.0.0/8', '\\\\'],
      ['213.45.0.0/16', '\\xd5\\x2d'],
    ],
  );
  assert.deepEqual(
    j.rules.map(
      (x: { menu: string; properties: Record<string, string> }) => `${x.menu} ${x.properties.action ?? ''}`,
    ),
    [
      '/ip firewall layer7-protocol ',
      '/ip firewall filter ',
      '/ip firewall mangle add-src-to-address-list',
      '/ip firewall mangle mark-connection',
      '/ip firewall mangle mark-connection',
      '/ip firewall mangle change-dscp',
      '/ip firewall mangle mark-packet',
      ...Array<string>(6).fill('/queue tree '),
    ],
  );
  assert.equal(j.rules[1].command, 'set [find comment="defconf: fasttrack"] connection-mark=no-mark');
  assert.equal(j.pattern.choice, 'forced');
  assert.ok(j.pattern.rates.tolerant.rate > 0.01);
  assert.deepEqual(j.queues, {
    upload: 20e6,
    download: 100e6,
    uploadLimit: 18e6,
    downloadLimit: 90e6,
    limitAt: 200e3,
  });
  assert.match(
    j.rules[2].command,
    /^add chain=forward action=add-src-to-address-list protocol=udp packet-size=39 in-interface-list=WAN /,
  );
  assert.deepEqual(j.warnings, []);
  assert.equal(j.check.matched, j.check.required);
  assert.match(j.script, /^# Skype NAck QoS/);
});

test('--form winbox prints the field values', async () => {
  const r = await gen([
    'skype-nack',
    '--public-ip',
    '213.0.0.0/8',
    '--no-queue',
    '--pattern',
    'tolerant',
    '--form',
    'winbox',
  ]);
  assert.equal(r.code, 0);
  assert.match(r.out, /Regexp: \\xd5\.\?\.\?\.\?\.\?\.\?\.\?\.\?\$/);
});

test('end to end: the thread addresses lint clean, match both layouts, and rsc l7 test shows why', async () => {
  const args = [
    '--public-ip',
    '213.0.0.0/8',
    '--public-ip',
    '92.0.0.0/8',
    '--upload',
    '2M',
    '--download',
    '8M',
  ];
  const r = await gen(['skype-nack', ...args, '--pattern', 'tolerant']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, '');
  assert.match(
    r.out,
    /# Generated by: rsc gen skype-nack --public-ip 213\.0\.0\.0\/8 --public-ip 92\.0\.0\.0\/8 --upload 2M --download 8M --pattern tolerant\n/,
  );
  // Without --pattern the generator measures and picks strict for two /8, printing both rates.
  const auto = await gen(['skype-nack', ...args]);
  assert.equal(auto.code, 0, auto.err);
  assert.match(auto.out, /# {3}tolerant: [1-9]\d*\.\d% of 1000 random payloads/);
  assert.match(auto.out, /strict chosen: the tolerant form matches more than 1%/);
  assert.equal(regexpOf(auto.out), '(\\\\xd5|\\\\\\\\).......\\$');
  const problems = lintText(r.out).diagnostics.filter(
    (d) => d.severity === 'error' || d.severity === 'warning',
  );
  assert.deepEqual(problems, []);

  const cli = regexpOf(r.out);
  assert.equal(cli, '(\\\\xd5|\\\\\\\\).\\?.\\?.\\?.\\?.\\?.\\?.\\?\\$');
  const pattern = fromCli(cli);
  for (const address of [
    [92, 0, 0, 0],
    [92, 1, 2, 3],
    [92, 255, 255, 255],
    [213, 0, 0, 0],
    [213, 47, 5, 9],
    [213, 255, 255, 255],
  ]) {
    for (const tail of [
      [0x13, 0x6a, 0x2e, 0x91],
      [0, 0, 0, 0],
    ]) {
      const nack = nackBytes(address, tail);
      assert.ok(matchesNack(pattern, nack, 'alone'), `${address.join('.')} alone`);
      assert.ok(
        matchesNack(pattern, nack, 'after-client', clientPacket([0, 0, 0, 0])),
        `${address.join('.')} after`,
      );
    }
  }
  for (const address of [
    [91, 255, 255, 255],
    [93, 0, 0, 1],
    [212, 255, 255, 255],
    [214, 1, 1, 1],
    [8, 8, 4, 4],
  ]) {
    const nack = nackBytes(address);
    assert.ok(!matchesNack(pattern, nack, 'alone'), `${address.join('.')} alone`);
    assert.ok(
      !matchesNack(pattern, nack, 'after-client', clientPacket([0, 0, 0, 0])),
      `${address.join('.')}`,
    );
  }

  // rsc l7 test: a client packet (carrying 0.0.0.0, the thread's first packet) and the NAck for 92.42.5.9.
  const client = '9c1102000000007d41e205337108a03c0b55';
  const matched = await l7(['--regexp', cli, '--hex', client, '--hex', '<4f27025c2a0509136a2e91']);
  assert.equal(matched.code, 0, matched.err);
  assert.match(matched.out, /connection of 2 packets: MATCH at packet 2\n/);
  assert.match(matched.out, /#1 > 18 bytes \(4 NUL removed\): no match yet/);
  assert.match(matched.out, /where: buffer \d+\.\.\d+ = packet 2 offset 3\.\.10\n/);
  assert.match(matched.out, /\[5c 2a 05 09 13 6a 2e 91\]/);
  // The same NAck alone, and one for 213.47.0.9 whose zero octet the matcher deletes.
  const alone = await l7(['--regexp', cli, '--hex', '<4f2702d52f0009136a2e91']);
  assert.equal(alone.code, 0);
  assert.match(alone.out, /#1 < 11 bytes \(1 NUL removed\): MATCH/);
  assert.match(alone.out, /where: buffer 3\.\.10 = packet 1 offset 3\.\.10\n/);
  // A NAck for 8.8.4.4 does not match.
  const other = await l7(['--regexp', cli, '--hex', client, '--hex', '<4f270208080404136a2e91']);
  assert.equal(other.code, 1);
  assert.match(other.out, /0 of 1 connection/);
});

test('examples/skype-nack-qos.rsc is what the command in its header prints today', async () => {
  const file = join(__dirname, '..', '..', '..', 'examples', 'skype-nack-qos.rsc');
  const text = readFileSync(file, 'utf8');
  const m = /^# Generated by: rsc gen (skype-nack(?: \S+)*)$/m.exec(text);
  assert.ok(m !== null, 'the example names the command that made it');
  assert.deepEqual(m[1].split(' ').slice(0, 5), [
    'skype-nack',
    '--public-ip',
    '92.0.0.0/8',
    '--public-ip',
    '213.0.0.0/8',
  ]);
  const r = await gen(m[1].split(' '));
  assert.equal(r.code, 0);
  assert.equal(r.out, text, 'regenerate the example with the command in its header');
  assert.deepEqual(
    lintText(text).diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning'),
    [],
  );
});

test('--existing reads the configuration through the CLI io; an unreadable file is a usage error', async () => {
  const missing = await gen([
    'skype-nack',
    '--public-ip',
    '213.45.67.89',
    '--no-queue',
    '--existing',
    'x.rsc',
  ]);
  assert.equal(missing.code, 2);
  assert.match(
    missing.err,
    /cannot read --existing x\.rsc: no files in this test\nGive the path of an \/export/,
  );
  const x = io();
  x.io.readFile = (p) => {
    assert.equal(p, 'router.rsc');
    return Buffer.from('/ip firewall mangle\nadd chain=forward action=accept comment="catch-all"\n');
  };
  const code = await genCommand(
    ['skype-nack', '--public-ip', '213.45.67.89', '--no-queue', '--existing', 'router.rsc'],
    x.io,
  );
  assert.equal(code, 0, x.err());
  assert.equal((x.out().match(/place-before=\[find comment="catch-all"\]/g) ?? []).length, 4);
});
