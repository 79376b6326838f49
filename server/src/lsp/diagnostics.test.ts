// The debounce's timing, on a fake clock: no sleeps, no measured time. Keystrokes, lint costs and the
// messages waiting are scripted; the tests read when the lints ran and what was published.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Connection, PublishDiagnosticsParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lintText } from '../lint';
import { LineIndex } from '../text/line-index';
import { toLspDiagnostic } from './convert';
import { AnalysisCache } from './documents';
import {
  DebounceScheduler,
  DiagnosticsScheduler,
  LINT_DONE_BY_MS,
  MAX_DEFER_MS,
  MAX_DELAY_MS,
  MAX_GAP_MS,
  maxWait,
  type Clock,
} from './diagnostics';

/** A clock that moves only when told to, running due timers in order. */
class FakeClock implements Clock {
  t = 0;
  private seq = 0;
  private timers = new Map<number, { at: number; fn: () => void; seq: number }>();
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + ms, fn, seq: id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  /** Moves time to `to`, firing every timer due by then (a timer's callback may move time further). */
  advanceTo(to: number): void {
    for (;;) {
      let next: [number, { at: number; fn: () => void; seq: number }] | undefined;
      for (const e of this.timers) {
        if (
          e[1].at <= to &&
          (!next || e[1].at < next[1].at || (e[1].at === next[1].at && e[1].seq < next[1].seq))
        )
          next = e;
      }
      if (!next) break;
      this.timers.delete(next[0]);
      if (next[1].at > this.t) this.t = next[1].at;
      next[1].fn();
    }
    if (to > this.t) this.t = to;
  }
}

/**
 * Types `keys` keystrokes `gap` ms apart on one document; lint number i (0: the open) costs `cost(i)` ms
 * of the one thread. Keystrokes that arrive during a lint are handled when it ends, as on the server.
 * Returns when each lint started and ended and which keystroke it covered.
 */
function typing(keys: number, gap: number, cost: (i: number) => number, busy?: () => boolean) {
  const clock = new FakeClock();
  const runs: { at: number; end: number; covers: number }[] = [];
  let typed = 0;
  const s = new DebounceScheduler(
    clock,
    () => {
      const c = cost(runs.length);
      runs.push({ at: clock.now(), end: clock.now() + c, covers: typed });
      clock.t += c; // the lint runs on the event loop: time passes, no keystroke is handled meanwhile
      return c;
    },
    busy,
  );
  s.request('doc', true); // didOpen
  for (let k = 1; k <= keys; k++) {
    clock.advanceTo(k * gap);
    typed = k;
    s.request('doc');
  }
  const last = clock.now();
  clock.advanceTo(keys * gap + 10_000);
  return { runs, typed, last, pending: s.isPending('doc') };
}

/** The longest time between two publishes (lint ends) from the first keystroke to the last. */
function longestGap(runs: readonly { end: number }[], first: number, last: number): number {
  let longest = 0;
  let prev = first;
  for (const r of runs) {
    if (r.end < first) continue;
    if (r.end > last) break;
    longest = Math.max(longest, r.end - prev);
    prev = r.end;
  }
  return Math.max(longest, last - prev);
}

describe('diagnostics debounce', () => {
  it('lints at once on open and after a keystroke on a cheap document', () => {
    const { runs } = typing(1, 1000, () => 0);
    assert.deepEqual(
      runs.map((r) => r.at),
      [0, 1000],
    );
  });

  for (const [gap, cost] of [
    [5, 40],
    [10, 40],
    [7, 100],
    [7, 20],
    [3, 60],
  ]) {
    it(`publishes every ${MAX_GAP_MS} ms, the lint included, while the user types (a key every ${gap} ms, lint ${cost} ms)`, () => {
      const { runs, typed, last, pending } = typing(600, gap, () => cost);
      const longest = longestGap(runs, gap, last);
      assert.ok(longest <= LINT_DONE_BY_MS + gap, `longest wait ${longest} ms`);
      assert.ok(longest <= MAX_GAP_MS, `longest wait ${longest} ms`);
      // Not more lints than needed: a lint covers about LINT_DONE_BY_MS of typing.
      assert.ok(runs.length <= Math.ceil((600 * gap) / (LINT_DONE_BY_MS - cost)) + 2, `${runs.length} lints`);
      // The last lint covers the last keystroke, and nothing is left waiting.
      assert.equal(runs.at(-1)?.covers, typed);
      assert.equal(pending, false);
    });
  }

  it('keeps lints apart when one lint takes longer than the bound allows', () => {
    // 400 ms per lint: the bound cannot be met; the server still gets MAX_DELAY_MS between lints to
    // answer requests, and the keystrokes keep being covered.
    const { runs, typed } = typing(600, 7, () => 400);
    for (let i = 2; i < runs.length; i++) {
      assert.ok(runs[i].at - runs[i - 1].end >= MAX_DELAY_MS - 7, `lint ${i} at ${runs[i].at}`);
      assert.ok(runs[i].at - runs[i - 1].end <= MAX_DELAY_MS, `lint ${i} at ${runs[i].at}`);
    }
    assert.equal(runs.at(-1)?.covers, typed);
  });

  it('starts earlier after an expensive lint, and trusts a cheap one only by halves', () => {
    const clock = new FakeClock();
    const costs = [300, 40, 40, 40];
    let i = 0;
    const s = new DebounceScheduler(clock, () => costs[i++]);
    s.request('a', true);
    clock.advanceTo(1);
    assert.equal(s.expectedCost('a'), 300);
    s.request('a');
    clock.advanceTo(2000);
    assert.equal(s.expectedCost('a'), (300 + 40) / 2);
    s.request('a');
    clock.advanceTo(4000);
    assert.equal(s.expectedCost('a'), (170 + 40) / 2);
    assert.equal(maxWait(300), MAX_DELAY_MS);
    assert.equal(maxWait(170), Math.max(LINT_DONE_BY_MS - 170, MAX_DELAY_MS));
    assert.equal(maxWait(40), LINT_DONE_BY_MS - 40);
  });

  it('bounds the wait by the expected cost: a document that got expensive is linted sooner', () => {
    // Lints cost 30 ms, then 200 ms from the tenth on (an opened bracket), then 30 ms again.
    const cost = (i: number) => (i >= 10 && i < 12 ? 200 : 30);
    const { runs, last } = typing(800, 7, cost);
    for (let i = 1; i < runs.length; i++) {
      // The wait before a lint never exceeds what the costs seen so far allow.
      const waited = runs[i].at - runs[i - 1].end;
      assert.ok(waited <= LINT_DONE_BY_MS - 30 + 7, `lint ${i} waited ${waited} ms`);
    }
    // The lint after the expensive ones starts sooner, expecting 200 ms; from there the bound holds again.
    assert.ok(runs[12].at - runs[11].end <= maxWait(200) + 7, `${runs[12].at - runs[11].end} ms`);
    assert.ok(longestGap(runs.slice(12), runs[11].end, last) <= MAX_GAP_MS);
  });

  it('still coalesces a short burst on an expensive document into one lint', () => {
    const { runs } = typing(10, 10, () => 150);
    // The open's lint runs from 0 to 150 ms, so the ten keys (10..100 ms) are handled when it ends; then
    // one lint for all ten, as long after them as the last lint took.
    assert.deepEqual(
      runs.map((r) => r.covers),
      [0, 10],
    );
    assert.equal(runs[1].at, 150 + Math.min(MAX_DELAY_MS, maxWait(150)));
  });

  it('waits as long as the last lint took, capped', () => {
    const clock = new FakeClock();
    const at: number[] = [];
    const costs = [80, 500, 0];
    const s = new DebounceScheduler(clock, () => (at.push(clock.now()), costs[at.length - 1]));
    s.request('a', true);
    clock.advanceTo(1000);
    s.request('a');
    clock.advanceTo(2000);
    s.request('a');
    clock.advanceTo(3000);
    assert.deepEqual(at, [0, 1080, 2000 + MAX_DELAY_MS]);
  });

  it('lets the messages already received go first, then lints', () => {
    const clock = new FakeClock();
    const ran: number[] = [];
    let queued = 0;
    // Each check finds the queue as the connection left it; handling one message takes 3 ms.
    const busy = () => {
      if (queued === 0) return false;
      queued--;
      clock.t += 3;
      return true;
    };
    const s = new DebounceScheduler(clock, () => (ran.push(clock.now()), 10), busy);
    s.request('a', true);
    clock.advanceTo(100);
    s.request('a');
    queued = 4; // a completion and three keystrokes arrive just before the lint is due
    clock.advanceTo(1000);
    assert.equal(queued, 0);
    // Due at 100 + 10 (the last lint's cost); four messages of 3 ms, each followed by a 1 ms timer turn.
    assert.deepEqual(ran, [0, 110 + 4 * (3 + 1)]);
  });

  it(`lets waiting messages go first for at most ${MAX_DEFER_MS} ms`, () => {
    const clock = new FakeClock();
    const ran: number[] = [];
    const s = new DebounceScheduler(
      clock,
      () => (ran.push(clock.now()), 10),
      () => true,
    );
    s.request('a', true);
    clock.advanceTo(1000);
    assert.deepEqual(ran, [MAX_DEFER_MS]);
    // And the bound still holds while the inbox never empties.
    const { runs, last } = typing(
      600,
      7,
      () => 20,
      () => true,
    );
    assert.ok(longestGap(runs, 7, last) <= MAX_GAP_MS, `${longestGap(runs, 7, last)} ms`);
  });

  it('never runs a cancelled document, also while it waits for messages, and keeps documents apart', () => {
    const clock = new FakeClock();
    const ran: string[] = [];
    let busy = false;
    const s = new DebounceScheduler(
      clock,
      (k) => (ran.push(k), 50),
      () => busy,
    );
    s.request('a', true);
    s.request('b', true);
    clock.advanceTo(1);
    s.request('a');
    s.request('b');
    s.cancel('a');
    clock.advanceTo(1000);
    assert.deepEqual(ran, ['a', 'b', 'b']);
    assert.equal(s.isPending('a'), false);
    busy = true;
    s.request('a', true);
    clock.advanceTo(1010); // due, deferred
    assert.equal(s.isPending('a'), true);
    s.cancel('a');
    busy = false;
    clock.advanceTo(5000);
    assert.deepEqual(ran, ['a', 'b', 'b']);
  });
});

/** A connection that records what the scheduler publishes. */
function recordingConnection() {
  const sent: PublishDiagnosticsParams[] = [];
  const errors: string[] = [];
  const connection = {
    sendDiagnostics: (p: PublishDiagnosticsParams) => (sent.push(p), Promise.resolve()),
    console: { error: (m: string) => void errors.push(m) },
  };
  // Only the two members the scheduler uses exist; a wider use would fail the test, not pass silently.
  return { sent, errors, connection: connection as unknown as Connection };
}

describe('diagnostics publishing', () => {
  const uri = 'file:///t.rsc';
  const edit = (doc: TextDocument, text: string) =>
    TextDocument.update(
      doc,
      [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text }],
      doc.version + 1,
    );
  const expected = (text: string) =>
    lintText(text).diagnostics.map((d) => toLspDiagnostic(LineIndex.of(text), uri, d));

  it("publishes the version it linted, with exactly that version's diagnostics", () => {
    const clock = new FakeClock();
    const { sent, connection } = recordingConnection();
    const d = new DiagnosticsScheduler(connection, new AnalysisCache(), clock);
    const doc = TextDocument.create(
      uri,
      'routeros',
      1,
      '/ip firewall filter\nadd chain=forward action=drop\n',
    );
    d.schedule(doc, true);
    clock.advanceTo(1);
    assert.deepEqual(
      sent.map((p) => p.version),
      [1],
    );
    // Keystrokes after the lint was scheduled and before it ran: the lint covers the newest text.
    edit(doc, ':put $undefinedVar\n');
    d.schedule(doc);
    edit(doc, 'add chain=bogus\n');
    edit(doc, '"');
    d.schedule(doc);
    clock.advanceTo(2000);
    assert.deepEqual(
      sent.map((p) => p.version),
      [1, 4],
    );
    assert.deepEqual(sent[1].diagnostics, expected(doc.getText()));
    assert.ok(sent[1].diagnostics.length > 0);
  });

  it('publishes nothing for a document closed before its lint ran, or while it waited for messages', () => {
    const clock = new FakeClock();
    const { sent, connection } = recordingConnection();
    let busy = false;
    const d = new DiagnosticsScheduler(connection, new AnalysisCache(), clock, () => busy);
    const doc = TextDocument.create(uri, 'routeros', 1, ':put 1\n');
    d.schedule(doc, true);
    clock.advanceTo(1);
    edit(doc, ':put 2\n');
    d.schedule(doc);
    d.cancel(uri);
    clock.advanceTo(1000);
    busy = true;
    edit(doc, ':put 3\n');
    d.schedule(doc, true);
    clock.advanceTo(1010);
    d.cancel(uri);
    busy = false;
    clock.advanceTo(5000);
    assert.deepEqual(
      sent.map((p) => p.version),
      [1],
    );
  });
});
