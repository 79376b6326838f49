// Publishes diagnostics after open/change. The debounce adapts to the document: it waits about as long
// as the last lint of that document took (at most 150 ms), so small files answer at once while a burst of
// keystrokes on a huge file is linted once. Results for an outdated version are never published.
import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toLspDiagnostic } from './convert';
import type { AnalysisCache } from './documents';

const MAX_DELAY_MS = 150;

export class DiagnosticsScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lastCost = new Map<string, number>();

  constructor(
    private readonly connection: Connection,
    private readonly cache: AnalysisCache,
  ) {}

  schedule(doc: TextDocument, immediate = false): void {
    this.cancel(doc.uri);
    const delay = immediate ? 0 : Math.min(MAX_DELAY_MS, Math.round(this.lastCost.get(doc.uri) ?? 0));
    this.timers.set(
      doc.uri,
      setTimeout(() => {
        this.timers.delete(doc.uri);
        this.publish(doc);
      }, delay),
    );
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
  }

  publish(doc: TextDocument): void {
    const a = this.cache.get(doc);
    this.lastCost.set(doc.uri, a.elapsedMs);
    void this.connection.sendDiagnostics({
      uri: doc.uri,
      version: doc.version,
      diagnostics: a.lint.diagnostics.map((d) => toLspDiagnostic(a.lines, doc.uri, d)),
    });
  }
}
