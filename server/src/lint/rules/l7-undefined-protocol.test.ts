// Tests for RSC3009: layer7-protocol names with no entry in the file, and entries no rule uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rule } from './l7-undefined-protocol';
import { findings, ruleTester } from '../support/rule-testing';

const def = '/ip firewall layer7-protocol add name=skypenack regexp="\\\\xd5.......\\$"\n';
const use = (name: string): string =>
  `/ip firewall mangle add chain=forward protocol=udp packet-size=39 action=accept layer7-protocol=${name}\n`;

ruleTester(rule).run({
  valid: [
    { name: 'a negated use counts', text: def + use('!skypenack') },
    // Computed names make the check stand down.
    def + use('$p'),
    '/ip firewall layer7-protocol add name=$n regexp=abc\n' + use('skypenack'),
  ],
  invalid: [
    {
      name: 'a misspelt name gets the closest defined name as suggestion',
      text: def + use('skypenak'),
      errors: [
        { at: 'name=skypenack', severity: 'information' },
        { at: 'skypenak', severity: 'warning', fix: def + use('skypenack') },
      ],
    },
    {
      name: 'an unknown name with nothing close has no fix',
      text: def + use('skypenack') + use('other'),
      errors: [{ at: 'other' }],
    },
  ],
});

test('RSC3009: problem on one line, what to do on the next (use the close name, add the entry, or use/remove it)', () => {
  const [unused, typo] = findings(rule, def + use('skypenak'));
  assert.match(
    typo.message.split('\n')[0],
    /^layer7-protocol=skypenak: no \/ip firewall layer7-protocol entry named/,
  );
  assert.match(typo.message.split('\n')[1], /^Use "skypenack" if that is the entry meant/);
  assert.equal(
    unused.message.split('\n')[0],
    'layer7-protocol entry "skypenack" is used by no firewall rule in this file.',
  );
  assert.match(
    unused.message.split('\n')[1],
    /^Match it in a rule with layer7-protocol=skypenack, or remove the entry\.$/,
  );
  const [other] = findings(rule, def + use('skypenack') + use('other'));
  assert.match(other.message.split('\n')[1], /^Add an entry named "other"/);
});
