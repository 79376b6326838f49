// Option scanning shared by the subcommands: `--name value` and `--name=value`, with a clear usage error
// when a value is missing. Each subcommand keeps its own switch over the option names.

/** A mistake in how the command was called: the subcommand prints it and exits with code 2. */
export class UsageError extends Error {}

export interface ScannedOption {
  /** The option as written, without an inline `=value` (`--chain`), or a positional word. */
  name: string;
  /** The whole argument as written (for "unknown argument" messages). */
  raw: string;
  /** The option's value: the inline `=value`, else the next argument (consumed). */
  value(): string;
}

/** Yields the arguments one by one; calling `value()` consumes the option's value. */
export function* scanArgs(args: readonly string[]): Generator<ScannedOption> {
  for (let i = 0; i < args.length; i++) {
    const raw = args[i];
    const eq = raw.indexOf('=');
    const inline = raw.startsWith('--') && eq > 0 ? raw.slice(eq + 1) : undefined;
    const name = inline !== undefined ? raw.slice(0, eq) : raw;
    yield {
      name,
      raw,
      value: () => {
        if (inline !== undefined) return inline;
        if (i + 1 >= args.length) throw new UsageError(`${name} needs a value`);
        return args[++i];
      },
    };
  }
}
