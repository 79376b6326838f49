// Which arguments `add` cannot do without, per menu, as RouterOS itself answered a bare `add` on routers
// of the probed versions (generated/required-args-data.ts, from scripts/gen-required-args.ts). A target
// version is answered by the nearest probed version; menus the probes did not cover are unknown.

import { REQUIRED_ARGS, REQUIRED_PROBES, type RequiredEntry } from './generated/required-args-data';
import type { Target } from './types';

export type { RequiredEntry, RequiredKind } from './generated/required-args-data';

/** What a bare `add` needs in one menu, in the probed version that answers for a target. */
export interface RequiredArgs {
  /**
   * `exact`: RouterOS said "missing value(s) of argument(s) …", so `args` is exactly what it requires.
   * `custom`: RouterOS answered in its own words; `args` are only the names that text mentions.
   * `none`: a bare `add` succeeded.
   */
  readonly kind: RequiredEntry['kind'];
  /** Required names in RouterOS's order (`exact`), candidates (`custom`), nothing (`none`). */
  readonly args: readonly string[];
  /** RouterOS's answer to a bare `add`, without the probe's location suffix ('' for `none`). */
  readonly message: string;
  /** The probed RouterOS build that answered, e.g. '7.22.1'. */
  readonly probe: string;
  /** The minor versions this probe answers for, e.g. '7.21–7.22'. */
  readonly range: string;
}

/** `7.23rc1` -> 23; `7.9.2` -> 9; NaN for anything that is not a 7.x label. */
export function minorOf(label: string): number {
  const m = /^7\.(\d+)/.exec(label);
  return m ? Number(m[1]) : NaN;
}

/**
 * Index of the probe that answers for a minor version: the nearest by minor number, the newer one on a
 * tie (a change seen in the newer probe may have arrived in either minor in between). -1 without probes.
 */
export function nearestProbe(minor: number, probes: readonly string[]): number {
  let best = -1;
  let bestDistance = Infinity;
  probes.forEach((p, i) => {
    const d = Math.abs(minorOf(p) - minor);
    if (d < bestDistance || (d === bestDistance && best >= 0 && minorOf(p) > minorOf(probes[best]))) {
      best = i;
      bestDistance = d;
    }
  });
  return best;
}

/** For each probe, the first and last of `minors` (labels such as '7.21') that it answers for. */
export function probeRanges(
  minors: readonly string[],
  probes: readonly string[],
): { probe: string; from: string; to: string }[] {
  const out: { probe: string; from: string; to: string }[] = [];
  for (const m of minors) {
    const p = probes[nearestProbe(minorOf(m), probes)];
    if (p === undefined) continue;
    const last = out[out.length - 1];
    if (last && last.probe === p) last.to = m;
    else out.push({ probe: p, from: m, to: m });
  }
  return out;
}

const rangeLabel = (r: { from: string; to: string }): string =>
  r.from === r.to ? r.from : `${r.from}–${r.to}`;

let rangesMemo: { key: readonly string[]; labels: Map<string, string> } | undefined;

function rangeOf(probe: string, minors: readonly string[]): string {
  if (!rangesMemo || rangesMemo.key !== minors) {
    const labels = new Map<string, string>();
    for (const r of probeRanges(minors, REQUIRED_PROBES)) labels.set(r.probe, rangeLabel(r));
    rangesMemo = { key: minors, labels };
  }
  return rangesMemo.labels.get(probe) ?? probe;
}

/** `/ip/firewall/filter` for ['ip', 'firewall', 'filter'], the key of the generated data. */
export function requiredKey(menuPath: readonly string[]): string {
  return `/${menuPath.join('/')}`;
}

/**
 * What `add` needs in the menu at `menuPath` (full names from the root) for a target, or undefined when
 * the probes did not cover that menu in the answering version, or the target is RouterOS 6. `minors` are
 * the command tree's minor versions (`VERSIONS`), which `target.index` points into.
 */
export function requiredArgsIn(
  menuPath: readonly string[],
  target: Target,
  minors: readonly string[],
): RequiredArgs | undefined {
  if (target.v6) return undefined;
  const variants = REQUIRED_ARGS[requiredKey(menuPath)];
  if (!variants) return undefined;
  const minor = minorOf(minors[target.index] ?? '');
  const pi = nearestProbe(minor, REQUIRED_PROBES);
  if (pi < 0) return undefined;
  const v = variants.find((e) => ((e.probes >>> pi) & 1) === 1);
  if (!v) return undefined;
  const probe = REQUIRED_PROBES[pi];
  return { kind: v.kind, args: v.args, message: v.message, probe, range: rangeOf(probe, minors) };
}
