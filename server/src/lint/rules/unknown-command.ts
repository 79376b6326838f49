// RSC2001: a menu or command name that no RouterOS 7.x version knows (x86, all packages), with the closest
// names. Never an error: RouterOS parses such a line and fails only when it runs it, and the tree lacks
// RouterBOARD-only menus and packages that are not built for x86.
import type { CommandNode, Statement } from '../../syntax';
import { boardMenu, findRenameByName, missingNeeds, suggest, type SchemaNode } from '../../schema';
import { windowCarry } from '../support/window-carry';
import type { Fix, Rule, RuleContext, RuleMeta, Severity } from '../types';
import {
  hasSyntaxErrorIn,
  joinMenu,
  menuLabel,
  schemaView,
  statementLists,
  targetOf,
  type ResolvedCommand,
  type ResolvedName,
} from '../support/schema-resolve';

export const meta: RuleMeta = {
  code: 'RSC2001',
  name: 'unknown-command',
  severity: 'warning',
  fix: 'suggestion',
  description: 'A menu or command name that no RouterOS 7.x version has (closest names suggested).',
};

/** True when the overlay knows the name as an old (RouterOS 6) one: RSC5001 explains those instead. */
function isRenamed(menu: string, word: string): boolean {
  return !!findRenameByName(joinMenu(menu, word)) || !!findRenameByName(menu, word);
}

function report(
  ctx: RuleContext,
  parent: SchemaNode,
  name: ResolvedName,
  severity: Severity,
  what: 'menu' | 'command',
): void {
  const target = targetOf(ctx.options.target);
  const where = menuLabel(parent);
  const full = joinMenu(where, name.written);
  if (isRenamed(where, name.written)) return;
  const candidates = parent
    .children()
    .filter((c) => (what === 'menu' ? c.isMenu : true) && c.existsIn(target))
    .map((c) => c.name);
  let message: string;
  let best: string[] = [];
  if (name.ambiguous) {
    const matches = candidates.filter((c) => c.startsWith(name.written));
    message =
      `\`${name.written}\` is ambiguous in \`${where}\`: it abbreviates ${matches.map((m) => `\`${m}\``).join(', ')}; ` +
      `write the name in full.`;
  } else {
    best = suggest(name.written, candidates);
    const needs = missingNeeds(full);
    const kind = what === 'menu' ? 'menu' : 'menu or command';
    message = `\`${name.written}\` is not a ${kind} of \`${where}\` in RouterOS 7.x (x86 with all packages)`;
    if (needs) message += `; \`${full}\` needs ${needs}`;
    else if (best.length === 0 && parent.parent)
      // Inside a menu an unknown name may be a board's or a non-x86 package's; at the root it is a stray word.
      message += '; it may need a package or a board the command tree lacks';
    if (best.length > 0) message += `. Did you mean ${best.map((b) => `\`${b}\``).join(' or ')}?`;
    else message += '.';
    if (!needs) message += ' RouterOS parses the line but stops with "bad command name" when it runs it.';
  }
  const fix: Fix | undefined =
    best.length > 0
      ? {
          title: `Change to \`${best[0]}\``,
          edits: [{ start: name.start, end: name.end, newText: best[0] }],
          safe: false,
        }
      : undefined;
  // A RouterBOARD-only menu is not wrong, only beyond what the x86 tree can check: information at most.
  const level: Severity = boardMenu(full) && severity === 'warning' ? 'information' : severity;
  ctx.report({ start: name.start, end: name.end, message, severity: level, ...(fix ? { fix } : {}) });
}

/** A line like `/ip firewll mangle`: an unknown name followed only by plain words, meant as a menu. */
function looksLikeMenuLine(cmd: CommandNode): boolean {
  return cmd.args.every(
    (a) => a.kind === 'positionalArg' && a.value.kind === 'literal' && a.value.type === 'word',
  );
}

/**
 * Commands after an unknown menu-like line (`/ip firewll mangle` then `add ...`) were meant for that
 * menu; RouterOS never gets there (the script stops at the unknown name), so one finding is enough.
 */
function cascades(
  lists: Statement[][],
  unknown: Set<CommandNode>,
  top: readonly Statement[],
  carry: MenuLineCarry | undefined,
): Set<CommandNode> {
  const out = new Set<CommandNode>();
  for (const list of lists) {
    let poisoned = list === top && carry !== undefined && carry.poisoned;
    for (const s of list) {
      if (s.kind === 'menu') {
        if (s.path.absolute) poisoned = false;
      } else if (s.kind === 'command') {
        if (poisoned && !s.path?.absolute) out.add(s);
        else if (unknown.has(s) && looksLikeMenuLine(s)) poisoned = true;
        else if (s.path?.absolute) poisoned = false;
      }
    }
    if (list === top && carry !== undefined) carry.poisoned = poisoned;
  }
  return out;
}

/** What check carries from one window of a script to the next (support/window-carry.ts). */
interface MenuLineCarry {
  /** The top level is still after an unknown menu-like line where the last window ended. */
  poisoned: boolean;
}

export const rule: Rule = {
  meta,
  check(ctx) {
    const target = targetOf(ctx.options.target);
    // RouterOS 6 is not in the tree: names missing from it are only worth a note.
    const severity: Severity = target.v6 ? 'information' : 'warning';
    const view = schemaView(ctx.parse);

    for (const p of view.paths) {
      if (p.failedAt < 0 || hasSyntaxErrorIn(ctx.parse, p.owner.start, p.owner.end)) continue;
      const parent = p.failedAt === 0 ? p.base : p.segments[p.failedAt - 1].node;
      if (parent) report(ctx, parent, p.segments[p.failedAt], severity, 'menu');
    }

    const unknown = new Set<CommandNode>();
    const found: ResolvedCommand[] = [];
    for (const c of view.commands) {
      if (c.path && c.path.failedAt >= 0) {
        unknown.add(c.cmd);
        found.push(c);
      } else if (c.menu && !c.name.node) {
        unknown.add(c.cmd);
        found.push(c);
      }
    }
    // Without unknown commands nothing cascades.
    const carry = windowCarry<MenuLineCarry>(ctx.parse, meta.code, () => ({ poisoned: false }));
    const quiet =
      unknown.size > 0 || carry?.poisoned === true
        ? cascades(statementLists(ctx.parse), unknown, ctx.parse.root.statements, carry)
        : new Set<CommandNode>();
    for (const c of found) {
      if (quiet.has(c.cmd) || hasSyntaxErrorIn(ctx.parse, c.cmd.start, c.cmd.end)) continue;
      if (c.path && c.path.failedAt >= 0) {
        const parent = c.path.failedAt === 0 ? c.path.base : c.path.segments[c.path.failedAt - 1].node;
        if (parent) report(ctx, parent, c.path.segments[c.path.failedAt], severity, 'menu');
      } else if (c.menu) {
        report(ctx, c.menu, c.name, severity, 'command');
      }
    }
  },
};
