// The global commands (`:put`, `:local`, `:foreach` ...): their names, their arguments as RouterOS's
// `/console/inspect` lists them, which take code, which declare variables, and the structured parts of
// the control commands.
import type { ArgNode, CommandNode, ControlParts, Expression, LiteralNode, PathSegment } from './ast';

/** Global commands, usable as `:name` or (v7) without the colon. */
export const GLOBAL_COMMANDS = new Set([
  'beep',
  'convert',
  'delay',
  'deserialize',
  'do',
  'environment',
  'error',
  'execute',
  'find',
  'for',
  'foreach',
  'global',
  'grep',
  'if',
  'jobname',
  'len',
  'local',
  'log',
  'nothing',
  'onerror',
  'parse',
  'pick',
  'put',
  'resolve',
  'retry',
  'return',
  'rndnum',
  'rndstr',
  'serialize',
  'set',
  'terminal',
  'time',
  'timestamp',
  'toarray',
  'tobool',
  'tocrlf',
  'toid',
  'toip',
  'toip6',
  'tolf',
  'tonsec',
  'tonum',
  'tostr',
  'totime',
  'typeof',
  'while',
]);

/** Global command names that are also ordinary menu commands (in a menu they mean the menu's command). */
export const MENU_SHADOWED = new Set(['set', 'find', 'log', 'time', 'environment', 'terminal']);

/** Common menu commands; used to split `menu words` from the command word when no oracle is given. */
export const MENU_VERBS = new Set([
  'add',
  'set',
  'remove',
  'print',
  'find',
  'get',
  'export',
  'enable',
  'disable',
  'edit',
  'comment',
  'move',
  'reset',
  'reset-counters',
  'reset-counters-all',
  'monitor',
  'monitor-traffic',
  'import',
  'run',
  'unset',
  'clear',
  'flush',
  'release',
  'renew',
  'reboot',
  'shutdown',
  'upgrade',
  'install',
  'uninstall',
  'apply',
  'check-for-updates',
  'download',
  'save',
  'load',
  'send',
  'scan',
  'ping',
  'fetch',
  'traceroute',
  'start',
  'stop',
  'make-static',
  'blink',
  'cancel',
  'generate',
  'sign',
  'create-certificate',
  'update',
  'resolve',
  'listen',
  'say',
  'at-chat',
  'cable-test',
  'bandwidth-test',
  'flood-ping',
  'wol',
  'sniff',
  'torch',
  'gps',
  'info',
  'warning',
  'debug',
  'error',
  'report',
  'execute',
  'recover',
  'restore',
  'test',
  'sync',
  'publish',
  'connect',
  'disconnect',
  'copy',
  'revert',
  'force-update',
  'probe',
  'auto-scan',
  'speed-test',
  'mode',
  'decrypt',
  'encrypt',
  'import-key',
  'export-key',
  'sign-file',
  'verify',
  'request',
  'inspect',
]);

/** Named arguments whose `{...}` value is code rather than an array. */
export const CODE_ARGS = new Set(['do', 'else', 'on-error', 'command']);
/** First letters of CODE_ARGS (`do`, `else`, `on-error`, `command`): most names need no Set lookup. */
export const mayBeCodeArg = (c: number): boolean => c === 100 || c === 101 || c === 111 || c === 99;
/** Global commands whose first positional `{...}` is code. */
const POSITIONAL_CODE_COMMANDS = new Set([
  'do',
  'time',
  'execute',
  'retry',
  'onerror',
  'if',
  'while',
  'for',
  'foreach',
]);
/**
 * Arguments of the global commands (RouterOS 7.22 `/console/inspect`, root-level commands): the ones that
 * may be given without a name, in order, and all names. A further unnamed value or an unknown name is
 * "expected end of command" (`for addr in "8.8.8.8"` fails at `in`; `[:find where name=x]` at `=`).
 */
const GLOBAL_ARG_LIST: Record<string, { positional: string[]; named: string[] }> = {
  put: { positional: ['message'], named: ['message'] },
  local: { positional: ['name', 'value'], named: ['do', 'name', 'value'] },
  global: { positional: ['name', 'value'], named: ['do', 'name', 'value'] },
  set: { positional: ['name', 'value'], named: ['do', 'name', 'value'] },
  // `:if (c) do={} else {}` (no `=`) is accepted, so unnamed values are not limited for :if.
  if: { positional: ['condition', 'do', 'else', 'else-value'], named: ['condition', 'do', 'else'] },
  while: { positional: ['condition'], named: ['condition', 'do'] },
  do: { positional: ['command'], named: ['command', 'if', 'on-error', 'while'] },
  for: { positional: ['counter'], named: ['counter', 'do', 'from', 'on-error', 'step', 'to'] },
  foreach: { positional: ['counter'], named: ['counter', 'do', 'in', 'on-error'] },
  onerror: { positional: ['error', 'in'], named: ['do', 'error', 'in'] },
  error: { positional: ['message'], named: ['message'] },
  return: { positional: ['value'], named: ['value'] },
  delay: { positional: ['delay-time'], named: ['delay-time'] },
  len: { positional: ['value'], named: ['value'] },
  typeof: { positional: ['value'], named: ['value'] },
  tostr: { positional: ['value'], named: ['value'] },
  tonum: { positional: ['value'], named: ['value'] },
  tobool: { positional: ['value'], named: ['value'] },
  toid: { positional: ['value'], named: ['value'] },
  toip: { positional: ['value'], named: ['value'] },
  toip6: { positional: ['value'], named: ['value'] },
  totime: { positional: ['value'], named: ['value'] },
  tonsec: { positional: ['value'], named: ['value'] },
  toarray: { positional: ['value'], named: ['delimiter', 'value'] },
  parse: { positional: ['value'], named: ['value'] },
  find: { positional: ['in', 'key', 'from'], named: ['from', 'in', 'key'] },
  pick: { positional: ['counter', 'begin', 'end'], named: ['begin', 'counter', 'end'] },
  time: { positional: ['command'], named: ['command'] },
  retry: { positional: ['command'], named: ['command', 'delay', 'max', 'on-error'] },
  rndnum: { positional: [], named: ['from', 'to'] },
  rndstr: { positional: [], named: ['from', 'length'] },
};
/**
 * GLOBAL_ARG_LIST as a Map with the names in a Set: looked up for every global command, and a plain object
 * also answered for `constructor` and other inherited names (`:constructor x` made the parser throw).
 */
const GLOBAL_ARGS = new Map<string, { positional: number; named: Set<string> }>(
  Object.entries(GLOBAL_ARG_LIST).map(([k, v]) => [
    k,
    { positional: v.positional.length, named: new Set(v.named) },
  ]),
);

const DECLARING = new Set(['local', 'global', 'for', 'foreach', 'onerror']);
const CONTROL_COMMANDS = new Set(['if', 'while', 'do', 'for', 'foreach', 'onerror', 'retry']);

/** What the argument parsing needs to know about a global command, found with one lookup per command. */
export interface GlobalInfo {
  /** Its first unnamed word declares variables (DECLARING). */
  declaring: boolean;
  /** A `{...}` given without a name is code (POSITIONAL_CODE_COMMANDS). */
  positionalCode: boolean;
  /** Has structured ControlParts (CONTROL_COMMANDS). */
  control: boolean;
  spec: { positional: number; named: Set<string> } | undefined;
}
export const GLOBAL_INFO = new Map<string, GlobalInfo>();
for (const name of new Set([
  ...DECLARING,
  ...POSITIONAL_CODE_COMMANDS,
  ...CONTROL_COMMANDS,
  ...GLOBAL_ARGS.keys(),
])) {
  GLOBAL_INFO.set(name, {
    declaring: DECLARING.has(name),
    positionalCode: POSITIONAL_CODE_COMMANDS.has(name),
    control: CONTROL_COMMANDS.has(name),
    spec: GLOBAL_ARGS.get(name),
  });
}

/** The first unnamed argument of a command when it is a word (not a string), as `:set name` takes it. */
export function firstWord(args: readonly ArgNode[]): LiteralNode | undefined {
  for (const a of args) {
    if (a.kind === 'positionalArg') {
      return a.value.kind === 'literal' && a.value.type !== 'string' ? a.value : undefined;
    }
  }
  return undefined;
}

export function controlParts(cmd: CommandNode): ControlParts {
  const parts: ControlParts = {};
  let first: Expression | undefined;
  const args = cmd.args;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.kind === 'positionalArg') first ??= a.value;
    else if (a.kind === 'namedArg' && a.value) {
      // Named stores, not `parts[field] =`: control commands' parts are made on each read (ControlCommand
      // in script-nodes.ts), and the keyed store was most of that.
      const v = a.value;
      switch (a.name) {
        case 'do':
          parts.do = v;
          break;
        case 'else':
          parts.else = v;
          break;
        case 'on-error':
          parts.onError = v;
          break;
        case 'while':
          parts.while = v;
          break;
        case 'from':
          parts.from = v;
          break;
        case 'to':
          parts.to = v;
          break;
        case 'step':
          parts.step = v;
          break;
        case 'in':
          parts.in = v;
          break;
        case 'command':
          parts.command = v;
          break;
        default:
          break;
      }
    }
  }
  if (cmd.name === 'if' || cmd.name === 'while') {
    if (first) parts.condition = first;
  } else if (cmd.name === 'do' || cmd.name === 'retry') {
    if (first && cmd.name === 'do') parts.do = first;
    if (first && cmd.name === 'retry' && !parts.command) parts.command = first;
  } else if (first && first.kind === 'literal') {
    // `:for i`, `:foreach k,v`, `:onerror e`: the variable names, split at commas.
    const vars: PathSegment[] = [];
    let at = first.start;
    for (const name of first.text.split(',')) {
      vars.push({ text: name, start: at, end: at + name.length });
      at += name.length + 1;
    }
    parts.variables = vars;
  }
  return parts;
}
