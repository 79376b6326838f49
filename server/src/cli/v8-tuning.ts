// V8 settings for the process that runs the server or the CLI, applied once at process start (main.ts)
// and by the benchmark (bench/run.ts), so the figures in the README are those of the code that ships.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * The flags, and why. Each is a documented V8 flag that Node passes through `v8.setFlagsFromString`; one
 * that a future V8 no longer knows is reported on stderr and ignored (the process goes on), which for
 * `rsc lsp --stdio` is harmless (stdout carries the protocol).
 *
 * `--no-allocation-site-pretenuring`: V8 watches each object-literal allocation site, and when most of
 * its objects survive a minor collection it allocates that site's objects straight into the old
 * generation. A syntax tree is the worst case for that guess: every node lives exactly until the next edit
 * (or the end of `rsc lint`), so the first few parses of a session mark every node site as long-lived,
 * and from then on each re-parse fills the old generation with trees that are garbage one keystroke later,
 * which keeps incremental marking running and slows every allocation. Measured on the 56 KB benchmark
 * script (warm median of parse + lint, `npm run bench`): about half the time without it while the scope
 * model sat in a WeakMap (see memoOn in syntax/index.ts); since then 3.7-4.0 ms with it, 4.1-4.3 ms
 * without (two runs each), so it still pays, by less.
 */
export const V8_FLAGS: readonly string[] = ['--no-allocation-site-pretenuring'];

let applied = false;

/** Applies V8_FLAGS to this process (once; later calls do nothing). */
export function tuneV8(): void {
  if (applied) return;
  applied = true;
  for (const flag of V8_FLAGS) setFlagsFromString(flag);
}

let collect: (() => void) | null | undefined;

/**
 * A function that runs a full garbage collection, or undefined where this V8 does not offer one. `rsc lint`
 * calls it on a big file between the lint's models (see LintRun in lint/index.ts): V8 collects the old
 * generation only when it has grown well past what was alive at the last collection, so a model the lint
 * has dropped still took its room while the next one was built (on a 50 MB script, about 200 MB of the
 * peak). `--expose-gc` set now applies to contexts made afterwards, so the function comes from a new one.
 */
export function fullCollection(): (() => void) | undefined {
  if (collect === undefined) {
    collect = null;
    try {
      setFlagsFromString('--expose-gc');
      const gc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
      if (typeof gc === 'function') collect = () => (gc as () => void)();
    } catch {
      // No such flag in this V8, or no way to reach the function: lint without it.
    }
  }
  return collect ?? undefined;
}
