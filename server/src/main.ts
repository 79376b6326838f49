// Process start of the language server: create the connection (stdio, node-ipc or socket, as given on the
// command line) and hand it to server.ts. Kept tiny so tests can start the server in-process.
import {
  createConnection,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type ResponseMessage,
} from 'vscode-languageserver/node';
import { startServer } from './server';

export function runLanguageServer(): void {
  if (process.argv.includes('--stdio')) {
    // JSON-RPC asks for an error response (code -32700, id null) to a body that is not JSON; the library
    // only reports it locally, so the reader's errors are answered here. The stream stays usable.
    const reader = new StreamMessageReader(process.stdin);
    const writer = new StreamMessageWriter(process.stdout);
    reader.onError((err) => {
      const reply: ResponseMessage = {
        jsonrpc: '2.0',
        id: null,
        error: { code: -32700, message: `Parse error: ${err.message}` },
      };
      void writer.write(reply);
    });
    // With an explicit reader the library no longer watches stdin itself: an editor that closes our
    // stdin is gone, so exit (code 1: no orderly shutdown/exit sequence happened).
    const gone = () => process.exit(1);
    process.stdin.on('end', gone);
    process.stdin.on('close', gone);
    startServer(createConnection(ProposedFeatures.all, reader, writer));
    return;
  }
  // createConnection reads --node-ipc / --socket=N from process.argv.
  startServer(createConnection(ProposedFeatures.all));
}
