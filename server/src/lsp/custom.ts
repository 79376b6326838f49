// RouterOS-specific requests the VS Code client uses for its commands: the mangle-flow view of a document,
// and the layer-7 regexp under the cursor (for "Test Layer-7 Pattern Against Capture…").
import type { Connection, Position, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { mangleFlowMarkdown } from '../features/mangle-flow';
import { firewallModel } from '../analysis';
import { PacketSpecError, traceJson, type TracePacket } from '../analysis/trace';
import { flowGraph } from '../features/flow-graph';
import type { FlowGraph } from '../features/flow-view';
import { capturePackets, traceParsed } from '../features/trace';
import { regexpAt } from '../lint/support/l7-common';
import type { AnalysisCache } from './documents';

export const MANGLE_FLOW_REQUEST = 'routeros/mangleFlow';
export const L7_PATTERN_AT_REQUEST = 'routeros/l7PatternAt';
export const FLOW_GRAPH_REQUEST = 'routeros/flowGraph';
export const TRACE_REQUEST = 'routeros/trace';

/** The lint code whose findings mark unreachable rules in the flow picture (read by code only). */
const UNREACHABLE_CODE = 'RSC4011';

export interface TraceParams {
  uri: string;
  /** Packet specs as `rsc trace --packet` takes them, or a capture (base64) arriving on `iface`. */
  packets?: string[];
  pcap?: { name: string; base64: string; iface: string };
}

/** Either the picture, the `--json` report and the hit counts, or an error naming the bad input. */
export interface TraceResult {
  graph?: FlowGraph;
  json?: object;
  hits?: [number, number][];
  capture?: boolean;
  error?: string;
}

export interface L7PatternAt {
  /** The value as written in the .rsc file, without the surrounding quotes (CLI form). */
  cli: string;
  /** The same pattern as Winbox shows it (after RouterOS string decoding). */
  winbox: string;
  line: number;
}

export function registerCustomRequests(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  cache: AnalysisCache,
): void {
  connection.onRequest(MANGLE_FLOW_REQUEST, (p: { uri: string }) => {
    const doc = documents.get(p?.uri);
    if (!doc) return null;
    const a = cache.get(doc);
    return mangleFlowMarkdown(a.lint.parse, a.text);
  });
  const graphOf = (
    a: ReturnType<AnalysisCache['get']>,
    title: string,
    hits?: ReadonlyMap<number, number>,
    packets?: Parameters<typeof flowGraph>[1]['packets'],
  ): FlowGraph => {
    const unreachableLines = new Set(
      a.lint.diagnostics
        .filter((d) => d.code === UNREACHABLE_CODE)
        .map((d) => a.lines.positionAt(d.start).line + 1),
    );
    return flowGraph(firewallModel(a.lint.parse, a.text), { title, unreachableLines, hits, packets });
  };
  connection.onRequest(FLOW_GRAPH_REQUEST, (p: { uri: string }): FlowGraph | null => {
    const doc = documents.get(p?.uri);
    if (!doc) return null;
    return graphOf(cache.get(doc), 'Firewall and QoS flow');
  });
  connection.onRequest(TRACE_REQUEST, (p: TraceParams): TraceResult | null => {
    const doc = documents.get(p?.uri);
    if (!doc) return null;
    const a = cache.get(doc);
    try {
      let packets: (string | TracePacket)[] = p.packets ?? [];
      if (p.pcap) {
        packets = capturePackets(Buffer.from(p.pcap.base64, 'base64'), p.pcap.iface, p.pcap.name);
        if (packets.length === 0)
          return { error: `${p.pcap.name}: no IPv4 TCP or UDP packet in the capture` };
      }
      if (packets.length === 0) return { error: 'no packet to trace' };
      const { report, hits } = traceParsed(a.lint.parse, a.text, packets);
      const title = p.pcap ? `Trace of ${p.pcap.name} arriving on ${p.pcap.iface}` : 'Packet trace';
      return {
        graph: graphOf(a, title, hits, report.packets),
        json: traceJson(report),
        hits: [...hits],
        capture: p.pcap !== undefined,
      };
    } catch (err) {
      if (err instanceof PacketSpecError) return { error: err.message };
      throw err;
    }
  });
  connection.onRequest(
    L7_PATTERN_AT_REQUEST,
    (p: { uri: string; position: Position }): L7PatternAt | null => {
      const doc = documents.get(p?.uri);
      if (!doc || !p.position) return null;
      const a = cache.get(doc);
      const v = regexpAt(a.lint.parse, a.lines.offsetAt(p.position), a.text);
      if (!v) return null;
      const written = a.text.slice(v.start, v.end);
      return {
        cli: v.quoted
          ? written.slice(1, written.endsWith('"') && written.length > 1 ? -1 : undefined)
          : written,
        winbox: v.pattern.winbox,
        line: a.lines.positionAt(v.start).line,
      };
    },
  );
}
