// `rsc diff SCRIPT --against EXPORT`: what a script would change on a router whose configuration is the
// given `/export`, per menu: entries added, changed (which properties), removed, and lines that change
// nothing. Offline; `rsc push --diff` shows the same against the router's live export.
import { diffConfig, formatConfigDiff } from '../analysis/config-diff';
import { parseCommandLine, UsageError } from './args';
import { EXIT, type Subcommand } from './io';

export const diffHelp = `Usage: rsc diff SCRIPT.rsc --against EXPORT.rsc [--json]

Replays the router's configuration (EXPORT.rsc, e.g. from "/export file=x") and then SCRIPT.rsc through
the configuration model and reports, per menu, what the script would do on that router:
  +  add        a new entry
  ~  change     properties of an existing entry (from -> to), or of a settings menu
  -  remove     an existing entry
  =  unchanged  the entry already exists as written, or the setting already has that value
  ?  unknown    a command whose targets are computed at run time (listed, never guessed)
Nothing is connected; use "rsc push --diff" to compare with the router's live /export.

Options:
  --against FILE   the router's /export (required)
  --json           {"changes": [{"menu", "kind", "line", "properties"?, "exportLine"?, "entry"}],
                    "unresolved": [{"menu", "line", "reason"}]}
  -h, --help       show this help

Exit codes:
  0  the diff was printed (whatever it contains)
  2  usage error or unreadable file
`;

export const diffCommand: Subcommand = async (args, io) => {
  let script: string | undefined;
  let against: string | undefined;
  let json = false;
  try {
    const line = parseCommandLine(args, { against: { type: 'string' }, json: { type: 'boolean' } });
    if (line.help) {
      io.stdout(diffHelp);
      return EXIT.ok;
    }
    for (const o of line.options) {
      if (o.name === '--against') against = o.value;
      else if (o.name === '--json') json = true;
    }
    const [first, second] = line.positionals;
    if (second !== undefined) throw new UsageError(`only one SCRIPT (got ${first} and ${second})`);
    script = first;
    if (script === undefined) throw new UsageError('SCRIPT is required');
    if (against === undefined) throw new UsageError('--against EXPORT.rsc is required');
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`rsc diff: ${e.message}\n(see rsc diff --help)\n`);
    return EXIT.usage;
  }
  const read = (p: string): string | undefined => {
    try {
      return io.readFile(p).toString('utf8');
    } catch (e) {
      io.stderr(`rsc diff: cannot read ${p}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return undefined;
    }
  };
  const s = read(script);
  const x = read(against);
  if (s === undefined || x === undefined) return EXIT.usage;
  const d = diffConfig(s, x);
  io.stdout(json ? JSON.stringify(d, null, 2) + '\n' : formatConfigDiff(d, script) + '\n');
  return EXIT.ok;
};
