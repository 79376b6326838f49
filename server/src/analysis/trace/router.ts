// What the tracer needs to know about the router besides its firewall: interfaces, bridge ports,
// interface lists, its own addresses and connected networks, routes, and the static address-list entries.
// Read from the replayed configuration tables (config.ts), never guessed: what cannot be read is listed.
import type { ConfigModel, Item } from '../config';
import { splitList, yesNo } from '../values';
import { parseAddressRange, parseIPv4, inRange, type AddressRange } from './ipv4';

/** Menus replayed for the tracer besides the firewall's own. */
export const TRACE_TABLES: ReadonlySet<string> = new Set([
  'ip address',
  'interface list',
  'interface list member',
  'interface bridge',
  'interface bridge port',
  'interface vlan',
  'interface ethernet',
  'interface pppoe-client',
  'interface wireguard',
  'interface bonding',
  'interface wifi',
  'interface wireless',
  'interface lte',
  'interface eoip',
  'interface gre',
  'interface l2tp-client',
  'interface ovpn-client',
  'ip dhcp-client',
]);

export interface RouterAddress {
  address: number;
  network: AddressRange;
  iface: string;
  line: number;
}

export interface RouterRoute {
  dst: AddressRange;
  prefix: number;
  gateway: string;
  line: number;
}

export interface StaticListEntry {
  list: string;
  range: AddressRange | undefined;
  /** The address as written (a DNS name when range is undefined). */
  text: string;
  /** Seconds after which the entry goes (a `timeout=` on a static entry), undefined for none. */
  timeout: number | undefined;
  line: number;
}

export interface RouterView {
  interfaces: ReadonlySet<string>;
  /** Bridge port -> its bridge. */
  bridgeOf: ReadonlyMap<string, string>;
  addresses: readonly RouterAddress[];
  routes: readonly RouterRoute[];
  /** Interfaces with a DHCP client (a default route through them, RouterOS's add-default-route=yes). */
  dhcpClients: readonly { iface: string; line: number }[];
  listEntries: readonly StaticListEntry[];
  /** Interface list -> its members (include/exclude resolved; `all`, `none` built in). */
  interfaceList(name: string): ReadonlySet<string>;
}

const lit = (item: Item, name: string): string | undefined => {
  const p = item.props.get(name);
  return p && !p.value.computed && !p.value.negated ? p.value.text : undefined;
};

const enabled = (item: Item): boolean => {
  const d = lit(item, 'disabled');
  return d === undefined || yesNo(d) !== true;
};

/** Reads the router view from a replayed configuration; `lineOf` turns offsets into 1-based lines. */
export function readRouter(
  config: ConfigModel,
  lineOf: (offset: number) => number,
  timeToSeconds: (text: string) => number | undefined,
): RouterView {
  const items = (key: string): readonly Item[] => config.tables.get(key)?.items ?? [];
  const interfaces = new Set<string>();
  const bridgeOf = new Map<string, string>();
  const named = (key: string): void => {
    for (const it of items(key)) {
      const n = lit(it, 'name') ?? lit(it, 'default-name');
      if (n !== undefined) interfaces.add(n);
    }
  };
  for (const key of TRACE_TABLES)
    if (key.startsWith('interface ') && !key.startsWith('interface list')) named(key);
  for (const it of items('interface bridge port')) {
    const port = lit(it, 'interface');
    const bridge = lit(it, 'bridge');
    if (port === undefined || bridge === undefined || !enabled(it)) continue;
    interfaces.add(port);
    interfaces.add(bridge);
    bridgeOf.set(port, bridge);
  }
  const memberRows: { list: string; iface: string }[] = [];
  for (const it of items('interface list member')) {
    const list = lit(it, 'list');
    const iface = lit(it, 'interface');
    if (list === undefined || iface === undefined || !enabled(it)) continue;
    memberRows.push({ list, iface });
  }
  const listDefs = new Map<string, { include: string[]; exclude: string[] }>();
  for (const it of items('interface list')) {
    const name = lit(it, 'name');
    if (name === undefined) continue;
    listDefs.set(name, {
      include: splitList(lit(it, 'include') ?? ''),
      exclude: splitList(lit(it, 'exclude') ?? ''),
    });
  }
  const addresses: RouterAddress[] = [];
  for (const it of items('ip address')) {
    const a = lit(it, 'address');
    const iface = lit(it, 'interface');
    if (a === undefined || iface === undefined || !enabled(it)) continue;
    const slash = a.indexOf('/');
    const address = parseIPv4(slash >= 0 ? a.slice(0, slash) : a);
    const network = parseAddressRange(slash >= 0 ? a : `${a}/32`);
    if (address === undefined || network === undefined) continue;
    interfaces.add(iface);
    addresses.push({ address, network, iface, line: lineOf(it.command.start) });
  }
  const routes: RouterRoute[] = [];
  for (const it of items('ip route')) {
    if (!enabled(it)) continue;
    const dstText = lit(it, 'dst-address') ?? '0.0.0.0/0';
    const gateway = lit(it, 'gateway');
    const dst = parseAddressRange(dstText);
    if (dst === undefined || gateway === undefined) continue;
    if (lit(it, 'routing-table') !== undefined && lit(it, 'routing-table') !== 'main') continue;
    const m = /\/(\d+)$/.exec(dstText);
    routes.push({ dst, prefix: m ? Number(m[1]) : 32, gateway, line: lineOf(it.command.start) });
  }
  const dhcpClients: { iface: string; line: number }[] = [];
  for (const it of items('ip dhcp-client')) {
    const iface = lit(it, 'interface');
    if (iface === undefined || !enabled(it)) continue;
    const adr = lit(it, 'add-default-route');
    if (adr !== undefined && yesNo(adr) === false) continue;
    interfaces.add(iface);
    dhcpClients.push({ iface, line: lineOf(it.command.start) });
  }
  for (const r of memberRows) interfaces.add(r.iface);
  const listEntries: StaticListEntry[] = [];
  for (const it of items('ip firewall address-list')) {
    const list = lit(it, 'list');
    const address = lit(it, 'address');
    if (list === undefined || address === undefined || !enabled(it)) continue;
    const t = lit(it, 'timeout');
    listEntries.push({
      list,
      range: parseAddressRange(address),
      text: address,
      timeout: t !== undefined ? timeToSeconds(t) : undefined,
      line: lineOf(it.command.start),
    });
  }
  const resolved = new Map<string, Set<string>>();
  const interfaceList = (name: string, seen: Set<string> = new Set()): Set<string> => {
    const hit = resolved.get(name);
    if (hit) return hit;
    if (name === 'all') return new Set(interfaces);
    if (name === 'none' || seen.has(name)) return new Set();
    seen.add(name);
    const out = new Set<string>();
    for (const r of memberRows) {
      if (r.list !== name) continue;
      // A member may itself be a list.
      if (listDefs.has(r.iface) || r.iface === 'all')
        for (const x of interfaceList(r.iface, seen)) out.add(x);
      else out.add(r.iface);
    }
    const def = listDefs.get(name);
    for (const inc of def?.include ?? []) for (const x of interfaceList(inc, seen)) out.add(x);
    for (const exc of def?.exclude ?? []) for (const x of interfaceList(exc, seen)) out.delete(x);
    resolved.set(name, out);
    return out;
  };
  return {
    interfaces,
    bridgeOf,
    addresses,
    routes,
    dhcpClients,
    listEntries,
    interfaceList: (name) => interfaceList(name),
  };
}

/** The router's address on an interface (the first one), for masquerade and redirect. */
export function addressOn(router: RouterView, iface: string): RouterAddress | undefined {
  return router.addresses.find((a) => a.iface === iface);
}

export function isLocal(router: RouterView, address: number): boolean {
  return router.addresses.some((a) => a.address === address);
}

/** The connected network holding an address (longest prefix). */
export function connectedFor(router: RouterView, address: number): RouterAddress | undefined {
  let best: RouterAddress | undefined;
  for (const a of router.addresses) {
    if (!inRange(a.network, address)) continue;
    if (!best || a.network.hi - a.network.lo < best.network.hi - best.network.lo) best = a;
  }
  return best;
}
