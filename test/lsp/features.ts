// Which editor features the tests demand. Every feature is exercised in every run: a 'required' feature
// fails the run when it is missing or broken, a 'todo' one is reported as a node:test TODO (visible in the
// summary, never fatal). When a feature lands and its TODO test passes, flip it to 'required' here so a
// regression fails the build. Shared by the LSP, Neovim, VS Code (e2e) and code-server (ui) tests.

export type Expectation = 'required' | 'todo';

const table = {
  /** The parser: `add chain=forward # note` is an RSC1nnn error. */
  syntaxDiagnostics: 'required',
  /** docs/rules/RSCnnnn.md pages exist, so diagnostics carry codeDescription.href. */
  ruleDocLinks: 'required',
  /** Layer-7 rules: `regexp="\xd5"` is RSC3001 with a safe "double the backslash" fix. */
  l7Escaping: 'required',
  /** textDocument/completion (capability completionProvider). */
  completion: 'required',
  /** textDocument/hover (capability hoverProvider). */
  hover: 'required',
  /** textDocument/rename (capability renameProvider). */
  rename: 'required',
  /** textDocument/formatting (capability documentFormattingProvider). */
  formatting: 'required',
  /** textDocument/semanticTokens/full (capability semanticTokensProvider). */
  semanticTokens: 'required',
  /** A body that is not JSON gets a JSON-RPC ParseError (-32700) response with id null, as JSON-RPC 2.0
   * asks; vscode-languageserver only logs it, so the server needs its own reader error handler. */
  parseErrorResponse: 'required',
  /** The `routeros.generateSkypeNackQos` command of the VS Code extension. */
  generateCommand: 'required',
  /** The push command of the VS Code extension (SSH deploy; id in commandIds below). */
  pushCommand: 'required',
  /** "Trace Packet…": the flow webview with a packet's path (id in commandIds below). */
  traceWebview: 'required',
} satisfies Record<string, Expectation>;

export type Feature = keyof typeof table;

/** Typed as the general table, so tests compare against both values whatever the current settings are. */
export const expected: Record<Feature, Expectation> = table;

/**
 * Command ids the editor tests run. The push command is `routeros.pushScript` ("RouterOS: Push Script to
 * Router"), as the deploy client registers and package.json contributes it.
 */
export const commandIds = {
  generate: 'routeros.generateSkypeNackQos',
  push: 'routeros.pushScript',
  trace: 'routeros.tracePacket',
} as const;

/** node:test options for a test of `feature`: a TODO until the feature is flipped to 'required'. */
export function testOptions(feature: Feature): { todo?: string } {
  return expected[feature] === 'todo'
    ? { todo: `${feature} is not required yet (flip it in test/lsp/features.ts once this passes)` }
    : {};
}
