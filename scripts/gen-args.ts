// The command line both generators take: `[inputDir] [--out FILE] [--check]` (gen-schema.ts,
// gen-required-args.ts), read with the CLI's parser so mistakes are reported the same way.
import { resolve } from 'node:path';
import { parseCommandLine, UsageError } from '../server/src/cli/args';

export interface GenArgs {
  /** The folder of captured router data to read. */
  input: string;
  /** The generated module to write (or compare with `--check`). */
  out: string;
  /** Only compare: exit 1 when `out` is not what the input gives. */
  check: boolean;
}

/** The generator's options over its defaults, or the usage error to print (the generator exits 2). */
export function genArgs(argv: readonly string[], defaults: { input: string; out: string }): GenArgs | string {
  const args: GenArgs = { ...defaults, check: false };
  try {
    const line = parseCommandLine(argv, { out: { type: 'string' }, check: { type: 'boolean' } });
    if (line.help) return 'usage: [inputDir] [--out FILE] [--check]';
    for (const o of line.options) {
      if (o.name === '--out') args.out = resolve(o.value);
      else if (o.name === '--check') args.check = true;
    }
    const [input, second] = line.positionals;
    if (second !== undefined) return `one input folder only (got ${input} and ${second})`;
    if (input !== undefined) args.input = resolve(input);
    return args;
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
}
