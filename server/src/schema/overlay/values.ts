// Value types the overlay uses again and again, built once so the area files read like the manual's
// property tables.

import type { ValueType } from '../types';

export const yesno: ValueType = { kind: 'yesno' };
export const anyString: ValueType = { kind: 'string' };
export const script: ValueType = { kind: 'script' };
export const time: ValueType = { kind: 'time' };
export const ip: ValueType = { kind: 'ip' };
export const ipPrefix: ValueType = { kind: 'ip-prefix' };
export const ipRange: ValueType = { kind: 'ip-range' };
export const ipv6: ValueType = { kind: 'ipv6' };
export const ipv6Prefix: ValueType = { kind: 'ipv6-prefix' };
export const mac: ValueType = { kind: 'mac' };
export const ports: ValueType = { kind: 'port-range' };
export const rate: ValueType = { kind: 'rate' };

/** Prefix `!` allowed: firewall matchers. */
export const not = (inner: ValueType): ValueType => ({ kind: 'negatable', inner });
export const oneOf = (...types: ValueType[]): ValueType => ({ kind: 'one-of', types });
export const num = (min?: number, max?: number): ValueType => ({ kind: 'number', min, max });
export const intRange = (min?: number, max?: number): ValueType => ({ kind: 'int-range', min, max });
export const oneOfNames = (...values: string[]): ValueType => ({ kind: 'enum', values });
export const listOf = (...values: string[]): ValueType => ({ kind: 'enum', values, list: true });
/** Built-in names plus any name the user defines (custom chains, marks, interfaces ...). */
export const openNames = (...values: string[]): ValueType => ({ kind: 'enum', values, open: true });

/** IP protocol names RouterOS accepts for `protocol=`, besides the numbers 0..255. */
export const IP_PROTOCOLS: readonly string[] = [
  'dccp',
  'ddp',
  'egp',
  'encap',
  'etherip',
  'ggp',
  'gre',
  'hmp',
  'icmp',
  'icmpv6',
  'idpr-cmtp',
  'igmp',
  'ipencap',
  'ipip',
  'ipsec-ah',
  'ipsec-esp',
  'ipv6',
  'ipv6-frag',
  'ipv6-nonxt',
  'ipv6-opts',
  'ipv6-route',
  'iso-tp4',
  'l2tp',
  'ospf',
  'pim',
  'pup',
  'rdp',
  'rspf',
  'rsvp',
  'sctp',
  'st',
  'tcp',
  'udp',
  'udp-lite',
  'vmtp',
  'vrrp',
  'xns-idp',
  'xtp',
];

export const protocol: ValueType = not(oneOf(oneOfNames(...IP_PROTOCOLS), num(0, 255)));
