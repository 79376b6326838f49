// Tests for RSC2004 (malformed typed value): only literal values, never computed ones.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { found } from '../support/schema-testing';

const CODE = 'RSC2004';

describe('RSC2004 malformed-value', () => {
  it('reports malformed addresses, times, ports and yes/no', () => {
    const cases: [string, string[]][] = [
      ['/ip firewall filter add chain=forward dst-address=10.0.0.300', ['warning:10.0.0.300']],
      [
        '/ip firewall filter add chain=forward action=add-src-to-address-list address-list=x address-list-timeout=1x',
        ['warning:1x'],
      ],
      ['/ip firewall filter add chain=forward protocol=tcp dst-port=80-90000', ['warning:80-90000']],
      ['/ip firewall filter add chain=forward disabled=ye', ['warning:ye']],
      ['/ip firewall filter add chain=forward src-address="10.0.0.0/33"', ['warning:"10.0.0.0/33"']],
    ];
    for (const [text, want] of cases) assert.deepEqual(found(text, CODE), want, text);
  });

  it('accepts well-formed and computed values', () => {
    for (const text of [
      '/ip firewall filter add chain=forward dst-address=10.0.0.0/8 src-address=!192.168.88.1-192.168.88.9',
      '/ip firewall filter add chain=forward protocol=tcp dst-port=80,443,8000-8080',
      '/ip firewall filter add chain=forward action=add-src-to-address-list address-list=x address-list-timeout=1h30m',
      '/ip firewall filter add chain=forward dst-address=$addr',
      '/ip firewall filter add chain=forward dst-address="$net/24"',
      '/ip firewall filter add chain=forward dst-address=[:toip "10.0.0.1"]',
      ':serialize to=dsv delimiter="\\t" value=$x',
    ])
      assert.deepEqual(found(text, CODE), [], text);
  });
});
