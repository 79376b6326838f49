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
  formatRate,
  generateSkypeNack,
  parseLineRate,
  shapedRate,
  SkypeNackOptionsError,
  TRADE_OFF,
  type SkypeNackOptions,
  type SkypeNackRecipe,
} from './skype-nack';

/** The thread's addresses with the tolerant form forced (auto picks strict for two /8: see below). */
const thread: SkypeNackOptions = {
  publicIps: ['92.0.0.0/8', '213.0.0.0/8'],
  upload: '2M',
  download: '8M',
  pattern: 'tolerant',
};

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
    /^add chain=forward action=add-src-to-address-list protocol=udp packet-size=39 in-interface-list=WAN layer7-protocol=skype-nack address-list=skype address-list-timeout=1h /,
  );
  assert.match(
    mangle[1],
    /action=mark-connection protocol=udp src-address-list=skype connection-rate=0-200k new-connection-mark=conn_skype passthrough=yes/,
  );
  assert.match(
    mangle[2],
    /action=mark-connection protocol=udp dst-address-list=skype connection-rate=0-200k new-connection-mark=conn_skype passthrough=yes/,
  );
  assert.match(
    mangle[3],
    /action=mark-packet protocol=udp connection-mark=conn_skype connection-rate=0-200k new-packet-mark=skype passthrough=no/,
  );
  assert.match(r.rsc, /\nset \[find comment="defconf: fasttrack"\] connection-mark=no-mark\n/);
  assert.deepEqual(adds(r.rsc, '/queue tree'), [
    'add name=skype-qos-upload parent=ether1 max-limit=1800k comment="Skype NAck QoS: upload parent"',
    'add name=skype-upload parent=skype-qos-upload packet-mark=skype limit-at=200k max-limit=1800k priority=1 comment="Skype NAck QoS: upload Skype"',
    'add name=skype-upload-other parent=skype-qos-upload packet-mark=no-mark max-limit=1800k priority=8 comment="Skype NAck QoS: upload default"',
    'add name=skype-qos-download parent=bridge max-limit=7200k comment="Skype NAck QoS: download parent"',
    'add name=skype-download parent=skype-qos-download packet-mark=skype limit-at=200k max-limit=7200k priority=1 comment="Skype NAck QoS: download Skype"',
    'add name=skype-download-other parent=skype-qos-download packet-mark=no-mark max-limit=7200k priority=8 comment="Skype NAck QoS: download default"',
  ]);
  assert.deepEqual(r.warnings, []);
  const none = generateSkypeNack({ publicIps: thread.publicIps, queue: { kind: 'none' } });
  assert.equal(adds(none.rsc, '/queue tree').length, 0);
  assert.match(
    none.rsc,
    /# No queue in this script: the packet mark "skype" takes effect once a queue uses it/,
  );
});

test('comments stand only on their own lines, and every line is a comment, a menu, a command or blank', () => {
  const r = generateSkypeNack({ ...thread, dscp: 46 });
  for (const line of r.rsc.split('\n')) {
    assert.ok(line.length <= 106, line);
    assert.ok(
      line === '' ||
        line.startsWith('#') ||
        line.startsWith('/') ||
        line.startsWith('add ') ||
        line.startsWith('set [find ') ||
        line.startsWith('    '),
      line,
    );
    if (line.startsWith('#')) assert.ok(!line.endsWith('\\'), line);
  }
});

test('the generated scripts lint with no error or warning (information such as RSC3013 is fine)', () => {
  const variants: SkypeNackOptions[] = [
    thread,
    { ...thread, pattern: 'strict' },
    { ...thread, pattern: 'auto', dscp: 46 },
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
      queue: { kind: 'none' },
    },
    { publicIps: ['8.8.8.8'], addressList: 'skype peers', queue: { kind: 'none' } },
    { publicIps: ['92.0.0.0/8'], strict: true, upload: '512k', download: '4M' },
    { publicIps: ['136.92.224.0/20', '122.0.0.0/8'], strict: true, upload: '1G', download: '1G' },
    { publicIps: ['124.0.0.0/7', '93.94.0.0/15', '46.36.63.0/24'], upload: '2.5M', download: '25M' },
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

test('0xD5 gets a header line: matched as written, Latin-1 folding only an opt-in assumption; letters get a case warning', () => {
  const r = generateSkypeNack(thread);
  assert.match(r.rsc, /# Byte 0xD5: matched as written; the l7-filter reference lower-cases only A-Z/);
  assert.match(
    r.rsc,
    /an assumption, checked by RSC3013 only with\n# --latin1-fold\), it would look for 0xF5/,
  );
  const j = generateSkypeNack({ publicIps: ['74.0.0.0/8'], queue: { kind: 'none' } });
  assert.equal(j.warnings.length, 1);
  assert.match(
    j.warnings[0],
    /74\.0\.0\.0\/8: octet 1 \(74\) is the letter "J".*106 in that octet match too/,
  );
  assert.match(j.rsc, /# {3}- 74\.0\.0\.0\/8: octet 1 \(74\) is the letter "J"/);
});

test('the trade-off and both measured rates are stated in the generated comments', () => {
  const t = generateSkypeNack(thread).rsc;
  assert.match(
    t,
    /# Pattern \(tolerant\), as Winbox shows it: \(\\\\\|\\xd5\)\.\?\.\?\.\?\.\?\.\?\.\?\.\?\$/,
  );
  assert.match(
    t,
    /# {3}tolerant: \d+\.\d% of 1000 random payloads, \d+\.\d% of 1000 NAcks for other addresses/,
  );
  assert.match(t, /# {3}strict: {3}\d+\.\d% of 1000 random payloads/);
  assert.match(t, /tolerant chosen by option/);
  assert.match(TRADE_OFF.tolerant, /never misses a NAck for your addresses/i);
});

test('auto: strict when the tolerant form matches more than 1% (two /8), tolerant for one address', () => {
  const wide = generateSkypeNack({ ...thread, pattern: undefined });
  assert.equal(wide.pattern.mode, 'strict');
  assert.equal(wide.pattern.choice, 'measured');
  assert.ok(wide.pattern.rates.tolerant.rate > 0.01, JSON.stringify(wide.pattern.rates));
  assert.ok(wide.pattern.rates.strict.rate < wide.pattern.rates.tolerant.rate);
  assert.match(wide.rsc, /strict chosen: the tolerant form matches more than 1%/);
  const one = generateSkypeNack({ ...thread, pattern: undefined, publicIps: ['213.45.67.89'] });
  assert.equal(one.pattern.mode, 'tolerant');
  assert.ok(one.pattern.rates.tolerant.rate <= 0.01);
  // Deterministic: the same options give the same script.
  assert.equal(generateSkypeNack({ ...thread, pattern: undefined }).rsc, wide.rsc);
});

test('options: DSCP, WAN interface, prerouting twin in postrouting keeps the WAN restriction, names', () => {
  const r = generateSkypeNack({
    ...thread,
    chain: 'prerouting',
    dscp: 46,
    inInterface: 'ether1-wan',
    queue: { kind: 'tree', name: 'voip', wanInterface: 'pppoe-out1', lanInterface: 'bridge-lan' },
  });
  const mangle = adds(r.rsc, '/ip firewall mangle');
  assert.equal(mangle.length, 6);
  assert.match(
    mangle[0],
    /^add chain=prerouting action=add-src-to-address-list .*in-interface=ether1-wan layer7-protocol=skype-nack/,
  );
  assert.match(
    mangle[1],
    /^add chain=postrouting action=add-src-to-address-list protocol=udp packet-size=39 out-interface=!ether1-wan layer7-protocol=skype-nack/,
  );
  assert.match(
    mangle[4],
    /action=change-dscp protocol=udp connection-mark=conn_skype connection-rate=0-200k new-dscp=46 passthrough=yes/,
  );
  assert.match(mangle[5], /action=mark-packet/);
  assert.match(r.rsc, /Set DSCP 46 \(EF, expedited forwarding\)/);
  const tree = adds(r.rsc, '/queue tree');
  assert.match(tree[0], /^add name=voip-qos-upload parent=pppoe-out1 max-limit=1800k /);
  assert.match(tree[3], /^add name=voip-qos-download parent=bridge-lan max-limit=7200k /);
  const list = generateSkypeNack({ ...thread, chain: 'prerouting', wanList: 'internet' });
  assert.match(adds(list.rsc, '/ip firewall mangle')[1], / out-interface-list=!internet /);
  const s = generateSkypeNack({ ...thread, queue: { kind: 'simple', target: '192.168.88.0/24' } });
  assert.deepEqual(adds(s.rsc, '/queue simple'), [
    'add name=skype-qos target=192.168.88.0/24 max-limit=1800k/7200k comment="Skype NAck QoS: parent"',
    'add name=skype parent=skype-qos target=192.168.88.0/24 packet-marks=skype limit-at=200k/200k max-limit=1800k/7200k priority=1/1 comment="Skype NAck QoS: Skype"',
    'add name=skype-other parent=skype-qos target=192.168.88.0/24 max-limit=1800k/7200k priority=8/8 comment="Skype NAck QoS: default"',
  ]);
  assert.match(s.rsc, /\nset \[find comment="defconf: fasttrack"\] disabled=yes\n/);
});

test('line rates: 90% parents, limit-at at most half the parent, RouterOS units', () => {
  const r = generateSkypeNack({ ...thread, upload: '256k', download: '1.5M', rate: '0-300k' });
  assert.deepEqual(r.queues, {
    upload: 256000,
    download: 1500000,
    uploadLimit: 230000,
    downloadLimit: 1350000,
    limitAt: 115000,
  });
  assert.match(r.rsc, /max-limit=230k/);
  assert.match(r.rsc, /max-limit=1350k/);
  assert.match(r.rsc, /limit-at=115k/);
  assert.equal(parseLineRate('20Mbit'), 20e6);
  assert.equal(parseLineRate('2.5M'), 2.5e6);
  assert.equal(formatRate(18e6), '18M');
  assert.equal(formatRate(2250e3), '2250k');
  assert.equal(shapedRate(100e6), 90e6);
});

test('names that need quoting are quoted and escaped', () => {
  const r = generateSkypeNack({ ...thread, publicIps: ['8.8.8.8'], addressList: 'skype peers' });
  assert.match(r.rsc, /address-list="skype peers"/);
});

test('the Winbox form lists the field values with single backslashes', () => {
  const r = generateSkypeNack({ ...thread, form: 'winbox' });
  assert.equal(r.text, r.winbox);
  assert.match(r.winbox, /1\. IP > Firewall > Layer7 Protocols: add a new entry/);
  assert.match(r.winbox, /\n {3}Regexp: \(\\\\\|\\xd5\)\.\?\.\?\.\?\.\?\.\?\.\?\.\?\$\n/);
  assert.match(r.winbox, /Action: add src to address list/);
  assert.match(r.winbox, /Timeout: 01:00:00 \(1h\)/);
  assert.match(r.winbox, /Passthrough: unchecked/);
  assert.match(r.winbox, /Queues > Queue Tree/);
  assert.match(r.winbox, /IP > Firewall > Filter Rules: open the entry with comment "defconf: fasttrack"/);
  assert.match(r.winbox, /Max Limit: 1800k/);
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
    [{ ...thread, upload: undefined }, [/the upload line rate is required/]],
    [
      { ...thread, upload: 'fast', download: '10k' },
      [/the upload rate "fast" is not a rate/, /"10k" is below 64k/],
    ],
    [{ ...thread, download: '200G' }, [/"200G" is above 100G/]],
    [{ ...thread, wanList: '!WAN' }, [/WAN interface list "!WAN" starts with "!"/]],
    [{ ...thread, addressList: 'a,b' }, [/address list name "a,b" contains a comma/]],
    [{ ...thread, packetMark: 'p$x' }, [/packet mark "p\$x" contains \$/]],
    [{ ...thread, packetMark: 'no-mark' }, [/"no-mark" means "no mark"/]],
    [{ ...thread, target: '8' }, [/target "8" is not a RouterOS version/]],
    [{ ...thread, target: '6', timeout: 'none-dynamic' }, [/exists only in RouterOS 7/]],
    [
      { ...thread, queue: { kind: 'tree', wanInterface: 'global', lanInterface: 'bridge' } },
      [/parent "global" is bypassed by fast-tracked packets/],
    ],
    [{ ...thread, queue: { kind: 'tree', wanInterface: 'x', lanInterface: 'x' } }, [/both "x"/]],
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
    { ...thread, publicIps: ['92.0.0.0/8'] },
    /does not match the NAck for 92\.0\.0\.0 /,
  );
  // A pattern that does not compile.
  expectRefusal(() => '(\\\\|\\xd5.......$', thread, /does not compile \(unmatched "\("/);
  // {n,m}: unsupported by the kernel matcher.
  expectRefusal(
    () => '\\xd5.{0,7}$',
    { ...thread, publicIps: ['213.0.0.0/8'] },
    /syntax the kernel matcher does not support/,
  );
  // A partial-octet class that loses its top value.
  expectRefusal(
    (alts, mode) => buildPatternText(alts, mode).replace('\\x1f]', '\\x1e]'),
    { ...thread, publicIps: ['213.45.16.0/20'], pattern: 'strict' },
    /213\.45\.31\./,
  );
});

test('the self-check report: every required NAck matched; strict misses only the documented ones', () => {
  const t: SkypeNackRecipe = generateSkypeNack(thread);
  assert.equal(t.check.required, t.check.connections);
  assert.equal(t.check.matched, t.check.required);
  assert.equal(t.check.expectedMisses, 0);
  const s = generateSkypeNack({ ...thread, pattern: 'strict' });
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
