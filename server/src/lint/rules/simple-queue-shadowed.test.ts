// Tests for RSC4015 (a simple queue an earlier one shadows), with the move-above suggestion applied.
import { rule } from './simple-queue-shadowed';
import { fixture, ruleTester } from '../support/rule-testing';

const TREE = fixture('flow/two-direction-queue-tree.rsc');

ruleTester(rule).run({
  valid: [
    { name: 'a correct two-direction queue tree (and its simple-queue form)', text: TREE },
    {
      name: 'narrower first',
      text: '/queue simple\nadd name=one target=10.1.2.3/32\nadd name=all target=10.0.0.0/8',
    },
    {
      name: 'earlier one takes only its packet marks',
      text: '/queue simple\nadd name=v target=10.0.0.0/8 packet-marks=v\nadd name=rest target=10.0.0.0/8',
    },
    {
      name: 'earlier one only for a dst',
      text: '/queue simple\nadd name=v target=10.0.0.0/8 dst=1.2.3.4\nadd name=rest target=10.0.0.0/8',
    },
    {
      name: 'a time-restricted queue',
      text: '/queue simple\nadd name=night target=10.0.0.0/8 time=0s-6h,mon\nadd name=rest target=10.0.0.0/8',
    },
    {
      name: 'a disabled queue takes nothing',
      text: '/queue simple\nadd name=x target=10.0.0.0/8 disabled=yes\nadd name=rest target=10.0.0.0/8',
    },
  ],
  invalid: [
    {
      name: 'the old recipe appended after a queue for the whole LAN; the fix moves it up (and the result is clean)',
      text: `/queue simple
add name=lan target=192.168.88.0/24 max-limit=10M/50M
add name=skype target=192.168.88.0/24 packet-marks=skype priority=1/1
`,
      errors: [
        {
          line: 3,
          at: 'target=192.168.88.0/24',
          message: /the queue on line 2 \(lan\) comes first/,
          safe: false,
          fix: `/queue simple
add name=skype target=192.168.88.0/24 packet-marks=skype priority=1/1
add name=lan target=192.168.88.0/24 max-limit=10M/50M
`,
        },
      ],
    },
    {
      name: 'a broader prefix first',
      text: '/queue simple\nadd name=all target=10.0.0.0/8 max-limit=5M/5M\nadd name=one target=10.1.2.3/32 max-limit=1M/1M',
      errors: [{ line: 3, at: 'target=10.1.2.3/32', fix: true }],
    },
    {
      // Moving one of two identical queues above the other shadows the other one instead: no re-lint.
      name: 'same marks, same target',
      text: '/queue simple\nadd name=a target=ether2 packet-marks=v\nadd name=b target=ether2 packet-marks=v',
      relint: false,
      errors: [
        {
          line: 3,
          at: 'target=ether2',
          // (The moved line takes its line break along, so the last line now ends with one.)
          fix: '/queue simple\nadd name=b target=ether2 packet-marks=v\nadd name=a target=ether2 packet-marks=v\n',
        },
      ],
    },
  ],
});
