// Tests for RSC3007: hex escapes of ASCII letters, which match both cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rule } from './l7-hex-letter-escape';
import { findings, ruleTester } from '../support/rule-testing';

const l7 = (v: string): string => `/ip firewall layer7-protocol add name=p regexp="${v}"`;

ruleTester(rule).run({
  valid: [l7(String.raw`^\\x3a\\x40\\x5b`), l7('^abc')],
  invalid: [
    {
      name: 'regex \\\\x4a and string \\4B are letters; information, no fix',
      text: l7(String.raw`^\\x4a\\x3a\4B`),
      errors: [
        { at: String.raw`\\x4a`, severity: 'information' },
        { at: String.raw`\4B`, severity: 'information' },
      ],
    },
  ],
});

test('RSC3007: the message names the letter and both bytes on one line, what to write on the next', () => {
  const [d] = findings(rule, l7(String.raw`^\\x4a`));
  const [problem, todo] = d.message.split('\n');
  assert.match(problem, /^"\\\\x4a" is the letter "J".*both 0x4A \("J"\) and 0x6A \("j"\)\.$/);
  assert.match(todo, /^Write the letter "j"/);
});
