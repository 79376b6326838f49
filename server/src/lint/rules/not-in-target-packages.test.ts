// Tests for RSC5002 (a name of a package the target router lacks): silent with `all`; with `base` or a
// list, an error where RouterOS's parse rejects the line and a warning where only the run fails.
import { rule } from './not-in-target-packages';
import { ruleTester } from '../support/rule-testing';

const base = { packages: 'base' };
const listed = { packages: 'container,iot' };

ruleTester(rule).run({
  valid: [
    // Silent with every package (the default) and for names of the routeros package.
    '/container/print\n/user-manager user add name=a',
    { text: '/container/print', options: { packages: 'all' } },
    ...[
      '/ip address print',
      '/interface/wifi/print',
      '/disk print',
      '/disk add type=tmpfs tmpfs-max-size=10M',
      '/system package print',
      ':put [/system identity get name]',
    ].map((text) => ({ text, options: base })),
    {
      name: 'veth is in the routeros package before 7.21',
      text: '/interface/veth/add name=v1',
      options: { packages: 'base', target: '7.20' },
    },
    // Before 7.13 the old wireless driver was part of x86's routeros package.
    { text: '/caps-man/interface/print', options: { packages: 'base', target: '7.12' } },
    { name: 'the names of the packages listed', text: '/container/print\n/iot mqtt {\n}', options: listed },
  ],
  invalid: [
    // An error where RouterOS cannot parse the line: a / path, a block, a computed value.
    { text: '/container/print', options: base, errors: [{ at: 'container', severity: 'error' }] },
    {
      text: ':put [/user-manager/user/find]',
      options: base,
      errors: [{ at: 'user-manager', severity: 'error' }],
    },
    { text: '/iot mqtt {\n  :put 1\n}', options: base, errors: [{ at: 'iot', severity: 'error' }] },
    {
      text: '/iot mqtt publish broker=b message="v=$x"',
      options: base,
      errors: [{ at: 'iot', severity: 'error' }],
    },
    {
      // An unknown parameter of a known command is rejected at parse time, as RSC2002 says.
      text: '/disk add type=raid raid-type=1',
      options: base,
      errors: [{ at: 'raid-type', severity: 'error' }],
    },
    // A warning where RouterOS parses the line and stops when it runs it.
    { text: '/container stop app-caddy', options: base, errors: [{ at: 'container', severity: 'warning' }] },
    {
      text: '/app add disabled=no yaml="name: x"',
      options: base,
      errors: [{ at: 'app', severity: 'warning' }],
    },
    {
      text: ':local a [/iot bluetooth scanners print as-value]',
      options: base,
      errors: [{ at: 'iot', severity: 'warning' }],
    },
    { text: '/interface wireless\n', options: base, errors: [{ at: 'wireless', severity: 'warning' }] },
    {
      name: 'a bare menu line once, and after it only computed values',
      text: '/container envs\nadd key=A name=x value=1\nadd key=B name=x value="$[/ip/cloud/get dns-name]"',
      options: base,
      errors: [
        { at: 'container', severity: 'warning' },
        { at: 'value', nth: 1, severity: 'error' },
      ],
    },
    // Names the package, and knows when it moved (veth: container from 7.21).
    {
      text: '/interface/veth/add name=v1',
      options: base,
      errors: [{ at: 'veth', message: /the `container` package/ }],
    },
    {
      text: '/caps-man/interface/print',
      options: base,
      errors: [{ at: 'caps-man', message: /the `wireless` package/ }],
    },
    { text: '/system/gps/print', options: base, errors: [{ at: 'gps', message: /the `gps` package/ }] },
    {
      name: 'a package not in the list',
      text: '/user-manager/user/print',
      options: listed,
      errors: [{ at: 'user-manager', severity: 'error', message: /base\+container\+iot/ }],
    },
    {
      name: 'global commands inside a missing menu are left alone',
      text: '/container\n:put "x"\n:log info "y"',
      options: base,
      errors: [{ at: 'container', severity: 'warning' }],
    },
  ],
});
