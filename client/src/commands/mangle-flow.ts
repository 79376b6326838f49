// "RouterOS: Show Mangle Flow": asks the server for the chains -> marks -> queues view of the current file
// and shows it as a Markdown preview beside the editor.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export const MANGLE_FLOW_REQUEST = 'routeros/mangleFlow';

export function registerMangleFlow(
  context: vscode.ExtensionContext,
  client: () => Promise<LanguageClient | undefined>,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('routeros.showMangleFlow', async () => {
      const editor = vscode.window.activeTextEditor;
      const c = await client();
      if (!editor || editor.document.languageId !== 'routeros') {
        void vscode.window.showWarningMessage('Open a RouterOS script (.rsc) to see its mangle flow.');
        return;
      }
      if (!c) {
        void vscode.window.showErrorMessage('The RouterOS language server is not running.');
        return;
      }
      const markdown = await c.sendRequest<string | null>(MANGLE_FLOW_REQUEST, {
        uri: editor.document.uri.toString(),
      });
      if (markdown === null) {
        void vscode.window.showErrorMessage('The RouterOS language server does not know this document yet.');
        return;
      }
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
      await vscode.commands.executeCommand('markdown.showPreviewToSide', doc.uri);
    }),
  );
}
