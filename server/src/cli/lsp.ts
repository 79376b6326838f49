// `rsc lsp`: runs the language server for editors (VS Code starts it with --node-ipc, others with --stdio).
import { runLanguageServer } from '../main';
import { EXIT, type Subcommand } from './io';

export const lspHelp = `Usage: rsc lsp --stdio | --node-ipc | --socket=PORT

Runs the RouterOS language server. Editors start it and talk LSP on the chosen transport:
  --stdio        JSON-RPC over standard input/output (Neovim, Helix, Emacs, Sublime, ...)
  --node-ipc     Node IPC channel (what the VS Code extension uses)
  --socket=PORT  connect to a socket the client listens on
`;

export const lspCommand: Subcommand = async (args, io) => {
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout(lspHelp);
    return EXIT.ok;
  }
  if (!args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket'))) {
    io.stderr(`rsc lsp: choose a transport: --stdio, --node-ipc or --socket=PORT\n\n${lspHelp}`);
    return EXIT.usage;
  }
  runLanguageServer();
  // The server owns the process from here; -1 tells main not to set an exit code.
  return -1;
};
