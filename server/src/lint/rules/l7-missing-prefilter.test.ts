// Tests for RSC3008: layer7-protocol= without cheap matchers in front of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rule } from './l7-missing-prefilter';
import { findings, ruleTester } from '../support/rule-testing';

const def = '/ip firewall layer7-protocol add name=skypenack regexp="\\\\xd5.......\\$"\n';

ruleTester(rule).run({
  valid: [
    {
      name: "the thread's rule (protocol=udp packet-size=39)",
      text: `${def}/ip firewall mangle add action=add-src-to-address-list address-list=skype address-list-timeout=1h chain=forward layer7-protocol=skypenack packet-size=39 protocol=udp\n`,
    },
    {
      name: 'connection-bytes in front',
      text: `${def}/ip firewall mangle add chain=forward action=accept connection-bytes=0-2000 layer7-protocol=skypenack\n`,
    },
    {
      name: 'a disabled rule',
      text: `${def}/ip firewall mangle add chain=forward action=accept disabled=yes layer7-protocol=skypenack\n`,
    },
  ],
  invalid: [
    {
      name: 'a mangle rule matching only layer7-protocol; warning, no fix',
      text: `${def}/ip firewall mangle add chain=forward action=mark-connection new-connection-mark=x layer7-protocol=skypenack\n`,
      errors: [{ at: 'layer7-protocol=skypenack', severity: 'warning' }],
    },
    {
      name: 'a filter rule under a menu line',
      text: `${def}/ip firewall filter\nadd chain=forward action=drop layer7-protocol=skypenack\n`,
      errors: [{ at: 'layer7-protocol=skypenack' }],
    },
  ],
});

test('RSC3008: the message names the protocol on the problem line and says how to narrow the rule on the next', () => {
  const text = `${def}/ip firewall mangle add chain=forward action=accept layer7-protocol=skypenack\n`;
  const [d] = findings(rule, text);
  const [problem, todo] = d.message.split('\n');
  assert.match(problem, /^layer7-protocol=skypenack with no cheap matcher in front of it/);
  assert.match(todo, /^Narrow the rule first, e\.g\. protocol=udp packet-size=39/);
});
