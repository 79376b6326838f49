// Tests for value validation: good and bad values for every type, leniency for computed values, and the
// RouterOS time syntax.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ipaddr from 'ipaddr.js';
import { describeType, enumValues, isIPv4, validateValue } from './validate';
import { parseTime, formatTime } from './time';
import type { ValueType } from './types';

function check(type: ValueType, good: string[], bad: string[]): void {
  for (const v of good)
    assert.deepEqual(validateValue(type, v), { ok: true }, `${JSON.stringify(type)} should accept ${v}`);
  for (const v of bad) {
    const r = validateValue(type, v);
    assert.equal(r.ok, false, `${JSON.stringify(type)} should reject ${v}`);
    assert.ok(!r.ok && r.message.length > 0);
  }
}

describe('parseTime', () => {
  it('reads unit, clock and plain-second forms', () => {
    assert.equal(parseTime('1d2h3m4s'), 93784000);
    assert.equal(parseTime('1w'), 604800000);
    assert.equal(parseTime('00:01:00'), 60000);
    assert.equal(parseTime('200ms'), 200);
    assert.equal(parseTime('30'), 30000);
    assert.equal(parseTime('1.5s'), 1500);
    assert.equal(parseTime('1d00:00:10'), 86410000);
    assert.equal(parseTime('00:00:00.200'), 200);
    assert.equal(parseTime('-5s'), -5000);
  });
  it('rejects other text', () => {
    for (const t of ['', '1x', 'abc', '1h 2m', '1:2:3:4', 's']) assert.equal(parseTime(t), undefined, t);
  });
  it('formats intervals', () => {
    assert.equal(formatTime(86400000), '1d');
    assert.equal(formatTime(93784000), '1d2h3m4s');
    assert.equal(formatTime(200), '200ms');
    assert.equal(formatTime(0), '0s');
  });
});

describe('validateValue', () => {
  it('IPv4, prefixes and ranges', () => {
    check(
      { kind: 'ip' },
      ['192.168.88.1', '0.0.0.0', '10.0.0.1,10.0.0.2'],
      ['192.168.88.256', '10.0.0', 'host', '10.0.0.1/24'],
    );
    check(
      { kind: 'ip-prefix' },
      ['10.0.0.0/8', '192.168.88.1/24', '10.1.2.3'],
      ['10.0.0.0/33', '10.0.0.0/', 'x/8'],
    );
    check(
      { kind: 'ip-range' },
      ['10.0.0.1', '10.0.0.1-10.0.0.9', '10.0.0.0/8', '10.0.0.0/255.0.0.0'],
      ['10.0.0.1-', '10.0.0.0/255.0.255.0', '10.0.0.999'],
    );
  });
  it('IPv6 addresses and prefixes', () => {
    check({ kind: 'ipv6' }, ['fe80::1', '2001:db8::1', '::'], ['2001:db8::g', '1.2.3.4', 'fe80:::1']);
    check({ kind: 'ipv6-prefix' }, ['2001:db8::/32', '::/0', 'fe80::1'], ['2001:db8::/129', '2001:db8::/x']);
  });
  it('MAC addresses', () => {
    check(
      { kind: 'mac' },
      ['AA:BB:CC:DD:EE:FF', 'aa-bb-cc-dd-ee-ff', 'AABBCCDDEEFF'],
      ['AA:BB:CC:DD:EE', 'GG:BB:CC:DD:EE:FF', 'AA:BB-CC:DD:EE:FF'],
    );
  });
  it('numbers and integer ranges', () => {
    check({ kind: 'number', min: 0, max: 63 }, ['0', '63', '0x1F'], ['64', '-1', '1.5', 'ten']);
    check(
      { kind: 'int-range', min: 0, max: 65535 },
      ['100', '0-1500', '2000000-0'.replace('2000000', '1000')],
      ['1500-100', '70000', 'a-b'],
    );
    check({ kind: 'int-range', min: 0 }, ['2000000-0'], []);
  });
  it('time intervals with bounds', () => {
    check({ kind: 'time' }, ['1d2h3m4s', '1w', '00:01:00', '200ms', '30'], ['1x', 'soon', '']);
    check({ kind: 'time', min: 0, max: 86400000 }, ['1d', '0s'], ['1d1s', '2d']);
  });
  it('yes/no', () => {
    check({ kind: 'yesno' }, ['yes', 'no', 'true', 'false'], ['on', 'Yes', '1']);
  });
  it('enumerations, list form, negated items, open sets', () => {
    const action: ValueType = { kind: 'enum', values: ['accept', 'drop', 'mark-connection'] };
    check(action, ['accept', 'mark-connection'], ['mark-conection', 'accept,drop', '']);
    check(
      { kind: 'enum', values: ['established', 'related', 'new'], list: true },
      ['established,related', 'new'],
      ['established,bogus'],
    );
    check(
      { kind: 'enum', values: ['syn', 'ack'], list: true, negatableItems: true },
      ['syn,!ack'],
      ['syn,!fin'],
    );
    check({ kind: 'enum', values: ['input'], open: true }, ['input', 'my-chain'], []);
    const msg = validateValue(action, 'mark-conection');
    assert.ok(!msg.ok && msg.message.includes('mark-connection'));
  });
  it('ports and rates', () => {
    check({ kind: 'port-range' }, ['80', '80,443,8000-8080', '0-65535'], ['80-', '70000', '443-80', 'http']);
    check({ kind: 'rate' }, ['10M', '512k', '0', '0-50k', '10M/50M', '1.5M'], ['fast', '10X', '1-2-3']);
  });
  it('strings with limits and hex', () => {
    check({ kind: 'string', max: 5 }, ['abc', ''], ['abcdef']);
    check({ kind: 'string', min: 2 }, ['ab'], ['a']);
    check({ kind: 'string', hex: true }, ['00ff'], ['xyz']);
  });
  it('negation and alternatives', () => {
    check({ kind: 'negatable', inner: { kind: 'ip-range' } }, ['!10.0.0.0/8', '10.0.0.1'], ['!bogus']);
    const timeout: ValueType = {
      kind: 'one-of',
      types: [{ kind: 'time' }, { kind: 'enum', values: ['none-dynamic', 'none-static'] }],
    };
    check(timeout, ['1d', 'none-static'], ['forever']);
  });
  it('accepts computed values and quoted literals', () => {
    check({ kind: 'ip' }, ['$addr', '[:toip $x]', '($a . ".1")', '"10.0.0.1"'], []);
    check({ kind: 'unknown' }, ['anything at all'], []);
    check({ kind: 'script' }, ['{ :put 1 }'], []);
  });
});

describe('describeType / enumValues', () => {
  it('describes types for hover and messages', () => {
    assert.equal(describeType({ kind: 'time', min: 0, max: 86400000 }), 'a time interval (0s..1d)');
    assert.equal(describeType({ kind: 'enum', values: ['a', 'b'] }), 'one of a, b');
    assert.match(describeType({ kind: 'negatable', inner: { kind: 'ip' } }), /negated/);
  });
  it('collects offered values through wrappers', () => {
    const t: ValueType = {
      kind: 'negatable',
      inner: { kind: 'one-of', types: [{ kind: 'enum', values: ['tcp'] }, { kind: 'number' }] },
    };
    assert.deepEqual(enumValues(t), ['tcp']);
    assert.deepEqual(enumValues({ kind: 'yesno' }), ['yes', 'no']);
  });
});

describe('isIPv4', () => {
  it('accepts exactly what ipaddr.js calls a four-part decimal address', () => {
    const cases = [
      '1.2.3.4',
      '0.0.0.0',
      '255.255.255.255',
      '256.1.1.1',
      '01.2.3.4',
      '1.2.3.04',
      '1.2.3',
      '1.2.3.4.5',
      '1..3.4',
      '.1.2.3.4',
      '1.2.3.4.',
      '0x1.2.3.4',
      '1.2.3.4 ',
      ' 1.2.3.4',
      '1000.2.3.4',
      '1.2.3.0000',
      '1.2.3.255',
      '192.168.100.200',
      '10.0.0.1/24',
      '',
    ];
    // A deterministic pseudo-random walk over strings built from the characters that matter.
    const alphabet = '0123456789.....x /';
    let seed = 12345;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let k = 0; k < 20000; k++) {
      const len = 5 + (next() % 13);
      let t = '';
      for (let i = 0; i < len; i++) t += alphabet[next() % alphabet.length];
      cases.push(t);
      // Also near-addresses: three to five parts of one to four digits (leading zeros, 256, 1000 ...).
      const parts: string[] = [];
      const count = 3 + (next() % 3);
      for (let i = 0; i < count; i++) {
        const digits = 1 + (next() % 4);
        let p = '';
        for (let j = 0; j < digits; j++) p += String(next() % (j === 0 ? 3 : 10));
        parts.push(p);
      }
      cases.push(parts.join('.'));
    }
    let valid = 0;
    for (const t of cases) {
      const expected = ipaddr.IPv4.isValidFourPartDecimal(t);
      assert.equal(isIPv4(t), expected, JSON.stringify(t));
      if (expected) valid++;
    }
    // The random strings must reach both answers, or the comparison proves little.
    assert.ok(valid > 50, `only ${valid} valid addresses generated`);
  });
});

describe('port lists', () => {
  /** The regular-expression reading of a port list that the character loop replaced, as the reference. */
  function reference(t: string): { ok: true } | { ok: false; message: string } {
    for (const item of t.split(',')) {
      const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(item);
      if (!m)
        return { ok: false, message: `\`${item}\` is not a port or port range (e.g. \`80\`, \`8000-8080\`)` };
      const lo = Number(m[1]);
      const hi = m[2] === undefined ? lo : Number(m[2]);
      if (lo > 65535 || hi > 65535) return { ok: false, message: `port \`${item}\` is above 65535` };
      if (hi < lo) return { ok: false, message: `port range \`${item}\` runs backwards` };
    }
    return { ok: true };
  }

  it('gives the same answers and messages as the regular-expression reading', () => {
    const cases = [
      '80',
      '80,443',
      '0-65535',
      '65536',
      '99999',
      '123456',
      '80-',
      '-80',
      ',',
      '80,',
      '1-2-3',
      'x',
    ];
    const alphabet = '0123456789012345678965,,--a ';
    let seed = 99;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let k = 0; k < 20000; k++) {
      const len = 1 + (next() % 14);
      let t = '';
      for (let i = 0; i < len; i++) t += alphabet[next() % alphabet.length];
      cases.push(t);
    }
    let ok = 0;
    for (const t of cases) {
      const expected = reference(t.trim());
      assert.deepEqual(validateValue({ kind: 'port-range' }, t), expected, JSON.stringify(t));
      if (expected.ok) ok++;
    }
    assert.ok(ok > 100, `only ${ok} valid port lists generated`);
  });
});
