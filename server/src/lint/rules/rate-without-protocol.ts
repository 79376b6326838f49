// RSC4016: connection-rate= or connection-bytes= on a firewall rule without protocol=tcp or protocol=udp.
// The manual (Mangle, Filter: connection-bytes / connection-rate) says both "work only with TCP and UDP
// traffic (you need to specify protocol to activate these options)". The fix adds the protocol when the
// connection-marking rules the rule depends on all name the same one (it cannot change what matches).
import { firewallModel, propRange, type FirewallRule } from '../../analysis';
import { mentions } from '../../syntax';
import type { Rule, RuleMeta } from '../types';

export const meta: RuleMeta = {
  code: 'RSC4016',
  name: 'rate-without-protocol',
  severity: 'warning',
  fix: 'safe',
  description: 'connection-rate or connection-bytes on a rule without protocol=tcp or protocol=udp.',
};

/** tcp/udp as RouterOS also accepts them by number. */
function transport(text: string): 'tcp' | 'udp' | undefined {
  if (text === 'tcp' || text === '6') return 'tcp';
  if (text === 'udp' || text === '17') return 'udp';
  return undefined;
}

/** The protocol every live rule setting this connection mark names, when they agree. */
function protocolOfMark(model: ReturnType<typeof firewallModel>, r: FirewallRule): 'tcp' | 'udp' | undefined {
  const cm = r.prop('connection-mark');
  if (!cm || cm.value.computed || cm.value.negated || cm.value.text === 'no-mark') return undefined;
  const sets = model
    .setsOf('connection', cm.value.text)
    .filter((s) => !s.disabled && s.owner.kind === 'rule');
  if (sets.length === 0) return undefined;
  let found: 'tcp' | 'udp' | undefined;
  for (const s of sets) {
    if (s.owner.kind !== 'rule') return undefined;
    const p = s.owner.rule.prop('protocol');
    if (!p || p.value.computed || p.value.negated) return undefined;
    const t = transport(p.value.text);
    if (t === undefined || (found !== undefined && found !== t)) return undefined;
    found = t;
  }
  return found;
}

export const rule: Rule = {
  meta,
  check(ctx) {
    if (!mentions(ctx.text, 'connection-rate') && !mentions(ctx.text, 'connection-bytes')) return;
    const model = firewallModel(ctx.parse, ctx.text);
    for (const r of model.rules) {
      const rate = r.prop('connection-rate') ?? r.prop('connection-bytes');
      if (!rate) continue;
      const p = r.prop('protocol');
      if (p && (p.value.computed || (!p.value.negated && transport(p.value.text) !== undefined))) continue;
      const known = p === undefined ? protocolOfMark(model, r) : undefined;
      ctx.report({
        ...propRange(rate),
        message:
          `\`${rate.name}=\` works only with TCP and UDP traffic, and the manual asks for the protocol to activate ` +
          `it; this rule has ${p && !p.value.computed ? `protocol=${p.value.negated ? '!' : ''}${p.value.text}` : 'no protocol='}. ` +
          `Add protocol=${known ?? 'udp (or tcp)'} to this rule.`,
        fix:
          known !== undefined
            ? {
                title: `Add protocol=${known} (the connection mark is only set on ${known} connections)`,
                edits: [{ start: rate.arg.start, end: rate.arg.start, newText: `protocol=${known} ` }],
                safe: true,
              }
            : undefined,
      });
    }
  },
};
