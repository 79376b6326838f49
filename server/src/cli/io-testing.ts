// For the subcommand tests: run one subcommand in-process with its output captured, reading files from a
// table in memory or, without one, from disk; the environment and whether a terminal is attached are the
// caller's (none by default).
import { readFileSync } from 'node:fs';
import type { CliIO, Subcommand } from './io';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runSubcommand(
  command: Subcommand,
  args: string[],
  files?: Record<string, Uint8Array | string>,
  io: Partial<Pick<CliIO, 'env' | 'isTTY'>> = {},
): Promise<CliRun> {
  let out = '';
  let err = '';
  const cli: CliIO = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readFile: (p) => {
      if (files === undefined) return readFileSync(p);
      const f = files[p];
      if (f === undefined) throw new Error(`ENOENT: no such file, open '${p}'`);
      return Buffer.from(f);
    },
    env: io.env ?? {},
    isTTY: io.isTTY ?? false,
  };
  return { code: await command(args, cli), out, err };
}
