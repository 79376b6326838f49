// RSC5002: a menu, command or argument that only an extra RouterOS package brings (container, iot,
// user-manager, ...) while the target router lacks that package (setting `routeros.targetPackages`,
// `rsc lint --packages`). Silent with the default `all`. The command tree marks what the `routeros`
// package alone lacks; schema/overlay/packages.ts names the package.
import {
  displayName,
  hasPackage,
  packageOf,
  packagesLabel,
  parsePackages,
  VERSIONS,
  type PackageSet,
  type SchemaNode,
  type Target,
} from '../../schema';
import { argValueText, type ArgNode, type NamedArg } from '../../syntax';
import type { Rule, RuleContext, RuleMeta, Severity } from '../types';
import {
  hasSyntaxErrorIn,
  NOT_NAMED,
  schemaView,
  targetOf,
  type ResolvedName,
  type ResolvedPath,
} from '../support/schema-resolve';

export const meta: RuleMeta = {
  code: 'RSC5002',
  name: 'not-in-target-packages',
  severity: 'error',
  fix: 'none',
  description:
    'A name that only an extra package brings, on a target router without that package (an error where RouterOS cannot parse the line).',
};

const sets = new Map<string, PackageSet>();

/** The parsed `packages` option, memoised; unknown names are ignored here (the CLI and settings refuse them). */
function packageSet(label: string): PackageSet {
  let s = sets.get(label);
  if (!s) {
    s = parsePackages(label).packages;
    sets.set(label, s);
  }
  return s;
}

/** Why RouterOS rejects a line at parse time, or undefined when it parses it and fails when it runs it. */
type Why = 'path' | 'block' | 'value' | 'argument' | undefined;

const WHY_TEXT: Record<Exclude<Why, undefined>, string> = {
  path: 'RouterOS rejects the script when it parses this line: a `/` path cannot go on through a menu it does not know',
  block:
    'RouterOS rejects the script when it parses this line: a `{ }` block cannot open on a menu it does not know',
  value:
    'RouterOS rejects the script when it parses this line: a command it does not know takes only plain words, not computed values',
  argument: 'RouterOS rejects the script when it parses this line, as for any unknown parameter',
};

/**
 * The finding for a name the target lacks, or undefined when the target has it. Without a reason to
 * reject the parse, RouterOS reads the line as an unknown command ("bad command name" in its compiled
 * form) and stops only when it runs it: a warning, since a script may guard such lines.
 */
function finding(
  node: SchemaNode,
  target: Target,
  set: PackageSet,
  why: Why,
): { message: string; severity: Severity } | undefined {
  if (!node.existsIn(target)) return undefined; // RSC5001's business
  const pkg = packageOf(node, target);
  if (!pkg || hasPackage(set, pkg)) return undefined;
  const what = pkg.name ? `the \`${pkg.name}\` package` : 'a package other than `routeros`';
  const needs = pkg.name ? `\`${pkg.name}\`` : 'that package';
  const where = `RouterOS ${VERSIONS[target.index]} with ${packagesLabel(set)}`;
  const consequence = why
    ? WHY_TEXT[why]
    : 'RouterOS parses the line but stops there with "bad command name" when it runs it';
  return {
    severity: why ? 'error' : 'warning',
    message:
      `\`${displayName(node)}\` comes with ${what}, which the target router (${where}) lacks; ${consequence}. ` +
      `Install ${needs} and add it to routeros.targetPackages (rsc lint --packages), or remove the line.`,
  };
}

/** The first named argument whose value is computed (`$x`, `[...]`, `"a$b"`), or undefined. */
function computedArg(args: readonly ArgNode[]): NamedArg | undefined {
  // argValueText gives the text of a literal value, and undefined for a computed one.
  for (const a of args) if (a.kind === 'namedArg' && argValueText(a) === undefined) return a;
  return undefined;
}

export const rule: Rule = {
  meta,
  check(ctx: RuleContext) {
    const set = packageSet(ctx.options.packages);
    if (set.all) return;
    const target = targetOf(ctx.options.target);
    if (target.v6) return;
    const view = schemaView(ctx.parse);
    const text = ctx.text;
    const report = (node: SchemaNode, start: number, end: number, why: Why): boolean => {
      const f = finding(node, target, set, why);
      if (!f) return false;
      ctx.report({ start, end, message: f.message, severity: f.severity });
      return true;
    };
    /** The first segment of a path that the target lacks, or undefined. */
    const absentSegment = (p: ResolvedPath): ResolvedName | undefined => {
      for (const s of p.segments) {
        if (!s.node) return undefined;
        if (s.written !== '..' && finding(s.node, target, set, undefined)) return s;
      }
      return undefined;
    };
    // Blocks opened on a missing menu: the commands inside them are that one finding's.
    const blocks: { start: number; end: number }[] = [];
    for (const p of view.paths) {
      if (hasSyntaxErrorIn(ctx.parse, p.owner.start, p.owner.end)) continue;
      const s = absentSegment(p);
      if (!s || !s.node) continue;
      const why: Why = text[s.end] === '/' ? 'path' : p.owner.kind === 'block' ? 'block' : undefined;
      report(s.node, s.start, s.end, why);
      if (p.owner.kind === 'block') blocks.push({ start: p.owner.start, end: p.owner.end });
    }
    const inBlock = (at: number): boolean => blocks.some((b) => b.start <= at && at < b.end);

    for (const c of view.commands) {
      if (hasSyntaxErrorIn(ctx.parse, c.cmd.start, c.cmd.end)) continue;
      if (blocks.length > 0 && inBlock(c.cmd.start)) continue;
      // Read once (see AtomArgStore), and only when something is missing.
      let args: ArgNode[] | undefined;
      const computed = (): boolean => !!computedArg((args ??= c.cmd.args));
      if (c.path) {
        const s = absentSegment(c.path);
        if (s && s.node) {
          report(s.node, s.start, s.end, text[s.end] === '/' ? 'path' : computed() ? 'value' : undefined);
          continue;
        }
      }
      if (!c.menu) continue;
      const command = c.name.node;
      // Global commands (`:put`, `:if`) run in any menu.
      const global = c.cmd.isGlobal || (!!command && command.parent?.parent === undefined);
      if (global) continue;
      if (!c.path && c.menu.parent && finding(c.menu, target, set, undefined)) {
        // In a menu the target lacks (`/container` on a line before): RouterOS reads this command in the
        // menu it was in before and stops at the menu line when it runs; only a computed value fails the
        // parse, as for any command it does not know.
        const a = computed() ? computedArg(args ?? []) : undefined;
        if (a) report(c.menu, a.nameStart, a.nameEnd, 'value');
        continue;
      }
      if (!command || command.kind !== 'command') continue;
      if (report(command, c.name.start, c.name.end, computed() ? 'value' : undefined)) continue;
      const lookups = c.argLookups;
      for (let i = 0; i < lookups.length; i++) {
        const l = lookups[i];
        const arg = l.node;
        if (l === NOT_NAMED || !arg || !arg.needsPackageIn(target)) continue;
        args ??= c.cmd.args;
        const a = args[i];
        if (a.kind === 'namedArg') report(arg, a.nameStart, a.nameEnd, 'argument');
      }
    }
  },
};
