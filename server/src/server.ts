// The language server: one function lists the capabilities, one registers a handler per LSP method.
// Handlers only look up the document, call a plain function, and convert positions (see lsp/).
import {
  CodeActionKind,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from './lsp/documents';
import { DiagnosticsScheduler } from './lsp/diagnostics';
import { fixAll, fixAllKind, quickFixes } from './lsp/fixes';
import { defaultSettings, lintOptions, normalizeSettings, type Settings } from './lsp/settings';

export function capabilities(): InitializeResult['capabilities'] {
  return {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllKind] },
  };
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new AnalysisCache();
  const diagnostics = new DiagnosticsScheduler(connection, cache);
  let settings: Settings = defaultSettings;
  let canPullConfig = false;

  const applySettings = (s: Settings) => {
    settings = s;
    cache.setOptions(lintOptions(settings));
    for (const doc of documents.all()) diagnostics.schedule(doc);
  };

  connection.onInitialize((params) => {
    canPullConfig = Boolean(params.capabilities.workspace?.configuration);
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

  documents.onDidOpen((e) => diagnostics.schedule(e.document, true));
  documents.onDidChangeContent((e) => diagnostics.schedule(e.document));
  documents.onDidClose((e) => {
    diagnostics.cancel(e.document.uri);
    cache.delete(e.document.uri);
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
        ...quickFixes(a, params.context.diagnostics, doc.offsetAt(params.range.start), doc.offsetAt(params.range.end)),
      );
    }
    if (wantsFixAll || !only) {
      const all = fixAll(a);
      if (all) out.push(all);
    }
    return out;
  });

  documents.listen(connection);
  connection.listen();
}
