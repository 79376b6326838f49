// Overlay for the everyday menus: /interface basics, /ip address, route, dns, dhcp-client, dhcp-server,
// pool, service, /queue, /system script and scheduler, /tool fetch. Our own words after the RouterOS
// manual pages of the same names (help.mikrotik.com), with what differs in RouterOS 6.

import type { Overlay } from './types';
import { anyString, ipPrefix, num, oneOf, oneOfNames, openNames, rate, script, yesno } from './values';

const QUEUE_PRIORITY = num(1, 8);

export const NETWORK: Overlay = {
  '/interface': {
    doc: 'All interfaces of the router, of every kind; the submenus configure each kind (ethernet, bridge, vlan, wireguard, ...).',
    args: {
      name: { doc: 'The interface name used everywhere else in the configuration.', type: anyString },
      mtu: { doc: 'Layer-3 MTU in bytes.' },
      l2mtu: { doc: 'Layer-2 MTU in bytes (read-only on many interface kinds).' },
      disabled: { doc: 'A disabled interface passes no traffic.', type: yesno },
    },
    commands: {
      'monitor-traffic': { doc: 'Shows the current traffic rates of the given interfaces.' },
      blink: { doc: 'Blinks the port LED of an Ethernet interface to find it on the device.' },
    },
  },
  '/interface list': {
    doc: 'Named interface lists (WAN, LAN, ...) used by firewall and services through *-interface-list matchers.',
    args: { name: { doc: 'List name.', type: anyString } },
  },
  '/interface list member': {
    doc: 'Which interface belongs to which interface list.',
    args: {
      list: { doc: 'The list name.', type: anyString },
      interface: { doc: 'The member interface.', type: anyString },
    },
  },
  '/interface vlan': {
    doc: '802.1Q VLAN interfaces on top of another interface.',
    args: {
      'vlan-id': { doc: 'The VLAN tag (1..4094).' },
      interface: { doc: 'The parent interface the VLAN runs on.', type: anyString },
    },
  },
  '/interface bridge': {
    doc: 'Software bridges joining several ports into one layer-2 domain (hardware-offloaded where the switch chip allows).',
  },
  '/interface bridge port': {
    doc: 'Ports that belong to a bridge.',
    args: {
      bridge: { doc: 'The bridge the port joins.', type: anyString },
      interface: { doc: 'The port interface.', type: anyString },
    },
  },
  '/interface ethernet': { doc: 'Physical Ethernet ports: speed, auto-negotiation, flow control.' },
  '/ip address': {
    doc: 'IPv4 addresses assigned to interfaces.',
    args: {
      address: {
        doc: 'The address with its prefix length, e.g. `192.168.88.1/24` (a bare address means /32).',
        // RouterOS's hint says "IP address", but the usual form carries the prefix length.
        type: ipPrefix,
        force: true,
      },
      interface: { doc: 'The interface the address belongs to.', type: anyString },
      network: { doc: 'Network address; computed from address when left out.' },
      disabled: { doc: 'A disabled address is not used.', type: yesno },
    },
  },
  '/ip route': {
    doc: 'Static IPv4 routes. In RouterOS 7 a route belongs to a routing table (`routing-table=`, default `main`).',
    v6: 'RouterOS 6 selected the table with `routing-mark=` and had policy rules under `/ip route rule`; RouterOS 7 uses `routing-table=` (tables created in `/routing table`) and `/routing rule`.',
    args: {
      'dst-address': { doc: 'The destination prefix, e.g. `0.0.0.0/0` for the default route.' },
      gateway: { doc: 'Next hop: an address, an interface name, or `address%interface`; a list for ECMP.' },
      distance: {
        doc: 'Administrative distance (1..255); the lower one wins among routes to the same prefix.',
      },
      'routing-table': {
        doc: 'The routing table the route is put in (`main` by default).',
        type: openNames('main'),
      },
      'check-gateway': {
        doc: 'Probe the gateway with ping or ARP (`ping`, `arp`, `bfd`) and deactivate the route when it stops answering.',
      },
      scope: { doc: 'Scope of the route, used for recursive next-hop lookup.' },
      'target-scope': {
        doc: "Largest scope of routes that may resolve this route's gateway (recursive routing).",
      },
      blackhole: { doc: 'Silently drop traffic to the destination.' },
      'pref-src': { doc: 'The source address preferred for packets the router sends through this route.' },
      disabled: { doc: 'A disabled route is kept but not used.', type: yesno },
    },
  },
  '/ip dns': {
    doc: 'The DNS resolver and cache of the router.',
    args: {
      servers: { doc: 'Upstream DNS servers, comma-separated.' },
      'allow-remote-requests': {
        doc: 'Answer DNS queries from other hosts (then protect port 53 from the internet with the firewall).',
        type: yesno,
      },
      'cache-size': { doc: 'Size of the DNS cache in KiB.' },
      'cache-max-ttl': { doc: 'Longest time an answer stays in the cache.' },
      'use-doh-server': { doc: 'URL of a DNS-over-HTTPS server to use instead of plain DNS.' },
      'verify-doh-cert': {
        doc: 'Check the DoH server certificate against the trusted certificates.',
        type: yesno,
      },
    },
  },
  '/ip dns static': {
    doc: 'Static DNS entries the router answers itself.',
    args: {
      name: { doc: 'The host name.', type: anyString },
      address: { doc: 'The address the name resolves to.' },
      regexp: { doc: 'A regular expression of names instead of a single name.' },
      ttl: { doc: 'Time to live of the answer.' },
    },
  },
  '/ip dhcp-client': {
    doc: 'DHCP clients that obtain an address (and optionally a default route and DNS servers) on an interface.',
    args: {
      interface: { doc: 'The interface to request an address on.', type: anyString },
      'add-default-route': {
        doc: 'Install the default route the server offers: yes, no or `special-classless`.',
        type: oneOfNames('yes', 'no', 'special-classless'),
      },
      'default-route-distance': { doc: 'Distance of the added default route.' },
      'use-peer-dns': { doc: 'Use the DNS servers the DHCP server offers.', type: yesno },
      'use-peer-ntp': { doc: 'Use the NTP servers the DHCP server offers.', type: yesno },
      script: {
        doc: 'Script run when the lease is obtained or lost; it sees `$bound`, `$"lease-address"`, `$"gateway-address"` and more.',
        type: script,
      },
      disabled: { doc: 'A disabled client does not request a lease.', type: yesno },
    },
    commands: {
      release: { doc: 'Gives the lease back to the server.' },
      renew: { doc: 'Asks the server to renew the lease now.' },
    },
  },
  '/ip dhcp-server': {
    doc: 'DHCP servers handing out addresses from a pool on an interface; networks and leases are in the submenus.',
    args: {
      interface: { doc: 'The interface the server listens on.', type: anyString },
      'address-pool': {
        doc: 'The pool addresses come from (`static-only` hands out only static leases).',
        type: openNames('static-only'),
      },
      'lease-time': { doc: 'How long a lease is valid.' },
      'lease-script': {
        doc: 'Script run when a lease is added or removed; it sees `$leaseBound`, `$leaseActIP`, `$leaseActMAC`.',
        type: script,
      },
      disabled: { doc: 'A disabled server answers nobody.', type: yesno },
    },
    commands: { setup: { doc: 'Interactive wizard that creates a server, pool and network.' } },
  },
  '/ip dhcp-server network': {
    doc: 'The settings handed to clients per network: gateway, DNS servers, domain.',
    args: {
      // RouterOS's hint says "IP address", but the value is the network prefix (`192.168.88.0/24`).
      address: { doc: 'The network prefix the settings apply to.', type: ipPrefix, force: true },
      gateway: { doc: 'Default gateway given to clients.' },
      'dns-server': { doc: 'DNS servers given to clients.' },
    },
  },
  '/ip dhcp-server lease': {
    doc: 'Leases handed out; static leases bind an address to a MAC address.',
    args: {
      address: { doc: 'The leased address.' },
      'mac-address': { doc: 'The client MAC address.' },
    },
    commands: { 'make-static': { doc: 'Turns a dynamic lease into a static one.' } },
  },
  '/ip pool': {
    doc: 'Address pools used by DHCP servers, PPP and hotspot.',
    args: {
      name: { doc: 'Pool name.', type: anyString },
      ranges: { doc: 'Address ranges `a-b`, prefixes or single addresses, comma-separated.' },
      'next-pool': { doc: 'Pool to use when this one runs out.' },
    },
  },
  '/ip service': {
    doc: "The router's management services (ssh, winbox, www, www-ssl, api, api-ssl, telnet, ftp): port, allowed addresses, on or off.",
    args: {
      port: { doc: 'TCP port the service listens on.', type: num(1, 65535) },
      address: { doc: 'Prefixes allowed to connect; empty allows everyone.' },
      disabled: { doc: 'A disabled service does not listen.', type: yesno },
      certificate: { doc: 'Certificate for the TLS services (www-ssl, api-ssl).' },
    },
  },
  '/queue': {
    doc: 'Queues limit and prioritise traffic: simple queues per target, queue trees on marks, queue types.',
  },
  '/queue simple': {
    doc: 'Simple queues limit traffic of a target (address, prefix or interface) in both directions; they are checked in order.',
    args: {
      name: { doc: 'Queue name (used as parent by other queues).', type: anyString },
      target: { doc: 'Addresses, prefixes or interfaces whose traffic the queue limits.' },
      'max-limit': { doc: 'Upper rate as `upload/download`, e.g. `10M/50M`.', type: rate },
      'limit-at': { doc: 'Guaranteed rate as `upload/download`.', type: rate },
      'burst-limit': { doc: 'Rate allowed while bursting, as `upload/download`.', type: rate },
      'burst-threshold': {
        doc: 'Average rate below which bursting is allowed, as `upload/download`.',
        type: rate,
      },
      'burst-time': {
        doc: 'Window over which the average rate for bursting is computed, as `upload/download`.',
      },
      priority: { doc: 'Priority 1 (highest) to 8 for child queues, as `upload/download`.' },
      parent: { doc: 'The parent queue (`none` at the top).', type: openNames('none') },
      'packet-marks': { doc: 'Only queue packets with these packet marks (from mangle).' },
      queue: { doc: 'Queue types for upload/download, e.g. `default-small/default-small`.' },
      disabled: { doc: 'A disabled queue does not limit.', type: yesno },
    },
  },
  '/queue tree': {
    doc: 'Queue trees shape traffic by packet mark on an interface or a global parent; children share what their parent allows (HTB).',
    args: {
      name: { doc: 'Queue name (used as parent by child queues).', type: anyString },
      parent: { doc: 'An interface, `global`, or another queue.', type: openNames('global') },
      'packet-mark': { doc: 'Packet marks (from mangle) this queue takes; `no-mark` for unmarked packets.' },
      'max-limit': { doc: 'Upper rate, e.g. `10M`.', type: rate },
      'limit-at': { doc: 'Guaranteed rate.', type: rate },
      'burst-limit': { doc: 'Rate allowed while bursting.', type: rate },
      'burst-threshold': { doc: 'Average rate below which bursting is allowed.', type: rate },
      priority: {
        doc: 'Priority 1 (highest) to 8 among siblings once limit-at is served.',
        type: QUEUE_PRIORITY,
      },
      queue: { doc: 'The queue type, e.g. `default`, `pcq-download-default`.' },
      disabled: { doc: 'A disabled queue does not shape.', type: yesno },
    },
  },
  '/queue type': {
    doc: 'Queue kinds with their settings (pfifo, bfifo, sfq, pcq, red, codel, fq-codel, cake, ...), referenced by queues.',
    args: {
      name: { doc: 'Name queues use in `queue=`.', type: anyString },
      kind: {
        doc: 'The queuing discipline.',
        type: oneOfNames(
          'bfifo',
          'cake',
          'codel',
          'fq-codel',
          'mq-pfifo',
          'none',
          'pcq',
          'pfifo',
          'red',
          'sfq',
        ),
      },
      'pcq-rate': { doc: 'Rate limit per PCQ sub-stream (0 = none).', type: rate },
      'pcq-classifier': {
        doc: 'What defines a PCQ sub-stream: src-address, dst-address, src-port, dst-port.',
      },
    },
  },
  '/queue interface': { doc: 'The queue type each interface uses when no other queue applies.' },
  '/system script': {
    doc: 'Stored scripts, run with `/system script run` or by the scheduler, netwatch and other event hooks.',
    args: {
      name: { doc: 'Script name.', type: anyString },
      source: { doc: 'The script text.', type: script },
      policy: { doc: 'Permissions the script runs with (read, write, policy, test, ...), comma-separated.' },
      'dont-require-permissions': {
        doc: "Run with the permissions of the caller instead of checking the script's own policy.",
        type: yesno,
      },
    },
    commands: { run: { doc: 'Runs the named script now.' } },
  },
  '/system script environment': { doc: 'Global variables that scripts have set, with their values.' },
  '/system script job': { doc: 'Scripts currently running.' },
  '/system scheduler': {
    doc: 'Runs scripts at a set time, periodically, or at startup.',
    args: {
      name: { doc: 'Entry name.', type: anyString },
      'on-event': { doc: 'The script text, or the name of a /system script entry, to run.', type: script },
      interval: { doc: 'Time between runs; 0 runs once at start-time.' },
      'start-time': {
        doc: 'Time of day of the first run, or `startup` to run after boot.',
        type: oneOf({ kind: 'time' }, oneOfNames('startup')),
      },
      'start-date': { doc: 'Date of the first run.' },
      policy: { doc: 'Permissions the script runs with.' },
      disabled: { doc: 'A disabled entry does not run.', type: yesno },
    },
  },
  '/tool': {
    doc: 'Diagnostic and utility tools: ping, traceroute, fetch, netwatch, e-mail, sniffer, bandwidth test, ...',
    commands: {
      fetch: {
        doc: 'Downloads or uploads a file over HTTP(S), FTP or SFTP; with `output=user` the result is returned to the script.',
        args: {
          url: { doc: 'The full URL to fetch.' },
          mode: { doc: 'Protocol when no URL is given (http, https, ftp, sftp, tftp).' },
          'dst-path': { doc: 'File name to save the download as.' },
          output: {
            doc: 'Where the result goes: `file` (default), `user` (returned as data), `user-with-headers` or `none`.',
            type: oneOfNames('file', 'none', 'user', 'user-with-headers'),
          },
          'http-method': {
            doc: 'HTTP method: get, post, put, delete, head, patch.',
            type: oneOfNames('delete', 'get', 'head', 'patch', 'post', 'put'),
          },
          'http-data': { doc: 'Request body for post/put.' },
          'http-header-field': { doc: 'Extra request headers, `name:value` comma-separated.' },
          'check-certificate': {
            doc: 'Verify the server certificate: yes, no or yes-without-crl.',
            type: oneOfNames('yes', 'no', 'yes-without-crl'),
          },
          'as-value': { doc: 'Return the status as an array instead of printing it.' },
          user: { doc: 'User name for authentication.' },
          password: { doc: 'Password for authentication.' },
          'keep-result': { doc: 'Keep the downloaded file (yes) or discard it.', type: yesno },
          'src-address': { doc: 'Source address for the connection.' },
        },
      },
      ping: { doc: 'Sends ICMP echo requests and reports replies.' },
      traceroute: { doc: 'Shows the routers on the path to an address.' },
    },
  },
  '/tool netwatch': {
    doc: 'Watches hosts with probes and runs scripts when they go up or down.',
    args: {
      host: { doc: 'The address to probe.' },
      'up-script': { doc: 'Script run when the host comes up.', type: script },
      'down-script': { doc: 'Script run when the host goes down.', type: script },
    },
  },
  '/ip': { doc: 'IPv4 settings: addresses, routes, firewall, DHCP, DNS, services.' },
  '/ipv6': { doc: 'IPv6 settings: addresses, routes, firewall, DHCP, neighbour discovery.' },
  '/system': { doc: 'System settings: identity, clock, scripts, scheduler, packages, logging, reboot.' },
};
