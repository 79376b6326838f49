// Publishes diagnostics after open/change. The debounce adapts to the document: it waits about as long
// as the last lint of that document took (at most 150 ms), so small files answer at once while a burst of
// keystrokes on a huge file is linted once. The wait has an upper bound: while the user types without a
// pause, a lint still starts at most MAX_WAIT_MS after the first keystroke it has not covered, so
// diagnostics keep coming (about every 300 ms at worst, the lint included). Results for an outdated
// version are never published.
import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toLspDiagnostic } from './convert';
import type { AnalysisCache } from './documents';

/** Longest adaptive wait after a keystroke. */
export const MAX_DELAY_MS = 150;
/** Longest time a keystroke waits for its lint to start while more keystrokes keep coming. */
export const MAX_WAIT_MS = 200;

/** Time as the scheduler sees it; tests pass a fake one. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

interface Pending {
  handle: unknown;
  /** When the oldest keystroke not yet linted arrived. */
  since: number;
}

/**
 * The timing part, per key (document URI): `run(key)` is called once per burst, `delay` after the last
 * request, but never later than MAX_WAIT_MS after the first request it covers. `run` returns how long it
 * took; that is the next delay (capped at MAX_DELAY_MS).
 */
export class DebounceScheduler {
  private readonly pending = new Map<string, Pending>();
  private readonly lastCost = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly run: (key: string) => number,
  ) {}

  request(key: string, immediate = false): void {
    const now = this.clock.now();
    const old = this.pending.get(key);
    if (old) this.clock.clearTimeout(old.handle);
    const since = old ? old.since : now;
    const delay = immediate ? 0 : Math.min(MAX_DELAY_MS, Math.round(this.lastCost.get(key) ?? 0));
    const at = Math.min(now + delay, since + MAX_WAIT_MS);
    const handle = this.clock.setTimeout(() => this.fire(key), Math.max(0, at - now));
    this.pending.set(key, { handle, since });
  }

  cancel(key: string): void {
    const p = this.pending.get(key);
    if (p) this.clock.clearTimeout(p.handle);
    this.pending.delete(key);
    this.lastCost.delete(key);
  }

  isPending(key: string): boolean {
    return this.pending.has(key);
  }

  private fire(key: string): void {
    this.pending.delete(key);
    this.lastCost.set(key, this.run(key));
  }
}

export class DiagnosticsScheduler {
  private readonly docs = new Map<string, TextDocument>();
  private readonly timing: DebounceScheduler;

  constructor(
    private readonly connection: Connection,
    private readonly cache: AnalysisCache,
    clock: Clock = systemClock,
  ) {
    this.timing = new DebounceScheduler(clock, (uri) => {
      const doc = this.docs.get(uri);
      this.docs.delete(uri);
      return doc ? this.publish(doc) : 0;
    });
  }

  schedule(doc: TextDocument, immediate = false): void {
    this.docs.set(doc.uri, doc);
    this.timing.request(doc.uri, immediate);
  }

  cancel(uri: string): void {
    this.docs.delete(uri);
    this.timing.cancel(uri);
  }

  /** Lints (or reuses the lint of) this version and publishes it; returns what the lint cost. */
  publish(doc: TextDocument): number {
    try {
      const a = this.cache.get(doc);
      void this.connection.sendDiagnostics({
        uri: doc.uri,
        version: doc.version,
        diagnostics: a.lint.diagnostics.map((d) => toLspDiagnostic(a.lines, doc.uri, d)),
      });
      return a.elapsedMs;
    } catch (err) {
      // This runs from a timer: an exception here would end the process. Report it and keep serving.
      this.connection.console.error(
        `rsc: could not lint ${doc.uri}: ${(err as Error)?.stack ?? String(err)}\nPlease report this.`,
      );
      return 0;
    }
  }
}
