// Small measuring helpers: medians of repeated runs and a plain-text table. Figures are medians, never
// single runs, because the machines are shared and noisy.
import { cpus, totalmem } from 'node:os';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Runs `fn` unmeasured until it has run `warmup` times and for at least `warmupMs`, then `runs` times, and
 * returns the median in milliseconds. The language server is a long-running process: what a user feels
 * on every keystroke is the optimised (JIT-warm) code, so that is what the medians measure; the first,
 * cold run is reported separately where it matters (see firstRun).
 */
export function timeMedian(fn: () => unknown, runs: number, warmup = 3, warmupMs = 1000): number {
  const until = performance.now() + warmupMs;
  for (let i = 0; i < warmup || performance.now() < until; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** The time of one call, for the cold (first, unoptimised) run of something. */
export function firstRun(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

export function machine(): string {
  const c = cpus();
  return `${c[0]?.model ?? 'unknown CPU'} x${c.length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

export interface Row {
  what: string;
  value: string;
  target?: string;
  ok?: boolean;
}

export function table(rows: Row[]): string {
  const head = '| measurement | median | target | met |\n|---|---|---|---|\n';
  return (
    head +
    rows
      .map(
        (r) =>
          `| ${r.what} | ${r.value} | ${r.target ?? ''} | ${r.ok === undefined ? '' : r.ok ? 'yes' : '**no**'} |`,
      )
      .join('\n') +
    '\n'
  );
}

export const ms = (x: number) => (x < 10 ? `${x.toFixed(2)} ms` : `${x.toFixed(1)} ms`);
export const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MB`;

/**
 * Like timeMedian for several measurements at once, taken in turn (a, b, c, a, b, c, ...) after a joint
 * warm-up, so that a slow phase of the machine hits every row alike instead of whichever ran then.
 */
export function alternatingMedians(
  fns: Readonly<Record<string, () => unknown>>,
  runs: number,
  warmup = 3,
  warmupMs = 1000,
): Record<string, number> {
  const names = Object.keys(fns);
  const until = performance.now() + warmupMs;
  for (let i = 0; i < warmup || performance.now() < until; i++) for (const k of names) fns[k]();
  const times: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));
  for (let i = 0; i < runs; i++) {
    for (const k of names) {
      const t0 = performance.now();
      fns[k]();
      times[k].push(performance.now() - t0);
    }
  }
  return Object.fromEntries(names.map((k) => [k, median(times[k])]));
}
