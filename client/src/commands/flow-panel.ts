// The webview panel of "Show Mangle Flow" and "Trace Packet…": one panel beside the editor, reused per run,
// its page made by the pure flowViewHtml; a click on a rule box shows that line. Loaded on first use (its
// own chunk in dist/lazy/), so activation does not parse the page generator.
import * as vscode from 'vscode';
import { flowViewHtml, type FlowGraph } from '../../../server/src/features/flow-view';

let panel: vscode.WebviewPanel | undefined;
let panelDoc: vscode.Uri | undefined;

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 32; i++) s += chars[Math.floor(Math.random() * chars.length)];
  return s;
}

export function show(graph: FlowGraph, doc: vscode.Uri): void {
  panelDoc = doc;
  if (!panel) {
    panel = vscode.window.createWebviewPanel('routeros.flow', graph.title, vscode.ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: [],
    });
    panel.onDidDispose(() => (panel = undefined));
    panel.webview.onDidReceiveMessage(async (m: { type?: string; line?: number }) => {
      if (m?.type !== 'reveal' || typeof m.line !== 'number' || !panelDoc) return;
      const editor = await vscode.window.showTextDocument(panelDoc, { viewColumn: vscode.ViewColumn.One });
      const pos = new vscode.Position(Math.max(0, m.line - 1), 0);
      editor.selection = new vscode.Selection(pos, pos);
      editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenter);
    });
  }
  panel.title = graph.title;
  panel.webview.html = flowViewHtml(graph, { nonce: nonce(), cspSource: panel.webview.cspSource });
  panel.reveal(vscode.ViewColumn.Beside, true);
}
