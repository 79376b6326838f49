// Names that moved, mostly between RouterOS 6 and 7, so RSC5001 can name the replacement. Our own
// summary of the manual's "Moving from ROSv6 to v7" notes and the command trees' history.

import type { Rename } from './types';

export const RENAMES: readonly Rename[] = [
  {
    menu: '/ip route',
    arg: 'routing-mark',
    replacement: '`routing-table=` (tables are created in `/routing table`)',
    until: 'v6',
    note: 'RouterOS 7 puts routes in named routing tables instead of marking them.',
  },
  {
    menu: '/ip route rule',
    replacement: '`/routing rule`',
    until: 'v6',
    note: 'Policy routing rules moved under /routing in RouterOS 7.',
  },
  {
    menu: '/ip route vrf',
    replacement: '`/ip vrf`',
    until: 'v6',
    note: 'VRFs have their own menu in RouterOS 7.',
  },
  {
    menu: '/routing bgp peer',
    replacement: '`/routing bgp connection`',
    until: 'v6',
    note: 'RouterOS 7 configures BGP sessions as connections (with templates).',
  },
  {
    menu: '/routing ospf network',
    replacement: '`networks=` of `/routing ospf interface-template`',
    until: 'v6',
    note: 'RouterOS 7 lists OSPF networks on the interface template.',
  },
  {
    menu: '/routing filter',
    command: 'add',
    arg: 'chain',
    replacement: '`/routing filter rule add chain=... rule="..."`',
    until: 'v6',
    note: 'RouterOS 7 routing filters are rules written in their own small language.',
  },
  {
    menu: '/interface wifiwave2',
    replacement: '`/interface wifi`',
    until: '7.12',
    note: 'The wifiwave2 package became wifi in RouterOS 7.13.',
  },
  {
    menu: '/tool user-manager',
    replacement: '`/user-manager`',
    until: 'v6',
    note: 'User Manager is a root menu in RouterOS 7.',
  },
];
