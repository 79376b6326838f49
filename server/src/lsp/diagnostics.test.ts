// The debounce's timing, on a fake clock: no sleeps, no measured time. Keystrokes and lint costs are
// scripted; the test reads when the lints ran.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DebounceScheduler, MAX_DELAY_MS, MAX_WAIT_MS, type Clock } from './diagnostics';

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

/** Types `keys` keystrokes `gap` ms apart on one document whose lint costs `cost` ms; returns the lints. */
function typing(keys: number, gap: number, cost: number) {
  const clock = new FakeClock();
  const runs: { at: number; covers: number }[] = [];
  let typed = 0;
  const s = new DebounceScheduler(clock, () => {
    runs.push({ at: clock.now(), covers: typed });
    clock.t += cost; // the lint runs on the event loop: time passes, no keystroke is handled meanwhile
    return cost;
  });
  s.request('doc', true); // didOpen
  for (let k = 1; k <= keys; k++) {
    clock.advanceTo(k * gap);
    typed = k;
    s.request('doc');
  }
  clock.advanceTo(keys * gap + 10_000);
  return { runs, typed, pending: s.isPending('doc') };
}

describe('diagnostics debounce', () => {
  it('lints at once on open and after a keystroke on a cheap document', () => {
    const { runs } = typing(1, 1000, 0);
    assert.deepEqual(
      runs.map((r) => r.at),
      [0, 1000],
    );
  });

  for (const [gap, cost] of [
    [5, 40],
    [10, 40],
    [7, 150],
    [5, 100],
  ]) {
    it(`keeps publishing while the user types without a pause (a key every ${gap} ms, lint ${cost} ms)`, () => {
      const { runs, typed, pending } = typing(600, gap, cost);
      // The longest time any keystroke waited before a lint started, and the longest gap between lints.
      for (let i = 1; i < runs.length; i++) {
        const between = runs[i].at - runs[i - 1].at;
        assert.ok(between <= MAX_WAIT_MS + cost + gap, `lints ${runs[i - 1].at} -> ${runs[i].at}`);
      }
      assert.ok(MAX_WAIT_MS + 100 <= 300, 'a 100 ms lint still publishes within 300 ms of a keystroke');
      assert.ok(runs.length >= Math.floor((600 * gap) / (MAX_WAIT_MS + cost + gap)), `${runs.length} lints`);
      // The last lint covers the last keystroke, and nothing is left waiting.
      assert.equal(runs.at(-1)?.covers, typed);
      assert.equal(pending, false);
    });
  }

  it('still coalesces a short burst on an expensive document into one lint', () => {
    const { runs } = typing(10, 10, 150);
    // The open's lint runs from 0 to 150 ms, so the ten keys (10..100 ms) are handled when it ends; then
    // one lint for all ten, as long after them as the last lint took.
    assert.deepEqual(
      runs.map((r) => r.covers),
      [0, 10],
    );
    assert.equal(runs[1].at, 150 + Math.min(MAX_DELAY_MS, MAX_WAIT_MS));
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

  it('never runs a cancelled document, and keeps documents apart', () => {
    const clock = new FakeClock();
    const ran: string[] = [];
    const s = new DebounceScheduler(clock, (k) => (ran.push(k), 50));
    s.request('a', true);
    s.request('b', true);
    clock.advanceTo(1);
    s.request('a');
    s.request('b');
    s.cancel('a');
    clock.advanceTo(1000);
    assert.deepEqual(ran, ['a', 'b', 'b']);
    assert.equal(s.isPending('a'), false);
  });
});
