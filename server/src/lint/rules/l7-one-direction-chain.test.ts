// Tests for RSC3011: layer7-protocol= in input/prerouting without the other direction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rule } from './l7-one-direction-chain';
import { findings, ruleTester } from '../support/rule-testing';

const def = '/ip firewall layer7-protocol add name=skypenack regexp="\\\\xd5.......\\$"\n';
const mangle = (chain: string): string =>
  `/ip firewall mangle add chain=${chain} protocol=udp packet-size=39 action=accept layer7-protocol=skypenack\n`;

ruleTester(rule).run({
  // Forward, or paired with output/postrouting, is fine.
  valid: [
    def + mangle('forward'),
    def + mangle('prerouting') + mangle('postrouting'),
    def + mangle('input') + mangle('output'),
  ],
  invalid: [
    {
      name: 'prerouting alone; the suggestion moves it to forward',
      text: def + mangle('prerouting'),
      errors: [{ at: 'chain=prerouting', fix: def + mangle('forward') }],
    },
    {
      name: 'input alone',
      text: def + mangle('input'),
      errors: [{ at: 'chain=input', fix: def + mangle('forward') }],
    },
  ],
});

test('RSC3011 says exactly what each chain misses', () => {
  const name = '/ip firewall layer7-protocol add name=p regexp="^x"\n';
  const [pre] = findings(
    rule,
    `${name}/ip firewall mangle add chain=prerouting layer7-protocol=p action=accept`,
  );
  assert.match(
    pre.message,
    /prerouting sees both directions of forwarded traffic, but not the packets the router itself sends/,
  );
  const [inp] = findings(rule, `${name}/ip firewall filter add chain=input layer7-protocol=p action=accept`);
  assert.match(inp.message, /input sees only packets addressed to the router: never forwarded traffic/);
  for (const d of [pre, inp]) assert.equal(d.message.split('\n').length, 2);
});
