// Process start of the language server: create the connection (stdio, node-ipc or socket, as given on the
// command line) and hand it to server.ts. Kept tiny so tests can start the server in-process.
import {
  createConnection,
  createServerSocketTransport,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageReader,
  type MessageWriter,
  type ResponseMessage,
} from 'vscode-languageserver/node';
import { startServer } from './server';
import { ValidatingReader } from './lsp/validate';
import { Inbox } from './lsp/inbox';

export function runLanguageServer(): void {
  // A long-running server must not die of one forgotten promise: say what happened and keep serving.
  process.on('unhandledRejection', (reason) => {
    process.stderr.write(`rsc lsp: unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}\n`);
  });
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
    serve(new ValidatingReader(reader, writer), writer);
    return;
  }
  // The other transports are made here too (not from process.argv by the library), so that every one
  // passes its messages through the same params check.
  const [reader, writer] = otherTransport(process.argv);
  serve(new ValidatingReader(reader, writer), writer);
}

/** The connection over `reader` and `writer`, watched by an Inbox so that lints let waiting messages go first. */
function serve(reader: MessageReader, writer: MessageWriter): void {
  const inbox = new Inbox();
  const connection = createConnection(ProposedFeatures.all, inbox.watch(reader), writer, {
    messageStrategy: inbox.strategy,
  });
  startServer(connection, inbox.busy);
}

/** --node-ipc, or --socket=PORT / --socket PORT (connect to the client's socket). */
function otherTransport(argv: readonly string[]): [MessageReader, MessageWriter] {
  const i = argv.findIndex((a) => a === '--socket' || a.startsWith('--socket='));
  if (i >= 0) {
    const raw = argv[i] === '--socket' ? argv[i + 1] : argv[i].slice('--socket='.length);
    const port = Number(raw);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) {
      process.stderr.write(
        `rsc lsp: --socket needs a port number from 1 to 65535, not ${raw ?? 'nothing'}\n`,
      );
      process.exit(2);
    }
    return createServerSocketTransport(port);
  }
  return [new IPCMessageReader(process), new IPCMessageWriter(process)];
}
