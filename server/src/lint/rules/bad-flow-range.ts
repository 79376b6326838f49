// RSC4007: a connection-rate, connection-bytes or packet-size value that is malformed (unknown unit, not a
// number, out of range) or inverted (`50k-0`): RouterOS refuses the value or the rule matches nothing.
import { firewallModel, RANGE_MATCHERS, readRange } from '../../analysis';
import type { Rule, RuleMeta } from '../types';

export const meta: RuleMeta = {
  code: 'RSC4007',
  name: 'bad-flow-range',
  severity: 'warning',
  fix: 'none',
  description: 'malformed or inverted connection-rate / packet-size / connection-bytes range.',
};

export const rule: Rule = {
  meta,
  check(ctx) {
    const model = firewallModel(ctx.parse, ctx.text);
    for (const r of model.rules) {
      for (const name of RANGE_MATCHERS) {
        const p = r.prop(name);
        if (!p || p.value.computed) continue;
        const reading = readRange(name, p.value.text);
        if (reading.ok) continue;
        const message =
          reading.problem === 'inverted'
            ? `${name}=${p.value.text} is inverted: ${reading.detail}, so no ${name === 'packet-size' ? 'packet' : 'connection'} ` +
              `can fall in it and the rule never matches.` +
              (name === 'connection-rate'
                ? ' (Only connection-bytes reads an upper bound of 0 as "no limit".)'
                : '')
            : `${name}=${p.value.text} is not a valid range (${reading.detail}); RouterOS expects ` +
              (name === 'packet-size' ? 'Min or Min-Max in bytes, 0..65535' : 'From-To, e.g. 0-50k') +
              ', and refuses the command otherwise.';
        ctx.report({ start: p.arg.start, end: p.arg.end, message });
      }
    }
  },
};
