// Publishes diagnostics after open/change. The debounce adapts to the document: it waits about as long
// as the last lint of that document took (at most 150 ms), so small files answer at once while a burst of
// keystrokes on a huge file is linted once. The wait has an upper bound that counts the lint itself:
// while the user types without a pause, a lint starts early enough to be done, at the cost the last
// lints had, LINT_DONE_BY_MS after the first keystroke it covers, so diagnostics keep coming (at least
// every MAX_GAP_MS). A lint is an uninterruptible block of the one thread the server has: when it is
// due while messages already received wait (a completion, newer keystrokes), those go first, for at most
// MAX_DEFER_MS, so a completion does not wait behind a lint and the lint covers the newest text.
// Results for an outdated version are never published.
import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toLspDiagnostic } from './convert';
import type { AnalysisCache } from './documents';

/** Longest adaptive wait after a keystroke. */
export const MAX_DELAY_MS = 150;
/**
 * While the user types without a pause, diagnostics are published at least this often (the README's
 * burst row), as long as one lint takes less than about half of it.
 */
export const MAX_GAP_MS = 300;
/**
 * When a lint should be done at the latest, after the first keystroke it covers: MAX_GAP_MS minus a margin
 * for the messages handled before it (MAX_DEFER_MS), a late timer and a lint dearer than the last ones
 * (the first lints after opening cost several times a warm one). With a margin of 50 ms the burst row's
 * longest wait read 297-368 ms (median 320) in five runs alternating with five of this one, 289-367 ms
 * (median 304): the overshoot is the lint's, not the wait's.
 */
export const LINT_DONE_BY_MS = MAX_GAP_MS - 100;
/** Longest time a due lint lets the messages already received go first. */
export const MAX_DEFER_MS = 40;

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
  /** When the lint was first due but let waiting messages go first. */
  deferredAt?: number;
}

/**
 * How long the first keystroke a lint covers may wait for that lint to start, when the lint is expected
 * to take `cost` ms: long enough for the lint to end LINT_DONE_BY_MS after it, but never less than
 * min(cost, MAX_DELAY_MS), so that a document whose lint is too slow for the bound is not linted back to
 * back (the server would spend all its time linting and none answering).
 */
export function maxWait(cost: number): number {
  return Math.max(LINT_DONE_BY_MS - cost, Math.min(cost, MAX_DELAY_MS));
}

/**
 * The timing part, per key (document URI): `run(key)` is called once per burst, `delay` after the last
 * request (the last lint's cost, capped at MAX_DELAY_MS), but never later than maxWait(expected cost)
 * after the first request it covers. `run` returns how long it took, which updates the expected cost.
 * When a run is due while `busy()` (messages received and not yet handled), it waits for them, checking
 * again every millisecond, for at most MAX_DEFER_MS.
 */
export class DebounceScheduler {
  private readonly pending = new Map<string, Pending>();
  /** Per key: the last run's cost, and the expected cost of the next run. */
  private readonly cost = new Map<string, { last: number; expected: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly run: (key: string) => number,
    private readonly busy: () => boolean = () => false,
  ) {}

  request(key: string, immediate = false): void {
    const now = this.clock.now();
    const old = this.pending.get(key);
    if (old) this.clock.clearTimeout(old.handle);
    const since = old ? old.since : now;
    const c = this.cost.get(key);
    const delay = immediate ? 0 : Math.min(MAX_DELAY_MS, Math.round(c?.last ?? 0));
    const at = Math.min(now + delay, since + maxWait(c?.expected ?? 0));
    const p: Pending = { handle: undefined, since, deferredAt: old?.deferredAt };
    p.handle = this.clock.setTimeout(() => this.fire(key, p), Math.max(0, at - now));
    this.pending.set(key, p);
  }

  cancel(key: string): void {
    const p = this.pending.get(key);
    if (p) this.clock.clearTimeout(p.handle);
    this.pending.delete(key);
    this.cost.delete(key);
  }

  isPending(key: string): boolean {
    return this.pending.has(key);
  }

  /** The cost the next run of `key` is expected to have (for tests and the log). */
  expectedCost(key: string): number {
    return this.cost.get(key)?.expected ?? 0;
  }

  private fire(key: string, p: Pending): void {
    if (this.pending.get(key) !== p) return;
    const now = this.clock.now();
    if (this.busy()) {
      p.deferredAt ??= now;
      if (now - p.deferredAt < MAX_DEFER_MS) {
        // 1 ms: the connection handles a message per turn of the event loop, several per millisecond.
        p.handle = this.clock.setTimeout(() => this.fire(key, p), 1);
        return;
      }
    }
    this.pending.delete(key);
    const took = this.run(key);
    // A lint that cost more than expected raises the expectation at once; a cheaper one lowers it by
    // half the difference, so one cheap lint after an expensive one does not promise too much.
    const prev = this.cost.get(key)?.expected ?? took;
    this.cost.set(key, { last: took, expected: Math.max(took, (prev + took) / 2) });
  }
}

export class DiagnosticsScheduler {
  private readonly docs = new Map<string, TextDocument>();
  private readonly timing: DebounceScheduler;

  /** `busy`: whether messages were received that the connection has not handled yet (lsp/inbox.ts). */
  constructor(
    private readonly connection: Connection,
    private readonly cache: AnalysisCache,
    clock: Clock = systemClock,
    busy?: () => boolean,
  ) {
    this.timing = new DebounceScheduler(
      clock,
      (uri) => {
        const doc = this.docs.get(uri);
        this.docs.delete(uri);
        return doc ? this.publish(doc) : 0;
      },
      busy,
    );
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
        version: a.version,
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
