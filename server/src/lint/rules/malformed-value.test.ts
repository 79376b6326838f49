// Tests for RSC2004 (malformed typed value): only literal values, never computed ones.
import { rule } from './malformed-value';
import { ruleTester } from '../support/rule-testing';

ruleTester(rule).run({
  // Well-formed and computed values.
  valid: [
    '/ip firewall filter add chain=forward dst-address=10.0.0.0/8 src-address=!192.168.88.1-192.168.88.9',
    '/ip firewall filter add chain=forward protocol=tcp dst-port=80,443,8000-8080',
    '/ip firewall filter add chain=forward action=add-src-to-address-list address-list=x address-list-timeout=1h30m',
    '/ip firewall filter add chain=forward dst-address=$addr',
    '/ip firewall filter add chain=forward dst-address="$net/24"',
    '/ip firewall filter add chain=forward dst-address=[:toip "10.0.0.1"]',
    ':serialize to=dsv delimiter="\\t" value=$x',
  ],
  // Malformed addresses, times, ports and yes/no.
  invalid: [
    {
      text: '/ip firewall filter add chain=forward dst-address=10.0.0.300',
      errors: [{ at: '10.0.0.300', severity: 'warning' }],
    },
    {
      text: '/ip firewall filter add chain=forward action=add-src-to-address-list address-list=x address-list-timeout=1x',
      errors: [{ at: '1x', severity: 'warning' }],
    },
    {
      text: '/ip firewall filter add chain=forward protocol=tcp dst-port=80-90000',
      errors: [{ at: '80-90000', severity: 'warning' }],
    },
    {
      text: '/ip firewall filter add chain=forward disabled=ye',
      errors: [{ at: 'ye', severity: 'warning' }],
    },
    {
      text: '/ip firewall filter add chain=forward src-address="10.0.0.0/33"',
      errors: [{ at: '"10.0.0.0/33"', severity: 'warning' }],
    },
  ],
});
