// Reads the rates and the hierarchy of queues for the queue rules (RSC4012-RSC4015): `max-limit` and
// `limit-at` (one value on a queue tree entry, `upload/download` on a simple queue, k/M/G suffixes, 0 or
// unset meaning "no limit"), and a queue's parent among the queues of the file.
import type { Queue } from './firewall';
import type { Prop } from './config';
import { readRange } from './ranges';

/** Per direction (a tree entry has one direction: both values equal), bits per second. */
export type Rates = readonly [number, number];

/** The rate pair of a literal property, or undefined when it is unset, computed or malformed. */
export function queueRates(
  q: Queue,
  name: 'max-limit' | 'limit-at',
): { rates: Rates; prop: Prop } | undefined {
  const p = q.item.props.get(name);
  if (!p || p.value.computed || p.value.negated) return undefined;
  const parts = p.value.text.split('/');
  if (parts.length > 2 || (q.kind === 'tree' && parts.length > 1)) return undefined;
  const values: number[] = [];
  for (const part of parts) {
    const r = readRange('connection-rate', part.trim());
    // A lone number reads as { from, to: undefined }.
    if (!r.ok || (r.to !== undefined && r.to !== r.from)) return undefined;
    values.push(r.from);
  }
  return { rates: [values[0], values[values.length - 1]], prop: p };
}

/** The parent queue of `q` among the file's queues of the same kind (by name), if it is one. */
export function parentQueue(q: Queue, all: readonly Queue[]): Queue | undefined {
  if (q.parent === undefined || q.parent === 'none' || q.parent === 'global') return undefined;
  for (const x of all) if (x !== q && x.kind === q.kind && x.name === q.parent) return x;
  return undefined;
}

/** True when `a` is `b` or one of its ancestors (the walk stops on cycles). */
export function isAncestor(a: Queue, b: Queue, all: readonly Queue[]): boolean {
  let cur: Queue | undefined = b;
  for (let hops = 0; cur !== undefined && hops <= all.length; hops++) {
    if (cur === a) return true;
    cur = parentQueue(cur, all);
  }
  return false;
}

/** Live queues: enabled and outside code that may not run. */
export function liveQueues(all: readonly Queue[]): Queue[] {
  return all.filter((q) => !q.disabled && !q.item.conditional);
}

/** "18M", "2250k" for messages. */
export function rateText(bps: number): string {
  if (bps >= 1e6 && bps % 1e6 === 0) return `${bps / 1e6}M`;
  if (bps >= 1e3 && bps % 1e3 === 0) return `${bps / 1e3}k`;
  return String(bps);
}
