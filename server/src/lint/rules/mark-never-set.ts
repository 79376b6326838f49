// RSC4004: a connection, packet or routing mark is matched (by a firewall rule, a queue or a routing rule)
// but nothing in the file sets it. The mark may come from rules already on the router, so this is
// information, raised to a warning when a mark the file does set is a near miss (a likely typo).
import { firewallModel, MARK_MATCHERS, type MarkRef } from '../../analysis';
import { suggest } from '../../schema/suggest';
import type { Rule, RuleMeta } from '../types';

export const meta: RuleMeta = {
  code: 'RSC4004',
  name: 'mark-never-set',
  severity: 'information',
  fix: 'suggestion',
  description:
    'connection-mark / packet-mark / routing-mark used but never set by any mangle rule in the file.',
};

const SETTER: Readonly<Record<MarkRef['kind'], string>> = {
  connection: 'mark-connection',
  packet: 'mark-packet',
  routing: 'mark-routing',
};

function where(u: MarkRef): string {
  if (u.owner.kind === 'queue') return `queue ${u.owner.queue.kind}`;
  if (u.owner.kind === 'rule') return `${u.owner.rule.table} rule`;
  return u.owner.what;
}

export const rule: Rule = {
  meta,
  check(ctx) {
    const model = firewallModel(ctx.parse, ctx.text);
    // Distinct names in order of first appearance: the same answers as the full list (the first case-only
    // match and suggest() depend on the distinct names only), and an export sets each mark many times.
    const setNames: Record<MarkRef['kind'], string[]> = { connection: [], packet: [], routing: [] };
    // One set per kind: no `kind name` key string per setter.
    const seen: Record<MarkRef['kind'], Set<string>> = {
      connection: new Set(),
      packet: new Set(),
      routing: new Set(),
    };
    for (const s of model.markSets) {
      if (seen[s.kind].has(s.name)) continue;
      seen[s.kind].add(s.name);
      setNames[s.kind].push(s.name);
    }
    // Many uses name the same mark; the near miss is looked up once per (kind, name).
    const closeCache = new Map<string, string | undefined>();
    for (const u of model.markUses) {
      if (model.setsOf(u.kind, u.name).length > 0) continue;
      // A mark set under a computed name (in a loop, from a variable) may be this one.
      if (model.computedMarkSets.has(u.kind)) continue;
      // Routing marks named after the main table are not set by mangle.
      if (u.kind === 'routing' && u.name === 'main') continue;
      // A difference in case only is the likeliest typo of all (suggest() ignores case, so test it first).
      const closeKey = `${u.kind} ${u.name}`;
      let close: string | undefined;
      if (closeCache.has(closeKey)) close = closeCache.get(closeKey);
      else {
        const lower = u.name.toLowerCase();
        close =
          setNames[u.kind].find((n) => n.toLowerCase() === lower) ?? suggest(u.name, setNames[u.kind], 1)[0];
        closeCache.set(closeKey, close);
      }
      const matcher = u.owner.kind === 'queue' ? u.prop.name : MARK_MATCHERS[u.kind];
      const base =
        `The ${u.kind} mark '${u.name}' used by this ${where(u)} (${matcher}=) is not set by any ${SETTER[u.kind]} ` +
        `rule in this file.`;
      const message = close
        ? `${base} Did you mean '${close}'? As written, ${u.negated ? 'the test always succeeds' : 'nothing matches it'} unless the router sets '${u.name}' elsewhere.`
        : `${base} It must be set on the router outside this script; if it is not, ${u.negated ? 'the test always succeeds' : 'nothing matches it'}.`;
      const edit = close ? replaceInList(ctx.text, u, close) : undefined;
      ctx.report({
        start: u.prop.arg.start,
        end: u.prop.arg.end,
        severity: close ? 'warning' : 'information',
        message,
        fix: edit ? { title: `Use the mark '${close}'`, edits: [edit], safe: false } : undefined,
      });
    }
  },
};

/** Replaces one name inside the written value, when the value is a plain word (no quotes or escapes). */
function replaceInList(
  text: string,
  u: MarkRef,
  to: string,
): { start: number; end: number; newText: string } | undefined {
  const v = u.prop.value;
  const raw = text.slice(v.start, v.end);
  if (!/^!?[^"\s$[\]\\]+$/.test(raw)) return undefined;
  const offset = raw.startsWith('!') ? 1 : 0;
  let pos = offset;
  for (const part of raw.slice(offset).split(',')) {
    if (part === u.name) return { start: v.start + pos, end: v.start + pos + part.length, newText: to };
    pos += part.length + 1;
  }
  return undefined;
}
