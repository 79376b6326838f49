// RouterOS-specific requests the VS Code client uses for its commands: the mangle-flow view of a document,
// and the layer-7 regexp under the cursor (for "Test Layer-7 Pattern Against Capture…").
import type { Connection, Position, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { mangleFlowMarkdown } from '../features/mangle-flow';
import { regexpAt } from '../lint/support/l7-common';
import type { AnalysisCache } from './documents';

export const MANGLE_FLOW_REQUEST = 'routeros/mangleFlow';
export const L7_PATTERN_AT_REQUEST = 'routeros/l7PatternAt';

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
