// "RouterOS: Test Layer-7 Pattern Against Capture…": takes the layer7 regexp under the cursor, asks for a
// pcap/pcapng file, and runs exactly what `rsc l7 test --pcap` runs, showing its report in an output
// channel. The matcher is pure code bundled with the client; only the file read happens here.
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { CliIO } from '../../../server/src/cli/io';
import {
  L7_PATTERN_AT_REQUEST,
  type L7PatternAt,
  type L7PatternAtParams,
} from '../../../server/src/protocol';

export function registerL7Capture(
  context: vscode.ExtensionContext,
  client: () => Promise<LanguageClient | undefined>,
): void {
  let channel: vscode.OutputChannel | undefined;
  context.subscriptions.push(
    vscode.commands.registerCommand('routeros.testL7AgainstCapture', async () => {
      const editor = vscode.window.activeTextEditor;
      const c = await client();
      if (!editor || editor.document.languageId !== 'routeros' || !c) {
        void vscode.window.showWarningMessage(
          'Put the cursor on a layer7-protocol regexp= value in a .rsc file.',
        );
        return;
      }
      const params: L7PatternAtParams = {
        uri: editor.document.uri.toString(),
        position: editor.selection.active,
      };
      const at = await c.sendRequest<L7PatternAt | null>(L7_PATTERN_AT_REQUEST, params);
      if (!at) {
        void vscode.window.showWarningMessage(
          'No layer7 regexp under the cursor: put it on the regexp= value of an /ip firewall layer7-protocol entry.',
        );
        return;
      }
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: false,
        openLabel: 'Test pattern',
        filters: { 'Packet captures': ['pcap', 'pcapng', 'cap'], 'All files': ['*'] },
      });
      if (!picked?.[0]) return;
      const file = picked[0].fsPath;
      let out = '';
      const io: CliIO = {
        stdout: (t) => void (out += t),
        stderr: (t) => void (out += t),
        readFile: (p) => readFileSync(p),
        env: {},
        isTTY: false,
      };
      // The layer-7 engine loads on first use, keeping activation cheap.
      const { l7Command } = await import('../../../server/src/cli/l7.js');
      const code = await l7Command(['test', '--regexp', at.cli, '--pcap', file], io);
      channel ??= vscode.window.createOutputChannel('RouterOS Layer 7');
      context.subscriptions.push(channel);
      channel.clear();
      channel.appendLine(
        `${editor.document.fileName}:${at.line + 1}  regexp as Winbox shows it: ${at.winbox}`,
      );
      channel.appendLine(`capture: ${file}\n`);
      channel.append(out);
      channel.show(true);
      const summary =
        code === 0
          ? 'The pattern matched at least one flow.'
          : code === 1
            ? 'The pattern matched no flow.'
            : 'The test failed: see the output.';
      void vscode.window.showInformationMessage(`Layer-7 test: ${summary}`);
    }),
  );
}
