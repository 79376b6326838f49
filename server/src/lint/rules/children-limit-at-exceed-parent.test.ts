// Tests for RSC4014 (children's limit-at add up to more than the parent's max-limit).
import { rule } from './children-limit-at-exceed-parent';
import { fixture, ruleTester } from '../support/rule-testing';

const TREE = fixture('flow/two-direction-queue-tree.rsc');

ruleTester(rule).run({
  valid: [
    { name: 'a correct two-direction queue tree', text: TREE },
    {
      name: 'sum equal to the parent',
      text: '/queue tree\nadd name=p parent=ether1 max-limit=2M\nadd name=a parent=p packet-mark=a limit-at=1M\nadd name=b parent=p packet-mark=b limit-at=1M',
    },
    {
      name: 'parent without max-limit',
      text: '/queue tree\nadd name=p parent=ether1\nadd name=a parent=p packet-mark=a limit-at=5M',
    },
    {
      name: 'a disabled child does not count',
      text: '/queue tree\nadd name=p parent=ether1 max-limit=2M\nadd name=a parent=p packet-mark=a limit-at=2M\nadd name=b parent=p packet-mark=b limit-at=2M disabled=yes',
    },
  ],
  invalid: [
    {
      name: 'two children guarantee 12M under a 10M parent',
      text: `/queue tree
add name=up parent=ether1 max-limit=10M
add name=a parent=up packet-mark=a limit-at=6M priority=1
add name=b parent=up packet-mark=b limit-at=6M priority=2
`,
      errors: [{ line: 2, at: 'max-limit=10M', message: /guarantee 12M in total/, related: 2 }],
    },
    {
      name: 'simple queues, upload side only',
      text: `/queue simple
add name=p target=10.0.0.0/24 max-limit=2M/20M
add name=a parent=p target=10.0.0.0/24 packet-marks=a limit-at=1500k/1M
add name=b parent=p target=10.0.0.0/24 limit-at=1M/1M
`,
      errors: [{ line: 2, at: 'max-limit=2M/20M', message: /\(upload\)/ }],
    },
  ],
});
