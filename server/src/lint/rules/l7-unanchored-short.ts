// RSC3005: a pattern so weak (one byte, two bytes, a class) that random payload matches it where the matcher
// looks: the thread's "overmatch". The estimate counts the pre-filters of the rules that use the pattern
// (with packet-size= only such packets reach it: per packet, not per 2 KB). The suggestion anchors an
// unanchored pattern at the end; a NAck-detection rule gets the NAck pattern instead (an LSP code action).
import { firewallModel } from '../../analysis/firewall';
import { unanchoredShort, type L7UseContext } from '../../l7';
import { argValueText, mentions } from '../../syntax';
import type { Rule, RuleMeta } from '../types';
import { L7_MATCH_TABLES, layer7Regexps } from '../../l7/script';
import { layersLine, reportFindings } from '../support/l7-common';

export const meta: RuleMeta = {
  code: 'RSC3005',
  name: 'l7-unanchored-short',
  severity: 'warning',
  fix: 'suggestion',
  description:
    'A pattern made only of single bytes or short classes matches inside almost any payload that reaches it.',
};

/** IP + UDP headers (the NAck: 20 + 8 + 11 = 39); TCP has at least 20 more, so this bounds both. */
const MIN_HEADERS = 28;

/** The largest number in a `packet-size=` value (`39`, `60-100`); undefined when it is not plain numbers. */
function maxSize(value: string | undefined): number | undefined {
  const m = value === undefined ? null : /^(\d+)(?:-(\d+))?$/.exec(value);
  if (m === null) return undefined;
  return Number(m[2] ?? m[1]);
}

export const rule: Rule = {
  meta,
  check(ctx) {
    const values = layer7Regexps(ctx.parse, ctx.text);
    if (values.length === 0) return;
    const model = mentions(ctx.text, 'layer7-protocol=') ? firewallModel(ctx.parse, ctx.text) : undefined;
    for (const v of values) {
      if (v.rejected) continue;
      const nameArg = v.command.args.find((x) => x.kind === 'namedArg' && x.name === 'name');
      const name = nameArg === undefined ? undefined : argValueText(nameArg);
      const use: L7UseContext = {};
      const users = (model?.rules ?? []).filter(
        (r) =>
          r.family === 'ip' &&
          L7_MATCH_TABLES.has(r.table) &&
          !r.disabled &&
          name !== undefined &&
          r.literal('layer7-protocol') === name,
      );
      const sizes = users.map((r) => maxSize(r.literal('packet-size')));
      if (users.length > 0 && sizes.every((s) => s !== undefined)) {
        use.maxPayload = Math.max(0, ...sizes.map((s) => (s as number) - MIN_HEADERS));
      }
      use.nack = users.some((r) => r.literal('protocol') === 'udp' && r.literal('packet-size') === '39');
      const found = unanchoredShort(v.pattern, use);
      if (found.length > 0) reportFindings(ctx, found, layersLine(v));
    }
  },
};
