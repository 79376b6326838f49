// The packet tracer: replays IPv4 packets through a configuration the way RouterOS's packet flow runs
// them: raw and mangle prerouting, dst-nat, the routing decision (the router itself by `/ip address`, else
// forward), mangle and filter input or forward, mangle postrouting, src-nat, then the queues. Connection
// tracking joins packets of one 5-tuple in either direction (NAT mappings included), FastTrack sends later
// packets past mangle, filter and queues, address lists age on the packets' clock, and the layer-7
// matcher keeps one buffer per connection. A matcher it does not model is reported with the assumption
// made, never guessed silently. Pure: no I/O.
import type { FirewallModel, FirewallRule, FirewallTable } from '../firewall';
import type { Prop } from '../config';
import { readRange, type RangeMatcher } from '../ranges';
import { splitList } from '../values';
import { NOT_MATCHERS } from '../shadow';
import { fromWinbox, L7Connection, type L7Pattern } from '../../l7';
import {
  formatIPv4,
  inRange,
  parseAddressRange,
  parsePorts,
  protocolName,
  protocolNumber,
  type AddressRange,
} from './ipv4';
import type { TracePacket } from './packet';
import { addressOn, connectedFor, isLocal, type RouterView } from './router';

export type Verdict = 'accept' | 'drop' | 'reject';
export type ConnectionState = 'new' | 'established' | 'related' | 'invalid' | 'untracked';

export interface RuleHit {
  line: number;
  table: FirewallTable;
  chain: string;
  action: string;
  /** What the action did, in words (`conn_skype`, `skype += 1.2.3.4 for 3600s`, `to 10.0.0.2:80`). */
  detail?: string;
}

export interface NotModelled {
  name: string;
  line: number;
  /** The assumption made: the rule was treated as not matching. */
  assumed: string;
  message: string;
}

export interface ListChange {
  list: string;
  address: string;
  /** Seconds until it goes; null for no timeout. */
  timeout: number | null;
  line: number;
}

export interface NatChange {
  from: string;
  to: string;
  /** The NAT rule (first packet), or null when the connection's mapping was applied. */
  line: number | null;
}

export interface PacketReport {
  label: string;
  time: number;
  protocol: string;
  src: string;
  dst: string;
  inInterface: string;
  outInterface: string | null;
  /** `forward` (through the router) or `input` (to the router itself); null when dropped before routing. */
  path: 'forward' | 'input' | null;
  connection: number;
  direction: 'orig' | 'reply';
  connectionState: ConnectionState;
  rules: RuleHit[];
  connectionMark: string | null;
  packetMark: string | null;
  routingMark: string | null;
  addressLists: ListChange[];
  fasttracked: boolean;
  nat: { src?: NatChange; dst?: NatChange } | null;
  verdict: Verdict;
  queues: string[];
  notModelled: NotModelled[];
}

export interface TraceReport {
  packets: PacketReport[];
}

interface Tuple {
  protocol: number;
  src: number;
  srcPort: number;
  dst: number;
  dstPort: number;
}

const keyOf = (t: Tuple): string => `${t.protocol} ${t.src}:${t.srcPort} ${t.dst}:${t.dstPort}`;

interface Connection {
  id: number;
  orig: Tuple;
  /** The tuple a reply arrives with; set once the first packet has left. */
  reply: Tuple | undefined;
  /** Where the first packet was sent after dst-nat, and from where after src-nat. */
  dnat: { dst: number; dstPort: number } | undefined;
  snat: { src: number; srcPort: number } | undefined;
  seenReply: boolean;
  confirmed: boolean;
  mark: string | null;
  fasttrack: boolean;
  /** Packet sizes and times, both directions (connection-bytes, connection-rate). */
  history: { time: number; size: number }[];
  l7: Map<string, { engine: L7Connection; lastPacket: number }>;
}

interface DynamicEntry {
  list: string;
  address: number;
  expires: number | undefined;
}

/** The state of one packet on its way through the router. */
interface PacketCtx {
  readonly index: number;
  readonly packet: TracePacket;
  readonly conn: Connection;
  readonly direction: 'orig' | 'reply';
  readonly state: ConnectionState;
  readonly inInterface: string;
  readonly inBridgePort: string | undefined;
  outInterface: string | undefined;
  src: number;
  dst: number;
  srcPort: number;
  dstPort: number;
  packetMark: string | null;
  routingMark: string | null;
  hook: string;
  report: PacketReport;
}

type ChainEnd =
  { kind: 'accept' | 'fallthrough' } | { kind: 'drop' | 'reject' } | { kind: 'nat'; rule: FirewallRule };

/** bits per second over the last second of the connection, current packet included. */
const RATE_WINDOW = 1;

const endpoint = (a: number, port: number, protocol: number): string =>
  protocol === 6 || protocol === 17 || protocol === 132 ? `${formatIPv4(a)}:${port}` : formatIPv4(a);

export interface TraceOptions {
  /** RouterOS time text -> seconds (address-list timeouts); the caller passes the schema's reader. */
  timeToSeconds(text: string): number | undefined;
}

/** Replays packets in the order given. One tracer holds the connection table and the address lists. */
export class Tracer {
  private readonly connections: Connection[] = [];
  private readonly byKey = new Map<string, { conn: Connection; direction: 'orig' | 'reply' }>();
  private readonly dynamic: DynamicEntry[] = [];
  private readonly patterns = new Map<string, L7Pattern | null>();
  private packetIndex = 0;
  /** Per-rule hit counts over all packets (code lenses after a capture replay). */
  readonly hits = new Map<number, number>();

  constructor(
    private readonly model: FirewallModel,
    private readonly router: RouterView,
    private readonly options: TraceOptions,
  ) {}

  run(packets: readonly TracePacket[]): TraceReport {
    return { packets: packets.map((p) => this.trace(p)) };
  }

  trace(packet: TracePacket): PacketReport {
    const index = this.packetIndex++;
    // A packet arriving on a bridge port reaches the IP firewall on the bridge (in-bridge-port is the port).
    const bridge = this.router.bridgeOf.get(packet.inInterface);
    const inInterface = bridge ?? packet.inInterface;
    const inBridgePort = bridge !== undefined ? packet.inInterface : undefined;
    const tuple: Tuple = {
      protocol: packet.protocol,
      src: packet.src,
      srcPort: packet.srcPort,
      dst: packet.dst,
      dstPort: packet.dstPort,
    };
    const found = this.byKey.get(keyOf(tuple));
    let conn: Connection;
    let direction: 'orig' | 'reply';
    let state: ConnectionState;
    if (found) {
      conn = found.conn;
      direction = found.direction;
      if (direction === 'reply') conn.seenReply = true;
      state = conn.seenReply ? 'established' : 'new';
    } else {
      conn = {
        id: this.connections.length + 1,
        orig: tuple,
        reply: undefined,
        dnat: undefined,
        snat: undefined,
        seenReply: false,
        confirmed: false,
        mark: null,
        fasttrack: false,
        history: [],
        l7: new Map(),
      };
      direction = 'orig';
      state = 'new';
    }
    conn.history.push({ time: packet.time, size: packet.size });
    const report: PacketReport = {
      label: packet.label,
      time: packet.time,
      protocol: protocolName(packet.protocol),
      src: endpoint(packet.src, packet.srcPort, packet.protocol),
      dst: endpoint(packet.dst, packet.dstPort, packet.protocol),
      inInterface: packet.inInterface,
      outInterface: null,
      path: null,
      connection: conn.id,
      direction,
      connectionState: state,
      rules: [],
      connectionMark: null,
      packetMark: null,
      routingMark: null,
      addressLists: [],
      fasttracked: false,
      nat: null,
      verdict: 'accept',
      queues: [],
      notModelled: [],
    };
    const ctx: PacketCtx = {
      index,
      packet,
      conn,
      direction,
      state,
      inInterface,
      inBridgePort,
      outInterface: undefined,
      src: packet.src,
      dst: packet.dst,
      srcPort: packet.srcPort,
      dstPort: packet.dstPort,
      packetMark: null,
      routingMark: null,
      hook: 'prerouting',
      report,
    };
    // FastTrack: only an established connection that a fasttrack-connection rule marked, TCP or UDP.
    const fast = conn.confirmed && conn.fasttrack && (packet.protocol === 6 || packet.protocol === 17);
    report.fasttracked = fast;
    const verdict = this.flow(ctx, fast, !found);
    report.verdict = verdict;
    report.connectionMark = conn.mark;
    report.packetMark = ctx.packetMark;
    report.routingMark = ctx.routingMark;
    report.outInterface = ctx.outInterface ?? null;
    // A connection whose first packet was dropped is never confirmed: the next packet starts it anew.
    if (!found && verdict === 'accept') {
      conn.confirmed = true;
      this.connections.push(conn);
      this.byKey.set(keyOf(conn.orig), { conn, direction: 'orig' });
      conn.reply = {
        protocol: conn.orig.protocol,
        src: conn.dnat?.dst ?? conn.orig.dst,
        srcPort: conn.dnat?.dstPort ?? conn.orig.dstPort,
        dst: conn.snat?.src ?? conn.orig.src,
        dstPort: conn.snat?.srcPort ?? conn.orig.srcPort,
      };
      this.byKey.set(keyOf(conn.reply), { conn, direction: 'reply' });
    }
    for (const h of report.rules) this.hits.set(h.line, (this.hits.get(h.line) ?? 0) + 1);
    return report;
  }

  private flow(ctx: PacketCtx, fast: boolean, first: boolean): Verdict {
    const { conn, report } = ctx;
    // Prerouting: raw (before connection tracking), mangle, then dst-nat.
    if (!fast) {
      const raw = this.runChain(ctx, 'raw', 'prerouting');
      if (raw.kind === 'drop' || raw.kind === 'reject') return raw.kind;
      const m = this.runChain(ctx, 'mangle', 'prerouting');
      if (m.kind === 'drop' || m.kind === 'reject') return m.kind;
    }
    if (first) {
      const nat = this.runChain(ctx, 'nat', 'dstnat');
      if (nat.kind === 'drop' || nat.kind === 'reject') return nat.kind;
      if (nat.kind === 'nat') this.applyDstNat(ctx, nat.rule);
    } else if (ctx.direction === 'orig' && conn.dnat) {
      this.rewriteDst(ctx, conn.dnat.dst, conn.dnat.dstPort, null);
    } else if (ctx.direction === 'reply' && conn.snat) {
      // The reply to a src-natted connection goes back to the host behind the NAT.
      this.rewriteDst(ctx, conn.orig.src, conn.orig.srcPort, null);
    }
    // The routing decision.
    if (ctx.routingMark !== null)
      this.note(
        ctx,
        'routing-mark',
        0,
        `routing by the routing mark "${ctx.routingMark}" (routing tables)`,
        'the main table decides',
      );
    if (isLocal(this.router, ctx.dst)) {
      report.path = 'input';
      ctx.hook = 'input';
      if (!fast) {
        const m = this.runChain(ctx, 'mangle', 'input');
        if (m.kind === 'drop' || m.kind === 'reject') return m.kind;
        const f = this.runChain(ctx, 'filter', 'input');
        if (f.kind === 'drop' || f.kind === 'reject') return f.kind;
      }
      this.queues(ctx, fast);
      return 'accept';
    }
    const out = this.route(ctx);
    if (out === undefined) {
      this.note(
        ctx,
        'route',
        0,
        `no route to ${formatIPv4(ctx.dst)} in the configuration`,
        'the packet is dropped',
      );
      return 'drop';
    }
    ctx.outInterface = out;
    report.path = 'forward';
    ctx.hook = 'forward';
    if (!fast) {
      const m = this.runChain(ctx, 'mangle', 'forward');
      if (m.kind === 'drop' || m.kind === 'reject') return m.kind;
      const f = this.runChain(ctx, 'filter', 'forward');
      if (f.kind === 'drop' || f.kind === 'reject') return f.kind;
      ctx.hook = 'postrouting';
      const p = this.runChain(ctx, 'mangle', 'postrouting');
      if (p.kind === 'drop' || p.kind === 'reject') return p.kind;
    }
    ctx.hook = 'postrouting';
    // Queues see the addresses as routed, before src-nat (a simple queue for a LAN host catches its upload).
    const routed = { src: ctx.src, srcPort: ctx.srcPort };
    if (first) {
      const nat = this.runChain(ctx, 'nat', 'srcnat');
      if (nat.kind === 'drop' || nat.kind === 'reject') return nat.kind;
      if (nat.kind === 'nat') this.applySrcNat(ctx, nat.rule);
    } else if (ctx.direction === 'orig' && conn.snat) {
      this.rewriteSrc(ctx, conn.snat.src, conn.snat.srcPort, null);
    } else if (ctx.direction === 'reply' && conn.dnat) {
      // The reply of a dst-natted connection leaves with the address the client asked for.
      this.rewriteSrc(ctx, conn.orig.dst, conn.orig.dstPort, null);
    }
    const after = { src: ctx.src, srcPort: ctx.srcPort };
    ctx.src = routed.src;
    ctx.srcPort = routed.srcPort;
    this.queues(ctx, fast);
    ctx.src = after.src;
    ctx.srcPort = after.srcPort;
    return 'accept';
  }

  /** The out-interface: a connected network, else the longest matching route, else a DHCP client's route. */
  private route(ctx: PacketCtx): string | undefined {
    const connected = connectedFor(this.router, ctx.dst);
    if (connected) return connected.iface;
    let best: { iface: string; prefix: number } | undefined;
    for (const r of this.router.routes) {
      if (!inRange(r.dst, ctx.dst) || (best && best.prefix >= r.prefix)) continue;
      const gwAddr = parseAddressRange(r.gateway);
      const iface =
        gwAddr !== undefined && gwAddr.lo === gwAddr.hi
          ? connectedFor(this.router, gwAddr.lo)?.iface
          : this.router.interfaces.has(r.gateway)
            ? r.gateway
            : undefined;
      if (iface !== undefined) best = { iface, prefix: r.prefix };
    }
    if (best) return best.iface;
    return this.router.dhcpClients[0]?.iface;
  }

  private note(ctx: PacketCtx, name: string, line: number, what: string, assumed: string): void {
    const list = ctx.report.notModelled;
    if (list.some((n) => n.name === name && n.line === line)) return;
    const where = line > 0 ? ` on line ${line}` : '';
    list.push({
      name,
      line,
      assumed,
      message: `not modelled: ${name}${where} (${what}); assumed ${assumed}`,
    });
  }

  private rewriteDst(ctx: PacketCtx, dst: number, port: number, line: number | null): void {
    const from = endpoint(ctx.dst, ctx.dstPort, ctx.packet.protocol);
    ctx.dst = dst;
    ctx.dstPort = port;
    const to = endpoint(dst, port, ctx.packet.protocol);
    if (from !== to) ctx.report.nat = { ...(ctx.report.nat ?? {}), dst: { from, to, line } };
  }

  private rewriteSrc(ctx: PacketCtx, src: number, port: number, line: number | null): void {
    const from = endpoint(ctx.src, ctx.srcPort, ctx.packet.protocol);
    ctx.src = src;
    ctx.srcPort = port;
    const to = endpoint(src, port, ctx.packet.protocol);
    if (from !== to) ctx.report.nat = { ...(ctx.report.nat ?? {}), src: { from, to, line } };
  }

  /** The first address of `to-addresses` and the first port of `to-ports` (RouterOS picks within them). */
  private natTarget(
    ctx: PacketCtx,
    rule: FirewallRule,
    addr: number,
    port: number,
  ): { addr: number; port: number } {
    const ta = rule.literal('to-addresses');
    const tp = rule.literal('to-ports');
    const range = ta !== undefined ? parseAddressRange(ta) : undefined;
    if (ta !== undefined && range === undefined)
      this.note(
        ctx,
        'to-addresses',
        rule.line,
        `"${ta}" is not an IPv4 address or range`,
        'the address is kept',
      );
    const ports = tp !== undefined ? parsePorts(tp) : undefined;
    return { addr: range ? range.lo : addr, port: ports && ports.length > 0 ? ports[0][0] : port };
  }

  private applyDstNat(ctx: PacketCtx, rule: FirewallRule): void {
    if (rule.action !== 'dst-nat' && rule.action !== 'redirect') return;
    // redirect sends the packet to the router itself: its address on the in-interface.
    const own = rule.action === 'redirect' ? addressOn(this.router, ctx.inInterface) : undefined;
    const t = this.natTarget(ctx, rule, own?.address ?? ctx.dst, ctx.dstPort);
    if (rule.action === 'redirect') t.addr = own?.address ?? ctx.dst;
    ctx.conn.dnat = { dst: t.addr, dstPort: t.port };
    this.rewriteDst(ctx, t.addr, t.port, rule.line);
  }

  private applySrcNat(ctx: PacketCtx, rule: FirewallRule): void {
    let addr = ctx.src;
    if (rule.action === 'masquerade') {
      const own = ctx.outInterface !== undefined ? addressOn(this.router, ctx.outInterface) : undefined;
      if (!own) {
        this.note(
          ctx,
          'masquerade',
          rule.line,
          `no /ip address on ${ctx.outInterface ?? 'the out-interface'} (a DHCP or PPP address)`,
          'the source address is kept',
        );
        return;
      }
      addr = own.address;
    }
    if (rule.action !== 'masquerade' && rule.action !== 'src-nat') return;
    const t = this.natTarget(ctx, rule, addr, ctx.srcPort);
    ctx.conn.snat = { src: t.addr, srcPort: t.port };
    this.rewriteSrc(ctx, t.addr, t.port, rule.line);
  }

  /** Runs one built-in chain of a table with jump/return; returns how it ended. */
  private runChain(ctx: PacketCtx, table: FirewallTable, chain: string): ChainEnd {
    const stack: { chain: string; next: number }[] = [];
    let cur = chain;
    let i = 0;
    let steps = 0;
    for (;;) {
      const rules = this.model.chain('ip', table, cur);
      if (i >= rules.length) {
        const back = stack.pop();
        if (!back) return { kind: 'fallthrough' };
        cur = back.chain;
        i = back.next;
        continue;
      }
      // A jump loop (RouterOS refuses one, but a file may still hold it) must not hang the trace.
      if (++steps > 100000) {
        this.note(ctx, 'jump', rules[i].line, 'the jumps loop', 'the chain ends here');
        return { kind: 'fallthrough' };
      }
      const r = rules[i++];
      if (r.disabled || !this.matches(ctx, r)) continue;
      if (r.item.conditional)
        this.note(
          ctx,
          'conditional code',
          r.line,
          'the rule is added inside :if, a loop or a function',
          'it was added',
        );
      const hit: RuleHit = { line: r.line, table, chain: cur, action: r.action ?? '(computed)' };
      ctx.report.rules.push(hit);
      const stop = r.passthrough === false;
      switch (r.action) {
        case 'accept':
          return { kind: 'accept' };
        case 'drop':
        case 'tarpit':
          return { kind: 'drop' };
        case 'reject':
          return { kind: 'reject' };
        case 'jump': {
          if (r.jumpTarget === undefined) break;
          if (stack.length > 64) {
            this.note(ctx, 'jump', r.line, 'jumps nested deeper than 64', 'the jump is not taken');
            break;
          }
          stack.push({ chain: cur, next: i });
          cur = r.jumpTarget;
          i = 0;
          hit.detail = r.jumpTarget;
          continue;
        }
        case 'return': {
          const back = stack.pop();
          if (!back) return { kind: 'fallthrough' };
          cur = back.chain;
          i = back.next;
          continue;
        }
        case 'mark-connection': {
          const v = this.markValue(ctx, r, 'new-connection-mark');
          if (v !== undefined) ctx.conn.mark = v;
          hit.detail = v ?? undefined;
          if (stop) return { kind: 'accept' };
          break;
        }
        case 'mark-packet': {
          const v = this.markValue(ctx, r, 'new-packet-mark');
          if (v !== undefined) ctx.packetMark = v;
          hit.detail = v ?? undefined;
          if (stop) return { kind: 'accept' };
          break;
        }
        case 'mark-routing': {
          const v = this.markValue(ctx, r, 'new-routing-mark');
          if (v !== undefined) ctx.routingMark = v;
          hit.detail = v ?? undefined;
          if (stop) return { kind: 'accept' };
          break;
        }
        case 'add-src-to-address-list':
        case 'add-dst-to-address-list': {
          const change = this.addToList(ctx, r, r.action === 'add-src-to-address-list' ? ctx.src : ctx.dst);
          if (change) {
            ctx.report.addressLists.push(change);
            hit.detail = `${change.list} += ${change.address}${change.timeout !== null ? ` for ${change.timeout}s` : ''}`;
          }
          break;
        }
        case 'fasttrack-connection':
          ctx.conn.fasttrack = true;
          break;
        case 'dst-nat':
        case 'src-nat':
        case 'masquerade':
        case 'redirect':
          if (table === 'nat') return { kind: 'nat', rule: r };
          break;
        case 'netmap':
        case 'same':
        case 'endpoint-independent-nat':
          this.note(ctx, `action=${r.action}`, r.line, 'this NAT action', 'no translation; the chain ends');
          return { kind: 'accept' };
        case 'notrack':
          this.note(ctx, 'action=notrack', r.line, 'untracked packets', 'the packet is tracked');
          break;
        case 'passthrough':
        case 'log':
        case undefined:
          break;
        default:
          // change-dscp, change-ttl, set-priority, sniff-*, ...: the packet goes on unless passthrough=no.
          if (stop) return { kind: 'accept' };
          break;
      }
    }
  }

  private markValue(ctx: PacketCtx, r: FirewallRule, arg: string): string | null | undefined {
    const p = r.prop(arg);
    if (!p || p.value.computed) {
      this.note(ctx, arg, r.line, 'a computed mark name', 'the mark is unchanged');
      return undefined;
    }
    return p.value.text === 'no-mark' ? null : p.value.text;
  }

  private addToList(ctx: PacketCtx, r: FirewallRule, address: number): ListChange | undefined {
    const list = r.literal('address-list');
    if (list === undefined) {
      this.note(ctx, 'address-list', r.line, 'a computed or missing list name', 'nothing is added');
      return undefined;
    }
    const now = ctx.packet.time;
    const t = r.literal('address-list-timeout');
    let seconds: number | undefined;
    if (t !== undefined && t !== 'none-dynamic' && t !== 'none-static') {
      seconds = this.options.timeToSeconds(t);
      if (seconds === undefined)
        this.note(ctx, 'address-list-timeout', r.line, `"${t}" is not a time`, 'no timeout');
    }
    const expires = seconds !== undefined && seconds > 0 ? now + seconds : undefined;
    const existing = this.dynamic.find(
      (e) => e.list === list && e.address === address && (e.expires === undefined || now < e.expires),
    );
    // Adding an address that is already listed renews its timeout.
    if (existing) existing.expires = expires;
    else this.dynamic.push({ list, address, expires });
    return {
      list,
      address: formatIPv4(address),
      timeout: expires !== undefined ? (seconds as number) : null,
      line: r.line,
    };
  }

  private onList(ctx: PacketCtx, list: string, address: number, line: number): boolean {
    const now = ctx.packet.time;
    for (const e of this.router.listEntries) {
      if (e.list !== list) continue;
      if (e.range === undefined) {
        this.note(
          ctx,
          'address-list entry',
          e.line,
          `"${e.text}" is a DNS name`,
          `it does not hold ${formatIPv4(address)}`,
        );
        continue;
      }
      if (e.timeout !== undefined && now >= e.timeout) continue;
      if (inRange(e.range, address)) return true;
    }
    void line;
    return this.dynamic.some(
      (e) => e.list === list && e.address === address && (e.expires === undefined || now < e.expires),
    );
  }

  private pattern(name: string): L7Pattern | null | undefined {
    if (this.patterns.has(name)) return this.patterns.get(name);
    const def = this.model.layer7.find((l) => l.name === name);
    if (!def) return undefined;
    const rp = def.regexp;
    const p = rp && !rp.value.computed ? fromWinbox(rp.value.text) : null;
    this.patterns.set(name, p);
    return p;
  }

  /** Offers the packet to the connection's layer-7 buffer for a pattern (once per packet); true on a match. */
  private layer7(ctx: PacketCtx, r: FirewallRule, name: string): boolean | undefined {
    const p = this.pattern(name);
    if (p === undefined) {
      this.note(
        ctx,
        'layer7-protocol',
        r.line,
        `no /ip firewall layer7-protocol named "${name}" in the file`,
        'no match',
      );
      return undefined;
    }
    if (p === null) {
      this.note(ctx, 'layer7-protocol', r.line, `the regexp of "${name}" is computed`, 'no match');
      return undefined;
    }
    let state = ctx.conn.l7.get(name);
    if (!state) ctx.conn.l7.set(name, (state = { engine: new L7Connection(p), lastPacket: -1 }));
    if (state.lastPacket !== ctx.index) {
      state.lastPacket = ctx.index;
      state.engine.add(ctx.packet.payload, ctx.direction);
    }
    return state.engine.match !== null;
  }

  private range(
    ctx: PacketCtx,
    r: FirewallRule,
    kind: RangeMatcher,
    text: string,
    value: number,
  ): boolean | undefined {
    const rr = readRange(kind, text);
    if (!rr.ok) {
      this.note(ctx, kind, r.line, `"${text}": ${rr.detail}`, 'no match');
      return undefined;
    }
    if (value < rr.from) return false;
    return rr.to === undefined || value <= rr.to;
  }

  private iface(name: string | undefined, want: string): boolean {
    if (name === undefined) return false;
    return splitList(want).some((w) => w === name || w === 'all');
  }

  private ifaceList(name: string | undefined, lists: string): boolean {
    if (name === undefined) return false;
    return splitList(lists).some((l) => this.router.interfaceList(l).has(name));
  }

  private addressType(address: number, types: string): boolean {
    const multicast = address >= 0xe0000000 && address <= 0xefffffff;
    const broadcast =
      address === 0xffffffff ||
      this.router.addresses.some((a) => a.network.hi === address && a.network.hi !== a.network.lo);
    return splitList(types).some((t) => {
      switch (t) {
        case 'local':
          return isLocal(this.router, address) || address >>> 24 === 127;
        case 'multicast':
          return multicast;
        case 'broadcast':
          return broadcast;
        case 'unicast':
          return !multicast && !broadcast;
        default:
          return false;
      }
    });
  }

  /** One matcher, before negation; undefined when not modelled (the caller reports it). */
  private matcher(ctx: PacketCtx, r: FirewallRule, name: string, text: string): boolean | undefined | 'l7' {
    const proto = ctx.packet.protocol;
    const ported = proto === 6 || proto === 17 || proto === 132;
    const addrIn = (a: number): boolean => {
      const range: AddressRange | undefined = parseAddressRange(text);
      if (range === undefined) {
        this.note(ctx, name, r.line, `"${text}" is not an IPv4 address, prefix or range`, 'no match');
        return false;
      }
      return inRange(range, a);
    };
    const portIn = (p: number): boolean | undefined => {
      const ports = parsePorts(text);
      if (ports === undefined) return undefined;
      return ported && ports.some(([lo, hi]) => p >= lo && p <= hi);
    };
    const conn = ctx.conn;
    const bytes = (): number => conn.history.reduce((s, h) => s + h.size, 0);
    switch (name) {
      case 'protocol': {
        const n = protocolNumber(text);
        return n === undefined ? undefined : n === proto;
      }
      case 'src-address':
        return addrIn(ctx.src);
      case 'dst-address':
        return addrIn(ctx.dst);
      case 'src-port':
        return portIn(ctx.srcPort);
      case 'dst-port':
        return portIn(ctx.dstPort);
      case 'port': {
        const a = portIn(ctx.srcPort);
        const b = portIn(ctx.dstPort);
        return a === undefined || b === undefined ? undefined : a || b;
      }
      case 'in-interface':
        return this.iface(ctx.inInterface, text);
      case 'out-interface':
        return this.iface(ctx.outInterface, text);
      case 'in-bridge-port':
        return this.iface(ctx.inBridgePort, text);
      case 'in-interface-list':
        return this.ifaceList(ctx.inInterface, text);
      case 'out-interface-list':
        return this.ifaceList(ctx.outInterface, text);
      case 'src-address-list':
        return splitList(text).some((l) => this.onList(ctx, l, ctx.src, r.line));
      case 'dst-address-list':
        return splitList(text).some((l) => this.onList(ctx, l, ctx.dst, r.line));
      case 'connection-state':
        return splitList(text).includes(ctx.state);
      case 'connection-nat-state':
        return splitList(text).some(
          (s) => (s === 'srcnat' && conn.snat !== undefined) || (s === 'dstnat' && conn.dnat !== undefined),
        );
      case 'connection-mark':
        return splitList(text).some((m) => (m === 'no-mark' ? conn.mark === null : conn.mark === m));
      case 'packet-mark':
        return splitList(text).some((m) =>
          m === 'no-mark' ? ctx.packetMark === null : ctx.packetMark === m,
        );
      case 'routing-mark':
        return splitList(text).some((m) =>
          m === 'no-mark' ? ctx.routingMark === null : ctx.routingMark === m,
        );
      case 'packet-size':
        return this.range(ctx, r, 'packet-size', text, ctx.packet.size);
      case 'connection-bytes':
        return this.range(ctx, r, 'connection-bytes', text, bytes());
      case 'connection-rate': {
        const now = ctx.packet.time;
        let b = 0;
        for (const h of conn.history) if (h.time > now - RATE_WINDOW && h.time <= now) b += h.size;
        return this.range(ctx, r, 'connection-rate', text, (b * 8) / RATE_WINDOW);
      }
      case 'dst-address-type':
        return this.addressType(ctx.dst, text);
      case 'src-address-type':
        return this.addressType(ctx.src, text);
      case 'ipsec-policy': {
        // No IPsec in a trace: "DIR,none" matches in its direction, "DIR,ipsec" never.
        const [dir, pol] = text.split(',');
        const dirOk =
          dir === 'in' ? ctx.hook !== 'postrouting' : ctx.hook !== 'prerouting' && ctx.hook !== 'input';
        return dirOk && pol === 'none';
      }
      case 'content': {
        const needle = new TextEncoder().encode(text);
        const hay = ctx.packet.payload;
        outer: for (let i = 0; i + needle.length <= hay.length; i++) {
          for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
          return true;
        }
        return false;
      }
      case 'layer7-protocol':
        return 'l7';
      default:
        return undefined;
    }
  }

  private matches(ctx: PacketCtx, r: FirewallRule): boolean {
    const unmodelled: Prop[] = [];
    let l7: Prop | undefined;
    for (const [name, p] of r.item.props) {
      if (NOT_MATCHERS.has(name)) continue;
      if (p.value.computed) {
        unmodelled.push(p);
        continue;
      }
      const m = this.matcher(ctx, r, name, p.value.text);
      if (m === 'l7') {
        l7 = p;
        continue;
      }
      if (m === undefined) {
        unmodelled.push(p);
        continue;
      }
      if (m === p.value.negated) return false;
    }
    if (unmodelled.length > 0) {
      for (const p of unmodelled) {
        const what = p.value.computed
          ? 'a computed value'
          : `${p.name}=${p.value.negated ? '!' : ''}${p.value.text}`;
        this.note(ctx, p.name, r.line, what, 'the rule does not match');
      }
      return false;
    }
    if (l7 && !l7.value.computed) {
      const m = this.layer7(ctx, r, l7.value.text);
      if (m === undefined || m === l7.value.negated) return false;
    }
    return true;
  }

  private queues(ctx: PacketCtx, fast: boolean): void {
    const out = ctx.report.queues;
    const tree = this.model.queues.filter((q) => q.kind === 'tree' && !q.disabled);
    const parents = new Set(tree.map((q) => q.parent).filter((p): p is string => p !== undefined));
    const byName = new Map(tree.filter((q) => q.name !== undefined).map((q) => [q.name as string, q]));
    const root = (name: string | undefined): string | undefined => {
      let cur = name;
      for (let k = 0; k < 64 && cur !== undefined && byName.has(cur); k++) cur = byName.get(cur)?.parent;
      return cur;
    };
    const marked = (prop: Prop | undefined): boolean => {
      if (!prop || prop.value.computed) return prop === undefined;
      const marks = splitList(prop.value.text);
      return (
        marks.length === 0 ||
        marks.some((m) => (m === 'no-mark' ? ctx.packetMark === null : m === ctx.packetMark))
      );
    };
    const leaf = (attach: string | undefined): void => {
      if (attach === undefined) return;
      for (const q of tree) {
        if (q.name === undefined || parents.has(q.name) || root(q.parent) !== attach) continue;
        if (marked(q.packetMarkProp)) {
          out.push(q.name);
          return;
        }
      }
    };
    // FastTrack passes by simple queues and the global queue tree; interface queues still see the packet.
    if (!fast) {
      for (const q of this.model.queues) {
        if (q.kind !== 'simple' || q.disabled) continue;
        if (!this.simpleMatches(ctx, q.item.props)) continue;
        if (q.packetMarkProp && !marked(q.packetMarkProp)) continue;
        out.push(q.name ?? `simple queue on line ${q.line}`);
        break;
      }
      leaf('global');
    }
    if (ctx.outInterface !== undefined) leaf(ctx.outInterface);
  }

  private simpleMatches(ctx: PacketCtx, props: ReadonlyMap<string, Prop>): boolean {
    const target = props.get('target');
    const dst = props.get('dst');
    const inTarget = (a: number): boolean => {
      if (!target || target.value.computed) return target === undefined;
      return splitList(target.value.text).some((t) => {
        const range = parseAddressRange(t);
        if (range) return inRange(range, a);
        return t === ctx.inInterface || t === ctx.outInterface;
      });
    };
    const upload = inTarget(ctx.src);
    const download = inTarget(ctx.dst);
    if (!upload && !download) return false;
    if (dst && !dst.value.computed) {
      const range = parseAddressRange(dst.value.text);
      const other = upload ? ctx.dst : ctx.src;
      if (range && !inRange(range, other)) return false;
    }
    return true;
  }
}
