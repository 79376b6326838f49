// VS Code entry point: starts the RouterOS language server (the bundled `rsc` CLI in --node-ipc mode) and
// registers the extension's commands. Everything that understands RouterOS lives in the server.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

import { registerDeploy } from './deploy';
import { registerMangleFlow } from './commands/mangle-flow';
import { registerL7Capture } from './commands/l7-capture';

let client: LanguageClient | undefined;

/**
 * "Generate Skype NAck QoS" needs the recipe generator and the layer-7 engine; the module loads on the
 * command's first use (esbuild.mjs bundles every dynamic import of the client as its own file), so
 * activation does not pay for it.
 */
function registerGenerateSkypeNack(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('routeros.generateSkypeNackQos', async () =>
      (await import('./commands/generate-skype-nack.js')).run(context),
    ),
  );
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'cli.js'));
  const serverOptions: ServerOptions = {
    run: { module, args: ['lsp'], transport: TransportKind.ipc },
    debug: {
      module,
      args: ['lsp'],
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6019'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'routeros', scheme: 'file' },
      { language: 'routeros', scheme: 'untitled' },
    ],
    synchronize: { configurationSection: 'routeros' },
  };
  client = new LanguageClient('routeros', 'RouterOS Language Server', serverOptions, clientOptions);
  context.subscriptions.push(client);
  registerDeploy(context);
  registerMangleFlow(context, () => client);
  registerL7Capture(context, () => client);
  registerGenerateSkypeNack(context);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
