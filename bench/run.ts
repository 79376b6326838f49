// `npm run bench`: the performance figures in docs/performance.md (the rows with a target also in the
// README). Inputs are generated deterministically (bench/inputs.ts); every figure is a median; the table
// names the machine. No test asserts on time: this prints, and marks which targets are met.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parse } from '../server/src/syntax';
import { lintText } from '../server/src/lint';
import { schemaOracle } from '../server/src/lint/oracle';
import { AnalysisCache } from '../server/src/lsp/documents';
import { toLspDiagnostic } from '../server/src/lsp/convert';
import { prng as rng } from '../test/prng';
import { addressListFile, firewallExport, l7Cases, realShapedScript, scriptingHeavy } from './inputs';
import { fromWinbox } from '../server/src/l7/pattern';
import { runConnection } from '../server/src/l7/connection';
import { alternatingMedians, firstRun, machine, mb, median, ms, table, timeMedian, type Row } from './util';
import { interactiveRows } from './interactive';
import { EDIT_KINDS, typingDocument, typingMedians } from './typing';
import { burst } from './burst';
import { tuneV8, V8_FLAGS } from '../server/src/cli/v8-tuning';

// scripts/bench.mjs runs this file as a bundle from a temporary folder and says where the project is.
const root = process.env.RSC_BENCH_ROOT ?? resolve(__dirname, '..');
const benchDir = join(root, 'bench');
const work = mkdtempSync(join(tmpdir(), 'rsc-bench-'));
const quick = process.argv.includes('--quick');
// The server and the CLI run with cli/v8-tuning.ts's flags (main.ts applies them); so does the benchmark,
// unless told not to (a child run with V8's defaults gives the row that shows what the flags are worth).
const v8Defaults = process.argv.includes('--v8-defaults');
if (!v8Defaults) tuneV8();

function throughputRows(): Row[] {
  const rows: Row[] = [];
  const inputs: [string, string, number][] = [
    ['56 KB real-shaped script', realShapedScript(), quick ? 5 : 101],
    ['56 KB generated scripting-heavy file', scriptingHeavy(), quick ? 5 : 101],
    ['5,000-rule firewall/QoS export', firewallExport(5000), quick ? 3 : 21],
    ['100,000-line address-list file', addressListFile(100_000), quick ? 2 : 9],
  ];
  for (const [name, text, runs] of inputs) {
    const file = join(work, `${name.replace(/\W+/g, '-')}.rsc`);
    writeFileSync(file, text);
    const cold = firstRun(() => lintText(text));
    // The three measurements of one input alternate run by run (see alternatingMedians).
    const t = alternatingMedians(
      {
        floor: () => readFileSync(file, 'utf8').split('\n').length,
        parseOnly: () => parse(text, { commandOracle: schemaOracle }),
        full: () => lintText(text),
      },
      runs,
    );
    const { floor, parseOnly, full } = t;
    const size = Buffer.byteLength(text);
    const mbps = (x: number) => `${(size / 2 ** 20 / (x / 1000)).toFixed(1)} MB/s`;
    rows.push({
      what: `${name} (${mb(size)}): parse`,
      value: `${ms(parseOnly)} (${mbps(parseOnly)}), ${(parseOnly / floor).toFixed(1)}x the floor`,
    });
    const target = name.startsWith('56 KB real') ? 5 : name.startsWith('100,000') ? 300 : undefined;
    rows.push({
      what: `${name}: parse + all lints`,
      value: `${ms(full)} (${mbps(full)}), ${(full / floor).toFixed(1)}x the floor`,
      target: target ? `< ${target} ms${name.startsWith('100,000') ? ', < 10x floor' : ''}` : undefined,
      ok: target ? full < target && (!name.startsWith('100,000') || full / floor < 10) : undefined,
    });
    rows.push({ what: `${name}: first run, before any warm-up`, value: ms(cold) });
    rows.push({ what: `${name}: floor (read file + split lines)`, value: ms(floor) });
  }
  return rows;
}

/**
 * Layer-7 matching (issue 19): every pattern of bench/inputs.ts against every connection, with the l7-filter
 * connection model. An evaluation is one search of the connection's buffer (one per packet that adds data,
 * as the reference calls regexec); bytes are the buffer lengths searched.
 */
function l7Rows(): Row[] {
  const { patterns, connections } = l7Cases();
  const compiled = patterns.map((p) => fromWinbox(p));
  let evaluations = 0;
  let bytes = 0;
  const once = (): void => {
    evaluations = 0;
    bytes = 0;
    for (const p of compiled) {
      for (const c of connections) {
        const run = runConnection(
          p,
          c.map((x) => ({ payload: x.payload, direction: x.orig ? 'orig' : 'reply' })),
        );
        let length = 0;
        for (const v of run.verdicts) {
          length += v.appended;
          if (v.status === 'matched' || v.status === 'no-match') {
            evaluations++;
            bytes += length;
          }
        }
      }
    }
  };
  const t = timeMedian(once, quick ? 3 : 15);
  return [
    {
      what: `layer-7 matching: ${patterns.length} patterns x ${connections.length} seeded connections (${evaluations} evaluations)`,
      value: `${Math.round(evaluations / (t / 1000)).toLocaleString('en')} evaluations/s, ${(bytes / 2 ** 20 / (t / 1000)).toFixed(0)} MB/s searched (${ms(t)})`,
    },
  ];
}

/**
 * Parse cost per MB of scripting as the script grows: it bends between 0.43 and 0.86 MB (the tree stops
 * fitting in V8's young generation, see docs/performance.md), measured here so the bend stays visible.
 */
function scalingRows(): Row[] {
  const sizes = quick ? [0.43, 0.86] : [0.21, 0.43, 0.86, 1.72];
  const texts = sizes.map((m) => scriptingHeavy(Math.round(m * 2 ** 20)));
  const t = alternatingMedians(
    Object.fromEntries(texts.map((x, i) => [String(i), () => parse(x, { commandOracle: schemaOracle })])),
    quick ? 3 : 7,
    1,
    500,
  );
  return [
    {
      what: 'scripting parse cost per MB at ' + sizes.map((m) => `${m} MB`).join(' / '),
      value:
        texts.map((x, i) => `${(t[String(i)] / (Buffer.byteLength(x) / 2 ** 20)).toFixed(0)}`).join(' / ') +
        ' ms/MB',
    },
  ];
}

/** Edit -> diagnostics in the server's own code path (cache, lint, conversion), no transport. */
function keystrokeRows(): Row[] {
  const lines: string[] = [];
  const base = firewallExport(10_000).split('\n');
  for (let i = 0; lines.length < 10_000; i++) lines.push(base[i % base.length]);
  const cache = new AnalysisCache();
  let doc = TextDocument.create('file:///bench.rsc', 'routeros', 1, lines.join('\n'));
  cache.get(doc);
  const r = rng(200);
  const times: number[] = [];
  for (let i = 0; i < (quick ? 40 : 200); i++) {
    const line = 1 + Math.floor(r() * (lines.length - 2));
    const pos = { line, character: 0 };
    const t0 = performance.now();
    doc = TextDocument.update(
      doc,
      [{ range: { start: pos, end: pos }, text: i % 2 ? ' ' : 'x' }],
      doc.version + 1,
    );
    const a = cache.get(doc);
    a.lint.diagnostics.map((d) => toLspDiagnostic(a.lines, doc.uri, d));
    times.push(performance.now() - t0);
  }
  const t = median(times);
  return [
    {
      what: 'edit -> diagnostics, 10,000-line document (200 single-character edits)',
      value: ms(t),
      target: '< 30 ms',
      ok: t < 30,
    },
  ];
}

/** Keystroke -> diagnostics by kind of edit (bench/typing.ts), kinds alternating, on 10,000 and 50,000 lines. */
function typingRows(): Row[] {
  const rows: Row[] = [];
  const ten = typingDocument(10_000);
  const fifty = typingDocument(50_000);
  for (const [label, text, edits, target] of [
    ['10,000-line', ten, quick ? 3 : 9, 30],
    ['50,000-line', fifty, quick ? 1 : 8, 100],
  ] as const) {
    for (const r of typingMedians(text, Object.keys(EDIT_KINDS), edits, 11)) {
      rows.push({
        what: `keystroke -> diagnostics, ${label} document of scripts and an export: ${r.kind} (${JSON.stringify(EDIT_KINDS[r.kind])})`,
        value: ms(r.median),
        target: `< ${target} ms`,
        ok: r.median < target,
      });
    }
  }
  return rows;
}

/** Continuous typing through `rsc lsp --stdio` (bench/burst.ts). */
async function burstRows(cliJs: string): Promise<Row[]> {
  const b = await burst(cliJs, typingDocument(10_000), quick ? 100 : 300, 7);
  return [
    {
      what: `typing burst through \`rsc lsp --stdio\` (${b.keys} keys, one every 7 ms, 10,000 lines): diagnostics published while typing, longest wait`,
      value: `${b.publishedWhileTyping} times, longest ${ms(b.longestGapMs)}; last ${ms(b.settleMs)} after the last key`,
      target: '<= 300 ms',
      ok: b.longestGapMs <= 300,
    },
    {
      what: 'completion during that burst (every tenth key)',
      value: `${ms(b.completionMedianMs)} (slowest ${ms(b.completionMaxMs)})`,
      target: '< 20 ms',
      ok: b.completionMedianMs < 20,
    },
  ];
}

/** `rsc lint` start-up and big-file memory, whole processes. */
function cliProcessRows(): Row[] {
  const rows: Row[] = [];
  const cli = join(root, 'bin', 'rsc.js');
  const one = join(work, 'one-line.rsc');
  writeFileSync(one, '/ip address add address=192.0.2.1/24 interface=ether1\n');
  const wall = (args: string[]) => {
    const t0 = performance.now();
    spawnSync(process.execPath, args, { stdio: 'ignore' });
    return performance.now() - t0;
  };
  const lintT: number[] = [];
  const nodeT: number[] = [];
  for (let i = 0; i < (quick ? 5 : 21); i++) {
    lintT.push(wall([cli, 'lint', one]));
    nodeT.push(wall(['-e', `require('fs').readFileSync(${JSON.stringify(one)},'utf8').split('\\n')`]));
  }
  const l = median(lintT);
  const f = median(nodeT);
  rows.push({
    what: '`rsc lint` whole process on a one-line file (runs alternate with `node -e` reading it)',
    value: `${ms(l)} (${(l / f).toFixed(2)}x \`node -e\`: ${ms(f)})`,
    target: '< 2x',
    ok: l / f < 2,
  });
  // Peak RSS of a whole `rsc lint` on big files: a preload reports the process's maxRSS at exit.
  const preload = join(work, 'maxrss.js');
  writeFileSync(
    preload,
    "process.on('exit', () => require('fs').writeSync(2, '\\nMAXRSS ' + process.resourceUsage().maxRSS * 1024 + '\\n'));",
  );
  const bigInputs: [string, () => string][] = [
    ['50 MB address-list export', () => addressListFile(770_000)],
    ['50 MB real-shaped script', () => realShapedScript(50 * 2 ** 20)],
  ];
  for (const [name, make] of quick ? [] : bigInputs) {
    const file = join(work, `${name.replace(/\W+/g, '-')}.rsc`);
    writeFileSync(file, make());
    const size = statSync(file).size;
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--require', preload, cli, 'lint', file], {
      encoding: 'utf8',
      maxBuffer: 256 * 2 ** 20,
    });
    const t = performance.now() - t0;
    const rss = Number(/MAXRSS (\d+)/.exec(r.stderr)?.[1] ?? NaN);
    rows.push({
      what: `\`rsc lint\` on a ${name} (${mb(size)}): time, peak RSS of the process`,
      value: `${(t / 1000).toFixed(1)} s, ${mb(rss)} (${(rss / size).toFixed(1)}x file size)`,
      target: '<= 10x file size',
      ok: rss / size <= 10,
    });
  }
  return rows;
}

async function bundle(entry: string, out: string): Promise<string> {
  const outfile = join(work, out);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'error',
    external: ['vscode'],
  });
  return outfile;
}

async function processRows(packaged: boolean): Promise<Row[]> {
  const rows: Row[] = [];
  // Memory: retained heap with the tree and diagnostics alive, and the process's peak RSS growth.
  const memJs = await bundle(join(benchDir, 'memory.ts'), 'memory.js');
  const memFile = join(work, 'addresses.rsc');
  writeFileSync(memFile, addressListFile(100_000));
  const size = statSync(memFile).size;
  const out = execFileSync(process.execPath, ['--expose-gc', '--trace-gc', memJs, memFile], {
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  }).split('\n');
  const mem = JSON.parse(out.filter((l) => l.startsWith('{')).pop() ?? '{}') as {
    before: number;
    retained: number;
    retainedBuffers: number;
    peakRss: number;
  };
  // Peak heap: the largest "heap in use before a collection" V8 reported while lintText ran, and at the
  // forced collection right after it (the heap at the end of the run), in MB. The window is found from
  // V8's own lines (memory.ts forces two collections, reason "testing", before the lint and two after),
  // not from markers the script prints: V8 writes its trace through C stdio, buffered when stdout is a
  // pipe, so where it lands among the script's own lines varies from run to run (one run read 0.18 MB).
  const gcLines = out.filter((l) => / ms: (Scavenge|Mark-Compact|Minor Mark-Compact|Mark-Sweep)/.test(l));
  const testing = gcLines.flatMap((l, i) => (l.includes('testing') ? [i] : []));
  if (testing.length < 4)
    throw new Error(`memory child: expected 4 forced collections, saw ${testing.length}`);
  let peakMb = 0;
  for (const line of gcLines.slice(testing[1] + 1, testing[2] + 1)) {
    const m = / (\d+(?:\.\d+)?) \(\d+(?:\.\d+)?\) -> /.exec(line);
    if (m) peakMb = Math.max(peakMb, Number(m[1]));
  }
  // V8's figure leaves out typed arrays (the token and argument stores); those still alive at the end
  // were alive at the peak too, so they are added.
  const peak = Math.max(0, peakMb * 2 ** 20 - mem.before) + mem.retainedBuffers;
  rows.push({
    what: `peak heap during parse + lint of the 100,000-line file (${mb(size)}), above the heap before, plus the array buffers kept`,
    value: `${mb(peak)} (${(peak / size).toFixed(1)}x file size)`,
    target: '< 20x file size',
    ok: peak / size < 20,
  });
  const kept = mem.retained + mem.retainedBuffers;
  rows.push({
    what: 'heap and array buffers retained afterwards (tree, tokens and diagnostics alive)',
    value: `${mb(kept)} (${(kept / size).toFixed(1)}x file size; array buffers ${mb(mem.retainedBuffers)})`,
  });
  rows.push({
    what: 'peak RSS growth during that run',
    value: `${mb(mem.peakRss)} (${(mem.peakRss / size).toFixed(1)}x)`,
  });

  // Schema load: a fresh process that decodes the command tree and builds its lookup structures.
  const schemaJs = await bundle(join(benchDir, 'schema-load.ts'), 'schema-load.js');
  const loads: number[] = [];
  for (let i = 0; i < (quick ? 3 : 9); i++)
    loads.push(Number(execFileSync(process.execPath, [schemaJs], { encoding: 'utf8' })));
  const sl = median(loads);
  rows.push({
    what: 'schema load (fresh process, decode + index)',
    value: ms(sl),
    target: '< 30 ms',
    ok: sl < 30,
  });

  // rsc lint as an outsider would time it: the whole process, versus node reading and splitting the file.
  const cli = join(root, 'bin', 'rsc.js');
  const wall = (args: string[]) => {
    const t0 = performance.now();
    spawnSync(process.execPath, args, { stdio: 'ignore' });
    return performance.now() - t0;
  };
  const runs = quick ? 2 : 5;
  const lintWall = median(Array.from({ length: runs }, () => wall([cli, 'lint', memFile])));
  const floorWall = median(
    Array.from({ length: runs }, () =>
      wall(['-e', `require('fs').readFileSync(${JSON.stringify(memFile)},'utf8').split('\\n')`]),
    ),
  );
  rows.push({
    what: '`rsc lint` whole process on the 100,000-line file',
    value: `${ms(lintWall)} (${(lintWall / floorWall).toFixed(1)}x \`node -e\` read + split: ${ms(floorWall)})`,
  });

  // Activation: loading the extension's client bundle (with a stub `vscode`) and the server answering
  // `initialize` from a cold start.
  const actJs = await bundle(join(benchDir, 'activation.ts'), 'activation.js');
  const actRuns = Array.from(
    { length: quick ? 3 : 9 },
    () =>
      JSON.parse(
        execFileSync(process.execPath, [actJs, join(root, 'dist', 'client.js')], { encoding: 'utf8' }),
      ) as { activation: number; chunk: number },
  );
  const act = median(actRuns.map((r) => r.activation));
  rows.push({
    what: 'extension activation (load client bundle + synchronous activate, stub vscode)',
    value: ms(act),
    target: '< 50 ms',
    ok: act < 50,
  });
  rows.push({
    what: 'language client chunk, loaded right after activation (dist/lazy/language-client.js)',
    value: ms(median(actRuns.map((r) => r.chunk))),
  });
  const init: number[] = [];
  for (let i = 0; i < (quick ? 2 : 5); i++) init.push(await serverInitialize(join(root, 'dist', 'cli.js')));
  rows.push({ what: 'language server cold start to `initialize` result', value: ms(median(init)) });

  const vsix = join(root, 'dist', 'routeros-rsc.vsix');
  if (packaged) {
    const vs = statSync(vsix).size;
    rows.push({ what: '.vsix size', value: mb(vs), target: '< 2 MB', ok: vs < 2 * 2 ** 20 });
  } else
    rows.push({ what: '.vsix size', value: 'not packaged (see error above)', target: '< 2 MB', ok: false });
  return rows;
}

function serverInitialize(cliJs: string): Promise<number> {
  return new Promise((resolveP, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [cliJs, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const body = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { processId: null, rootUri: null, capabilities: {} },
    });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      if (buf.includes('"capabilities"')) {
        const t = performance.now() - t0;
        child.kill();
        resolveP(t);
      }
    });
    child.on('error', reject);
    setTimeout(() => {
      child.kill();
      reject(new Error('server did not answer initialize within 10 s'));
    }, 10_000).unref();
  });
}

/** The 56 KB parse + lint median in a child process with V8's default flags (see v8-tuning.ts). */
function scriptLintWithV8Defaults(): Row {
  const out = execFileSync(process.execPath, [process.argv[1], '--v8-defaults', '--script-lint-only'], {
    encoding: 'utf8',
    env: process.env,
  });
  return {
    what: `56 KB real-shaped script: parse + all lints with V8's default flags (without ${V8_FLAGS.join(' ')})`,
    value: ms(Number(out)),
  };
}

async function main(): Promise<void> {
  if (process.argv.includes('--script-lint-only')) {
    const text = realShapedScript();
    process.stdout.write(String(timeMedian(() => lintText(text), quick ? 5 : 101)));
    return;
  }
  // The figures need the production bundles and the .vsix.
  const pkg = spawnSync('npm', ['run', '--silent', 'package'], { cwd: root, encoding: 'utf8' });
  if (pkg.status !== 0) {
    console.error(`npm run package failed; the .vsix row will be missing:\n${pkg.stdout}${pkg.stderr}`);
    execFileSync('node', ['esbuild.mjs', '--production'], { cwd: root, stdio: 'inherit' });
  }
  const rows: Row[] = [];
  // One line per group of rows, so that another group is one more line.
  rows.push(...throughputRows());
  rows.push(...l7Rows());
  rows.push(...scalingRows());
  rows.push(scriptLintWithV8Defaults());
  rows.push(...keystrokeRows());
  rows.push(...typingRows());
  rows.push(...interactiveRows(quick));
  rows.push(...(await burstRows(join(root, 'dist', 'cli.js'))));
  rows.push(...(await processRows(pkg.status === 0)));
  rows.push(...cliProcessRows());
  console.log(`Machine: ${machine()}\nCommand: npm run bench${quick ? ' -- --quick' : ''}`);
  console.log('Code: the production bundle (minified, as dist/cli.js ships); medians of JIT-warm runs');
  console.log(`V8 flags: ${v8Defaults ? "V8's defaults" : V8_FLAGS.join(' ')} (as rsc and the server run)\n`);
  console.log(table(rows));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
