// The RouterOS-specific requests between the VS Code client and the language server: their names and the
// shapes of their parameters and results, declared once for both sides (lsp/custom.ts answers them, the
// client's commands send them). Names and types only, so the client bundles next to nothing from here.
import type { FlowGraph } from './features/flow-view';

/** `{ uri }` -> the mangle-flow view of the document as Markdown, or null for an unknown document. */
export const MANGLE_FLOW_REQUEST = 'routeros/mangleFlow';
/** L7PatternAtParams -> L7PatternAt, or null when no layer7 regexp is under the position. */
export const L7_PATTERN_AT_REQUEST = 'routeros/l7PatternAt';
/** `{ uri }` -> FlowGraph, or null for an unknown document. */
export const FLOW_GRAPH_REQUEST = 'routeros/flowGraph';
/** TraceParams -> TraceResult, or null for an unknown document. */
export const TRACE_REQUEST = 'routeros/trace';

export interface DocumentParams {
  uri: string;
}

export interface L7PatternAtParams {
  uri: string;
  /** Zero-based, as LSP positions are. */
  position: { line: number; character: number };
}

export interface L7PatternAt {
  /** The value as written in the .rsc file, without the surrounding quotes (CLI form). */
  cli: string;
  /** The same pattern as Winbox shows it (after RouterOS string decoding). */
  winbox: string;
  line: number;
}

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
