// The language server: one function lists the capabilities, one registers a handler per LSP method.
// Handlers only look up the document, call a plain function, and convert positions (see lsp/).
import {
  CodeActionKind,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from './lsp/documents';
import { DiagnosticsScheduler, systemClock } from './lsp/diagnostics';
import { fixAll, fixAllKind, quickFixes } from './lsp/fixes';
import { defaultSettings, lintOptions, normalizeSettings, type Settings } from './lsp/settings';
import * as features from './lsp/features';
import { registerCustomRequests } from './lsp/custom';
import { LIVE_LINT_MAX_CHARS } from './lint';

export function capabilities(): InitializeResult['capabilities'] {
  return {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllKind] },
    completionProvider: { triggerCharacters: ['/', ' ', '=', ':', '$', ','] },
    hoverProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    documentHighlightProvider: true,
    renameProvider: { prepareProvider: true },
    documentSymbolProvider: true,
    workspaceSymbolProvider: true,
    foldingRangeProvider: true,
    selectionRangeProvider: true,
    signatureHelpProvider: { triggerCharacters: [' '], retriggerCharacters: [' '] },
    documentFormattingProvider: true,
    documentRangeFormattingProvider: true,
    semanticTokensProvider: { legend: features.semanticTokensLegend, full: true, range: true },
  };
}

/** `busy`: whether the connection has received messages it has not handled yet (lsp/inbox.ts). */
export function startServer(connection: Connection, busy?: () => boolean): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new AnalysisCache();
  const diagnostics = new DiagnosticsScheduler(connection, cache, systemClock, busy);
  let settings: Settings = defaultSettings;
  let canPullConfig = false;
  // Snippet edits in code actions (LSP 3.18) go in documentChanges; both must be supported.
  let snippetEdits = false;

  const applySettings = (s: Settings) => {
    settings = s;
    cache.setOptions(lintOptions(settings));
    for (const doc of documents.all()) diagnostics.schedule(doc);
  };

  connection.onInitialize((params) => {
    canPullConfig = Boolean(params.capabilities.workspace?.configuration);
    const we = params.capabilities.workspace?.workspaceEdit;
    snippetEdits = we?.snippetEditSupport === true && we.documentChanges === true;
    const init = (params.initializationOptions as { settings?: unknown } | undefined)?.settings;
    if (init) applySettings(normalizeSettings(init));
    return { capabilities: capabilities(), serverInfo: { name: 'routeros-rsc' } };
  });

  const pullSettings = async () => {
    if (!canPullConfig) return;
    try {
      applySettings(normalizeSettings(await connection.workspace.getConfiguration('routeros')));
    } catch {
      // A client that advertises configuration but fails to answer keeps the current settings.
    }
  };
  connection.onInitialized(() => void pullSettings());
  connection.onDidChangeConfiguration((change) => {
    const pushed = (change.settings as { routeros?: unknown } | undefined)?.routeros;
    if (pushed) applySettings(normalizeSettings(pushed));
    else void pullSettings();
  });

  // Once per document: a file too big to lint on every keystroke in time gets one message saying so.
  const warnedBig = new Set<string>();
  const warnIfBig = (doc: TextDocument) => {
    if (warnedBig.has(doc.uri)) return;
    const size = doc.getText().length;
    if (size <= LIVE_LINT_MAX_CHARS) return;
    warnedBig.add(doc.uri);
    // A notification, not window/showMessageRequest: nothing to answer, and a client that does not
    // implement the request must not leave a rejected promise behind.
    void connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Warning,
      message:
        `${doc.uri.slice(doc.uri.lastIndexOf('/') + 1)} has ${(size / 1e6).toFixed(1)} million characters, ` +
        `more than the ${LIVE_LINT_MAX_CHARS / 1e6} million the editor can lint while you type: ` +
        `diagnostics will lag behind your edits.\nSplit the file, or lint it with 'rsc lint' instead.`,
    });
  };
  documents.onDidOpen((e) => {
    warnIfBig(e.document);
    diagnostics.schedule(e.document, true);
  });
  documents.onDidChangeContent((e) => {
    warnIfBig(e.document);
    diagnostics.schedule(e.document);
  });
  documents.onDidClose((e) => {
    diagnostics.cancel(e.document.uri);
    cache.delete(e.document.uri);
    warnedBig.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onCodeAction((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const a = cache.get(doc);
    const only = params.context.only;
    const wantsFixAll = only?.some((k) => fixAllKind.startsWith(k) || k === CodeActionKind.Source);
    const wantsQuick = !only || only.some((k) => CodeActionKind.QuickFix.startsWith(k));
    const out = [];
    if (wantsQuick) {
      out.push(
        ...quickFixes(
          a,
          params.context.diagnostics,
          doc.offsetAt(params.range.start),
          doc.offsetAt(params.range.end),
          snippetEdits,
        ),
      );
    }
    if (wantsFixAll || !only) {
      // Asked for explicitly ("Fix All"), an empty answer gets its reason; the lightbulb gets nothing.
      const all = fixAll(a, wantsFixAll === true);
      if (all) out.push(all);
    }
    return out;
  });

  // Editor features: each handler finds the document's cached analysis and calls one function in lsp/features.
  // They read the text and the tree only, so they take the newest parse, linted or not: while the user
  // types, an editor asks for completion, semantic tokens, symbols, folding and highlights after every
  // edit, and none of them may start a lint (tens of ms on a big file) the debounce would have coalesced.
  const withDoc = <T>(uri: string, fallback: T, f: (a: ReturnType<AnalysisCache['get']>) => T): T => {
    const d = documents.get(uri);
    return d ? f(cache.getParsed(d)) : fallback;
  };
  const target = () => settings.targetVersion;
  connection.onCompletion((p) =>
    withDoc(p.textDocument.uri, [], (a) => features.completion(a, p.position, target())),
  );
  connection.onHover((p) =>
    withDoc(p.textDocument.uri, null, (a) =>
      features.hover(a, p.position, target(), settings.lint.latin1Fold),
    ),
  );
  connection.onDefinition((p) => withDoc(p.textDocument.uri, [], (a) => features.definition(a, p.position)));
  connection.onReferences((p) =>
    withDoc(p.textDocument.uri, [], (a) => features.references(a, p.position, p.context.includeDeclaration)),
  );
  connection.onDocumentHighlight((p) =>
    withDoc(p.textDocument.uri, [], (a) => features.highlights(a, p.position)),
  );
  connection.onPrepareRename((p) =>
    withDoc(p.textDocument.uri, null, (a) => features.prepare(a, p.position)),
  );
  connection.onRenameRequest((p) =>
    withDoc(p.textDocument.uri, null, (a) => features.doRename(a, p.position, p.newName)),
  );
  connection.onDocumentSymbol((p) => withDoc(p.textDocument.uri, [], (a) => features.documentSymbols(a)));
  connection.onWorkspaceSymbol((p) =>
    features.workspaceSymbols(
      documents.all().map((d) => cache.getParsed(d)),
      p.query,
    ),
  );
  connection.onFoldingRanges((p) => withDoc(p.textDocument.uri, [], (a) => features.foldingRanges(a)));
  connection.onSelectionRanges((p) =>
    withDoc(p.textDocument.uri, [], (a) => features.selectionRanges(a, p.positions)),
  );
  connection.onSignatureHelp((p) =>
    withDoc(p.textDocument.uri, null, (a) => features.signatureHelp(a, p.position)),
  );
  connection.onDocumentFormatting((p) =>
    withDoc(p.textDocument.uri, [], (a) => features.formatting(a, p.options)),
  );
  connection.onDocumentRangeFormatting((p) =>
    withDoc(p.textDocument.uri, [], (a) => features.formatting(a, p.options, p.range)),
  );
  connection.languages.semanticTokens.on((p) =>
    withDoc(p.textDocument.uri, { data: [] }, (a) => features.semanticTokens(a)),
  );
  connection.languages.semanticTokens.onRange((p) =>
    withDoc(p.textDocument.uri, { data: [] }, (a) => features.semanticTokens(a, p.range)),
  );

  registerCustomRequests(connection, documents, cache);

  documents.listen(connection);
  connection.listen();
}
