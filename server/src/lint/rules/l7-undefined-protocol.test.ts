// Tests for RSC3009: layer7-protocol names with no entry in the file, and entries no rule uses.
import { test } from 'node:test';
import { rule } from './l7-undefined-protocol';
import { assertClean, assertRule } from '../support/l7-testing';

const def = '/ip firewall layer7-protocol add name=skypenack regexp="\\\\xd5.......\\$"\n';
const use = (name: string): string =>
  `/ip firewall mangle add chain=forward protocol=udp packet-size=39 action=accept layer7-protocol=${name}\n`;

test('RSC3009: a misspelt name gets the closest defined name as suggestion', () => {
  const text = def + use('skypenak');
  assertRule(rule, text, [
    { at: 'name=skypenack', severity: 'information' },
    { at: 'skypenak', severity: 'warning', fixed: def + use('skypenack') },
  ]);
});

test('RSC3009: a negated use counts; an unknown name with nothing close has no fix', () => {
  assertClean(rule, [def + use('!skypenack')]);
  const text = def + use('skypenack') + use('other');
  assertRule(rule, text, [{ at: 'other' }]);
});

test('RSC3009: computed names make the check stand down', () => {
  assertClean(rule, [
    def + use('$p'),
    '/ip firewall layer7-protocol add name=$n regexp=abc\n' + use('skypenack'),
  ]);
});
