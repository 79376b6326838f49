// RSC3008: a firewall rule with `layer7-protocol=` and none of the cheap matchers that keep most traffic away
// from it. The layer-7 matcher collects and searches up to 2 KB of every connection that reaches it, which
// the manual calls very resource-intensive; ordinary matchers in front of it limit what it sees.
import { mentions } from '../../syntax';
import { firewallModel } from '../../analysis';
import type { Rule, RuleMeta } from '../types';
import { L7_MATCH_TABLES } from '../../l7/script';

export const meta: RuleMeta = {
  code: 'RSC3008',
  name: 'l7-missing-prefilter',
  severity: 'warning',
  fix: 'none',
  description:
    'A rule uses layer7-protocol= without cheap pre-filters (protocol, packet-size, ports, connection-bytes).',
};

/**
 * Matchers that narrow the traffic cheaply before the layer-7 matcher runs: the catalogue's protocol,
 * packet-size, dst-port and connection-bytes, plus other per-packet or per-connection tests as cheap.
 */
export const PREFILTERS: readonly string[] = [
  'protocol',
  'packet-size',
  'dst-port',
  'src-port',
  'port',
  'connection-bytes',
  'connection-rate',
  'connection-mark',
  'packet-mark',
  'src-address',
  'dst-address',
  'src-address-list',
  'dst-address-list',
];

export const rule: Rule = {
  meta,
  check(ctx) {
    // Only a rule that writes `layer7-protocol=` can be a finding.
    if (!mentions(ctx.text, 'layer7-protocol')) return;
    const model = firewallModel(ctx.parse, ctx.text);
    for (const r of model.rules) {
      if (r.family !== 'ip' || !L7_MATCH_TABLES.has(r.table) || r.disabled) continue;
      const l7 = r.prop('layer7-protocol');
      if (l7 === undefined || PREFILTERS.some((p) => r.prop(p) !== undefined)) continue;
      ctx.report({
        start: l7.arg.start,
        end: l7.arg.end,
        message:
          `${ctx.text.slice(l7.arg.start, l7.arg.end)} with no cheap matcher in front of it: the layer-7 matcher collects and ` +
          'searches up to 2 KB / 10 packets of every connection that reaches this rule, which costs CPU and ' +
          'memory on all traffic.\n' +
          'Narrow the rule first, e.g. protocol=udp packet-size=39, dst-port=..., or connection-bytes=0-2000.',
      });
    }
  },
};
