// `npx tsx bench/per-rule.ts [script|fw|addr] [runs]`: the parse and each lint rule timed on its own (warm
// medians), to find which rule pays for a shared model. For profiling, bundle it first (tsx's loader
// confuses CPU profiles): `npx esbuild bench/per-rule.ts --bundle --platform=node --outfile=/tmp/r.js`.
import { releaseFirewallModel } from '../server/src/analysis/firewall';
import { runRules } from '../server/src/lint';
import { schemaOracle } from '../server/src/lint/oracle';
import { rules } from '../server/src/lint/registry';
import { releaseSchemaView } from '../server/src/lint/support/schema-resolve';
import { parse } from '../server/src/syntax';
import { addressListFile, firewallExport, scriptingHeavy } from './inputs';
import { median } from './util';
import { tuneV8 } from '../server/src/cli/v8-tuning';

tuneV8(); // as the server and the CLI run (main.ts)

const which = process.argv[2] ?? 'fw';
const text =
  which === 'addr' ? addressListFile(100_000) : which === 'fw' ? firewallExport(5000) : scriptingHeavy();
const runs = Number(process.argv[3] ?? (which === 'script' ? 200 : which === 'fw' ? 30 : 7));
const times = new Map<string, number[]>();
const record = (k: string, t: number): void => {
  let xs = times.get(k);
  if (!xs) times.set(k, (xs = []));
  xs.push(t);
};
for (let i = 0; i < runs; i++) {
  let t0 = performance.now();
  const p = parse(text, { commandOracle: schemaOracle });
  record('parse', performance.now() - t0);
  for (const r of rules) {
    t0 = performance.now();
    runRules(p, text, [r]);
    record(`${r.meta.code} ${r.meta.name}`, performance.now() - t0);
  }
  releaseSchemaView(p);
  releaseFirewallModel(p);
}
let total = 0;
const rows = [...times].map(([k, xs]) => [k, median(xs)] as const).sort((a, b) => b[1] - a[1]);
for (const [k, m] of rows) {
  total += m;
  if (m >= 0.05) console.log(`${m.toFixed(2).padStart(9)} ms  ${k}`);
}
console.log(`${total.toFixed(2).padStart(9)} ms  sum of medians (${which}, ${runs} runs)`);
