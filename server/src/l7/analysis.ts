// Findings about a layer-7 pattern that the RSC3nnn lint rules report: each function looks at one kind of
// mistake and returns document ranges, a message and, where the catalogue asks for one, a fix. The rules
// only have to decode the pattern (fromCli) and call these.
import { decodeStringContent } from '../syntax/strings';
import { isMetaByte, expandBound, type ClassItem, type RegexNode } from './regex';
import { winboxToCli, type L7Pattern, type Span } from './pattern';

/** Same shape as the linter's TextEdit and Fix, so a rule can pass them through unchanged. */
export interface L7Edit {
  start: number;
  end: number;
  newText: string;
}

export interface L7Fix {
  title: string;
  edits: L7Edit[];
  safe: boolean;
  /** See the linter's Fix.command: a fix that asks the user first. */
  command?: { name: string; start: number; end: number; args: string[] };
}

export interface L7Finding extends Span {
  code: string;
  message: string;
  fix?: L7Fix;
  /** Set when this finding is milder (or harsher) than its rule's usual severity. */
  severity?: 'error' | 'warning' | 'information';
}

const hex2 = (b: number): string => b.toString(16).padStart(2, '0');
const byteName = (b: number): string =>
  b >= 0x21 && b <= 0x7e
    ? `"${String.fromCharCode(b)}" (0x${hex2(b).toUpperCase()})`
    : `byte 0x${hex2(b).toUpperCase()}`;

/** Text for the pattern's own form: CLI string content for CLI patterns, the field itself for Winbox. */
function inForm(p: L7Pattern, winboxText: string): string {
  return p.form === 'cli' ? winboxToCli(winboxText) : winboxText;
}

/** The document text of a span (spans always lie inside the pattern's raw text). */
function sourceOf(p: L7Pattern, span: Span): string {
  return p.raw.slice(span.start - p.rawStart, span.end - p.rawStart);
}

/** Visits every node of the AST (iteratively: patterns may nest deeply). */
function walk(ast: RegexNode, visit: (n: RegexNode) => void): void {
  const stack: RegexNode[] = [ast];
  while (stack.length > 0) {
    const n = stack.pop() as RegexNode;
    visit(n);
    if (n.type === 'group' || n.type === 'repeat') stack.push(n.body);
    else if (n.type === 'concat') stack.push(...n.items);
    else if (n.type === 'alt') stack.push(...n.alternatives);
  }
}

const regexEscapable = new Set('.|[]()*+?^$\\{}'.split(''));

/**
 * Regex class escapes from other dialects, as a Winbox-form class the layer-7 library understands. Letters
 * need no upper-case range: the pattern and the data are both lower-cased before matching.
 */
const classEscapes: Readonly<Record<string, string>> = {
  d: '[0-9]',
  D: '[^0-9]',
  w: '[0-9a-z_]',
  W: '[^0-9a-z_]',
  s: '[ \t\n\r\v\f]',
  S: '[^ \t\n\r\v\f]',
};

/** One backslash escape in a CLI string that was meant for the regex. */
interface SingleEscape {
  start: number;
  end: number;
  shown: string;
  kind: 'hex' | 'meta' | 'class' | 'boundary';
}

/** Every regex escape written with one backslash in a CLI string (the raw material of RSC3001/RSC3010). */
function singleEscapes(p: L7Pattern): SingleEscape[] {
  if (p.form !== 'cli') return [];
  const out: SingleEscape[] = [];
  const decoded = decodeStringContent(p.raw, p.rawStart);
  for (const e of decoded.escapes) {
    const at = e.start - p.rawStart;
    const next = p.raw[at + 1];
    if (next === undefined) continue;
    // `\b` is a valid string escape (byte 0x08), so it shows up as a 'char' escape, not an invalid one.
    if (e.kind === 'char' && next === 'b') {
      out.push({ start: e.start, end: e.start + 2, shown: '\\b', kind: 'boundary' });
      continue;
    }
    if (e.kind !== 'invalid') continue;
    if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(p.raw.slice(at + 2, at + 4))) {
      out.push({ start: e.start, end: e.start + 4, shown: p.raw.slice(at, at + 4), kind: 'hex' });
    } else if (regexEscapable.has(next)) {
      out.push({ start: e.start, end: e.start + 2, shown: '\\' + next, kind: 'meta' });
    } else if (classEscapes[next] !== undefined) {
      out.push({ start: e.start, end: e.start + 2, shown: '\\' + next, kind: 'class' });
    } else if (next === 'B') {
      out.push({ start: e.start, end: e.start + 2, shown: '\\B', kind: 'boundary' });
    }
  }
  return out;
}

/**
 * RSC3001: a regex escape written with one backslash inside a CLI string (`"\xd5"`, `"\."`, `"\d"`). RouterOS
 * knows no such string escape and rejects the line; even where a decoder drops the backslash, the regex
 * would get `xd5` (three letters) or a bare metacharacter. Fix (safe): double the backslash; for class
 * escapes (`\d`), which the layer-7 library does not know either, the equivalent bracket expression. `\b` is
 * a valid string escape (byte 0x08) and word boundaries do not exist in this dialect: reported without a fix.
 * When the whole regexp is in the Winbox form, RSC3010 reports it once instead (see winboxFormInCli).
 */
export function singleBackslashRegexEscapes(p: L7Pattern): L7Finding[] {
  if (isWinboxFormInCli(p)) return [];
  return singleEscapes(p).map((s): L7Finding => {
    const next = s.shown.slice(1, 2);
    if (s.kind === 'boundary') {
      return {
        code: 'RSC3001',
        severity: next === 'b' ? 'warning' : 'error',
        message:
          next === 'b'
            ? '"\\b" in a CLI string is the string escape for byte 0x08 (backspace), so the regex receives that ' +
              'byte, not a word boundary; the layer-7 regex library has no word boundaries at all ("\\\\b" ' +
              'would only be the letter "b")'
            : '"\\B" is no string escape (RouterOS rejects the line), and the layer-7 regex library has no word ' +
              'boundaries: remove it',
        start: s.start,
        end: s.end,
      };
    }
    if (s.kind === 'class') {
      const cls = inForm(p, classEscapes[next]);
      return {
        code: 'RSC3001',
        message:
          `"${s.shown}" is a regex class escape written in a CLI string: "\\${next}" is no string escape ` +
          `(RouterOS rejects the line), and the layer-7 regex library has no class escapes either ` +
          `("\\\\${next}" would only match the letter "${next.toLowerCase()}"). Write the class "${cls}".`,
        start: s.start,
        end: s.end,
        fix: {
          title: `Write the class ${cls}`,
          edits: [{ start: s.start, end: s.end, newText: cls }],
          safe: true,
        },
      };
    }
    const meant = s.kind === 'hex' ? `byte 0x${s.shown.slice(2).toUpperCase()}` : `a literal "${next}"`;
    return {
      code: 'RSC3001',
      message:
        `"${s.shown}" is a regex escape written with one backslash in a CLI string: "\\${next}" is no string ` +
        `escape (RouterOS rejects the line), so the regex never sees "${s.shown}". For ${meant} write ` +
        `"\\${s.shown}" (the string decoder turns it into "${s.shown}", which the regex reads as ${meant}).`,
      start: s.start,
      end: s.end,
      fix: {
        title: `Double the backslash: \\${s.shown}`,
        edits: [{ start: s.start, end: s.start, newText: '\\' }],
        safe: true,
      },
    };
  });
}

/** The CLI (or Winbox) text of a regex-escaped literal byte: `\.` in Winbox, `\\.` in CLI. */
function escapedLiteral(p: L7Pattern, b: number): string {
  return inForm(p, '\\' + String.fromCharCode(b));
}

/**
 * Bytes that act as syntax when they reach the regex unescaped outside brackets: the dialect's
 * metacharacters plus `{` and `}`, which the kernel library reads as bytes but POSIX regex (and any other
 * library the pattern may meet) reads as bounded repetition.
 */
const metaOutside = (b: number): boolean => isMetaByte(b) || b === 0x7b || b === 0x7d;

type ClassNode = Extract<RegexNode, { type: 'class' }>;

/** For each engine index, the bracket expression it lies in (brackets do not nest, so one at most). */
function classByIndex(p: L7Pattern): (ClassNode | undefined)[] {
  const out: (ClassNode | undefined)[] = new Array<ClassNode | undefined>(p.engine.length).fill(undefined);
  walk(p.regex.ast, (n) => {
    if (n.type === 'class') for (let i = n.start; i < n.end; i++) out[i] = n;
  });
  return out;
}

/** Engine indices of bytes that the regex takes literally because a backslash before them escapes them. */
function escapedIndices(p: L7Pattern): Set<number> {
  const out = new Set<number>();
  walk(p.regex.ast, (n) => {
    if (n.type === 'byte' && n.escaped) out.add(n.start + 1);
  });
  return out;
}

/** A byte escape as it appears in the document: a regex `\xHH` or a string `\XX`. */
interface ByteEscape {
  engineIndex: number;
  span: Span;
  written: string;
}

/** Every byte escape of the pattern that produced one engine byte, regex `\xHH` or string `\XX` alike. */
function byteEscapes(p: L7Pattern): ByteEscape[] {
  const out: ByteEscape[] = [];
  const seen = new Set<number>();
  for (const h of p.hexEscapes) {
    // `\\xd5` in the field: the hex is converted, and the backslash before it escapes the byte it became.
    seen.add(h.engineIndex);
    out.push({ engineIndex: h.engineIndex, span: h.span, written: sourceOf(p, h.span) });
  }
  if (p.form === 'cli') {
    for (let e = 0; e < p.engine.length; e++) {
      if (seen.has(e)) continue;
      const span = p.engineSpans[e];
      const src = sourceOf(p, span);
      if (/^\\[0-9A-Fa-f]{2}$/.test(src)) out.push({ engineIndex: e, span, written: src });
    }
  }
  return out.sort((x, y) => x.engineIndex - y.engineIndex);
}

/**
 * RSC3002: a byte escape that reaches the regex as a metacharacter, either a regex `\xHH` (the
 * pre-processor turns it into the byte before compiling) or a string `\XX`. Outside brackets that is any of
 * `\ . | [ ] ( ) * + ? ^ $ { }` not escaped by a backslash before it; inside brackets, where every other
 * byte is literal, it is a `]` that closes the class early, a `^` that negates it, or a `-` that makes a
 * range. Fix (safe): the escaped literal, or inside brackets the byte moved to where it is literal.
 */
export function metacharByteEscapes(p: L7Pattern): L7Finding[] {
  const out: L7Finding[] = [];
  const escaped = escapedIndices(p);
  const classAt = classByIndex(p);
  const head = (b: number, written: string): string =>
    `"${written}" reaches the regex as the byte 0x${hex2(b).toUpperCase()} ("${String.fromCharCode(b)}") ` +
    'before the regex is compiled, and there it is syntax, not a byte: ';
  for (const x of byteEscapes(p)) {
    const b = p.engine.charCodeAt(x.engineIndex);
    const cls = classAt[x.engineIndex];
    if (cls === undefined) {
      if (!metaOutside(b) || escaped.has(x.engineIndex)) continue;
      const replacement = escapedLiteral(p, b);
      out.push({
        code: 'RSC3002',
        message:
          head(b, x.written) +
          (b === 0x5c
            ? 'a lone backslash escapes whatever follows it (or breaks the pattern at its end). '
            : `it means "${String.fromCharCode(b)}" in the regex, not the byte. `) +
          `To match the byte write "${replacement}".`,
        ...x.span,
        fix: {
          title: `Match the byte itself: ${replacement}`,
          edits: [{ ...x.span, newText: replacement }],
          safe: true,
        },
      });
      continue;
    }
    const finding = classMetaByte(p, cls, x, b);
    if (finding !== undefined) out.push(finding);
  }
  return out.sort((x, y) => x.start - y.start);
}

/** RSC3002 inside a bracket expression: `]` closing it, `^` first negating it, `-` making a range. */
function classMetaByte(p: L7Pattern, cls: ClassNode, x: ByteEscape, b: number): L7Finding | undefined {
  const e = x.engineIndex;
  const closed = cls.end - 1 > cls.start && p.engine[cls.end - 1] === ']';
  const first = cls.start + 1 + (cls.negated ? 1 : 0);
  const open = p.engineSpans[first - 1];
  const close = closed ? p.engineSpans[cls.end - 1] : undefined;
  const lit = (c: string): string => inForm(p, c);
  const written = `"${x.written}" reaches the regex as "${String.fromCharCode(b)}" before the regex is compiled`;
  if (b === 0x5d && closed && e === cls.end - 1) {
    return {
      code: 'RSC3002',
      message: `${written}, so it closes the bracket expression here; a "]" is a member only when it comes first.`,
      ...x.span,
      fix: {
        title: 'Put "]" first in the bracket expression',
        edits: [
          { start: open.end, end: open.end, newText: lit(']') },
          { ...x.span, newText: '' },
        ],
        safe: true,
      },
    };
  }
  if (b === 0x5e && e === cls.start + 1 && cls.negated) {
    const others = cls.items.length > 0;
    return {
      code: 'RSC3002',
      message:
        `${written}, so it negates the bracket expression (one byte that is NOT a member); a "^" is a member ` +
        'only when it does not come first.',
      ...x.span,
      fix:
        others && close !== undefined
          ? {
              title: 'Move "^" to the end of the bracket expression',
              edits: [
                { ...x.span, newText: '' },
                { start: close.start, end: close.start, newText: lit('^') },
              ],
              safe: true,
            }
          : undefined,
    };
  }
  if (b === 0x2d) {
    const range = cls.items.find((it) => it.kind === 'range' && it.start + 1 === e);
    if (range === undefined || close === undefined) return undefined;
    return {
      code: 'RSC3002',
      message: `${written}, so it makes a range of the bytes on either side; a "-" is a member only first or last.`,
      ...x.span,
      fix: {
        title: 'Move "-" to the end of the bracket expression',
        edits: [
          { ...x.span, newText: '' },
          { start: close.start, end: close.start, newText: lit('-') },
        ],
        safe: true,
      },
    };
  }
  return undefined;
}

/** RSC3003: `|` inside a bracket expression is the pipe byte, not "or". Suggestion: drop it from the class. */
export function pipeInBrackets(p: L7Pattern): L7Finding[] {
  const out: L7Finding[] = [];
  walk(p.regex.ast, (n) => {
    if (n.type !== 'class') return;
    for (const item of n.items) {
      if (item.kind !== 'byte' || item.byte !== 0x7c) continue;
      const span = p.engineSpans[item.start];
      out.push({
        code: 'RSC3003',
        message:
          'inside [ ] "|" is the pipe byte (0x7C), not "or": the class already means one byte out of its members, ' +
          'so this also matches any payload with a "|" in it.\n' +
          'Remove the "|" from the class; for a choice between sequences of bytes write (a|b) outside brackets.',
        start: span.start,
        end: span.end,
        fix: { title: 'Remove "|" from the class', edits: [{ ...span, newText: '' }], safe: false },
      });
    }
  });
  return out;
}

/**
 * RSC3004: a bracket expression that looks like a dotted IP address (`[\x4a.\x3a.\xda.\xca]`): a class
 * matches ONE byte. Suggestion: the byte sequence without brackets and dots.
 */
export function dottedIpClasses(p: L7Pattern): L7Finding[] {
  const out: L7Finding[] = [];
  walk(p.regex.ast, (n) => {
    if (n.type !== 'class' || n.negated) return;
    const items = n.items;
    const dots = items.filter((i) => i.kind === 'byte' && i.byte === 0x2e).length;
    const alternating =
      items.length >= 5 &&
      items.length % 2 === 1 &&
      items.every((it: ClassItem, k) => (k % 2 === 1) === (it.kind === 'byte' && it.byte === 0x2e));
    if (dots < 2 || !alternating) return;
    const octets = items.filter((_, k) => k % 2 === 0);
    const span: Span = { start: p.engineSpans[n.start].start, end: p.engineSpans[n.end - 1].end };
    const replacement = octets.map((o) => sourceOf(p, p.engineSpans[o.start])).join('');
    const zero = octets.some((o) => o.kind === 'byte' && o.byte === 0);
    out.push({
      code: 'RSC3004',
      message:
        `this class looks like a dotted IP address but matches ONE byte out of ${octets.length} bytes and "."; ` +
        `to match the ${octets.length} bytes in a row write them without brackets and dots` +
        (zero ? ' (a zero octet cannot be matched: NUL bytes are removed from the data)' : ''),
      start: span.start,
      end: span.end,
      fix: {
        title: `Match the byte sequence: ${replacement}`,
        edits: [{ ...span, newText: replacement }],
        safe: false,
      },
    });
  });
  return out;
}

/**
 * Rough chance that the node matches at one position of random data: a byte (or class member) has 1/256,
 * a letter 2/256 (the data is lower-cased, so both cases count), any byte 1; optional parts constrain
 * nothing. Good enough to tell "one byte anywhere" from "a real signature"; not a probability model.
 */
function density(n: RegexNode): number {
  const byteWeight = (b: number): number => (b >= 0x61 && b <= 0x7a ? 2 : 1);
  switch (n.type) {
    case 'byte':
      return byteWeight(n.byte) / 256;
    case 'any':
      return 1;
    case 'class': {
      let w = 0;
      for (let b = 0; b < 256; b++) {
        // An upper-case member is never seen: the engine text is lower-cased and the data is too.
        if (n.members[b] && !(b >= 0x41 && b <= 0x5a)) w += byteWeight(b);
      }
      return Math.min(1, (n.negated ? 256 - w : w) / 256);
    }
    case 'empty':
    case 'bol':
    case 'eol':
      return 1;
    case 'group':
      return density(n.body);
    case 'concat':
      return n.items.reduce((d, i) => d * density(i), 1);
    case 'alt':
      return Math.min(
        1,
        n.alternatives.reduce((d, a) => d + density(a), 0),
      );
    case 'repeat':
      return n.min === 0 ? 1 : density(n.body);
  }
}

/** Whether the pattern is anchored at the start or the end in every alternative of the top level. */
export function anchors(ast: RegexNode): { start: boolean; end: boolean } {
  const alts = ast.type === 'alt' ? ast.alternatives : [ast];
  const first = (n: RegexNode): RegexNode =>
    n.type === 'concat' ? n.items[0] : n.type === 'group' ? first(n.body) : n;
  const last = (n: RegexNode): RegexNode =>
    n.type === 'concat' ? n.items[n.items.length - 1] : n.type === 'group' ? last(n.body) : n;
  return {
    start: alts.every((a) => first(a).type === 'bol'),
    end: alts.every((a) => last(a).type === 'eol'),
  };
}

/** Bytes the matcher searches per connection at most (2 KB, or fewer when 10 packets come first). */
const SEARCHED_BYTES = 2048;
/** Bytes from the NAck's public address (payload offset 3 of 11) to the end of its payload. */
const NACK_ADDRESS_FROM_END = 8;

/** The most bytes the node can match (Infinity under `*` or `+`). */
function maxLength(n: RegexNode): number {
  switch (n.type) {
    case 'byte':
    case 'any':
    case 'class':
      return 1;
    case 'empty':
    case 'bol':
    case 'eol':
      return 0;
    case 'group':
      return maxLength(n.body);
    case 'concat':
      return n.items.reduce((s, i) => s + maxLength(i), 0);
    case 'alt':
      return Math.max(...n.alternatives.map(maxLength));
    case 'repeat':
      return n.max === 1 ? maxLength(n.body) : maxLength(n.body) === 0 ? 0 : Infinity;
  }
}

/** The command the editor runs to ask for the public addresses and write the generator's NAck pattern. */
export const NACK_REPLACE_COMMAND = 'routeros.replaceWithNackPattern';

function nackReplacementFix(p: L7Pattern): L7Fix {
  return {
    title: 'Replace with the NAck pattern for these addresses (asks for your public addresses)',
    edits: [],
    safe: false,
    command: {
      name: NACK_REPLACE_COMMAND,
      start: p.rawStart,
      end: p.rawStart + p.raw.length,
      args: [p.form],
    },
  };
}

/** Evaluations per connection at most: one per packet that adds data, 10 packets. */
const EVALUATIONS = 10;

/**
 * The RSC3005 threshold: a pattern is "short" when random data would give about 0.01 matches or more
 * where the matcher looks. Two plain bytes anywhere in 2 KB give 0.03 (flagged), three give 0.0001 (not
 * flagged); a class or a letter weighs more than a byte, so `[a-z][a-z][a-z]` is flagged while "abc" is not.
 */
export const SHORT_PATTERN_EXPECTED_MATCHES = 0.01;

/** What the rules that use a pattern let through to it (RSC3005's estimate depends on it). */
export interface L7UseContext {
  /**
   * Largest payload (bytes) a packet can have when every rule using the pattern has `packet-size=`: only
   * such packets reach the matcher, so the estimate is per packet. Undefined: per connection (2 KB).
   */
  maxPayload?: number;
  /** Set when a rule using the pattern detects the Skype NAck (`protocol=udp packet-size=39`). */
  nack?: boolean;
}

/**
 * Expected matches of the pattern in random data where the matcher looks: for an unanchored pattern every
 * position of the data (2 KB, or one packet's payload under `packet-size=`); anchored at the end, one position
 * per evaluation (10 per connection, or 1 per packet); anchored at the start, one position per connection.
 */
export function expectedRandomMatches(p: L7Pattern, use: L7UseContext = {}): number {
  const a = anchors(p.regex.ast);
  const d = density(p.regex.ast);
  if (a.start) return d;
  if (a.end) return use.maxPayload !== undefined ? d : EVALUATIONS * d;
  return (use.maxPayload !== undefined ? Math.max(1, use.maxPayload) : SEARCHED_BYTES) * d;
}

/**
 * RSC3005: a pattern made only of single bytes or short classes, so that random data matches it where the
 * matcher looks (the thread's "overmatch"). Unanchored it is searched anywhere; anchored at the end it still
 * matches any packet that ends with those bytes. The suggestion anchors an unanchored pattern at the end
 * (its title says what it then matches and that the finding may remain); for a NAck-detection rule it is
 * instead replaced by the generator's NAck pattern (see the LSP code action).
 */
export function unanchoredShort(p: L7Pattern, use: L7UseContext = {}): L7Finding[] {
  if (p.errors.length > 0 || p.engine.length === 0) return [];
  const a = anchors(p.regex.ast);
  if (a.start) return [];
  const longest = maxLength(p.regex.ast);
  const end = p.rawStart + p.raw.length;
  // Only a pattern of one or two bytes: NUL removal legitimately shortens the NAck (a zero octet drops out).
  if (a.end && use.nack === true && longest <= 2) {
    // The NAck's payload is 11 bytes with the address at offset 3: 8 bytes before the end of the data.
    return [
      {
        code: 'RSC3005',
        message:
          `anchored at the end, this pattern tests at most the last ${longest} byte${longest === 1 ? '' : 's'} of the NAck, ` +
          `not the public address at payload offset 3 (${NACK_ADDRESS_FROM_END} bytes before the end).\n` +
          'Use the NAck pattern for your addresses.',
        start: p.rawStart,
        end,
        fix: nackReplacementFix(p),
      },
    ];
  }
  // Anchored at the end, only a pattern of one or two bytes is "short"; longer ones pin bytes at an offset.
  if (a.end && longest > 2) return [];
  const expected = expectedRandomMatches(p, use);
  if (expected < SHORT_PATTERN_EXPECTED_MATCHES) return [];
  const where =
    use.maxPayload !== undefined
      ? `each packet of up to ${use.maxPayload} payload bytes that the rule's packet-size= lets through`
      : a.end
        ? 'each of the first 10 packets of a connection (at the end of the data so far)'
        : 'the first 2 KB / 10 packets of each connection (both directions)';
  const odds =
    expected >= 1
      ? `random data gives about ${Math.round(expected)} matches there`
      : `about 1 in ${Math.max(2, Math.round(1 / expected))} random ${use.maxPayload !== undefined ? 'packets' : 'connections'} matches`;
  const problem = a.end
    ? `pattern made of single bytes or short classes, anchored at the end: it is tried on ${where}, and ${odds}.`
    : `unanchored pattern made of single bytes or short classes: it is searched in ${where}, and ${odds}.`;
  const todo = use.nack
    ? 'For the Skype NAck, match the public address at payload offset 3: use the NAck pattern for your addresses.'
    : a.end
      ? 'Make it longer: add the bytes that must come before it.'
      : 'Anchor it and make it longer: "^" is the start of the connection\'s first collected payload, "$" the end of the packet being matched.';
  const finding: L7Finding = { code: 'RSC3005', message: `${problem}\n${todo}`, start: p.rawStart, end };
  if (use.nack === true) finding.fix = nackReplacementFix(p);
  else if (!a.end) {
    finding.fix = {
      title:
        'Anchor at the end ($): it then matches only data ending in these bytes, which may still be too weak',
      edits: [{ start: end, end, newText: inForm(p, '$') }],
      safe: false,
    };
  }
  return [finding];
}

/** RSC3006: the pattern does not compile; one finding per error, at the offending characters. */
export function compileErrors(p: L7Pattern): L7Finding[] {
  return p.errors.map((e) => ({
    code: 'RSC3006',
    message: `the regexp does not compile: ${e.message}`,
    start: e.start,
    end: e.end,
  }));
}

/** RSC3007: a hex escape of an ASCII letter; matching is case-insensitive, so both cases match. */
export function hexLetterEscapes(p: L7Pattern): L7Finding[] {
  const out: L7Finding[] = [];
  for (let e = 0; e < p.engine.length; e++) {
    const src = sourceOf(p, p.engineSpans[e]);
    const m = /^\\{1,2}x([0-9a-fA-F]{2})$|^\\([0-9A-Fa-f]{2})$/.exec(src);
    if (m === null) continue;
    const b = parseInt(m[1] ?? m[2], 16);
    const isLetter = (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
    if (!isLetter) continue;
    const lower = b | 0x20;
    const upper = lower - 0x20;
    out.push({
      code: 'RSC3007',
      message:
        `"${src}" is the letter "${String.fromCharCode(b)}": layer-7 matching is case-insensitive, so it matches ` +
        `both 0x${hex2(upper).toUpperCase()} ("${String.fromCharCode(upper)}") and 0x${hex2(lower).toUpperCase()} ("${String.fromCharCode(lower)}")`,
      ...p.engineSpans[e],
    });
  }
  return out;
}

/** Removes `\`-newline continuations (and the indentation after them) from raw CLI string content. */
function withoutContinuations(raw: string): string {
  return raw.replace(/\\\r?\n[ \t]*/g, '');
}

/**
 * True when a CLI string holds a whole regexp in the Winbox form: at least two regex escapes written with one
 * backslash and none written correctly with two. One slip in an otherwise CLI-aware pattern is RSC3001.
 */
function isWinboxFormInCli(p: L7Pattern): boolean {
  if (p.form !== 'cli') return false;
  const singles = singleEscapes(p).filter((s) => s.kind === 'hex' || s.kind === 'meta' || s.kind === 'class');
  if (singles.length < 2) return false;
  return !/\\\\(x[0-9a-fA-F]{2}|[.|[\]()*+?^$])/.test(p.raw);
}

/**
 * Places where the regex receives an escaped backslash (a literal backslash byte) right before syntax:
 * `\\.` in the field, i.e. `\\\\.` in a CLI string, which is what doubling the backslashes twice produces
 * from `\\.`. (A doubled `\\xd5` is harmless: pre-processing turns the `\xd5` into the byte, which the
 * backslash before it then escapes, so it still matches byte 0xD5.)
 */
function doubledTwice(p: L7Pattern): number {
  let count = 0;
  let proper = 0;
  walk(p.regex.ast, (n) => {
    if (n.type === 'byte' && n.escaped && n.byte !== 0x5c && isMetaByte(n.byte)) proper++;
    if (n.type === 'repeat' && isEscapedBackslash(n.body)) count++;
    if (n.type !== 'concat') return;
    for (let k = 0; k + 1 < n.items.length; k++) {
      if (!isEscapedBackslash(n.items[k])) continue;
      const t = n.items[k + 1].type;
      if (t === 'any' || t === 'class' || t === 'bol' || t === 'eol' || t === 'group') count++;
    }
  });
  return proper > 0 ? 0 : count;
}

function isEscapedBackslash(n: RegexNode): boolean {
  return n.type === 'byte' && n.escaped && n.byte === 0x5c;
}

/**
 * RSC3010: the Winbox form (single backslashes) pasted into a CLI string, judged on the whole regexp; or the
 * reverse, a CLI form whose backslashes were doubled once more (`\\\\.` reaching the regex as `\\.`, a
 * backslash byte and then any byte). Fix (safe): the whole regexp in CLI form.
 */
export function winboxFormInCli(p: L7Pattern): L7Finding[] {
  if (p.form !== 'cli') return [];
  const span: Span = { start: p.rawStart, end: p.rawStart + p.raw.length };
  if (isWinboxFormInCli(p)) {
    const cli = winboxToCli(withoutContinuations(p.raw));
    return [
      {
        code: 'RSC3010',
        message:
          'this regexp is written in the Winbox form (single backslashes) inside a CLI string: the string decoder ' +
          `takes the backslashes first (RouterOS rejects "\\x" and the like), so the regex never sees them. In a ` +
          `.rsc file it must read "${cli}".`,
        ...span,
        fix: { title: 'Convert the regexp to the CLI form', edits: [{ ...span, newText: cli }], safe: true },
      },
    ];
  }
  if (doubledTwice(p) === 0) return [];
  const again = decodeStringContent(p.winbox, 0);
  const clean = again.errors.length === 0 && !again.hasInterpolation;
  const cli = clean ? winboxToCli(again.value) : undefined;
  return [
    {
      code: 'RSC3010',
      // RouterOS takes this line; it just matches something else than meant.
      severity: 'warning',
      message:
        'the backslashes of this regexp were doubled twice: the field holds the CLI form ' +
        `"${p.winbox}", so the regex receives an escaped backslash (a backslash byte) where a regex escape was ` +
        `meant` +
        (cli !== undefined ? `. It should read "${cli}".` : '.'),
      ...span,
      fix:
        cli !== undefined
          ? { title: 'Remove the extra escaping', edits: [{ ...span, newText: cli }], safe: true }
          : undefined,
    },
  ];
}

/** RSC3012: a NUL byte in the pattern ends it (C string), and NULs never occur in the data anyway. */
export function nulBytes(p: L7Pattern): L7Finding[] {
  if (p.truncated === null) return [];
  const dropped = p.truncated.droppedWinbox;
  return [
    {
      code: 'RSC3012',
      message:
        'a NUL byte in the pattern ends it: the matcher keeps the pattern as a C string, so ' +
        `"${dropped}" is ignored; and NUL bytes are removed from the payload before matching, so none can match`,
      ...p.truncated.span,
    },
  ];
}

/**
 * RSC3013 (opt-in assumption): pattern bytes 0xC0-0xDE (not 0xD7) that a Latin-1 lower-casing of the pattern
 * would change. The reference code does not fold them (libxt_layer7.c pre_process: C-locale tolower). A byte
 * in a bracket expression that also lists its folded partner (`[\xd5\xf5]`) matches under both readings
 * and is not reported.
 */
export function latin1FoldBytes(p: L7Pattern): L7Finding[] {
  const classAt = classByIndex(p);
  const covered = (e: number, folded: number): boolean => classAt[e]?.members[folded] === true;
  return p.latin1Bytes
    .filter((l) => !covered(l.engineIndex, l.folded))
    .map((l) => ({
      code: 'RSC3013',
      message:
        `byte 0x${hex2(l.byte).toUpperCase()}: under the Latin-1 fold assumption you turned on, the matcher would look ` +
        `for 0x${hex2(l.folded).toUpperCase()} and miss a payload 0x${hex2(l.byte).toUpperCase()} (the reference code does not fold it).\n` +
        `To work under both readings list both bytes in a class: ${inForm(p, `[\\x${hex2(l.byte)}\\x${hex2(l.folded)}]`)}.`,
      ...l.span,
    }));
}

/**
 * Whether the node can match the empty string at a position where `^` holds (`bol`) and `$` holds (`eol`).
 * Anchors only ever fail, so allowing more of them never makes a node less nullable.
 */
function nullable(n: RegexNode, bol: boolean, eol: boolean): boolean {
  switch (n.type) {
    case 'empty':
      return true;
    case 'byte':
    case 'any':
    case 'class':
      return false;
    case 'bol':
      return bol;
    case 'eol':
      return eol;
    case 'group':
      return nullable(n.body, bol, eol);
    case 'concat':
      return n.items.every((i) => nullable(i, bol, eol));
    case 'alt':
      return n.alternatives.some((a) => nullable(a, bol, eol));
    case 'repeat':
      return n.min === 0 || nullable(n.body, bol, eol);
  }
}

/**
 * True when the pattern matches every buffer with at least one byte: it matches the empty string at the start
 * of the buffer or at its end, and every evaluated buffer has both (a packet that adds nothing is not evaluated).
 */
export function matchesEveryConnection(p: L7Pattern): boolean {
  if (p.program === null) return false;
  return nullable(p.regex.ast, true, false) || nullable(p.regex.ast, false, true);
}

/**
 * RSC3015: an empty alternative or empty group. The reference compiles it as an empty match (regexp.c
 * regbranch: NOTHING), so `a|` matches every connection and `x(a|)y` makes the `a` optional. Suggestion:
 * remove the empty branch; the title says what the pattern then is, and that it changes what matches.
 */
export function emptyBranches(p: L7Pattern): L7Finding[] {
  if (p.errors.length > 0 || p.truncated !== null) return [];
  const every = matchesEveryConnection(p);
  const docSpan = (from: number, to: number): Span => ({
    start: p.engineSpans[from].start,
    end: p.engineSpans[to - 1].end,
  });
  const result = (edits: L7Edit[]): string => {
    let out = p.raw;
    for (const e of [...edits].sort((x, y) => y.start - x.start)) {
      out = out.slice(0, e.start - p.rawStart) + e.newText + out.slice(e.end - p.rawStart);
    }
    return out;
  };
  return p.regex.emptyBranches.map((b): L7Finding => {
    const span = docSpan(b.start, b.end);
    const what = b.kind === 'group' ? 'empty group "()"' : 'empty alternative next to "|"';
    const problem = every
      ? `${what}: it matches the empty string, so the whole pattern matches every connection (on its first packet with data).`
      : `${what}: it matches the empty string, so the part around it is optional.`;
    const followedBy = p.engine[b.groupClose + 1];
    let edits: L7Edit[];
    let effect: string;
    if (b.kind === 'group') {
      // `()` and `()?` match nothing: removing them changes nothing.
      const end = followedBy === '?' ? b.end + 1 : b.end;
      edits = [{ ...docSpan(b.start, end), newText: '' }];
      effect = 'matches the same';
    } else if (b.groupOpen >= 0 && b.groupClose >= 0) {
      // `(a|)` is `(a)?`: say so explicitly, which matches the same.
      edits = [{ ...span, newText: '' }];
      if (followedBy !== '?') {
        const close = p.engineSpans[b.groupClose];
        edits.push({ start: close.end, end: close.end, newText: inForm(p, '?') });
      }
      effect = 'matches the same';
    } else {
      edits = [{ ...span, newText: '' }];
      effect = every ? 'no longer matches every connection' : 'matches less';
    }
    const after = result(edits);
    return {
      code: 'RSC3015',
      message: `${problem}\nRemove the empty branch, or write what it should match.`,
      ...span,
      fix: {
        title: `Remove the empty branch: the pattern becomes "${after}" and ${effect}`,
        edits,
        safe: false,
      },
    };
  });
}

/** RSC3014: bounded repetition or POSIX classes, which the kernel matcher's regex library does not know. */
export function unsupportedSyntax(p: L7Pattern): L7Finding[] {
  return p.unsupported.map((u) => {
    const finding: L7Finding = { code: 'RSC3014', message: u.message, ...u.span };
    let winboxText: string | undefined;
    if (u.kind === 'bounded-repetition' && u.bound?.atom !== undefined) {
      const a = u.bound.atom;
      const atomText = p.winbox.slice(p.engineWinbox[a.start].start, p.engineWinbox[a.end - 1].end);
      winboxText = expandBound(atomText, u.bound);
    } else if (u.kind === 'posix-class') winboxText = u.replacement;
    if (winboxText !== undefined) {
      const text = inForm(p, winboxText);
      const now = p.raw.slice(u.span.start - p.rawStart, u.span.end - p.rawStart);
      finding.fix = {
        title: `Expand to ${text}: it then matches what "${now}" means elsewhere, not the literal bytes the router reads today`,
        edits: [{ ...u.span, newText: text }],
        safe: false,
      };
    }
    return finding;
  });
}

/** Every finding above, in document order (what a hover or `rsc l7 test` may list). */
export function allFindings(p: L7Pattern): L7Finding[] {
  return [
    ...singleBackslashRegexEscapes(p),
    ...metacharByteEscapes(p),
    ...pipeInBrackets(p),
    ...dottedIpClasses(p),
    ...unanchoredShort(p),
    ...compileErrors(p),
    ...hexLetterEscapes(p),
    ...winboxFormInCli(p),
    ...nulBytes(p),
    ...latin1FoldBytes(p),
    ...unsupportedSyntax(p),
    ...emptyBranches(p),
  ].sort((a, b) => a.start - b.start || a.code.localeCompare(b.code));
}

export { byteName };
