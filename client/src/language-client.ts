// The language client: starts the RouterOS language server (the bundled `rsc` CLI in --node-ipc mode) and
// connects it to the editor. esbuild.mjs bundles this module as its own chunk (dist/lazy/), which
// extension.ts loads right after activate() has registered the commands: vscode-languageclient is nine
// tenths of the client's code, and VS Code's activation time (loading the extension plus the synchronous
// part of activate) no longer includes parsing and initialising it.
import * as path from 'node:path';
import type * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

/** Creates the client (not started) for the server bundled in the extension's dist/cli.js. */
export function createClient(context: vscode.ExtensionContext): LanguageClient {
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
  return new LanguageClient('routeros', 'RouterOS Language Server', serverOptions, clientOptions);
}
