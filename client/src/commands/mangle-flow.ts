// "RouterOS: Show Mangle Flow" and "RouterOS: Trace Packet…": the firewall's chains as lanes, rules as boxes
// (unreachable ones greyed), marks into queues, and after a trace each packet's path drawn through the
// boxes, in one webview beside the editor (reused, not a new document per run). A click on a box shows its
// line. After a capture replay, code lenses show each rule's hit count. The page is made by the pure
// flowViewHtml (server/src/features/flow-view.ts, loaded with the panel on first use: flow-panel.ts), the
// data by the server's custom requests.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { FlowGraph } from '../../../server/src/features/flow-view';
import {
  FLOW_GRAPH_REQUEST,
  TRACE_REQUEST,
  type TraceParams,
  type TraceResult,
} from '../../../server/src/protocol';

/** Hit counts of the last capture replay per document, shown as code lenses above each rule. */
class HitLenses implements vscode.CodeLensProvider {
  private readonly counts = new Map<string, { capture: string; lines: Map<number, number> }>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  set(doc: vscode.Uri, capture: string, graph: FlowGraph): void {
    const lines = new Map<number, number>();
    for (const lane of graph.lanes)
      for (const r of lane.rules) if (r.hits !== null) lines.set(r.line, r.hits);
    this.counts.set(doc.toString(), { capture, lines });
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const c = this.counts.get(document.uri.toString());
    if (!c) return [];
    return [...c.lines]
      .filter(([line]) => line - 1 < document.lineCount)
      .map(([line, n]) => {
        const range = new vscode.Range(line - 1, 0, line - 1, 0);
        return new vscode.CodeLens(range, {
          title: `${n} hit${n === 1 ? '' : 's'} in ${c.capture}`,
          command: '',
        });
      });
  }
}

function activeRsc(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'routeros') {
    void vscode.window.showWarningMessage('Open a RouterOS script (.rsc) first.');
    return undefined;
  }
  return editor;
}

export function registerMangleFlow(
  context: vscode.ExtensionContext,
  client: () => Promise<LanguageClient | undefined>,
): void {
  const lenses = new HitLenses();
  const ready = async (): Promise<LanguageClient | undefined> => {
    const c = await client();
    if (!c) void vscode.window.showErrorMessage('The RouterOS language server is not running.');
    return c;
  };
  context.subscriptions.push(
    vscode.languages.registerCodeLensProvider({ language: 'routeros' }, lenses),
    vscode.commands.registerCommand('routeros.showMangleFlow', async () => {
      const editor = activeRsc();
      const c = editor && (await ready());
      if (!editor || !c) return;
      const graph = await c.sendRequest<FlowGraph | null>(FLOW_GRAPH_REQUEST, {
        uri: editor.document.uri.toString(),
      });
      if (graph === null) {
        void vscode.window.showErrorMessage('The RouterOS language server does not know this document yet.');
        return;
      }
      (await import('./flow-panel.js')).show(graph, editor.document.uri);
    }),
    vscode.commands.registerCommand('routeros.tracePacket', async (args?: { packets?: string[] }) => {
      const editor = activeRsc();
      const c = editor && (await ready());
      if (!editor || !c) return;
      const uri = editor.document.uri.toString();
      let params: TraceParams;
      let captureName = '';
      if (args?.packets) params = { uri, packets: args.packets };
      else {
        const how = await vscode.window.showQuickPick(
          [
            {
              label: 'Packets…',
              description: 'type packet specs, e.g. udp 192.168.88.10:5000 > 1.2.3.4:3478 in=bridge',
            },
            { label: 'Capture…', description: 'replay a pcap/pcapng file arriving on one interface' },
          ],
          { title: 'Trace Packet' },
        );
        if (!how) return;
        if (how.label === 'Packets…') {
          const text = await vscode.window.showInputBox({
            title: 'Trace Packet: packets in order, separated by ";"',
            prompt: 'PROTO SRC:PORT > DST:PORT in=IFACE [size=N] [payload=HEX] [time=SECONDS]; ...',
            placeHolder:
              'udp 192.168.88.10:50000 > 77.88.99.10:40000 in=ether2; udp 77.88.99.10:40000 > 92.50.1.2:50000 in=ether1 size=39',
            ignoreFocusOut: true,
          });
          if (!text) return;
          params = {
            uri,
            packets: text
              .split(';')
              .map((s) => s.trim())
              .filter((s) => s !== ''),
          };
        } else {
          const files = await vscode.window.showOpenDialog({
            canSelectMany: false,
            filters: { Captures: ['pcap', 'pcapng', 'cap'] },
            openLabel: 'Replay',
          });
          if (!files || files.length === 0) return;
          const iface = await vscode.window.showInputBox({
            title: 'Trace Packet: the interface the capture arrives on',
            placeHolder: 'ether1',
            ignoreFocusOut: true,
          });
          if (!iface) return;
          const bytes = await vscode.workspace.fs.readFile(files[0]);
          captureName = files[0].path.split('/').pop() ?? 'capture';
          params = { uri, pcap: { name: captureName, base64: Buffer.from(bytes).toString('base64'), iface } };
        }
      }
      const result = await c.sendRequest<TraceResult | null>(TRACE_REQUEST, params);
      if (result === null) {
        void vscode.window.showErrorMessage('The RouterOS language server does not know this document yet.');
        return;
      }
      if (result.error !== undefined || !result.graph) {
        void vscode.window.showErrorMessage(`Trace Packet: ${result.error ?? 'no result'}`);
        return;
      }
      if (result.capture) lenses.set(editor.document.uri, captureName, result.graph);
      (await import('./flow-panel.js')).show(result.graph, editor.document.uri);
    }),
  );
}
