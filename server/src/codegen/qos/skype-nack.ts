// The "Skype NAck QoS" recipe: typed options in, a commented RouterOS script (or the Winbox field values)
// out. It detects Skype peers by the unencrypted NAck that tells a client its public address, marks
// low-rate UDP with those peers, and queues it first. Pure: no I/O; the pattern is checked by the l7 engine.
// This file puts the parts together; the options and their check are in skype-nack-options.ts, the commands
// in skype-nack-rules.ts, the two output forms in skype-nack-render.ts, the shell command line in
// skype-nack-command-line.ts.
import { winboxToCli } from '../../l7';
import { buildNackPattern, buildPatternText, matcherText, type NackMode } from './nack-pattern';
import { checkNackPattern } from './nack-check';
import { hidingRules } from './placement';
import { MAX_FALSE_MATCH_RATE, measureFalseMatches } from './nack-measure';
import {
  normalizeSkypeNackOptions,
  SkypeNackOptionsError,
  type SkypeNackHooks,
  type SkypeNackOptions,
  type SkypeNackRecipe,
} from './skype-nack-options';
import { buildRules, queueValues } from './skype-nack-rules';
import { describeParts, headerLines, renderRsc, renderWinbox, rscValue } from './skype-nack-render';

export {
  formatRate,
  normalizeSkypeNackOptions,
  parseLineRate,
  shapedRate,
  SKYPE_NACK_DEFAULTS,
  SkypeNackOptionsError,
  TRADE_OFF,
  type RecipeRule,
  type SkypeNackChain,
  type SkypeNackForm,
  type SkypeNackHooks,
  type SkypeNackOptions,
  type SkypeNackPatternChoice,
  type SkypeNackQueue,
  type SkypeNackRecipe,
} from './skype-nack-options';
export { argText, rscValue } from './skype-nack-render';
export { shellQuote, skypeNackCommandLine } from './skype-nack-command-line';

/**
 * Generates the recipe. Throws SkypeNackOptionsError (with every problem) on invalid options, and
 * NackSelfCheckError when the pattern fails the l7 engine's check on the user's own NAcks.
 */
export function generateSkypeNack(options: SkypeNackOptions, hooks: SkypeNackHooks = {}): SkypeNackRecipe {
  const n = normalizeSkypeNackOptions(options);
  if (n.options === undefined) throw new SkypeNackOptionsError(n.problems);
  const o = n.options;
  const builder = hooks.buildPattern ?? buildPatternText;
  // Both forms are built and measured, whatever is chosen: the header prints both rates.
  const forms = {
    tolerant: buildNackPattern(o.ranges, 'tolerant', builder),
    strict: buildNackPattern(o.ranges, 'strict', builder),
  };
  const rates = {
    tolerant: measureFalseMatches(forms.tolerant.cli, o.ranges),
    strict: measureFalseMatches(forms.strict.cli, o.ranges),
  };
  const mode: NackMode =
    o.pattern !== 'auto' ? o.pattern : rates.tolerant.rate > MAX_FALSE_MATCH_RATE ? 'strict' : 'tolerant';
  const pattern = forms[mode];
  const check = checkNackPattern(pattern.cli, pattern.winbox, o.ranges, mode);
  const described = describeParts(pattern);
  const warnings = [...n.warnings, ...described.warnings];
  const rules = buildRules(o, pattern);
  if (options.existing !== undefined) {
    // Appended to this configuration, would the recipe's mangle rules be hidden (RSC4011)?
    const draft = renderRsc(o, [], rules);
    for (const h of hidingRules(options.existing, draft)) {
      const mine = rules.filter(
        (r) => r.menu === '/ip firewall mangle' && r.props.some(([k, v]) => k === 'chain' && v === h.chain),
      );
      if (h.uniqueComment !== undefined) {
        const find = `[find comment=${rscValue(h.uniqueComment, true)}]`;
        for (const r of mine) {
          r.props.splice(r.props.length - 1, 0, ['place-before', find]);
        }
        mine[0]?.explain.push(
          `place-before: line ${h.line} of your configuration (${h.action}, "${h.uniqueComment}") takes every packet of the ${h.chain} rules and ends the chain, so they go before it.`,
        );
      } else {
        warnings.push(
          `line ${h.line} of your configuration (${h.action} in chain ${h.chain}) takes every packet of the recipe's ${h.chain} rules and ends the chain: move them above it (it has no unique comment to place them by)`,
        );
      }
    }
  }
  const qv = queueValues(o);
  const header = headerLines(
    o,
    pattern,
    described.lines,
    described.latin1,
    warnings,
    {
      forced: o.pattern !== 'auto',
      rates,
    },
    qv,
  );
  const rsc = renderRsc(o, header, rules);
  const winbox = renderWinbox(o, header, rules);
  return {
    text: o.form === 'winbox' ? winbox : rsc,
    rsc,
    winbox,
    ranges: o.ranges,
    pattern: {
      mode,
      cli: pattern.cli,
      winbox: pattern.winbox,
      parts: pattern.alternatives.map((a) => {
        const head = a.matchers.map(matcherText).join('');
        return { range: a.range.cidr, cli: winboxToCli(head), winbox: head, free: a.free };
      }),
      choice: o.pattern !== 'auto' ? 'forced' : 'measured',
      rates,
    },
    queues: qv,
    rules,
    warnings,
    check,
  };
}
