// RSC2002: a `name=` that the command does not take in any RouterOS 7.x version, with the closest names.
// RouterOS itself rejects such a line when it parses the script ("expected end of command" at the name),
// so this is an error, except where the tree cannot be complete (board- and package-dependent menus).
import { findRenameByName, isHardwareMenu, suggest, type SchemaNode } from '../../schema';
import type { Rule, RuleContext, RuleMeta, Severity } from '../types';
import {
  hasSyntaxErrorIn,
  menuLabel,
  NOT_NAMED,
  schemaView,
  targetOf,
  type ResolvedCommand,
} from '../support/schema-resolve';

export const meta: RuleMeta = {
  code: 'RSC2002',
  name: 'unknown-parameter',
  severity: 'error',
  fix: 'suggestion',
  description:
    'A named argument the command does not take in any RouterOS 7.x version (closest names suggested).',
};

/**
 * Commands whose named arguments are property filters of the menu's items, not a fixed list: RouterOS
 * accepts `find dynamic=yes` or `find default-name=ether1` though the tree lists only `where`.
 */
const FREE_FORM_COMMANDS = new Set(['find']);

/**
 * How many unnamed values a menu command takes: `add` none, `set`, `remove`, `enable` and `disable` one,
 * the items to act on (their `numbers` argument), where they have one. RouterOS answers a further unnamed value
 * with "expected end of command" when it parses the line (`/ip dhcp-server set [find] disable`,
 * `add ... dhcp-option=x ...` in the corpus); other commands take unnamed values we cannot list.
 */
function unnamedLimit(command: SchemaNode): number | undefined {
  if (command.name === 'add') return command.child('numbers') ? undefined : 0;
  // Without `numbers` (settings menus such as /ip dns) we have no evidence either way.
  if (['set', 'remove', 'enable', 'disable'].includes(command.name))
    return command.child('numbers') ? 1 : undefined;
  return undefined;
}

/** True when some named argument of the command resolved to nothing (read without building `args`). */
function hasUnknownArg(c: ResolvedCommand): boolean {
  for (const l of c.argLookups) if (!l.node && l !== NOT_NAMED) return true;
  return false;
}

export const rule: Rule = {
  meta,
  check(ctx) {
    const target = targetOf(ctx.options.target);
    for (const c of schemaView(ctx.parse).commands) {
      if (c.argLookups.includes(NOT_NAMED)) extraUnnamed(ctx, c);
      // First the shared lookups (empty when the command is unknown): most commands stop here.
      if (!hasUnknownArg(c)) continue;
      const command = c.name.node;
      if (!command || command.kind !== 'command' || !c.menu) continue;
      // Global commands live at the root: `:find` there has real arguments; a menu's `find` does not.
      if (command.parent?.parent && FREE_FORM_COMMANDS.has(command.name)) continue;
      if (hasSyntaxErrorIn(ctx.parse, c.cmd.start, c.cmd.end)) continue;
      const menu = menuLabel(command);
      const shown = command.parent?.parent ? `${menu} ${command.name}` : `:${command.name}`;
      // RouterOS 6 is not in the tree, and board-specific arguments are missing from x86 dumps.
      const severity: Severity = target.v6 ? 'information' : isHardwareMenu(menu) ? 'warning' : 'error';
      const names = command
        .children()
        .filter((a) => a.existsIn(target))
        .map((a) => a.name);
      for (const a of c.args) {
        if (a.name.node) continue;
        const written = a.name.written;
        // `.id=`, `.proplist=`: internal properties the tree does not list.
        if (written.startsWith('.')) continue;
        // Old names the overlay knows (`routing-mark=` in /ip route) are RSC5001's to explain.
        if (findRenameByName(menu, command.name, written)) continue;
        const range = { start: a.name.start, end: a.name.end };
        if (a.name.ambiguous) {
          const matches = names.filter((n) => n.startsWith(written));
          // No corpus evidence on how RouterOS treats an ambiguous name, so never an error.
          ctx.report({
            ...range,
            severity: severity === 'error' ? 'warning' : severity,
            message:
              `\`${written}=\` is ambiguous for \`${shown}\`: it abbreviates ` +
              `${matches.map((m) => `\`${m}=\``).join(', ')}; write the name in full.`,
          });
          continue;
        }
        const best = suggest(written, names);
        let message = `\`${shown}\` has no parameter \`${written}=\``;
        message += best.length ? `; did you mean ${best.map((b) => `\`${b}=\``).join(' or ')}?` : '.';
        if (severity === 'error') message += ' RouterOS rejects the script when it parses this line.';
        else if (!target.v6)
          message += ` (\`${menu}\` has board-specific parameters the x86 command tree may lack.)`;
        ctx.report({
          ...range,
          severity,
          message,
          ...(best.length
            ? {
                fix: {
                  title: `Change to \`${best[0]}=\``,
                  edits: [{ ...range, newText: best[0] }],
                  safe: false,
                },
              }
            : {}),
        });
      }
    }
  },
};

/** Reports the first unnamed value beyond what a menu command takes (see unnamedLimit). */
function extraUnnamed(ctx: RuleContext, c: ResolvedCommand): void {
  const command = c.name.node;
  if (!command || command.kind !== 'command' || !command.parent?.parent || !c.menu) return;
  const limit = unnamedLimit(command);
  if (limit === undefined || hasSyntaxErrorIn(ctx.parse, c.cmd.start, c.cmd.end)) return;
  const menu = menuLabel(command);
  if (isHardwareMenu(menu) || targetOf(ctx.options.target).v6) return;
  let seen = 0;
  for (const a of c.cmd.args) {
    if (a.kind !== 'positionalArg') continue;
    // `set $item !comment` unsets a property: a name, not a value.
    if (a.value.kind === 'literal' && a.value.text.startsWith('!')) continue;
    if (++seen <= limit) continue;
    const what = limit === 0 ? 'no unnamed value' : 'one unnamed value (the items to act on)';
    ctx.report({
      start: a.start,
      end: a.end,
      message:
        `\`${menu} ${command.name}\` takes ${what}; \`${ctx.text.slice(a.start, a.end)}\` is one too many, ` +
        'so RouterOS rejects the script when it parses this line ("expected end of command"). Write it as ' +
        '`name=value`, or remove it.',
    });
    return;
  }
}
