// What a CLI subcommand may touch: its arguments and these streams/files. Subcommands return their exit
// code instead of calling process.exit, so tests can run them in-process.
import { readFileSync } from 'node:fs';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Buffer;
  env: Readonly<Record<string, string | undefined>>;
  /** True when stdin is an interactive terminal (prompts are allowed). */
  isTTY: boolean;
}

export type Subcommand = (args: string[], io: CliIO) => Promise<number>;

export const processIO: CliIO = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  readFile: (p) => readFileSync(p),
  env: process.env,
  isTTY: Boolean(process.stdin.isTTY),
};

/** Exit codes shared by every subcommand. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;
