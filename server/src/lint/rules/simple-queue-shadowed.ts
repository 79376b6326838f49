// RSC4015: a simple queue that never gets a packet. Simple queues are checked in list order and a packet
// goes to the first one that matches it (manual, "Queues": simple queues are processed in order), so an
// earlier queue whose target (and dst, and packet marks) covers this one's takes its packets first. The
// suggestion moves this queue's line above the earlier one, when both are plain `add` lines of one menu.
import { firewallModel, isAncestor, liveQueues, type Queue } from '../../analysis';
import { splitList } from '../../analysis';
import type { Rule, RuleMeta, TextEdit } from '../types';

export const meta: RuleMeta = {
  code: 'RSC4015',
  name: 'simple-queue-shadowed',
  severity: 'warning',
  fix: 'suggestion',
  description:
    'A simple queue after an earlier one with the same or a broader target, which takes its packets.',
};

/** An IPv4 prefix as [network, bits], or undefined (an interface name, IPv6, a range...). */
function prefix4(text: string): [number, number] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(text);
  if (m === null) return undefined;
  const o = [m[1], m[2], m[3], m[4]].map(Number);
  const bits = m[5] === undefined ? 32 : Number(m[5]);
  if (o.some((x) => x > 255) || bits > 32) return undefined;
  const v = ((o[0] << 24) | (o[1] << 16) | (o[2] << 8) | o[3]) >>> 0;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return [(v & mask) >>> 0, bits];
}

/** True when the earlier entry `a` (an address, prefix or interface) includes all of `b`. */
function entryCovers(a: string, b: string): boolean {
  if (a === b) return true;
  const pa = prefix4(a);
  const pb = prefix4(b);
  if (pa === undefined || pb === undefined || pa[1] > pb[1]) return false;
  const mask = pa[1] === 0 ? 0 : (0xffffffff << (32 - pa[1])) >>> 0;
  return (pb[0] & mask) >>> 0 === pa[0];
}

/** The literal list of a property; null when computed; [] when unset. */
function list(q: Queue, name: string): string[] | null {
  const p = q.item.props.get(name);
  if (!p) return [];
  if (p.value.computed || p.value.negated) return null;
  return splitList(p.value.text);
}

/** Properties that restrict what a simple queue takes; one the rule does not model keeps it silent. */
const RESTRICTING = new Set(['time', 'interface']);

function covers(a: Queue, b: Queue): boolean {
  for (const name of RESTRICTING) if (a.item.props.has(name)) return false;
  const ta = list(a, 'target');
  const tb = list(b, 'target');
  if (ta === null || tb === null || ta.length === 0 || tb.length === 0) return false;
  if (!tb.every((t) => ta.some((x) => entryCovers(x, t)))) return false;
  const da = list(a, 'dst');
  const db = list(b, 'dst');
  if (da === null || db === null) return false;
  if (da.length > 0 && (db.length === 0 || !db.every((t) => da.some((x) => entryCovers(x, t))))) return false;
  const ma = list(a, 'packet-marks');
  const mb = list(b, 'packet-marks');
  if (ma === null || mb === null) return false;
  if (ma.length > 0 && (mb.length === 0 || !mb.every((m) => ma.includes(m)))) return false;
  return true;
}

/** Start of the line holding `offset`. */
function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The edits moving `b`'s line above `a`'s, when both are bare `add` lines (same menu context). */
function moveEdits(text: string, a: Queue, b: Queue): TextEdit[] | undefined {
  const ca = a.item.command;
  const cb = b.item.command;
  if (ca.path !== undefined || cb.path !== undefined) return undefined;
  const aStart = lineStart(text, ca.start);
  const bStart = lineStart(text, cb.start);
  if (text.slice(aStart, ca.start).trim() !== '' || text.slice(bStart, cb.start).trim() !== '')
    return undefined;
  let bEnd = text.indexOf('\n', cb.end);
  bEnd = bEnd === -1 ? text.length : bEnd + 1;
  const line = text.slice(bStart, bEnd);
  return [
    { start: aStart, end: aStart, newText: line.endsWith('\n') ? line : line + '\n' },
    { start: bStart, end: bEnd, newText: '' },
  ];
}

export const rule: Rule = {
  meta,
  check(ctx) {
    const model = firewallModel(ctx.parse, ctx.text);
    const simple = liveQueues(model.queues).filter(
      (q) => q.kind === 'simple' && q.item.placement === 'exact',
    );
    if (simple.length < 2) return;
    const all = liveQueues(model.queues);
    for (let j = 1; j < simple.length; j++) {
      const b = simple[j];
      for (let i = 0; i < j; i++) {
        const a = simple[i];
        if (isAncestor(a, b, all) || isAncestor(b, a, all) || !covers(a, b)) continue;
        const edits = moveEdits(ctx.text, a, b);
        const target = b.item.props.get('target');
        ctx.report({
          start: target ? target.arg.start : b.item.command.nameStart,
          end: target ? target.arg.end : b.item.command.nameEnd,
          message:
            `This simple queue never gets a packet: the queue on line ${a.line}${a.name ? ` (${a.name})` : ''} comes first and ` +
            `takes every packet of this target. Move this queue above line ${a.line}, or narrow the earlier queue.`,
          related: [
            {
              start: a.item.command.start,
              end: a.item.command.end,
              message: `line ${a.line}: takes these packets first`,
            },
          ],
          fix: edits ? { title: `Move this queue above line ${a.line}`, edits, safe: false } : undefined,
        });
        break;
      }
    }
  },
};
