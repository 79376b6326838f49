// RSC5001: a menu, command, parameter or value that exists in some RouterOS version but not in the one the
// script is written for (setting `routeros.targetVersion`, `rsc lint --target`): "`/interface wifi` was
// added in 7.13; it is not in 7.12", with the replacement where the overlay knows one (`routing-mark=`).
import {
  explainVersion,
  findRenameByName,
  isHardwareMenu,
  v6Note,
  VERSIONS,
  versionLabel,
  type SchemaNode,
} from '../../schema';
import type { ArgNode } from '../../syntax';
import { literalText } from '../../analysis/values';
import type { Rule, RuleContext, RuleMeta, Severity } from '../types';
import {
  existsForTarget,
  hasSyntaxErrorIn,
  joinMenu,
  menuLabel,
  NOT_NAMED,
  schemaView,
  targetOf,
  type ResolvedPath,
} from '../support/schema-resolve';
import { valueProblems } from '../support/value-checks';

export const meta: RuleMeta = {
  code: 'RSC5001',
  name: 'not-in-target-version',
  severity: 'warning',
  fix: 'none',
  description: 'A menu, command, parameter or value that the target RouterOS version does not have.',
};

/** True when every menu from the root down to `node` (inclusive) exists in the target. */
function chainExists(node: SchemaNode | undefined, exists: (n: SchemaNode) => boolean): boolean {
  for (let n = node; n && n.parent; n = n.parent) if (!exists(n)) return false;
  return true;
}

/** address-list-timeout values RouterOS 6 does not have. */
const V7_ONLY_TIMEOUTS: ReadonlySet<string> = new Set(['none-dynamic', 'none-static']);

function renameMessage(old: string, replacement: string, note: string): string {
  return `\`${old}\` is RouterOS 6 syntax that RouterOS 7 does not have: use ${replacement} instead. ${note}`;
}

/** How a RouterOS 6 note starts (run.ts keeps one note of each text per file). */
export const V6_NOTE = 'Writing for RouterOS 6: ';
/** One message string per note text: a RouterOS 6 export may have a note on every line. */
const noteMessages = new Map<string, string>();

export const rule: Rule = {
  meta,
  check(ctx: RuleContext) {
    const target = targetOf(ctx.options.target);
    const severity: Severity = target.v6 ? 'information' : 'warning';
    const exists = (n: SchemaNode): boolean => existsForTarget(n, target);
    const view = schemaView(ctx.parse);
    const where = target.v6 ? 'RouterOS 6' : VERSIONS[target.index];

    /** Reports the first segment of a path that the target lacks (its children are then not repeated). */
    const checkPath = (p: ResolvedPath): void => {
      if (!chainExists(p.base, exists)) return;
      for (let i = 0; i < p.segments.length; i++) {
        const s = p.segments[i];
        if (!s.node) {
          // A name no 7.x version has: an old RouterOS 6 menu the overlay knows (`/ip route rule`).
          const parent = i === 0 ? p.base : p.segments[i - 1].node;
          const full = joinMenu(menuLabel(parent), s.written);
          const r = findRenameByName(full);
          if (r && !target.v6)
            ctx.report({
              start: s.start,
              end: s.end,
              severity,
              message: renameMessage(full, r.replacement, r.note),
            });
          return;
        }
        if (s.written === '..') continue;
        if (!exists(s.node)) {
          ctx.report({ start: s.start, end: s.end, severity, message: explainVersion(s.node, target) ?? '' });
          return;
        }
      }
    };

    for (const p of view.paths) if (!hasSyntaxErrorIn(ctx.parse, p.owner.start, p.owner.end)) checkPath(p);

    // Every place a note applies gets it; the linter keeps the first of each (run.ts, onePerFile), so the
    // findings on a statement depend on it alone (the editor reuses them after edits elsewhere).
    const note = (node: SchemaNode | undefined, start: number, end: number): void => {
      const text = node ? v6Note(node) : undefined;
      if (!text) return;
      let message = noteMessages.get(text);
      if (message === undefined) noteMessages.set(text, (message = `${V6_NOTE}${text}`));
      ctx.report({ start, end, severity: 'information', message });
    };

    // Consecutive commands mostly run in the same menu: its chain is checked once per run of them.
    let lastMenu: SchemaNode | undefined;
    let lastMenuExists = false;
    const anyErrors = ctx.parse.errors.length > 0;
    for (const c of view.commands) {
      if (anyErrors && hasSyntaxErrorIn(ctx.parse, c.cmd.start, c.cmd.end)) continue;
      if (c.path) checkPath(c.path);
      if (!c.menu) continue;
      if (c.menu !== lastMenu) {
        lastMenu = c.menu;
        lastMenuExists = chainExists(c.menu, exists);
      }
      if (!lastMenuExists) continue;
      // The menu's label is needed only for the rare findings below, so it is looked up there.
      const menuNode = c.menu;
      const command = c.name.node;
      if (!command) {
        // `/ip route rule` parses as the unknown command `rule` in `/ip route`.
        const menu = menuLabel(menuNode);
        const full = joinMenu(menu, c.name.written);
        const r = findRenameByName(full) ?? findRenameByName(menu, c.name.written);
        if (r && !target.v6)
          ctx.report({
            start: c.name.start,
            end: c.name.end,
            severity,
            message: renameMessage(r.arg ? `${full} ${r.arg}=` : full, r.replacement, r.note),
          });
        continue;
      }
      if (!exists(command)) {
        ctx.report({
          start: c.name.start,
          end: c.name.end,
          severity,
          message: explainVersion(command, target) ?? '',
        });
        continue;
      }
      if (target.v6) {
        const segs = c.cmd.path?.segments ?? [];
        if (c.cmd.path && segs.length > 0) note(c.menu, c.cmd.path.start, segs[segs.length - 1].end);
        else note(c.menu, c.name.start, c.name.end);
        note(command, c.name.start, c.name.end);
      }
      if (command.kind !== 'command') continue;
      // Read when first needed, and once (see AtomArgStore).
      let args: ArgNode[] | undefined;
      const lookups = c.argLookups;
      for (let i = 0; i < lookups.length; i++) {
        // The lookup first: most arguments are settled without reading the syntax node.
        const l = lookups[i];
        const arg = l.node;
        if (l === NOT_NAMED || (arg && !target.v6 && exists(arg))) continue;
        args ??= c.cmd.args;
        const a = args[i];
        if (a.kind !== 'namedArg') continue;
        const range = { start: a.nameStart, end: a.nameEnd };
        if (!arg) {
          const menu = menuLabel(menuNode);
          const r = l.ambiguous ? undefined : findRenameByName(menu, command.name, a.name);
          // RouterOS 7 rejects an unknown parameter when it parses the line (see RSC2002).
          if (r && !target.v6)
            ctx.report({
              ...range,
              severity: isHardwareMenu(menu) ? 'warning' : 'error',
              message: renameMessage(`${a.name}=`, r.replacement, r.note),
            });
          continue;
        }
        if (!exists(arg)) {
          ctx.report({ ...range, severity, message: explainVersion(arg, target) ?? '' });
          continue;
        }
        if (target.v6) note(arg, a.nameStart, a.nameEnd);
      }
    }

    if (target.v6 && /none-(dynamic|static)/.test(ctx.text)) {
      // The command tree holds RouterOS 7 only, so values RouterOS 6 lacks are listed here from the
      // manuals: v6's Mangle/Filter pages give `address-list-timeout (time; Default: 00:00:00)`, v7's
      // `(none-dynamic | none-static | time; Default: none-dynamic)`. Judged per command (statement-local).
      for (const c of view.commands) {
        for (const a of c.cmd.args) {
          if (a.kind !== 'namedArg' || a.name !== 'address-list-timeout' || !a.value) continue;
          const v = literalText(a.value);
          if (v === undefined || !V7_ONLY_TIMEOUTS.has(v)) continue;
          ctx.report({
            start: a.value.start,
            end: a.value.end,
            severity: 'warning',
            message:
              `\`${v}\` is a value of \`address-list-timeout=\` added in RouterOS 7; RouterOS 6 takes only a ` +
              `time. Give a time (e.g. 1d), or 00:00:00 for an entry without timeout.`,
          });
        }
      }
    }

    for (const p of valueProblems(ctx.parse, target)) {
      if (!p.otherVersions) continue;
      const value = p.badName?.text ?? p.value;
      const at = p.bare && p.badName ? p.start + p.badName.offset : p.start;
      const end = p.bare && p.badName ? at + value.length : p.end;
      ctx.report({
        start: at,
        end,
        severity,
        message: `\`${value}\` is a value of \`${p.node.name}=\` in ${versionLabel(p.otherVersions)}; it is not in ${where}.`,
      });
    }
  },
};
