// Tests for RSC3008: layer7-protocol= without cheap matchers in front of it.
import { test } from 'node:test';
import { rule } from './l7-missing-prefilter';
import assert from 'node:assert/strict';
import { assertClean, assertRule, runRules } from '../support/l7-testing';

const def = '/ip firewall layer7-protocol add name=skypenack regexp="\\\\xd5.......\\$"\n';

test('RSC3008: a mangle rule matching only layer7-protocol; warning, no fix', () => {
  const text = `${def}/ip firewall mangle add chain=forward action=mark-connection new-connection-mark=x layer7-protocol=skypenack\n`;
  assertRule(rule, text, [{ at: 'layer7-protocol=skypenack', severity: 'warning' }]);
  const filter = `${def}/ip firewall filter\nadd chain=forward action=drop layer7-protocol=skypenack\n`;
  assertRule(rule, filter, [{ at: 'layer7-protocol=skypenack' }]);
});

test("RSC3008: the thread's rule (protocol=udp packet-size=39) and disabled rules are fine", () => {
  assertClean(rule, [
    `${def}/ip firewall mangle add action=add-src-to-address-list address-list=skype address-list-timeout=1h chain=forward layer7-protocol=skypenack packet-size=39 protocol=udp\n`,
    `${def}/ip firewall mangle add chain=forward action=accept connection-bytes=0-2000 layer7-protocol=skypenack\n`,
    `${def}/ip firewall mangle add chain=forward action=accept disabled=yes layer7-protocol=skypenack\n`,
  ]);
});

test('RSC3008: the message names the protocol on the problem line and says how to narrow the rule on the next', () => {
  const text = `${def}/ip firewall mangle add chain=forward action=accept layer7-protocol=skypenack\n`;
  const [d] = runRules([rule], text);
  const [problem, todo] = d.message.split('\n');
  assert.match(problem, /^layer7-protocol=skypenack with no cheap matcher in front of it/);
  assert.match(todo, /^Narrow the rule first, e\.g\. protocol=udp packet-size=39/);
});
