// `node <bundle> [script|fw|addr] [parse|lint]`: a bundle-friendly loop over one benchmark input for CPU
// profiles, printing the warm median. Bundle it first (tsx's loader confuses profiles):
//   npx esbuild bench/profile-entry.ts --bundle --platform=node --outfile=/tmp/p.js
//   node --cpu-prof --cpu-prof-dir=/tmp/prof /tmp/p.js fw lint
import { lintText } from '../server/src/lint';
import { schemaOracle } from '../server/src/lint/oracle';
import { parse } from '../server/src/syntax';
import { addressListFile, firewallExport, scriptingHeavy } from './inputs';
import { median } from './util';
import { tuneV8 } from '../server/src/cli/v8-tuning';

tuneV8(); // as the server and the CLI run (main.ts)

const which = process.argv[2] ?? 'addr';
const mode = process.argv[3] ?? 'lint';
const text =
  which === 'addr' ? addressListFile(100_000) : which === 'fw' ? firewallExport(5000) : scriptingHeavy();
const runs = Number(process.argv[4] ?? (which === 'script' ? 200 : which === 'fw' ? 30 : 7));
const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  if (mode === 'parse') parse(text, { commandOracle: schemaOracle });
  else lintText(text);
  times.push(performance.now() - t0);
}
console.log(
  `${which} ${mode}: median ${median(times).toFixed(2)} ms, min ${Math.min(...times).toFixed(2)} ms (${runs} runs)`,
);
