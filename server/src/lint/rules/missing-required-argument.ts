// RSC2008: an `add` without an argument RouterOS requires in that menu. The script parses, but the import
// stops at this line with "missing value(s) of argument(s) …". What is required comes from RouterOS's own
// answers to a bare `add` on probed routers (schema/required.ts); where RouterOS answered in its own words
// instead, the finding is information quoting that answer, never a rule we made up.
import { requiredArgs, type RequiredArgs, type SchemaNode, type Target } from '../../schema';
import { storedArgs } from '../../syntax';
import type { Diagnostic, Rule, RuleMeta } from '../types';
import {
  hasSyntaxErrorIn,
  menuLabel,
  schemaView,
  targetOf,
  type ResolvedCommand,
} from '../support/schema-resolve';

export const meta: RuleMeta = {
  code: 'RSC2008',
  name: 'missing-required-argument',
  severity: 'warning',
  fix: 'suggestion',
  description:
    'An `add` without an argument RouterOS requires in that menu (probed on real routers), so the import stops there.',
};

/** The argument that makes every other one optional: the new item starts as a copy of an existing one. */
const COPY_FROM = 'copy-from';

/** requiredArgs per menu node and target index (both never change), so an export asks once per menu. */
const memo = new WeakMap<SchemaNode, Map<number, RequiredArgs | null>>();
/** The last answer: the lines of an export section all ask about the same menu. */
let last: { menu: SchemaNode; index: number; req: RequiredArgs | undefined } | undefined;

function requiredFor(menu: SchemaNode, target: Target): RequiredArgs | undefined {
  if (last && last.menu === menu && last.index === target.index) return last.req;
  let perTarget = memo.get(menu);
  if (!perTarget) memo.set(menu, (perTarget = new Map()));
  const key = target.index;
  let hit = perTarget.get(key);
  if (hit === undefined) {
    hit = requiredArgs(menu.path, target) ?? null;
    perTarget.set(key, hit);
  }
  last = { menu, index: key, req: hit ?? undefined };
  return last.req;
}

/** How many of `names` some argument resolved to (the shared lookups; no syntax node is made). */
function resolvedCount(c: ResolvedCommand, names: readonly string[]): number {
  let n = 0;
  const lookups = c.argLookups;
  for (const name of names) {
    for (let i = 0; i < lookups.length; i++) {
      if (lookups[i].node?.name === name) {
        n++;
        break;
      }
    }
  }
  return n;
}

/** The argument names an `add` writes: resolved to the tree's names, and as written where they do not resolve. */
interface WrittenNames {
  resolved: string[];
  /** Unknown or ambiguous names, which RouterOS may still read as a prefix of a real one. */
  unresolved: string[];
}

/**
 * The names an `add` writes, or undefined when some argument is not `name=value` (`$args`, `[...]`, a
 * bare word or string): its values come from somewhere this line does not show.
 */
function writtenNames(c: ResolvedCommand): WrittenNames | undefined {
  const out: WrittenNames = { resolved: [], unresolved: [] };
  const cmd = c.cmd;
  const lookups = c.argLookups;
  const add = (i: number, written: string): void => {
    const node = lookups[i]?.node;
    if (node) out.resolved.push(node.name);
    else out.unresolved.push(written);
  };
  const stored = storedArgs(cmd);
  if (stored) {
    // Every stored argument is a `name=value` atom: read the names without making nodes.
    const n = stored.storedArgCount();
    for (let i = 0; i < n; i++) add(i, stored.storedArgName(i));
    return out;
  }
  const args = cmd.args;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.kind !== 'namedArg') return undefined;
    add(i, a.name);
  }
  return out;
}

/** True when `name` is given: resolved to it, or written as a prefix RouterOS may read as it (ambiguous too). */
function given(names: WrittenNames, name: string): boolean {
  if (names.resolved.includes(name)) return true;
  for (const w of names.unresolved) if (w !== '' && name.startsWith(w)) return true;
  return false;
}

/** `chain=`, `mac-address=` and `interface=`: names as the messages show them. */
function listNames(names: readonly string[]): string {
  const shown = names.map((n) => `\`${n}=\``);
  return shown.length <= 1
    ? shown.join('')
    : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/**
 * A tab stop for an argument's value: a choice of its values where the type is a plain list of names
 * (`chain=${1|prerouting,input,...|}`; other names can still be typed over it), else an empty stop where
 * completion offers the values.
 */
function valueStop(command: SchemaNode, name: string, target: Target, n: number): string {
  const arg = command.child(name);
  const type = arg?.kind === 'arg' ? arg.typeIn(target) : undefined;
  const values =
    type?.kind === 'yesno' ? ['yes', 'no'] : type?.kind === 'enum' && !type.list ? [...type.values] : [];
  // Choice items escape `,`, `|` and `\`; RouterOS names never hold them, so such a list is left out.
  if (values.length === 0 || values.length > 30 || values.some((v) => /[,|\\$}]/.test(v))) return `$${n}`;
  return `\${${n}|${values.join(',')}|}`;
}

/** The quick fix: the missing `name=` pairs after the last argument, as a snippet with one tab stop each. */
function insertFix(
  c: ResolvedCommand,
  command: SchemaNode,
  missing: readonly string[],
  target: Target,
): NonNullable<Diagnostic['fix']> {
  const args = c.cmd.args;
  const at = args.length > 0 ? args[args.length - 1].end : c.cmd.nameEnd;
  return {
    title: `Add ${listNames(missing)}`,
    edits: [
      {
        start: at,
        end: at,
        newText: missing.map((n) => ` ${n}=`).join(''),
        snippet: missing.map((n, i) => ` ${n}=${valueStop(command, n, target, i + 1)}`).join(''),
      },
    ],
    safe: false,
  };
}

export const rule: Rule = {
  meta,
  check(ctx) {
    const target = targetOf(ctx.options.target);
    // RouterOS 6 was never probed.
    if (target.v6) return;
    for (const c of schemaView(ctx.parse).commands) {
      const command = c.name.node;
      if (!command || command.kind !== 'command' || command.name !== 'add' || !c.menu) continue;
      const menu = command.parent;
      // A root-level command is a global one, and an `add` the target lacks is RSC5001's to report.
      if (!menu || !menu.parent || !command.existsIn(target)) continue;
      const req = requiredFor(menu, target);
      if (!req || req.kind === 'none') continue;
      // Most lines name everything they need: settled on the shared lookups alone.
      const resolved = resolvedCount(c, req.args);
      if (req.kind === 'exact' ? resolved === req.args.length : resolved > 0) continue;
      const names = writtenNames(c);
      if (!names || given(names, COPY_FROM)) continue;
      if (hasSyntaxErrorIn(ctx.parse, c.cmd.start, c.cmd.end)) continue;
      const shown = `\`${menuLabel(menu)} add\``;
      const range = { start: c.cmd.nameStart, end: c.cmd.nameEnd };
      if (req.kind === 'exact') {
        const missing = req.args.filter((a) => !given(names, a));
        if (missing.length === 0) continue;
        ctx.report({
          ...range,
          message:
            `${shown} lacks ${listNames(missing)}, which RouterOS requires here, so the import stops at this ` +
            `line: RouterOS ${req.probe} answers a bare \`add\` with "${req.message}" (probe used for ` +
            `${req.range}).\nAdd ${listNames(missing)} with a value.`,
          fix: insertFix(c, command, missing, target),
        });
        continue;
      }
      // A custom answer names candidates, not a rule: say what RouterOS said, only when none is written.
      if (req.args.some((a) => given(names, a))) continue;
      ctx.report({
        ...range,
        severity: 'information',
        message:
          `${shown} sets none of ${listNames(req.args).replace(' and ', ' or ')}, which RouterOS ` +
          `${req.probe} names when it refuses a bare \`add\` here: "${req.message}" (probe used for ` +
          `${req.range}).\nCheck whether this \`add\` needs one of them.`,
      });
    }
  },
};
