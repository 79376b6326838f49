// RouterOS-specific requests the VS Code client uses for its commands: the mangle-flow view of a document,
// and the layer-7 regexp under the cursor (for "Test Layer-7 Pattern Against Capture…").
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { mangleFlowMarkdown } from '../features/mangle-flow';
import { firewallModel } from '../analysis';
import { PacketSpecError, traceJson, type TracePacket } from '../analysis/trace';
import { flowGraph } from '../features/flow-graph';
import type { FlowGraph } from '../features/flow-view';
import { capturePackets, traceParsed } from '../features/trace';
import { regexpAt } from '../l7/script';
import {
  FLOW_GRAPH_REQUEST,
  L7_PATTERN_AT_REQUEST,
  MANGLE_FLOW_REQUEST,
  TRACE_REQUEST,
  type DocumentParams,
  type L7PatternAt,
  type L7PatternAtParams,
  type TraceParams,
  type TraceResult,
} from '../protocol';
import type { AnalysisCache } from './documents';

/** The lint code whose findings mark unreachable rules in the flow picture (read by code only). */
const UNREACHABLE_CODE = 'RSC4011';

export function registerCustomRequests(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  cache: AnalysisCache,
): void {
  connection.onRequest(MANGLE_FLOW_REQUEST, (p: DocumentParams) => {
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
  connection.onRequest(FLOW_GRAPH_REQUEST, (p: DocumentParams): FlowGraph | null => {
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
  connection.onRequest(L7_PATTERN_AT_REQUEST, (p: L7PatternAtParams): L7PatternAt | null => {
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
  });
}
