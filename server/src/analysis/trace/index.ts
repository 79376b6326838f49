// Public face of the packet tracer (`rsc trace`, "Trace Packet…"): build the model and the router view of
// a parsed configuration, check the packets' interfaces, replay them, and print the reports. Pure.
import type { ParseResult } from '../../syntax';
import { buildFirewallModel, type FirewallModel } from '../firewall';
import { formatIPv4 } from './ipv4';
import { headerBytes, PacketSpecError, type TracePacket } from './packet';
import { readRouter, TRACE_TABLES, type RouterView } from './router';
import { Tracer, type PacketReport, type TraceReport } from './simulate';
import { splitList } from '../values';

export * from './ipv4';
export * from './packet';
export * from './router';
export * from './simulate';

export interface TraceSetup {
  model: FirewallModel;
  router: RouterView;
  /** Every interface name the configuration mentions (for the "unknown interface" check). */
  knownInterfaces: ReadonlySet<string>;
}

/** The model with the tracer's extra tables, and the router view. */
export function traceSetup(
  parse: ParseResult,
  text: string,
  timeToSeconds: (t: string) => number | undefined,
): TraceSetup {
  const model = buildFirewallModel(parse, text, { extraTables: TRACE_TABLES });
  const router = readRouter(model.config, model.lineOf, timeToSeconds);
  const known = new Set(router.interfaces);
  for (const r of model.rules) {
    for (const name of ['in-interface', 'out-interface', 'in-bridge-port']) {
      const p = r.prop(name);
      if (p && !p.value.computed) for (const x of splitList(p.value.text)) known.add(x);
    }
  }
  const queueNames = new Set(model.queues.map((q) => q.name));
  for (const q of model.queues)
    if (q.parent && q.parent !== 'global' && !queueNames.has(q.parent)) known.add(q.parent);
  return { model, router, knownInterfaces: known };
}

/** Throws PacketSpecError naming the packet when its interface is not in the configuration. */
export function checkInterfaces(setup: TraceSetup, packets: readonly TracePacket[]): void {
  for (const p of packets) {
    if (setup.knownInterfaces.has(p.inInterface)) continue;
    const names = [...setup.knownInterfaces].sort();
    throw new PacketSpecError(
      `packet "${p.label}": unknown interface "${p.inInterface}"; ` +
        (names.length > 0
          ? `the configuration has ${names.join(', ')}`
          : 'the configuration names no interface (add /ip address or /interface list member lines)'),
    );
  }
}

/** Replays the packets; also returns the per-line hit counts. */
export function runTrace(
  setup: TraceSetup,
  packets: readonly TracePacket[],
  timeToSeconds: (t: string) => number | undefined,
): { report: TraceReport; hits: ReadonlyMap<number, number> } {
  const tracer = new Tracer(setup.model, setup.router, { timeToSeconds });
  const report = tracer.run(packets);
  return { report, hits: tracer.hits };
}

/** A decoded capture packet as a trace packet (addresses as captured on `inInterface`). */
export function capturePacket(
  p: {
    frame: number;
    time: number;
    protocol: 'tcp' | 'udp';
    src: { address: string; port: number };
    dst: { address: string; port: number };
    ipLength: number;
    payload: Uint8Array;
  },
  inInterface: string,
  parseAddress: (a: string) => number | undefined,
  startTime: number,
): TracePacket | undefined {
  const src = parseAddress(p.src.address);
  const dst = parseAddress(p.dst.address);
  if (src === undefined || dst === undefined) return undefined;
  const protocol = p.protocol === 'tcp' ? 6 : 17;
  return {
    protocol,
    src,
    dst,
    srcPort: p.src.port,
    dstPort: p.dst.port,
    inInterface,
    size: Math.max(p.ipLength, headerBytes(protocol) + p.payload.length),
    payload: p.payload,
    time: p.time - startTime,
    label: `frame ${p.frame}: ${p.protocol} ${formatIPv4(src)}:${p.src.port} > ${formatIPv4(dst)}:${p.dst.port}`,
  };
}

/** The JSON object `rsc trace --json` prints. */
export function traceJson(report: TraceReport): object {
  return {
    packets: report.packets.map((p) => ({
      packet: p.label,
      time: p.time,
      connection: p.connection,
      direction: p.direction,
      connectionState: p.connectionState,
      path: p.path,
      outInterface: p.outInterface,
      rules: p.rules.map((r) => ({
        line: r.line,
        table: r.table,
        chain: r.chain,
        action: r.action,
        ...(r.detail !== undefined ? { detail: r.detail } : {}),
      })),
      connectionMark: p.connectionMark,
      packetMark: p.packetMark,
      routingMark: p.routingMark,
      addressLists: p.addressLists,
      fasttracked: p.fasttracked,
      nat: p.nat,
      verdict: p.verdict,
      queues: p.queues,
      notModelled: p.notModelled.map((n) => n.message),
    })),
  };
}

/** The text report: per packet the path through the chains, marks, lists, FastTrack, NAT, verdict, queues. */
export function traceText(report: TraceReport, file: string): string {
  const out: string[] = [];
  report.packets.forEach((p: PacketReport, k) => {
    if (k > 0) out.push('');
    out.push(`packet ${k + 1}: ${p.label}`);
    out.push(
      `  connection ${p.connection} (${p.direction === 'orig' ? 'original direction' : 'reply'}), state ${p.connectionState}` +
        `, t=${p.time}s`,
    );
    if (p.fasttracked) out.push('  FAST-TRACKED: mangle, filter and simple/global queues skipped');
    let last = '';
    for (const r of p.rules) {
      const hook = `${r.table} ${r.chain}`;
      if (hook !== last) out.push(`  ${hook}:`);
      last = hook;
      out.push(`    ${file}:${r.line}  ${r.action}${r.detail !== undefined ? ` ${r.detail}` : ''}`);
    }
    if (p.rules.length === 0 && !p.fasttracked) out.push('  no rule matched');
    if (p.nat?.dst)
      out.push(
        `  dst-nat ${p.nat.dst.from} -> ${p.nat.dst.to}${p.nat.dst.line !== null ? ` (line ${p.nat.dst.line})` : ' (connection)'}`,
      );
    if (p.nat?.src)
      out.push(
        `  src-nat ${p.nat.src.from} -> ${p.nat.src.to}${p.nat.src.line !== null ? ` (line ${p.nat.src.line})` : ' (connection)'}`,
      );
    for (const l of p.addressLists)
      out.push(
        `  address list ${l.list} += ${l.address}${l.timeout !== null ? ` for ${l.timeout}s` : ''} (line ${l.line})`,
      );
    out.push(
      `  marks: connection ${p.connectionMark ?? '(none)'}, packet ${p.packetMark ?? '(none)'}` +
        (p.routingMark !== null ? `, routing ${p.routingMark}` : ''),
    );
    const where =
      p.path === 'input' ? 'to the router' : p.path === 'forward' ? `forwarded out ${p.outInterface}` : '';
    out.push(`  verdict: ${p.verdict}${where ? `, ${where}` : ''}`);
    out.push(`  queues: ${p.queues.length > 0 ? p.queues.join(', ') : '(none)'}`);
    for (const n of p.notModelled) out.push(`  ${n.message}`);
  });
  return out.join('\n') + '\n';
}
