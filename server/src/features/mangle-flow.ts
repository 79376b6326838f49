// "Show Mangle Flow": a markdown view of the file's QoS path (mangle chains -> rules -> marks -> queues),
// with line numbers, the connection mark -> packet mark -> queue arrows, and what is set but never used.
// Plain function of the parse and the text; the VS Code command shows the result in a markdown preview.
import {
  BUILTIN_CHAINS,
  firewallModel,
  MARK_ACTIONS,
  NOT_MATCHERS,
  type Family,
  type FirewallModel,
  type FirewallRule,
  type Prop,
  type Queue,
} from '../analysis';
import type { ParseResult } from '../syntax';

const FAMILY_TITLE: Readonly<Record<Family, string>> = { ip: 'IPv4', ipv6: 'IPv6' };

/** Text safe inside a markdown table cell. */
function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A code span that survives backticks in the value. */
function code(s: string): string {
  const v = s.replace(/\r?\n/g, ' ');
  const fence = v.includes('`') ? '``' : '`';
  return `${fence}${fence.length > 1 ? ' ' : ''}${v}${fence.length > 1 ? ' ' : ''}${fence}`;
}

function show(p: Prop): string {
  if (p.value.computed) return `${p.name}=(computed)`;
  return `${p.name}=${p.value.negated ? '!' : ''}${p.value.text}`;
}

function actionCell(r: FirewallRule): string {
  const parts: string[] = [r.action ?? '(computed)'];
  if (r.jumpTarget) parts.push(`→ ${code(r.jumpTarget)}`);
  const mark = r.action ? MARK_ACTIONS[r.action] : undefined;
  if (mark) {
    const p = r.prop(mark.arg);
    if (p) parts.push(`⇒ ${code(p.value.computed ? '(computed)' : p.value.text)}`);
  }
  if (r.action === 'add-src-to-address-list' || r.action === 'add-dst-to-address-list') {
    const l = r.prop('address-list');
    const t = r.prop('address-list-timeout');
    if (l) parts.push(`⇒ list ${code(l.value.computed ? '(computed)' : l.value.text)}`);
    parts.push(t ? `for ${t.value.computed ? '(computed)' : t.value.text}` : '(no timeout)');
  }
  const dscp = r.prop('new-dscp');
  if (dscp && r.action === 'change-dscp')
    parts.push(`⇒ dscp ${dscp.value.computed ? '(computed)' : dscp.value.text}`);
  if (r.passthroughProp)
    parts.push(r.passthrough === false ? '**stop** (passthrough=no)' : 'passthrough=yes');
  else if (mark) parts.push('passthrough=yes (default)');
  return parts.join(' ');
}

function ruleTable(rules: readonly FirewallRule[], model: FirewallModel): string[] {
  const out = ['| line | matches | action | comment |', '|---:|---|---|---|'];
  for (const r of rules) {
    const matchers = [...r.item.props.values()]
      .filter((p) => !NOT_MATCHERS.has(p.name))
      .map((p) => code(show(p)));
    const flags: string[] = [];
    if (r.disabled) flags.push('*disabled*');
    if (r.item.conditional) flags.push('*conditional*');
    if (r.item.placement !== 'exact') flags.push(`*position ${r.item.placement}*`);
    // RSC4011: an earlier rule of the chain takes every packet of this one (FirewallModel.shadowedBy).
    const by = model.shadowedBy(r);
    if (by !== undefined) flags.push(`**unreachable** (line ${by.line} takes its packets)`);
    const comment = r.literal('comment') ?? '';
    out.push(
      `| ${r.line} | ${cell([...flags, ...matchers].join(' ') || '(all packets)')} | ${cell(actionCell(r))} | ${cell(comment)} |`,
    );
  }
  return out;
}

function queueLabel(q: Queue): string {
  const bits = [`${q.kind === 'tree' ? 'queue tree' : 'simple queue'} ${code(q.name ?? '(unnamed)')}`];
  if (q.priority !== undefined) bits.push(`priority ${q.priority}`);
  bits.push(`line ${q.line}`);
  if (q.disabled) bits.push('*disabled*');
  return bits.join(', ');
}

/**
 * Renders the flow view. Pass the document text when at hand; without it the line numbers are rebuilt
 * from the tokens. Never throws on user input.
 */
export function mangleFlowMarkdown(parse: ParseResult, text?: string): string {
  const model = firewallModel(parse, text);
  const out: string[] = ['# Mangle flow', ''];
  const mangle = model.rules.filter((r) => r.table === 'mangle');
  if (mangle.length === 0 && model.queues.length === 0) {
    out.push('This file has no mangle rules and no queues.', '');
  }

  // 1. Chains and rules, built-in chains in packet order, then custom chains.
  for (const family of ['ip', 'ipv6'] as const) {
    const rules = mangle.filter((r) => r.family === family);
    if (rules.length === 0) continue;
    out.push(`## ${FAMILY_TITLE[family]} mangle`, '');
    for (const chain of model.chainNames(family, 'mangle')) {
      const list = model.chain(family, 'mangle', chain);
      if (list.length === 0) continue;
      const builtin = BUILTIN_CHAINS.mangle.includes(chain);
      const callers = model.jumpsInto(family, 'mangle', chain);
      const from = builtin
        ? ''
        : callers.length > 0
          ? ` (jumped to from line${callers.length > 1 ? 's' : ''} ${callers.map((c) => c.line).join(', ')})`
          : ' (no enabled jump reaches this chain)';
      out.push(`### chain ${code(chain)}${from}`, '', ...ruleTable(list, model), '');
    }
    const loose = rules.filter((r) => r.chain === undefined);
    if (loose.length > 0)
      out.push('### rules with a computed or missing chain', '', ...ruleTable(loose, model), '');
  }

  // 2. Arrows: connection mark -> packet marks -> queues; packet marks set directly; routing marks.
  out.push('## Marks → queues', '');
  const queuesFor = (mark: string): Queue[] => model.queues.filter((q) => q.packetMarks.includes(mark));
  const packetArrow = (mark: string, lines: number[]): string => {
    const qs = queuesFor(mark);
    const target = qs.length > 0 ? qs.map(queueLabel).join('; ') : '**no queue**';
    return `packet mark ${code(mark)} (line${lines.length > 1 ? 's' : ''} ${lines.join(', ')}) → ${target}`;
  };
  const connMarks = unique(model.markSets.filter((s) => s.kind === 'connection').map((s) => s.name));
  const packetFromConn = new Set<string>();
  const arrows: string[] = [];
  for (const cm of connMarks) {
    const setLines = model.setsOf('connection', cm).map((s) => model.refLine(s));
    const consumers = model
      .usesOf('connection', cm)
      .flatMap((u) => (u.owner.kind === 'rule' && !u.negated ? [u.owner.rule] : []));
    const pm = consumers.filter((c) => c.action === 'mark-packet');
    const head = `- connection mark ${code(cm)} (set on line${setLines.length > 1 ? 's' : ''} ${unique(setLines).join(', ')})`;
    if (pm.length === 0) {
      const other = consumers.filter((c) => c.action !== 'mark-packet');
      arrows.push(
        other.length > 0
          ? `${head} → matched on line${other.length > 1 ? 's' : ''} ${other.map((c) => c.line).join(', ')} (no packet mark)`
          : `${head} → **never matched**`,
      );
      continue;
    }
    arrows.push(head);
    const byMark = new Map<string, number[]>();
    for (const c of pm) {
      const m = c.literal('new-packet-mark');
      if (m === undefined) continue;
      packetFromConn.add(m);
      byMark.set(m, [...(byMark.get(m) ?? []), c.line]);
    }
    for (const [m, lines] of byMark) arrows.push(`  - → ${packetArrow(m, lines)}`);
  }
  for (const pm of unique(model.markSets.filter((s) => s.kind === 'packet').map((s) => s.name))) {
    if (packetFromConn.has(pm)) continue;
    const lines = model.setsOf('packet', pm).map((s) => model.refLine(s));
    arrows.push(`- ${packetArrow(pm, unique(lines))}`);
  }
  for (const rm of unique(model.markSets.filter((s) => s.kind === 'routing').map((s) => s.name))) {
    const uses = model.usesOf('routing', rm);
    const lines = model.setsOf('routing', rm).map((s) => model.refLine(s));
    arrows.push(
      `- routing mark ${code(rm)} (line${lines.length > 1 ? 's' : ''} ${unique(lines).join(', ')}) → ` +
        (uses.length > 0
          ? `used on line${uses.length > 1 ? 's' : ''} ${unique(uses.map((u) => model.refLine(u))).join(', ')}`
          : 'routing tables and rules outside this file'),
    );
  }
  out.push(...(arrows.length > 0 ? arrows : ['No marks are set in this file.']), '');

  // 3. Queues as a tree (parents by name), then simple queues.
  if (model.queues.length > 0) {
    out.push('## Queues', '');
    const byName = new Map<string, Queue>();
    for (const q of model.queues) if (q.kind === 'tree' && q.name !== undefined) byName.set(q.name, q);
    const children = new Map<string, Queue[]>();
    const roots: Queue[] = [];
    for (const q of model.queues) {
      if (q.kind !== 'tree') continue;
      if (q.parent !== undefined && byName.has(q.parent) && q.parent !== q.name) {
        children.set(q.parent, [...(children.get(q.parent) ?? []), q]);
      } else roots.push(q);
    }
    const seen = new Set<Queue>();
    // Iterative depth-first so a long or cyclic parent chain cannot overflow the stack.
    const stack: [Queue, number][] = roots.map((q): [Queue, number] => [q, 0]).reverse();
    while (stack.length > 0) {
      const [q, depth] = stack.pop() as [Queue, number];
      if (seen.has(q)) continue;
      seen.add(q);
      const marks = q.packetMarks.length > 0 ? ` ← packet mark ${q.packetMarks.map(code).join(', ')}` : '';
      const parent = depth === 0 && q.parent ? ` (parent ${code(q.parent)})` : '';
      out.push(`${'  '.repeat(depth)}- ${queueLabel(q)}${parent}${marks}`);
      const kids = children.get(q.name ?? '') ?? [];
      for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i], depth + 1]);
    }
    // Queues whose parents form a cycle have no root above them; list them flat rather than drop them.
    for (const q of model.queues) {
      if (q.kind === 'tree' && !seen.has(q))
        out.push(`- ${queueLabel(q)} (parent ${code(q.parent ?? '?')}, a parent cycle)`);
    }
    for (const q of model.queues) {
      if (q.kind !== 'simple') continue;
      const target = q.item.props.get('target');
      const marks = q.packetMarks.length > 0 ? ` ← packet marks ${q.packetMarks.map(code).join(', ')}` : '';
      out.push(
        `- ${queueLabel(q)}${target && !target.value.computed ? `, target ${code(target.value.text)}` : ''}${marks}`,
      );
    }
    out.push('');
  }

  // 4. Address lists: how each is filled and where it is matched.
  const lists = new Map<string, { fills: string[]; uses: string[] }>();
  const entry = (k: string): { fills: string[]; uses: string[] } => {
    let e = lists.get(k);
    if (!e) lists.set(k, (e = { fills: [], uses: [] }));
    return e;
  };
  for (const f of model.listFills) {
    const how = f.how === 'static' ? 'entry' : f.how === 'dynamic' ? 'rule' : 'setting';
    entry(`${f.family === 'any' ? 'ip' : f.family} ${f.list}`).fills.push(`${how} line ${f.line}`);
  }
  for (const u of model.listUses) entry(`${u.family} ${u.list}`).uses.push(`line ${u.rule.line}`);
  if (lists.size > 0) {
    out.push('## Address lists', '', '| family | list | filled by | matched on |', '|---|---|---|---|');
    for (const [k, e] of lists) {
      const [fam, ...rest] = k.split(' ');
      out.push(
        `| ${FAMILY_TITLE[fam as Family]} | ${cell(code(rest.join(' ')))} | ${cell(e.fills.join(', ') || '**nothing in this file**')} | ${cell(unique(e.uses).join(', ') || '**never matched**')} |`,
      );
    }
    out.push('');
  }

  // 5. What deserves attention.
  const notes: string[] = [];
  for (const cm of connMarks) {
    if (model.usesOf('connection', cm).length === 0)
      notes.push(`- Connection mark ${code(cm)} is set but never matched.`);
  }
  for (const pm of unique(model.markSets.filter((s) => s.kind === 'packet').map((s) => s.name))) {
    if (model.usesOf('packet', pm).length === 0)
      notes.push(`- Packet mark ${code(pm)} is set but no queue or rule uses it.`);
  }
  for (const u of model.markUses) {
    if (model.setsOf(u.kind, u.name).length === 0) {
      notes.push(
        `- ${capital(u.kind)} mark ${code(u.name)} is used on line ${model.refLine(u)} but never set in this file.`,
      );
    }
  }
  for (const [k, e] of lists) {
    if (e.uses.length === 0)
      notes.push(`- Address list ${code(k.split(' ').slice(1).join(' '))} is filled but never matched.`);
  }
  for (const f of model.rules) {
    if (f.table !== 'filter' || f.action !== 'fasttrack-connection' || f.disabled) continue;
    const cm = f.prop('connection-mark');
    const scope =
      cm && !cm.value.computed
        ? ` (only connection-mark=${cm.value.negated ? '!' : ''}${cm.value.text})`
        : '';
    notes.push(
      `- ${FAMILY_TITLE[f.family]} fasttrack rule on line ${f.line}${scope}: fast-tracked connections skip mangle and queues.`,
    );
  }
  for (const r of mangle) {
    const by = model.shadowedBy(r);
    if (by !== undefined)
      notes.push(
        `- Line ${r.line} is unreachable: the rule on line ${by.line} matches all its packets and ends chain ${code(r.chain ?? '')} first (RSC4011).`,
      );
  }
  for (const x of model.external) {
    notes.push(
      `- Line ${model.lineOf(x.command.start)} (\`${x.verb}\` in /${x.table}) touches items outside this file: ${x.reason}.`,
    );
  }
  out.push(
    '## Attention',
    '',
    ...(notes.length > 0 ? unique(notes) : ['Nothing: every mark is consumed and every list is used.']),
    '',
  );
  return out.join('\n');
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
