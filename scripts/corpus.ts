// Measures agreement with RouterOS: lints every script of the parse corpus (../shared/data/parse-corpus)
// and compares with RouterOS 7.22.1's own :parse verdicts, once with every package allowed (the default
// `--packages all`) and once as the corpus router is, `routeros` alone (`--packages base`). Run:
// `npx tsx scripts/corpus.ts [--verbose] [--json] [--packages all|base|NAME,...]` (one mode when given).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { lintText } from '../server/src/lint';

interface Verdict {
  accepted: boolean;
  error?: string;
  line?: number;
  column?: number;
}

interface FileResult {
  file: string;
  accepted: boolean;
  agreed: boolean;
  routeros?: string;
  ours?: string;
}

const repoRoot = resolve(__dirname, '..');
const corpusDir = resolve(repoRoot, '..', 'shared', 'data', 'parse-corpus');

function listScripts(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listScripts(p));
    else if (name.endsWith('.rsc')) out.push(p);
  }
  return out;
}

/** 1-based line of an offset; `\r\n`, `\n` and a lone `\r` each end a line. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    else if (c === '\r' && text[i + 1] !== '\n') line++;
  }
  return line;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const verbose = argv.includes('--verbose');
  const json = argv.includes('--json');
  const noOracle = argv.includes('--no-oracle');
  const verdictsPath = join(corpusDir, 'verdicts.json');
  if (!existsSync(verdictsPath)) {
    console.log(`corpus not found at ${corpusDir}, skipping`);
    return 0;
  }
  const verdicts = (JSON.parse(readFileSync(verdictsPath, 'utf8')) as { verdicts: Record<string, Verdict> })
    .verdicts;
  const p = argv.findIndex((a) => a === '--packages' || a.startsWith('--packages='));
  const given = p < 0 ? undefined : argv[p].includes('=') ? argv[p].split('=')[1] : argv[p + 1];
  const modes = given ? [given] : ['all', 'base'];
  const out: object[] = [];
  for (const packages of modes) {
    const r = measure(verdicts, packages, noOracle, verbose, json);
    if (json) out.push(r);
  }
  if (json) console.log(JSON.stringify(out.length === 1 ? out[0] : out, null, 2));
  return 0;
}

function measure(
  verdicts: Record<string, Verdict>,
  packages: string,
  noOracle: boolean,
  verbose: boolean,
  json: boolean,
): object {
  const results: FileResult[] = [];
  for (const path of listScripts(join(corpusDir, 'scripts')).sort()) {
    const key = relative(join(corpusDir, 'scripts'), path).split('\\').join('/');
    const verdict = verdicts[key];
    if (!verdict) continue;
    const text = readFileSync(path, 'latin1');
    const errors = lintText(text, { commandNames: !noOracle, packages }).diagnostics.filter(
      (d) => d.severity === 'error',
    );
    const first = errors[0];
    const ours = first ? `line ${lineOf(text, first.start)}: ${first.code} ${first.message}` : undefined;
    let agreed: boolean;
    if (verdict.accepted) agreed = errors.length === 0;
    else agreed = errors.some((e) => lineOf(text, e.start) === verdict.line);
    results.push({
      file: key,
      accepted: verdict.accepted,
      agreed,
      routeros: verdict.accepted
        ? 'accepted'
        : `line ${verdict.line} col ${verdict.column}: ${verdict.error}`,
      ours: ours ?? 'no error',
    });
  }
  const total = results.length;
  const agreed = results.filter((r) => r.agreed).length;
  const acc = results.filter((r) => r.accepted);
  const rej = results.filter((r) => !r.accepted);
  const summary = {
    total,
    agreed,
    percent: total ? Math.round((1000 * agreed) / total) / 10 : 0,
    accepted: { total: acc.length, agreed: acc.filter((r) => r.agreed).length },
    rejected: { total: rej.length, agreed: rej.filter((r) => r.agreed).length },
    oracle: !noOracle,
    packages,
  };
  if (json) return { ...summary, disagreements: results.filter((r) => !r.agreed) };
  console.log(
    `corpus: ${corpusDir}${summary.oracle ? ' (with command oracle)' : ' (no command oracle)'}, --packages ${packages}`,
  );
  console.log(`agreed ${agreed}/${total} = ${summary.percent}%`);
  console.log(
    `  accepted by RouterOS: ${summary.accepted.agreed}/${summary.accepted.total} without error from us`,
  );
  console.log(
    `  rejected by RouterOS: ${summary.rejected.agreed}/${summary.rejected.total} with an error on RouterOS's line`,
  );
  if (verbose) {
    for (const r of results.filter((x) => !x.agreed)) {
      console.log(`\n${r.file}\n  RouterOS: ${r.routeros}\n  ours:     ${r.ours}`);
    }
    console.log('');
  }
  return summary;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
