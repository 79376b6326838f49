// Tests for the Skype NAck QoS recipe: the rules it writes, that it lints clean, the options it refuses,
// the Winbox form, and the self-check that refuses a pattern missing one of the user's NAcks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allFindings, fromCli } from '../../l7';
import { lintText } from '../../lint';
import { parsePublicRange } from '../addresses';
import {
  checkNackPattern,
  clientPacket,
  matchesNack,
  nackBytes,
  NackSelfCheckError,
  sampleAddresses,
  strictCovers,
} from './nack-check';
import type { PatternBuilder } from './nack-pattern';
import { buildPatternText } from './nack-pattern';
import {
  generateSkypeNack,
  SkypeNackOptionsError,
  TRADE_OFF,
  type SkypeNackOptions,
  type SkypeNackRecipe,
} from './skype-nack';

const thread: SkypeNackOptions = { publicIps: ['92.0.0.0/8', '213.0.0.0/8'] };

/** The `add` lines of a menu, continuation lines joined. */
function adds(script: string, menu: string): string[] {
  const joined = script.replace(/ \\\n {4}/g, ' ');
  const out: string[] = [];
  let current = '';
  for (const line of joined.split('\n')) {
    if (line.startsWith('/')) current = line;
    else if (current === menu && line.startsWith('add ')) out.push(line);
  }
  return out;
}

function lintProblems(script: string): string[] {
  return lintText(script)
    .diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning')
    .map((d) => `${d.code} ${d.message} at "${script.slice(d.start, d.end)}"`);
}

test('the recipe: detection, two connection marks, packet mark, in that order and with explicit passthrough', () => {
  const r = generateSkypeNack(thread);
  const l7 = adds(r.rsc, '/ip firewall layer7-protocol');
  assert.equal(l7.length, 1);
  assert.ok(
    l7[0].startsWith('add name=skype-nack regexp="(\\\\\\\\|\\\\xd5).\\?.\\?.\\?.\\?.\\?.\\?.\\?\\$"'),
    l7[0],
  );
  const mangle = adds(r.rsc, '/ip firewall mangle');
  assert.equal(mangle.length, 4);
  assert.match(
    mangle[0],
    /^add chain=forward action=add-src-to-address-list protocol=udp packet-size=39 layer7-protocol=skype-nack address-list=skype address-list-timeout=1h /,
  );
  assert.match(
    mangle[1],
    /action=mark-connection protocol=udp src-address-list=skype connection-rate=0-50k new-connection-mark=conn_skype passthrough=yes/,
  );
  assert.match(
    mangle[2],
    /action=mark-connection protocol=udp dst-address-list=skype connection-rate=0-50k new-connection-mark=conn_skype passthrough=yes/,
  );
  assert.match(
    mangle[3],
    /action=mark-packet connection-mark=conn_skype connection-rate=0-50k new-packet-mark=skype passthrough=no/,
  );
  assert.equal(adds(r.rsc, '/queue tree').length, 0);
  assert.match(r.rsc, /# No queue in this script: the packet mark "skype" takes effect once a queue uses it/);
  assert.deepEqual(r.warnings, []);
});

test('comments stand only on their own lines, and every line is a comment, a menu, a command or blank', () => {
  const r = generateSkypeNack({ ...thread, dscp: 46, queue: { kind: 'tree', parent: 'global' } });
  for (const line of r.rsc.split('\n')) {
    assert.ok(
      line === '' ||
        line.startsWith('#') ||
        line.startsWith('/') ||
        line.startsWith('add ') ||
        line.startsWith('    '),
      line,
    );
    if (line.startsWith('#')) assert.ok(!line.endsWith('\\'), line);
  }
});

test('the generated scripts lint with no error or warning (information such as RSC3013 is fine)', () => {
  const variants: SkypeNackOptions[] = [
    thread,
    { ...thread, strict: true },
    { ...thread, dscp: 46, queue: { kind: 'tree', parent: 'global' } },
    {
      ...thread,
      chain: 'prerouting',
      inInterfaceList: 'WAN',
      queue: { kind: 'simple', target: '192.168.88.0/24' },
    },
    {
      publicIps: ['213.45.16.0/20', '74.0.0.0/8', '1.0.0.0/24'],
      inInterface: 'ether1',
      timeout: 'none-dynamic',
    },
    { publicIps: ['8.8.8.8'], addressList: 'skype peers', connectionMark: 'c$x', packetMark: 'p "q"' },
    { publicIps: ['92.0.0.0/8'], strict: true },
    { publicIps: ['136.92.224.0/20', '122.0.0.0/8'], strict: true },
    { publicIps: ['124.0.0.0/7', '93.94.0.0/15', '46.36.63.0/24'] },
  ];
  for (const v of variants) {
    const r = generateSkypeNack(v);
    assert.deepEqual(lintProblems(r.rsc), [], JSON.stringify(v));
    // The pattern on its own: only the information-level layer-7 notes may appear.
    const codes = allFindings(fromCli(r.pattern.cli)).map((f) => f.code);
    assert.ok(
      codes.every((c) => c === 'RSC3007' || c === 'RSC3013'),
      `${r.pattern.cli}: ${codes.join(' ')}`,
    );
  }
});

test('0xD5 gets a header line saying what RSC3013 means; letters get a case warning', () => {
  const r = generateSkypeNack(thread);
  assert.match(
    r.rsc,
    /# Byte 0xD5: RouterOS matches it as written\. The linter notes it \(RSC3013, information\)/,
  );
  const j = generateSkypeNack({ publicIps: ['74.0.0.0/8'] });
  assert.equal(j.warnings.length, 1);
  assert.match(
    j.warnings[0],
    /74\.0\.0\.0\/8: octet 1 \(74\) is the letter "J".*106 in that octet match too/,
  );
  assert.match(j.rsc, /# {3}- 74\.0\.0\.0\/8: octet 1 \(74\) is the letter "J"/);
});

test('the trade-off is stated in the generated comments, for each form', () => {
  const t = generateSkypeNack(thread).rsc;
  assert.match(
    t,
    /# Pattern \(tolerant\), as Winbox shows it: \(\\\\\|\\xd5\)\.\?\.\?\.\?\.\?\.\?\.\?\.\?\$/,
  );
  assert.match(t, /tolerant \(this script\): each of those bytes may be missing/);
  assert.match(
    t,
    /never misses a NAck for your\n# {3}addresses; rarely it also matches a NAck for another address whose later bytes repeat your prefix/,
  );
  const s = generateSkypeNack({ ...thread, strict: true }).rsc;
  assert.match(s, /strict \(this script, --strict\): exact lengths/);
  assert.match(s, /misses your NAcks that have one/);
  assert.match(TRADE_OFF.tolerant, /never misses a NAck for your addresses/i);
});

test('options: DSCP, queue tree, simple queue, prerouting twin in postrouting, WAN restriction', () => {
  const r = generateSkypeNack({
    ...thread,
    chain: 'prerouting',
    dscp: 46,
    inInterface: 'ether1-wan',
    queue: { kind: 'tree', parent: 'global', name: 'voip' },
  });
  const mangle = adds(r.rsc, '/ip firewall mangle');
  assert.equal(mangle.length, 6);
  assert.match(
    mangle[0],
    /^add chain=prerouting action=add-src-to-address-list .*in-interface=ether1-wan layer7-protocol=skype-nack/,
  );
  assert.match(
    mangle[1],
    /^add chain=postrouting action=add-src-to-address-list protocol=udp packet-size=39 layer7-protocol=skype-nack/,
  );
  assert.match(
    mangle[4],
    /action=change-dscp connection-mark=conn_skype connection-rate=0-50k new-dscp=46 passthrough=yes/,
  );
  assert.match(mangle[5], /action=mark-packet/);
  assert.match(r.rsc, /Set DSCP 46 \(EF, expedited forwarding\)/);
  assert.deepEqual(adds(r.rsc, '/queue tree'), [
    'add name=voip parent=global packet-mark=skype priority=1 comment="Skype NAck QoS: queue"',
  ]);
  const s = generateSkypeNack({ ...thread, queue: { kind: 'simple', target: '192.168.88.0/24' } });
  assert.deepEqual(adds(s.rsc, '/queue simple'), [
    'add name=skype target=192.168.88.0/24 packet-marks=skype priority=1/1 comment="Skype NAck QoS: queue"',
  ]);
});

test('names that need quoting are quoted and escaped', () => {
  const r = generateSkypeNack({ publicIps: ['8.8.8.8'], addressList: 'skype peers', packetMark: 'p$x' });
  assert.match(r.rsc, /address-list="skype peers"/);
  assert.match(r.rsc, /new-packet-mark="p\\\$x"/);
});

test('the Winbox form lists the field values with single backslashes', () => {
  const r = generateSkypeNack({ ...thread, form: 'winbox', queue: { kind: 'tree', parent: 'global' } });
  assert.equal(r.text, r.winbox);
  assert.match(r.winbox, /1\. IP > Firewall > Layer7 Protocols: add a new entry/);
  assert.match(r.winbox, /\n {3}Regexp: \(\\\\\|\\xd5\)\.\?\.\?\.\?\.\?\.\?\.\?\.\?\$\n/);
  assert.match(r.winbox, /Action: add src to address list/);
  assert.match(r.winbox, /Timeout: 01:00:00 \(1h\)/);
  assert.match(r.winbox, /Passthrough: unchecked/);
  assert.match(r.winbox, /Queues > Queue Tree/);
});

test('invalid options are refused with every bad entry named', () => {
  const bad: [SkypeNackOptions, RegExp[]][] = [
    [
      { publicIps: ['10.0.0.0/8', '92.0.0'] },
      [/"10\.0\.0\.0\/8" lies in a private range/, /"92\.0\.0" is not an IPv4/],
    ],
    [{ ...thread, rate: '50k-0' }, [/rate "50k-0": the lower bound must be below the upper bound/]],
    [{ ...thread, rate: 'fast' }, [/rate "fast" is not a connection-rate range/]],
    [{ ...thread, timeout: 'soon' }, [/timeout "soon" is not a RouterOS time/]],
    [{ ...thread, timeout: '0s' }, [/timeout "0s" must be more than 0s/]],
    [{ ...thread, dscp: 64 }, [/DSCP "64" must be a whole number from 0 to 63/]],
    [{ ...thread, addressList: '' }, [/the address list name must not be empty/]],
    [{ ...thread, inInterface: 'a', inInterfaceList: 'b' }, [/not both/]],
    [{ publicIps: [] }, [/no public address given/]],
  ];
  for (const [options, messages] of bad) {
    assert.throws(
      () => generateSkypeNack(options),
      (e: unknown) => {
        assert.ok(e instanceof SkypeNackOptionsError);
        for (const m of messages)
          assert.ok(
            e.problems.some((p) => m.test(p)),
            `${m} in ${e.problems.join(' | ')}`,
          );
        return true;
      },
    );
  }
});

// ---- The self-check ----------------------------------------------------------------------------------

function expectRefusal(builder: PatternBuilder, options: SkypeNackOptions, message: RegExp): void {
  assert.throws(
    () => generateSkypeNack(options, { buildPattern: builder }),
    (e: unknown) => e instanceof NackSelfCheckError && message.test(e.message),
  );
}

test('the self-check refuses a broken pattern builder (so the check can fail)', () => {
  // Drops the last range.
  expectRefusal(
    (alts, mode) => buildPatternText(alts.slice(0, -1), mode),
    thread,
    /does not match the NAck for 213\.0\.0\.0 \(213\.0\.0\.0\/8; payload 4f2702d5000000136a2e91, NAck alone in the buffer\)/,
  );
  // Anchored at the start instead of the end: misses the NAck after a client packet.
  expectRefusal(
    (alts, mode) => '^.?.?.?' + buildPatternText(alts, mode).slice(0, -1),
    thread,
    /after the client packet/,
  );
  // Strict lengths in tolerant mode: misses the NAcks with zero bytes.
  expectRefusal((alts) => buildPatternText(alts, 'strict'), thread, /payload 4f27025c000000/);
  // One byte too few after the address.
  expectRefusal(
    (alts, mode) => buildPatternText(alts, mode).replace('.?$', '$'),
    thread,
    /does not match the NAck/,
  );
  // The thread's mistake, \x5c unescaped: it escapes the next byte instead of matching a backslash.
  expectRefusal(
    () => '\\x5c.......$',
    { publicIps: ['92.0.0.0/8'] },
    /does not match the NAck for 92\.0\.0\.0 /,
  );
  // A pattern that does not compile.
  expectRefusal(() => '(\\\\|\\xd5.......$', thread, /does not compile \(unmatched "\("/);
  // {n,m}: unsupported by the kernel matcher.
  expectRefusal(
    () => '\\xd5.{0,7}$',
    { publicIps: ['213.0.0.0/8'] },
    /syntax the kernel matcher does not support/,
  );
  // A partial-octet class that loses its top value.
  expectRefusal(
    (alts, mode) => buildPatternText(alts, mode).replace('\\x1f]', '\\x1e]'),
    { publicIps: ['213.45.16.0/20'], strict: true },
    /213\.45\.31\./,
  );
});

test('the self-check report: every required NAck matched; strict misses only the documented ones', () => {
  const t: SkypeNackRecipe = generateSkypeNack(thread);
  assert.equal(t.check.required, t.check.connections);
  assert.equal(t.check.matched, t.check.required);
  assert.equal(t.check.expectedMisses, 0);
  const s = generateSkypeNack({ ...thread, strict: true });
  assert.equal(s.check.matched, s.check.required);
  assert.ok(s.check.required < s.check.connections);
  assert.ok(s.check.expectedMisses > 0);
});

test('samples cover edges, neighbours and every value of a partly fixed octet', () => {
  const r = parsePublicRange('213.45.16.0/20');
  assert.ok(r.ok);
  const samples = sampleAddresses(r.range).map((v) =>
    [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.'),
  );
  for (const a of [
    '213.45.16.0',
    '213.45.31.255',
    '213.45.16.1',
    '213.45.31.254',
    '213.45.16.58',
    '213.45.31.0',
  ]) {
    assert.ok(samples.includes(a), a);
  }
  for (let v = 16; v <= 31; v++)
    assert.ok(
      samples.some((s) => s.startsWith(`213.45.${v}.`)),
      String(v),
    );
});

test('strictCovers: zero bytes after the fixed octets are what the strict form cannot count', () => {
  const r = parsePublicRange('213.45.0.0/16');
  assert.ok(r.ok);
  assert.equal(strictCovers(r.range, nackBytes([213, 45, 1, 2])), true);
  assert.equal(strictCovers(r.range, nackBytes([213, 45, 0, 2])), false);
  assert.equal(strictCovers(r.range, nackBytes([213, 45, 1, 2], [1, 0, 3, 4])), false);
  // A zero in the head (before the address) changes nothing for a pattern anchored at the end.
  assert.equal(strictCovers(r.range, nackBytes([213, 45, 1, 2], undefined, [0, 0, 2])), true);
});

test('checkNackPattern: a pattern that matches only on the client packet still fails on the NAck alone', () => {
  const r = parsePublicRange('92.0.0.0/8');
  assert.ok(r.ok);
  const p = fromCli('\\\\x9c\\\\x11');
  assert.equal(matchesNack(p, nackBytes([92, 1, 2, 3]), 'after-client', clientPacket([92, 1, 2, 3])), true);
  assert.equal(matchesNack(p, nackBytes([92, 1, 2, 3]), 'alone'), false);
  assert.throws(
    () => checkNackPattern('\\\\x9c\\\\x11', '\\x9c\\x11', [r.range], 'tolerant'),
    NackSelfCheckError,
  );
});
