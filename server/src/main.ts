// Process start of the language server: create the connection (stdio, node-ipc or socket, as given on the
// command line) and hand it to server.ts. Kept tiny so tests can start the server in-process.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

export function runLanguageServer(): void {
  // createConnection reads --stdio / --node-ipc / --socket=N from process.argv.
  startServer(createConnection(ProposedFeatures.all));
}
