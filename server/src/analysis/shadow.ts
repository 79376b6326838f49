// Which firewall rules no packet can reach (RSC4011, and the mangle-flow view): an earlier rule of the
// same chain matches every packet the later one would match and ends processing there. "Every packet" is
// decided conservatively from the written matchers: the earlier rule's matchers must each be present on
// the later rule with the same value, or a value it covers (a connection-state list holding the later
// one's states, an IPv4 prefix containing the later one's). Anything the analysis cannot judge (computed
// values, stateful matchers such as limit or nth, placement relative to items outside the file) makes it
// say nothing.
import type { FirewallRule, FirewallTable } from './firewall';
import type { Prop } from './config';
import { yesNo } from './values';

/** Arguments that say what a rule does, not which packets it matches. */
const NOT_MATCHERS: ReadonlySet<string> = new Set([
  'chain',
  'action',
  'comment',
  'disabled',
  'log',
  'log-prefix',
  'passthrough',
  'jump-target',
  'address-list',
  'address-list-timeout',
  'new-connection-mark',
  'new-packet-mark',
  'new-routing-mark',
  'new-dscp',
  'new-priority',
  'new-ttl',
  'new-mss',
  'route-dst',
  'sniff-id',
  'sniff-target',
  'sniff-target-port',
  'to-addresses',
  'to-ports',
  'to-address',
  'reject-with',
  'place-before',
  'hw-offload',
  'randomise-ports',
  'same-not-by-dst',
]);

/**
 * Matchers with state of their own (a counter, a rate, chance): a packet the earlier rule lets pass may
 * well be matched by the later one, so an earlier rule with one of these never shadows.
 */
const STATEFUL: ReadonlySet<string> = new Set([
  'limit',
  'dst-limit',
  'nth',
  'random',
  'connection-limit',
  'psd',
  'time',
]);

/** Actions that end processing in the chain for a matched packet, per table (mark actions: passthrough=no). */
const ENDS: Readonly<Record<FirewallTable, ReadonlySet<string>>> = {
  filter: new Set(['accept', 'drop', 'reject', 'tarpit', 'return']),
  nat: new Set(['accept', 'return', 'masquerade', 'src-nat', 'dst-nat', 'redirect', 'netmap', 'same']),
  mangle: new Set(['accept', 'drop', 'return']),
  raw: new Set(['accept', 'drop', 'notrack', 'return']),
};

/** True when a matched packet never reaches the next rule of the chain. */
export function endsChain(r: FirewallRule): boolean {
  if (r.action === undefined) return false;
  if (ENDS[r.table].has(r.action)) return true;
  // Mark and change actions stop only with an explicit passthrough=no.
  return r.passthroughProp !== undefined && r.passthrough === false;
}

interface Matcher {
  name: string;
  text: string;
  negated: boolean;
}

/** The literal matchers of a rule, or undefined when one is computed or stateful (cannot be judged). */
function matchersOf(r: FirewallRule, forShadowing: boolean): Matcher[] | undefined {
  const out: Matcher[] = [];
  for (const p of r.item.props.values()) {
    if (NOT_MATCHERS.has(p.name)) continue;
    if (p.value.computed) return undefined;
    if (forShadowing && STATEFUL.has(p.name)) return undefined;
    out.push({ name: p.name, text: p.value.text, negated: p.value.negated });
  }
  return out;
}

/** An IPv4 prefix as [network, bits], or undefined. */
function prefix4(text: string): [number, number] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(text);
  if (m === null) return undefined;
  const o = [m[1], m[2], m[3], m[4]].map(Number);
  if (o.some((x) => x > 255)) return undefined;
  const bits = m[5] === undefined ? 32 : Number(m[5]);
  if (bits > 32) return undefined;
  const v = ((o[0] << 24) | (o[1] << 16) | (o[2] << 8) | o[3]) >>> 0;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return [(v & mask) >>> 0, bits];
}

const LIST_VALUED: ReadonlySet<string> = new Set(['connection-state', 'connection-nat-state']);

/** True when the earlier matcher `a` accepts every packet the later rule's `b` accepts. */
function covers(a: Matcher, b: Prop | undefined): boolean {
  if (b === undefined || b.value.computed) return false;
  if (a.negated !== b.value.negated) return false;
  if (a.text === b.value.text) return true;
  if (a.negated) return false;
  if (LIST_VALUED.has(a.name)) {
    const have = new Set(a.text.split(','));
    return b.value.text.split(',').every((s) => have.has(s));
  }
  if (a.name === 'src-address' || a.name === 'dst-address') {
    const pa = prefix4(a.text);
    const pb = prefix4(b.value.text);
    if (pa === undefined || pb === undefined || pa[1] > pb[1]) return false;
    const mask = pa[1] === 0 ? 0 : (0xffffffff << (32 - pa[1])) >>> 0;
    return (pb[0] & mask) >>> 0 === pa[0];
  }
  return false;
}

/** Longest chain examined pair by pair; longer chains only look for earlier rules with no matcher. */
const PAIRWISE_LIMIT = 2000;

/**
 * For each live rule of one chain (in order) that an earlier live rule shadows: that earlier rule. Only
 * rules placed exactly (appended, or placed before a rule of the file) take part, and rules inside code
 * that may not run never decide (ARCHITECTURE: they never decide rule order).
 */
export function shadowedInChain(chain: readonly FirewallRule[]): Map<FirewallRule, FirewallRule> {
  const out = new Map<FirewallRule, FirewallRule>();
  const enders: { rule: FirewallRule; matchers: Matcher[] }[] = [];
  const pairwise = chain.length <= PAIRWISE_LIMIT;
  for (const r of chain) {
    if (r.disabled || r.item.conditional || r.item.placement !== 'exact') continue;
    if (r.action === undefined) continue;
    for (const e of enders) {
      if (e.matchers.length > 0 && !pairwise) continue;
      if (e.matchers.every((m) => covers(m, r.item.props.get(m.name)))) {
        out.set(r, e.rule);
        break;
      }
    }
    if (out.has(r) || !endsChain(r)) continue;
    // A computed `disabled` may switch the rule off at run time: such a rule never shadows.
    const d = r.item.props.get('disabled');
    if (d !== undefined && (d.value.computed || yesNo(d.value.text) === undefined)) continue;
    const matchers = matchersOf(r, true);
    if (matchers !== undefined) enders.push({ rule: r, matchers });
  }
  return out;
}
