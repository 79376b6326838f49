// Tests for RSC4012 (priority without a limited parent).
import { rule } from './priority-without-limit';
import { fixture, ruleTester } from '../support/rule-testing';

const TREE = fixture('flow/two-direction-queue-tree.rsc');

ruleTester(rule).run({
  valid: [
    { name: 'a correct two-direction queue tree', text: TREE },
    {
      name: 'priority 8 is the default',
      text: '/queue tree add name=v parent=global packet-mark=v priority=8',
    },
    { name: 'no priority', text: '/queue tree add name=v parent=global packet-mark=v' },
    {
      name: 'a computed parent',
      text: ':local p x\n/queue tree add name=v parent=$p packet-mark=v priority=1',
    },
    {
      name: 'grandparent limited',
      text: '/queue tree\nadd name=a parent=ether1 max-limit=10M\nadd name=b parent=a\nadd name=c parent=b packet-mark=v priority=1',
    },
  ],
  invalid: [
    {
      name: 'the old recipe: under global, no limit',
      text: '/queue tree add name=skype parent=global packet-mark=skype priority=1',
      errors: [{ line: 1, at: 'priority=1' }],
    },
    {
      name: 'directly under an interface',
      text: '/queue tree add name=v parent=ether1 packet-mark=v priority=2',
      errors: [{ line: 1, at: 'priority=2' }],
    },
    {
      name: 'under a parent without max-limit',
      text: '/queue tree\nadd name=p parent=global\nadd name=v parent=p packet-mark=v priority=1',
      errors: [{ line: 3, at: 'priority=1' }],
    },
    {
      name: 'a top-level simple queue',
      text: '/queue simple add name=s target=10.0.0.0/24 packet-marks=v priority=1/1',
      errors: [{ line: 1, at: 'priority=1/1' }],
    },
  ],
});
