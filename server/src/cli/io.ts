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

/** Set once the reader of our standard output has gone (`rsc lint x.rsc | head -1`). */
let stdoutClosed = false;

/**
 * A closed standard output ends our output quietly: what was left to print goes nowhere and the command
 * finishes with its usual exit code, instead of dying with an unhandled EPIPE. Called by main().
 */
export function quietOnClosedStdout(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') {
      stdoutClosed = true;
      return;
    }
    throw err;
  });
}

export const processIO: CliIO = {
  stdout: (t) => void (stdoutClosed || process.stdout.write(t)),
  stderr: (t) => void process.stderr.write(t),
  readFile: (p) => readFileSync(p),
  env: process.env,
  isTTY: Boolean(process.stdin.isTTY),
};

/** Exit codes shared by every subcommand. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;
