// Command-line parsing shared by the subcommands, over Node's `util.parseArgs`: a subcommand declares its
// options (which take a value, their short forms), and this reads `--name value`, `--name=value`, `-h`
// and `--`, and turns what is wrong with the command line (an unknown option, a missing value, a value
// given to a switch) into one UsageError naming the option. The subcommand then reads the options in the
// order given, so it checks their values and combinations in its own words (and an option given twice,
// or `--hex` and `--reply` numbered together, keeps its meaning).
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the command was called: the subcommand prints it and exits with code 2. */
export class UsageError extends Error {}

export interface OptionSpec {
  /** `string` takes a value (`--name VALUE` or `--name=VALUE`); `boolean` is a switch. */
  type: 'string' | 'boolean';
  /** The one-letter short form, without its dash (`y` for `-y`). */
  short?: string;
  /** An option the command knows but does not take (removed, or never offered): giving it is a usage error
   * with this message, which says what to do instead. */
  refused?: string;
}

/** A subcommand's options by long name, without the dashes (`'public-ip'`). */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export interface GivenOption {
  /** The long form with its dashes (`--chain`), also when the short form was written. */
  name: string;
  /** The option's value; `''` for a switch. */
  value: string;
}

export interface CommandLine {
  /** `--help` or `-h` was given: the subcommand prints its help and reads nothing else. */
  help: boolean;
  /** The options in the order given. */
  options: GivenOption[];
  /** The other arguments in order: `-` is one, and so is every argument after `--`. */
  positionals: string[];
}

/** Every subcommand answers `--help` and `-h`. */
const HELP: OptionSpecs = { help: { type: 'boolean', short: 'h' } };

/**
 * Reads `args` against `specs`. Throws UsageError for the first unknown or refused option, option without
 * its value, or switch given a value (`--json=yes`), in command-line order. A value may start with a dash
 * (`--dscp -1` gives `-1` to `--dscp`, whose own check then names it).
 */
export function parseCommandLine(args: readonly string[], specs: OptionSpecs): CommandLine {
  const all: OptionSpecs = { ...HELP, ...specs };
  const config: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, spec] of Object.entries(all)) {
    // A refused option reads a value when one follows, so that value is not taken for a positional.
    config[name] = {
      type: spec.refused !== undefined ? 'string' : spec.type,
      ...(spec.short !== undefined ? { short: spec.short } : {}),
    };
  }
  // Not strict: parseArgs's own errors are worded for programmers, and strict mode refuses values that
  // start with a dash; the checks below make the same decisions in the words of this CLI.
  const { tokens } = parseArgs({
    args: [...args],
    options: config,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const out: CommandLine = { help: false, options: [], positionals: [] };
  if (tokens.some((t) => t.kind === 'option' && t.name === 'help')) return { ...out, help: true };
  for (const t of tokens) {
    if (t.kind === 'positional') out.positionals.push(t.value);
    if (t.kind !== 'option') continue;
    const spec = Object.hasOwn(all, t.name) ? all[t.name] : undefined;
    // The whole argument for a long option (`--bogus=1`); a short one in a group names the group too.
    const whole = args[t.index];
    const raw = t.rawName.startsWith('--') || whole === t.rawName ? whole : `${t.rawName} (in ${whole})`;
    if (spec === undefined) throw new UsageError(`unknown option ${raw}`);
    if (spec.refused !== undefined) throw new UsageError(spec.refused);
    const name = `--${t.name}`;
    if (spec.type === 'string') {
      if (t.value === undefined) throw new UsageError(`${name} needs a value`);
      out.options.push({ name, value: t.value });
    } else {
      if (t.value !== undefined) throw new UsageError(`${name} takes no value (got ${raw})`);
      out.options.push({ name, value: '' });
    }
  }
  return out;
}
