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
}

export interface L7Finding extends Span {
  code: string;
  message: string;
  fix?: L7Fix;
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

/** Engine indices that lie inside a bracket expression (there `.`, `|`, `\` ... are plain bytes). */
function classIndices(p: L7Pattern): Set<number> {
  const inside = new Set<number>();
  walk(p.regex.ast, (n) => {
    if (n.type === 'class') for (let i = n.start; i < n.end; i++) inside.add(i);
  });
  return inside;
}

const regexEscapable = new Set('.|[]()*+?^$\\{}'.split(''));

/**
 * RSC3001: a regex escape written with one backslash inside a CLI string (`"\xd5"`, `"\."`). RouterOS knows
 * no such string escape and rejects the line; even where a decoder drops the backslash, the regex would get
 * `xd5` (three letters) or a bare metacharacter. Fix (safe): double the backslash.
 */
export function singleBackslashRegexEscapes(p: L7Pattern): L7Finding[] {
  if (p.form !== 'cli') return [];
  const out: L7Finding[] = [];
  const decoded = decodeStringContent(p.raw, p.rawStart);
  for (const e of decoded.escapes) {
    if (e.kind !== 'invalid') continue;
    const at = e.start - p.rawStart;
    const next = p.raw[at + 1];
    if (next === undefined) continue;
    const isHex = next === 'x' && /^[0-9a-fA-F]{2}$/.test(p.raw.slice(at + 2, at + 4));
    if (!isHex && !regexEscapable.has(next)) continue;
    const shown = isHex ? p.raw.slice(at, at + 4) : p.raw.slice(at, at + 2);
    const meant = isHex ? `byte 0x${p.raw.slice(at + 2, at + 4).toUpperCase()}` : `a literal "${next}"`;
    out.push({
      code: 'RSC3001',
      message:
        `"${shown}" is a regex escape written with one backslash in a CLI string: "\\${next}" is no string ` +
        `escape (RouterOS rejects it), so the regex never sees "${shown}". For ${meant} write "\\${shown}".`,
      start: e.start,
      end: e.start + shown.length,
      fix: {
        title: `Double the backslash: \\${shown}`,
        edits: [{ start: e.start, end: e.start, newText: '\\' }],
        safe: true,
      },
    });
  }
  return out;
}

/** The CLI (or Winbox) text of a regex-escaped literal byte: `\.` in Winbox, `\\.` in CLI. */
function escapedLiteral(p: L7Pattern, b: number): string {
  return inForm(p, '\\' + String.fromCharCode(b));
}

/**
 * RSC3002: a byte escape that reaches the regex as a metacharacter, either a regex `\xHH` (the
 * pre-processor turns it into the byte before compiling) or a string `\XX`. Inside a bracket expression
 * these bytes are literal anyway and are not reported. Fix (safe): the escaped literal.
 */
export function metacharByteEscapes(p: L7Pattern): L7Finding[] {
  const out: L7Finding[] = [];
  const inClass = classIndices(p);
  const report = (span: Span, written: string, b: number): void => {
    const replacement = escapedLiteral(p, b);
    out.push({
      code: 'RSC3002',
      message:
        `"${written}" reaches the regex as the metacharacter "${String.fromCharCode(b)}", not as the byte ` +
        `0x${hex2(b).toUpperCase()}: the escape is turned into the byte before the regex is compiled. ` +
        `To match the byte write "${replacement}".`,
      start: span.start,
      end: span.end,
      fix: {
        title: `Match the byte itself: ${replacement}`,
        edits: [{ ...span, newText: replacement }],
        safe: true,
      },
    });
  };
  const seen = new Set<number>();
  for (const h of p.hexEscapes) {
    seen.add(h.engineIndex);
    if (!isMetaByte(h.engineByte) || h.afterBackslash || inClass.has(h.engineIndex)) continue;
    report(h.span, sourceOf(p, h.span), h.engineByte);
  }
  if (p.form === 'cli') {
    // String escapes `\XX` whose byte is a metacharacter (e.g. `\2E`), not preceded by a regex backslash.
    for (let e = 0; e < p.engine.length; e++) {
      if (seen.has(e) || inClass.has(e)) continue;
      const b = p.engine.charCodeAt(e);
      const span = p.engineSpans[e];
      const src = sourceOf(p, span);
      if (!isMetaByte(b) || !/^\\[0-9A-Fa-f]{2}$/.test(src)) continue;
      const wb = p.engineWinbox[e].start;
      let run = 0;
      for (let k = wb - 1; k >= 0 && p.winbox[k] === '\\'; k--) run++;
      if (run % 2 === 1) continue;
      report(span, src, b);
    }
  }
  return out.sort((x, y) => x.start - y.start);
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
          'so this also matches any payload with a "|" in it',
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

/** Shortest number of bytes a node can match (anchors count 0). */
function minLength(n: RegexNode): number {
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
      return minLength(n.body);
    case 'concat':
      return n.items.reduce((s, i) => s + minLength(i), 0);
    case 'alt':
      return Math.min(...n.alternatives.map(minLength));
    case 'repeat':
      return n.min === 0 ? 0 : minLength(n.body);
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

/** Patterns this short match somewhere inside almost any payload. */
export const SHORT_PATTERN_BYTES = 2;

/**
 * RSC3005: an unanchored pattern that needs at most two bytes: it will match inside almost any connection
 * (the thread's "overmatch"). Suggestion: anchor at the end of the packet being matched.
 */
export function unanchoredShort(p: L7Pattern): L7Finding[] {
  if (p.errors.length > 0 || p.engine.length === 0) return [];
  const a = anchors(p.regex.ast);
  if (a.start || a.end) return [];
  const min = minLength(p.regex.ast);
  if (min > SHORT_PATTERN_BYTES) return [];
  const end = p.rawStart + p.raw.length;
  return [
    {
      code: 'RSC3005',
      message:
        `unanchored pattern that needs only ${min} byte${min === 1 ? '' : 's'}: it is searched anywhere in the first ` +
        '2 KB / 10 packets of each connection (both directions), so it matches almost any traffic. Anchor it: ' +
        '"^" is the start of the connection\'s first collected payload, "$" the end of the packet being matched.',
      start: p.rawStart,
      end,
      fix: {
        title: 'Anchor at the end of the packet being matched ($)',
        edits: [{ start: end, end, newText: inForm(p, '$') }],
        safe: false,
      },
    },
  ];
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

/** Bytes of the regex escape grammar that the Winbox form uses and a CLI string cannot hold unescaped. */
function looksLikeWinboxForm(p: L7Pattern): boolean {
  const single = singleBackslashRegexEscapes(p).length;
  if (single === 0) return false;
  // A doubled backslash before a regex escape shows the writer knew the CLI form; then it is a slip, not a paste.
  return !/\\\\(x[0-9a-fA-F]{2}|[.|[\]()*+?^$])/.test(p.raw);
}

/**
 * RSC3010: the Winbox form (single backslashes) pasted into a CLI string, judged on the whole regexp; or the
 * reverse, a CLI form whose backslashes were doubled once more (`\\\\xd5` reaching the regex as `\\xd5`).
 * Fix (safe): the whole regexp in CLI form.
 */
export function winboxFormInCli(p: L7Pattern): L7Finding[] {
  if (p.form !== 'cli') return [];
  const span: Span = { start: p.rawStart, end: p.rawStart + p.raw.length };
  if (looksLikeWinboxForm(p)) {
    const cli = winboxToCli(p.raw);
    return [
      {
        code: 'RSC3010',
        message:
          'this regexp is written in the Winbox form (single backslashes) inside a CLI string: the string decoder ' +
          `takes the backslashes first. In a .rsc file it must read "${cli}".`,
        ...span,
        fix: { title: 'Convert the regexp to the CLI form', edits: [{ ...span, newText: cli }], safe: true },
      },
    ];
  }
  // The reverse: every regex escape arrives with an extra backslash in front (`\\xd5` in the field).
  const doubled = p.hexEscapes.filter((h) => h.afterBackslash);
  if (doubled.length > 0 && doubled.length === p.hexEscapes.length) {
    const fixed = p.winbox.replace(/\\\\(x[0-9a-fA-F]{2})/g, '\\$1');
    const cli = winboxToCli(fixed);
    return [
      {
        code: 'RSC3010',
        message:
          'the backslashes of this regexp were doubled twice: the regex receives "\\\\x.." (an escaped backslash ' +
          `before the escape), the CLI form of the Winbox text. It should read "${cli}".`,
        ...span,
        fix: { title: 'Remove the extra escaping', edits: [{ ...span, newText: cli }], safe: true },
      },
    ];
  }
  return [];
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

/** RSC3013: pattern bytes 0xC0-0xDE (not 0xD7) that the kernel's Latin-1 lower-casing changes. */
export function latin1FoldBytes(p: L7Pattern): L7Finding[] {
  return p.latin1Bytes.map((l) => ({
    code: 'RSC3013',
    message:
      `byte 0x${hex2(l.byte).toUpperCase()}: the kernel layer-7 matcher lower-cases the pattern with Latin-1 ` +
      `rules (but not the payload), so on a router that inherited this it looks for 0x${hex2(l.folded).toUpperCase()} ` +
      `instead and a payload byte 0x${hex2(l.byte).toUpperCase()} would not match`,
    ...l.span,
  }));
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
      finding.fix = { title: `Expand to ${text}`, edits: [{ ...u.span, newText: text }], safe: true };
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
  ].sort((a, b) => a.start - b.start || a.code.localeCompare(b.code));
}

export { byteName };
