// Generates server/src/schema/generated/required-args-data.ts: for every menu with `add`, what a bare
// `add` answered on a real router of each probed version (../shared/data/required-args/VERSION.json),
// classified as exact ("missing value(s) of argument(s) …"), custom (RouterOS's own words, with the
// names it mentions as candidates) or none (the bare `add` succeeded). Probe errors and menus without
// data stay unknown. Run `npx tsx scripts/gen-required-args.ts [inputDir] [--out file] [--check]`.

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { genArgs } from './gen-args';
import { SCHEMA_VERSIONS } from '../server/src/schema/generated/schema-data';
import { probeRanges, type RequiredEntry, type RequiredKind } from '../server/src/schema/required';

/** One record of the probe data as published. */
export interface ProbeRecord {
  path: string;
  required: string[];
  hasAdd: boolean;
  rawError: string;
}

export interface ProbeInput {
  /** The RouterOS build probed, e.g. '7.22.1' or '7.23rc1'. */
  version: string;
  records: ProbeRecord[];
}

/** One record after classification; `unknown` records (probe errors) are counted, not emitted. */
export interface Classified {
  kind: RequiredKind | 'unknown';
  args: string[];
  message: string;
  /** Set when the names in an exact message differ from the record's `required` list. */
  mismatch?: string;
}

const EXACT = 'missing value(s) of argument(s) ';
/** The probe's location suffix: ` (/ip/firewall/filter/add; line 1)`. */
const LOCATION = /\s*\(\/[^()]*; line \d+\)\s*$/;

/** Sort key parts of a build label: 7.22.1 -> [7, 22, 1, 3, 0]; 7.23rc1 -> [7, 23, 0, 2, 1]. */
function buildKey(label: string): number[] {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?(?:(alpha|beta|rc)(\d+))?$/.exec(label);
  if (!m) return [Infinity];
  const stage = m[4] === 'alpha' ? 0 : m[4] === 'beta' ? 1 : m[4] === 'rc' ? 2 : 3;
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0), stage, Number(m[5] ?? 0)];
}

/** Orders build labels oldest first; a release candidate comes before its release. */
export function compareBuilds(a: string, b: string): number {
  const ka = buildKey(a);
  const kb = buildKey(b);
  for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
    const d = (ka[i] ?? 0) - (kb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Sorts names as plain strings (code-unit order), so output never depends on the locale. */
const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Classifies one record. Records of menus without `add` are `unknown`. */
export function classify(r: ProbeRecord): Classified {
  const message = r.rawError.replace(LOCATION, '').trim();
  if (!r.hasAdd) return { kind: 'unknown', args: [], message };
  // An empty answer with names listed is not something the probe writes; keep it unknown.
  if (message === '') return { kind: r.required.length === 0 ? 'none' : 'unknown', args: [], message };
  const at = message.indexOf(EXACT);
  if (at >= 0) {
    // RouterOS's order, as the message lists them (the record's `required` is sorted).
    const args = message
      .slice(at + EXACT.length)
      .split(/\s+/)
      .filter((a) => a !== '');
    const a = [...args].sort(byName).join(' ');
    const b = [...r.required].sort(byName).join(' ');
    return a === b
      ? { kind: 'exact', args, message }
      : { kind: 'exact', args, message, mismatch: `message names "${a}", required lists "${b}"` };
  }
  // A custom text: the names it mentions are candidates, not a rule. Without any, nothing can be checked.
  if (r.required.length === 0) return { kind: 'unknown', args: [], message };
  return { kind: 'custom', args: [...r.required].sort(byName), message };
}

export interface MergedRequired {
  probes: string[];
  /** Menu path -> variants, each with the set of probe indices it holds for (bit i = probes[i]). */
  menus: Map<string, RequiredEntry[]>;
  stats: { exact: number; custom: number; none: number; unknown: number; mismatches: string[] };
}

/** Classifies every record of every probe and merges equal answers of one menu across probes. */
export function mergeProbes(inputs: readonly ProbeInput[]): MergedRequired {
  const sorted = [...inputs].sort((a, b) => compareBuilds(a.version, b.version));
  if (sorted.length > 31) throw new Error('at most 31 probed versions fit in a probe set');
  const menus = new Map<string, RequiredEntry[]>();
  const stats = { exact: 0, custom: 0, none: 0, unknown: 0, mismatches: [] as string[] };
  sorted.forEach((input, pi) => {
    const seen = new Set<string>();
    for (const r of input.records) {
      if (seen.has(r.path)) {
        stats.mismatches.push(`${input.version} ${r.path}: listed twice, first kept`);
        continue;
      }
      seen.add(r.path);
      const c = classify(r);
      stats[c.kind]++;
      if (c.mismatch) stats.mismatches.push(`${input.version} ${r.path}: ${c.mismatch}`);
      if (c.kind === 'unknown') continue;
      const variants = menus.get(r.path) ?? [];
      const same = variants.find(
        (v) => v.kind === c.kind && v.message === c.message && v.args.join(' ') === c.args.join(' '),
      );
      if (same) (same as { probes: number }).probes |= 1 << pi;
      else variants.push({ probes: 1 << pi, kind: c.kind, args: c.args, message: c.message });
      menus.set(r.path, variants);
    }
  });
  return { probes: sorted.map((s) => s.version), menus, stats };
}

/** The TypeScript module: types, the probes, the ranges they answer for, and the data, sorted by path. */
export function renderModule(merged: MergedRequired, minors: readonly string[]): string {
  const ranges = probeRanges(minors, merged.probes);
  const rangeText = ranges
    .map((r) => `${r.from === r.to ? r.from : `${r.from} ... ${r.to}`} -> ${r.probe}`)
    .join('; ');
  const paths = [...merged.menus.keys()].sort(byName);
  const body = paths
    .map((p) => {
      const variants = (merged.menus.get(p) ?? []).map(
        (v) =>
          `{ probes: ${v.probes}, kind: ${JSON.stringify(v.kind)}, args: ${JSON.stringify(v.args)}, ` +
          `message: ${JSON.stringify(v.message)} }`,
      );
      return `  ${JSON.stringify(p)}: [\n    ${variants.join(',\n    ')},\n  ],`;
    })
    .join('\n');
  return (
    '// Generated by scripts/gen-required-args.ts from ../shared/data/required-args: what a bare `add` ' +
    `answered on RouterOS ${merged.probes.join(', ')} CHRs (captured by the tikoci/lsp-routeros-ts project, ` +
    'MIT). Do not edit: run `npm run gen:required-args`.\n' +
    '// Target versions are answered by the nearest probed version (the newer one on a tie): ' +
    `${rangeText}.\n` +
    "// Menus not listed (extra packages, boards, probe errors) are unknown, not 'nothing required'.\n" +
    "export type RequiredKind = 'exact' | 'custom' | 'none';\n" +
    'export interface RequiredEntry {\n' +
    '  /** Bit i set: REQUIRED_PROBES[i] answered this. */\n' +
    '  readonly probes: number;\n' +
    '  readonly kind: RequiredKind;\n' +
    '  readonly args: readonly string[];\n' +
    '  readonly message: string;\n' +
    '}\n' +
    `export const REQUIRED_PROBES: readonly string[] = ${JSON.stringify(merged.probes)};\n` +
    'export const REQUIRED_ARGS: Readonly<Record<string, readonly RequiredEntry[]>> = {\n' +
    `${body}\n` +
    '};\n'
  );
}

/** Reads every `VERSION.json` of `dir` (not the `.meta.json` files). */
export function readInputs(dir: string): ProbeInput[] {
  return readdirSync(dir)
    .filter((f) => /^\d+\.\d+(\.\d+)?((alpha|beta|rc)\d+)?\.json$/.test(f))
    .map((f) => {
      const records = JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown;
      if (!Array.isArray(records)) throw new Error(`${f}: expected an array of menu records`);
      return { version: f.slice(0, -5), records: records as ProbeRecord[] };
    });
}

function main(argv: readonly string[]): number {
  const repoRoot = resolve(__dirname, '..');
  const args = genArgs(argv, {
    input: resolve(repoRoot, '../shared/data/required-args'),
    out: resolve(repoRoot, 'server/src/schema/generated/required-args-data.ts'),
  });
  if (typeof args === 'string') {
    process.stderr.write(`gen-required-args: ${args}\n`);
    return 2;
  }
  const { input, out, check } = args;
  if (!existsSync(input)) {
    process.stderr.write(`gen-required-args: no input folder ${input}\n`);
    return 2;
  }
  const merged = mergeProbes(readInputs(input));
  const minors = SCHEMA_VERSIONS.map((v) => v.split('.').slice(0, 2).join('.'));
  const text = renderModule(merged, minors);
  for (const m of merged.stats.mismatches) process.stderr.write(`gen-required-args: ${m}\n`);
  const s = merged.stats;
  const summary =
    `${merged.probes.length} probes (${merged.probes.join(' ')}); ${merged.menus.size} menus; records: ` +
    `${s.exact} exact, ${s.custom} custom, ${s.none} none, ${s.unknown} unknown\n`;
  if (check) {
    const current = existsSync(out) ? readFileSync(out, 'utf8') : '';
    if (current !== text) {
      process.stderr.write(`gen-required-args: ${out} is out of date; run npm run gen:required-args\n`);
      return 1;
    }
    process.stdout.write(`gen-required-args: up to date. ${summary}`);
    return 0;
  }
  writeFileSync(out, text);
  process.stdout.write(`gen-required-args: wrote ${out}\n${summary}`);
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
