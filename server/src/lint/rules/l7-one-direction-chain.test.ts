// Tests for RSC3011: layer7-protocol= in input/prerouting without the other direction.
import { test } from 'node:test';
import { rule } from './l7-one-direction-chain';
import { assertClean, assertRule } from '../support/l7-testing';

const def = '/ip firewall layer7-protocol add name=skypenack regexp="\\\\xd5.......\\$"\n';
const mangle = (chain: string): string =>
  `/ip firewall mangle add chain=${chain} protocol=udp packet-size=39 action=accept layer7-protocol=skypenack\n`;

test('RSC3011: prerouting alone; the suggestion moves it to forward', () => {
  assertRule(rule, def + mangle('prerouting'), [{ at: 'chain=prerouting', fixed: def + mangle('forward') }]);
  assertRule(rule, def + mangle('input'), [{ at: 'chain=input', fixed: def + mangle('forward') }]);
});

test('RSC3011: forward, or paired with output/postrouting, is fine', () => {
  assertClean(rule, [
    def + mangle('forward'),
    def + mangle('prerouting') + mangle('postrouting'),
    def + mangle('input') + mangle('output'),
  ]);
});
