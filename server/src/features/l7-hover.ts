// Hover for layer-7 patterns: on a `regexp=` value of /ip firewall layer7-protocol, or on a rule's
// `layer7-protocol=NAME`, shows the pattern through both decoders (Winbox form, what the regex compiler
// receives), a plain-language reading (pattern bytes in code spans, so a backslash shows as itself), the
// reading under the opt-in Latin-1 fold assumption when the user turned it on, and the warnings.
import {
  describe,
  describeMarkdown,
  escapeMarkdown,
  fromCli,
  fromWinbox,
  printableEngine,
  winboxFormInCli,
  type L7Pattern,
} from '../l7';
import { argValueText, findNodeAt, type ParseResult } from '../syntax';
import { L7_MATCH_TABLES, layer7Regexps, regexpAt, type L7RegexpValue } from '../l7/script';

export interface L7Hover {
  markdown: string;
  /** Document range the hover belongs to (the value under the cursor). */
  start: number;
  end: number;
}

/** Shows a byte string with bytes outside printable ASCII as `\xHH` (how hovers write binary data). */
function shown(text: string): string {
  return printableEngine(text);
}

/** A fenced block, so backslashes and backticks in patterns print as they are. */
function block(text: string): string {
  const fence = text.includes('```') ? '~~~~' : '```';
  return `${fence}text\n${text}\n${fence}`;
}

/**
 * First line of a finding message, as markdown: hovers show the gist; the diagnostic carries the rest. The
 * message is plain text that quotes pattern bytes, so every markdown character in it is escaped.
 */
function gistMarkdown(message: string): string {
  const line = message.split('\n')[0];
  return escapeMarkdown(line.length > 400 ? `${line.slice(0, 397)}...` : line);
}

export interface L7HoverOptions {
  /** Show the reading under the opt-in Latin-1 fold assumption (the reference code does not fold). */
  latin1Fold?: boolean;
}

function readings(p: L7Pattern, out: string[], options: L7HoverOptions): void {
  const d = describeMarkdown(p);
  out.push('', `**Matches:** ${d.reading[0]}.`);
  // The Latin-1 sentences are about the opt-in assumption only.
  for (const r of d.reading.slice(1))
    if (options.latin1Fold === true || !/Latin\\?-1/.test(r)) out.push(`- ${r}`);
  if (p.latin1Bytes.length > 0 && options.latin1Fold === true) {
    // The second reading: the same value compiled under the assumed Latin-1 pattern lower-casing.
    const folded = fromCli(p.raw, p.rawStart, { latin1Fold: true });
    const other = p.form === 'cli' ? folded : fromWinbox(p.raw, { latin1Fold: true }, p.rawStart);
    out.push(
      '',
      '**Under the Latin-1 fold assumption you turned on** (0xC0-0xDE become 0xE0-0xFE in the pattern only; the reference code does not do this):',
      block(printableEngine(other.engine)),
      `matches ${describeMarkdown(other).reading[0]}.`,
    );
  }
}

function regexpHover(v: L7RegexpValue, options: L7HoverOptions): L7Hover {
  const p = v.pattern;
  const out: string[] = ['**Layer-7 regexp**', ''];
  out.push('Winbox form (the field, after the RouterOS string decoder):', block(shown(p.winbox)));
  if (v.rejected) {
    out.push(
      '',
      '**RouterOS rejects this string** (an escape the string decoder does not know), so nothing reaches ' +
        'the matcher.',
    );
    const asWinbox = winboxFormInCli(p).length > 0;
    if (asWinbox) {
      // The writer evidently typed the Winbox form: show what that would mean, as a guide to the fix.
      const meant = fromWinbox(p.raw.replace(/\\\r?\n[ \t]*/g, ''), {}, p.rawStart);
      out.push('', 'Read as the Winbox form it was probably copied from, the regex would be:');
      out.push(block(printableEngine(meant.engine)));
      out.push(`matching ${describeMarkdown(meant).reading[0]}.`);
    }
  } else {
    out.push(
      '',
      'Regex compiler receives (after `\\xHH` pre-processing and lower-casing; bytes that are not printable shown as `\\xHH`):',
      block(printableEngine(p.engine)),
    );
    readings(p, out, options);
  }
  const warnings = describe(p).warnings.filter(
    (w) =>
      (v.rejected ? w.code === 'RSC3001' || w.code === 'RSC3010' : true) &&
      (w.code !== 'RSC3013' || options.latin1Fold === true),
  );
  if (warnings.length > 0) {
    out.push('', '**Warnings:**');
    for (const w of warnings) out.push(`- ${w.code}: ${gistMarkdown(w.message)}`);
  }
  return { markdown: out.join('\n'), start: v.start, end: v.end };
}

/**
 * The hover for the cursor at `offset`: on a layer-7 `regexp=` value, or on `layer7-protocol=NAME` in a
 * firewall rule (the named entry's pattern). `text` is the document; without it, unquoted values split by a
 * continuation are read up to the split. Undefined anywhere else.
 */
export function l7Hover(
  parse: ParseResult,
  offset: number,
  text?: string,
  options: L7HoverOptions = {},
): L7Hover | undefined {
  const v = regexpAt(parse, offset, text);
  if (v !== undefined) return regexpHover(v, options);
  // `layer7-protocol=NAME` in filter/nat/mangle: show the pattern of the entry of that name.
  const path = findNodeAt(parse.root, offset);
  const arg = [...path].reverse().find((n) => n.kind === 'namedArg');
  const cmd = [...path].reverse().find((n) => n.kind === 'command');
  if (
    arg === undefined ||
    arg.kind !== 'namedArg' ||
    arg.name !== 'layer7-protocol' ||
    arg.value === undefined
  )
    return undefined;
  if (cmd === undefined || cmd.kind !== 'command') return undefined;
  if (
    cmd.menu.length !== 3 ||
    cmd.menu[0] !== 'ip' ||
    cmd.menu[1] !== 'firewall' ||
    !L7_MATCH_TABLES.has(cmd.menu[2])
  ) {
    return undefined;
  }
  if (offset < arg.value.start) return undefined;
  const val = arg.value;
  if (val.kind !== 'literal' || val.type === 'string') return undefined;
  const name = val.text.replace(/^!/, '');
  // The `add` that created the entry of that name (a later `set` by `[find]` is not followed).
  const def = [...layer7Regexps(parse, text)].reverse().find((x) => {
    if (x.command.name !== 'add') return false;
    const n = x.command.args.find((a) => a.kind === 'namedArg' && a.name === 'name');
    return n !== undefined && argValueText(n) === name;
  });
  if (def === undefined) {
    return {
      markdown: `**layer7-protocol ${name}**: no entry of that name in this file (RSC3009).`,
      start: val.start,
      end: val.end,
    };
  }
  const h = regexpHover(def, options);
  return {
    markdown: h.markdown.replace('**Layer-7 regexp**', `**Layer-7 regexp of ${name}**`),
    start: val.start,
    end: val.end,
  };
}
