// Child process of the benchmark: heap retained by parse + lint of one file, measured after full GCs
// with the result kept alive, and the growth of peak RSS. Prints JSON on its last line. Run with
// --trace-gc, the collections between the second and the third forced one (gc() below, V8's reason
// "testing") give the peak heap: V8 prints the heap in use before every collection, which is when it is
// largest (run.ts reads them; the markers are for people reading the output).
import { readFileSync } from 'node:fs';
import { lintText } from '../server/src/lint';
import { tuneV8 } from '../server/src/cli/v8-tuning';

tuneV8(); // as the server and the CLI run (main.ts)

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const text = readFileSync(process.argv[2], 'utf8');
gc();
gc();
const before = process.memoryUsage().heapUsed;
// The token and argument stores are typed arrays, outside the V8 heap: counted separately.
const buffersBefore = process.memoryUsage().arrayBuffers;
const rssBefore = process.resourceUsage().maxRSS * 1024;
process.stdout.write('--- lint start\n');
const result = lintText(text);
process.stdout.write('--- lint end\n');
gc();
gc();
const retained = process.memoryUsage().heapUsed - before;
const retainedBuffers = process.memoryUsage().arrayBuffers - buffersBefore;
const peakRss = process.resourceUsage().maxRSS * 1024 - rssBefore;
process.stdout.write(
  JSON.stringify({ before, retained, retainedBuffers, peakRss, diagnostics: result.diagnostics.length }),
);
