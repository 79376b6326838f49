// Tests for RSC4013 (limit-at above max-limit on the same queue).
import { rule } from './limit-at-above-max-limit';
import { fixture, ruleTester } from '../support/rule-testing';

const TREE = fixture('flow/two-direction-queue-tree.rsc');

ruleTester(rule).run({
  valid: [
    { name: 'a correct two-direction queue tree', text: TREE },
    {
      name: 'max-limit 0 means unlimited',
      text: '/queue tree add name=v parent=ether1 limit-at=2M max-limit=0',
    },
    { name: 'equal', text: '/queue tree add name=v parent=ether1 limit-at=2M max-limit=2M' },
    { name: 'no max-limit', text: '/queue tree add name=v parent=ether1 limit-at=2M' },
  ],
  invalid: [
    {
      name: 'queue tree',
      text: '/queue tree add name=v parent=ether1 limit-at=2M max-limit=1M',
      errors: [{ line: 1, at: 'limit-at=2M', message: /limit-at 2M is above this queue's max-limit 1M/ }],
    },
    {
      name: 'simple queue, download side',
      text: '/queue simple add name=s target=10.0.0.1 limit-at=1M/20M max-limit=5M/10M',
      errors: [{ line: 1, at: 'limit-at=1M/20M', message: /limit-at \(download\) 20M .* max-limit 10M/ }],
    },
    {
      name: 'units: 1500k above 1M',
      text: '/queue tree add name=v parent=ether1 limit-at=1500k max-limit=1M',
      errors: [{ line: 1, at: 'limit-at=1500k', message: /1500k/ }],
    },
  ],
});
