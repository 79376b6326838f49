// What a script would change on a router whose configuration is a given `/export`: both are replayed
// through the configuration model (config.ts), the export first and the script after it in one text, so
// the script's `set [find ...]` and `remove [find ...]` reach the router's entries. Each script line is
// then one of: add (a new entry), change (these properties of an existing entry), remove (this entry),
// unchanged (the entry already exists as written, or the setting already has that value). Pure.
import { LineIndex } from '../text/line-index';
import { parse, type CommandNode } from '../syntax';
import { buildConfig, namedArgs, type ConfigModel, type Item } from './config';
import { literalText } from './values';

export type ChangeKind = 'add' | 'change' | 'remove' | 'unchanged';

export interface PropertyChange {
  name: string;
  /** Undefined when the router's entry does not set it (its default applies). */
  from?: string;
  to?: string;
}

export interface ConfigChange {
  /** The menu, written as in a script: `/ip firewall filter`. */
  menu: string;
  kind: ChangeKind;
  /** 1-based line of the script command. */
  line: number;
  /** For change: which properties, from what to what. */
  properties?: PropertyChange[];
  /** For change, remove and unchanged: the 1-based line of the export entry concerned. */
  exportLine?: number;
  /** The entry in a few words (its name, or its properties), for people reading the report. */
  entry: string;
}

export interface UnresolvedCommand {
  menu: string;
  line: number;
  /** Why the effect cannot be told without running it. */
  reason: string;
}

export interface ConfigDiff {
  changes: ConfigChange[];
  /** Script commands whose effect the model cannot tell (computed values, loops, ids). */
  unresolved: UnresolvedCommand[];
}

/** Properties whose default makes writing them the same as leaving them out. */
const DEFAULTS: Readonly<Record<string, string>> = { disabled: 'no' };

/**
 * The lines of a text without their line ends, split where LineIndex (and RouterOS) ends a line: `\r\n`,
 * a lone `\r` or `\n`. So line N here is line N of `rsc lint` and of the editor.
 */
function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** An item's properties as text (computed values as undefined), defaults left out. */
function propsOf(it: Item): Map<string, string | undefined> {
  const m = new Map<string, string | undefined>();
  for (const p of it.props.values()) {
    const t = p.value.computed ? undefined : (p.value.negated ? '!' : '') + p.value.text;
    if (t !== undefined && DEFAULTS[p.name] === t) continue;
    m.set(p.name, t);
  }
  return m;
}

function describe(props: Map<string, string | undefined>): string {
  const name = props.get('name');
  if (name !== undefined) return `name=${name}`;
  const parts = [...props].slice(0, 4).map(([k, v]) => `${k}=${v ?? '(computed)'}`);
  return parts.join(' ') || '(no properties)';
}

function sameProps(a: Map<string, string | undefined>, b: Map<string, string | undefined>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (v === undefined || b.get(k) !== v) return false;
  return true;
}

/** Whether a set-like command names no entry: a settings menu (`/ip dns set servers=...`). */
function isSingletonSet(cmd: CommandNode): boolean {
  return (
    cmd.name === 'set' &&
    !cmd.args.some((a) => a.kind === 'positionalArg' || (a.kind === 'namedArg' && a.name === 'numbers'))
  );
}

/** Named arguments of a command as text (computed values as undefined), `numbers` left out. */
function argsOf(cmd: CommandNode, text: string): Map<string, string | undefined> {
  const m = new Map<string, string | undefined>();
  for (const a of namedArgs(cmd, text)) if (a.name !== 'numbers') m.set(a.name, literalText(a.value));
  return m;
}

/**
 * Compares a script with the router configuration it would run on (an `/export`). Never throws; commands
 * the model cannot follow are listed in `unresolved` instead of being guessed.
 */
export function diffConfig(script: string, exportText: string): ConfigDiff {
  // `/` between the two resets the menu, so a script starting with a bare `add` does not inherit the
  // export's last menu.
  const sep = '\n/\n';
  const combined = exportText + sep + script;
  const base = exportText.length + sep.length;
  const scriptLines = new LineIndex(script);
  const exportLines = new LineIndex(exportText);
  const sLine = (cmd: CommandNode) => scriptLines.lineAt(cmd.start - base) + 1;
  const eLine = (cmd: CommandNode) => exportLines.lineAt(cmd.start) + 1;
  const inScript = (cmd: CommandNode) => cmd.start >= base;
  const menu = (table: string) => `/${table}`;

  const all: ConfigModel = buildConfig(parse(combined), combined, { allTables: true });
  const before: ConfigModel = buildConfig(parse(exportText), exportText, { allTables: true });
  // The export's entries as the router holds them (before the script), found by their `add`'s offset.
  const beforeByStart = new Map<number, Item>();
  for (const t of before.tables.values()) for (const it of t.created) beforeByStart.set(it.command.start, it);

  const changes: ConfigChange[] = [];
  const unresolved: UnresolvedCommand[] = [];

  for (const t of all.tables.values()) {
    const routerItems = t.created.filter((it) => !inScript(it.command));
    const routerProps = new Map(
      routerItems.map((it) => [it, propsOf(beforeByStart.get(it.command.start) ?? it)]),
    );
    for (const it of t.created) {
      if (inScript(it.command)) {
        // An entry the script creates; one it removes again itself changes nothing in the end.
        if (it.removedBy && inScript(it.removedBy)) continue;
        const mine = propsOf(it);
        const same = routerItems.find((r) => !r.removedBy && sameProps(mine, routerProps.get(r)!));
        changes.push(
          same
            ? {
                menu: menu(t.key),
                kind: 'unchanged',
                line: sLine(it.command),
                exportLine: eLine(same.command),
                entry: describe(mine),
              }
            : { menu: menu(t.key), kind: 'add', line: sLine(it.command), entry: describe(mine) },
        );
        continue;
      }
      // A router entry: what did the script's commands do to it?
      const was = routerProps.get(it)!;
      if (it.removedBy && inScript(it.removedBy)) {
        changes.push({
          menu: menu(t.key),
          kind: 'remove',
          line: sLine(it.removedBy),
          exportLine: eLine(it.command),
          entry: describe(was),
        });
        continue;
      }
      for (const cmd of it.edits) {
        if (!inScript(cmd)) continue;
        const props: PropertyChange[] = [];
        const wanted = argsOf(cmd, combined);
        if (cmd.name === 'enable' || cmd.name === 'disable')
          wanted.set('disabled', cmd.name === 'disable' ? 'yes' : 'no');
        if (cmd.name === 'unset') {
          const which = wanted.get('value-name');
          wanted.clear();
          for (const n of (which ?? '').split(',')) if (n) wanted.set(n, undefined);
        }
        for (const [k, v] of wanted) {
          const from = was.get(k) ?? DEFAULTS[k];
          const to = v;
          if (from !== to) props.push({ name: k, from, to });
        }
        const line = sLine(cmd);
        if (props.length > 0)
          changes.push({
            menu: menu(t.key),
            kind: 'change',
            line,
            properties: props,
            exportLine: eLine(it.command),
            entry: describe(was),
          });
        else
          changes.push({
            menu: menu(t.key),
            kind: 'unchanged',
            line,
            exportLine: eLine(it.command),
            entry: describe(was),
          });
      }
    }
    // Settings menus and commands whose targets are not entries of either text.
    const routerSettings = new Map<string, string | undefined>();
    const routerSettingLine = new Map<string, number>();
    for (const e of all.externalIn(t.key)) {
      if (!inScript(e.command)) {
        if (isSingletonSet(e.command)) {
          for (const [k, v] of argsOf(e.command, combined)) {
            routerSettings.set(k, v);
            routerSettingLine.set(k, eLine(e.command));
          }
        }
        continue;
      }
      if (isSingletonSet(e.command)) {
        const props: PropertyChange[] = [];
        for (const [k, v] of argsOf(e.command, combined)) {
          const from = routerSettings.has(k) ? routerSettings.get(k) : undefined;
          if (from !== v) props.push({ name: k, from, to: v });
          routerSettings.set(k, v);
        }
        const line = sLine(e.command);
        const at = [...argsOf(e.command, combined).keys()].map((k) => routerSettingLine.get(k)).find(Boolean);
        const where = at === undefined ? {} : { exportLine: at };
        changes.push(
          props.length > 0
            ? { menu: menu(t.key), kind: 'change', line, properties: props, ...where, entry: '(settings)' }
            : { menu: menu(t.key), kind: 'unchanged', line, ...where, entry: '(settings)' },
        );
        continue;
      }
      unresolved.push({ menu: menu(t.key), line: sLine(e.command), reason: e.reason });
    }
  }
  changes.sort((a, b) => a.line - b.line || a.kind.localeCompare(b.kind));
  unresolved.sort((a, b) => a.line - b.line);
  return { changes, unresolved };
}

/** The diff as text for a terminal or the plan: one line per change, grouped by menu in script order. */
export function formatConfigDiff(d: ConfigDiff, file: string): string {
  const out: string[] = [];
  const sign: Record<ChangeKind, string> = { add: '+', change: '~', remove: '-', unchanged: '=' };
  let lastMenu = '';
  for (const c of d.changes) {
    if (c.menu !== lastMenu) {
      out.push(c.menu);
      lastMenu = c.menu;
    }
    let s = `  ${sign[c.kind]} ${file}:${c.line} ${c.kind} ${c.entry}`;
    if (c.properties)
      s += `: ${c.properties.map((p) => `${p.name} ${p.from ?? '(default)'} -> ${p.to ?? '(default)'}`).join(', ')}`;
    out.push(s);
  }
  for (const u of d.unresolved) out.push(`  ? ${file}:${u.line} ${u.menu}: effect unknown (${u.reason})`);
  const count = (k: ChangeKind) => d.changes.filter((c) => c.kind === k).length;
  out.push(
    `${count('add')} to add, ${count('change')} to change, ${count('remove')} to remove, ${count('unchanged')} unchanged${d.unresolved.length ? `, ${d.unresolved.length} unknown` : ''}`,
  );
  return out.join('\n');
}

function quoteValue(v: string): string {
  return /^[^\s"\\;{}[\]$]*$/.test(v) && v !== '' ? v : `"${v.replace(/["\\$]/g, '\\$&')}"`;
}

/**
 * The export as it would read after the script: removed entries dropped, changed properties rewritten,
 * added entries appended to their menu's section. For people to read in a diff view, not to import: it is
 * an approximation built from the diff (entries the model cannot follow are left as they were).
 */
export function applyDiffToExport(exportText: string, script: string, d: ConfigDiff): string {
  const lines = splitLines(exportText);
  const scriptLines = splitLines(script);
  // Written back with the export's own line end (a router's export over SSH has \r\n).
  const eol = /\r\n/.test(exportText) ? '\r\n' : '\n';
  const drop = new Set<number>();
  const adds = new Map<string, string[]>();
  for (const c of d.changes) {
    if (c.kind === 'remove' && c.exportLine) drop.add(c.exportLine - 1);
    else if (c.kind === 'change' && c.exportLine) {
      let l = lines[c.exportLine - 1] ?? '';
      for (const p of c.properties ?? []) {
        const re = new RegExp(
          `(^|\\s)${p.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}=("(?:[^"\\\\]|\\\\.)*"|\\S*)`,
        );
        const next = p.to === undefined ? '' : `${p.name}=${quoteValue(p.to)}`;
        if (re.test(l)) l = l.replace(re, (_m, pre: string) => (next ? pre + next : ''));
        else if (next) l += ` ${next}`;
      }
      lines[c.exportLine - 1] = l;
    } else if (c.kind === 'change' || c.kind === 'add') {
      let text = (scriptLines[c.line - 1] ?? '').trim();
      if (text.startsWith(c.menu + ' ')) text = text.slice(c.menu.length + 1);
      if (c.kind === 'change')
        text = `set ${(c.properties ?? []).map((p) => `${p.name}=${quoteValue(p.to ?? '')}`).join(' ')}`;
      adds.set(c.menu, [...(adds.get(c.menu) ?? []), text]);
    }
  }
  const out: string[] = [];
  let section = '';
  const flush = () => {
    const a = adds.get(section);
    if (a) out.push(...a);
    adds.delete(section);
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (/^\/[a-z0-9]/.test(l) && !/\s(add|set|remove)\b/.test(l)) {
      flush();
      section = l.trim();
    }
    if (!drop.has(i)) out.push(l);
  }
  if (out.length && out[out.length - 1] === '') out.pop();
  flush();
  for (const [m, a] of adds) out.push(m, ...a);
  return out.join(eol) + eol;
}
