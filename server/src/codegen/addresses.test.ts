// Tests for the public-address validation shared by the generator, the CLI and the VS Code command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parsePublicRange,
  parsePublicRanges,
  rangeBounds,
  splitAddressList,
  validatePublicAddressInput,
  formatIPv4,
} from './addresses';

test('public ranges and addresses are accepted and normalised', () => {
  const cases: [string, string][] = [
    ['92.0.0.0/8', '92.0.0.0/8'],
    ['213.45.0.0/16', '213.45.0.0/16'],
    ['213.45.16.0/20', '213.45.16.0/20'],
    [' 8.8.8.8 ', '8.8.8.8/32'],
    ['92.0.0.0/7', '92.0.0.0/7'],
  ];
  for (const [input, cidr] of cases) {
    const r = parsePublicRange(input);
    assert.ok(r.ok, input);
    assert.equal(r.range.cidr, cidr);
    assert.deepEqual(r.warnings, []);
  }
  const r = parsePublicRange('92.0.0.0/8');
  assert.ok(r.ok);
  const b = rangeBounds(r.range);
  assert.equal(formatIPv4(b.first), '92.0.0.0');
  assert.equal(formatIPv4(b.last), '92.255.255.255');
});

test('host bits are cleared with a warning that names the entry', () => {
  const r = parsePublicRange('92.1.2.3/8');
  assert.ok(r.ok);
  assert.equal(r.range.cidr, '92.0.0.0/8');
  assert.equal(r.warnings.length, 1);
  assert.match(r.warnings[0], /"92\.1\.2\.3\/8" has host bits set: using the range 92\.0\.0\.0\/8/);
});

test('private, loopback, multicast, special and malformed input is refused, naming the entry', () => {
  const cases: [string, RegExp][] = [
    ['10.1.2.3', /"10\.1\.2\.3" lies in a private range \(RFC 1918\)/],
    ['192.168.0.0/16', /"192\.168\.0\.0\/16" lies in a private range/],
    ['172.20.0.0/16', /private/],
    ['127.0.0.1', /loopback/],
    ['224.0.0.5', /multicast/],
    ['239.0.0.0/8', /multicast/],
    ['169.254.1.1', /link-local/],
    ['100.64.0.1', /carrier-grade NAT/],
    ['0.1.2.3', /this network/],
    ['255.255.255.255', /broadcast/],
    ['250.0.0.0/8', /reserved/],
    ['192.0.2.1', /documentation/],
    ['64.0.0.0/2', /"64\.0\.0\.0\/2" \(64\.0\.0\.0\/2\) overlaps 127\.0\.0\.0\/8, the loopback block/],
    ['92.0.0', /"92\.0\.0" is not an IPv4 address or CIDR range/],
    ['92.0.0.256', /not an IPv4 address/],
    ['0x5c.0.0.0', /not an IPv4 address/],
    ['92', /not an IPv4 address/],
    ['skype', /"skype" is not an IPv4 address/],
    ['2001:db8::/32', /IPv6 is not supported/],
    ['92.0.0.0/33', /"92\.0\.0\.0\/33": the prefix length must be a number from 1 to 32/],
    ['92.0.0.0/0', /prefix length/],
    ['92.0.0.0/', /prefix length/],
    ['92.0.0.0/8x', /prefix length/],
    ['', /empty/],
  ];
  for (const [input, message] of cases) {
    const r = parsePublicRange(input);
    assert.equal(r.ok, false, input);
    if (!r.ok) assert.match(r.error, message, input);
  }
});

test('a fixed zero octet gets the "cannot be matched exactly" warning; a free one does not', () => {
  const zero = parsePublicRange('100.0.0.0/16');
  assert.ok(zero.ok);
  assert.equal(zero.warnings.length, 1);
  assert.match(zero.warnings[0], /100\.0\.0\.0\/16 cannot be matched exactly: its octet 2 is 0/);
  const free = parsePublicRange('92.0.0.0/8');
  assert.ok(free.ok);
  assert.deepEqual(free.warnings, []);
  // The partly fixed octet of a /20 may be 0 for some addresses: that is the trade-off, not this warning.
  const partial = parsePublicRange('213.45.0.0/20');
  assert.ok(partial.ok);
  assert.deepEqual(partial.warnings, []);
});

test('lists: duplicates and contained ranges are dropped with a warning; errors are collected', () => {
  const set = parsePublicRanges(['92.0.0.0/8', '92.5.0.0/16', '213.0.0.0/8', '92.0.0.0/8', '10.0.0.0/8']);
  assert.deepEqual(
    set.ranges.map((r) => r.cidr),
    ['92.0.0.0/8', '213.0.0.0/8'],
  );
  assert.ok(set.warnings.some((w) => /92\.5\.0\.0\/16 lies inside 92\.0\.0\.0\/8/.test(w)));
  assert.ok(set.warnings.some((w) => /92\.0\.0\.0\/8 is listed twice/.test(w)));
  assert.equal(set.errors.length, 1);
  assert.match(set.errors[0], /10\.0\.0\.0\/8/);
  assert.match(parsePublicRanges([]).errors[0], /no public address given/);
});

test('input-box validation splits on commas and spaces and reports the first bad entry', () => {
  assert.deepEqual(splitAddressList(' 92.0.0.0/8, 213.0.0.0/8;1.2.3.4  '), [
    '92.0.0.0/8',
    '213.0.0.0/8',
    '1.2.3.4',
  ]);
  assert.equal(validatePublicAddressInput('92.0.0.0/8, 213.0.0.0/8'), undefined);
  assert.match(
    validatePublicAddressInput('92.0.0.0/8, 192.168.1.1') ?? '',
    /"192\.168\.1\.1" lies in a private range/,
  );
  assert.match(validatePublicAddressInput('  ') ?? '', /no public address given/);
});
