// A layer-7 pattern through both decoders: the RouterOS string decoder (CLI form only), then the l7-filter
// pre-processing (`\xHH` to bytes, lower-casing, NUL truncation) and the regex compiler. Every engine byte
// keeps the document range it came from, so lints and hovers can point at the source.
import { decodeStringContent, encodeStringContent, type StringError } from '../syntax/strings';
import { compileRegex, type Program, type SearchResult } from './engine';
import { searchFast } from './dfa';
import { parseRegex, type ParsedRegex, type RegexErrorCode, type Unsupported } from './regex';

/** A document range (0-based UTF-16 offsets, end exclusive). */
export interface Span {
  start: number;
  end: number;
}

export interface PatternOptions {
  /**
   * The opt-in assumption of a matcher that lower-cases the pattern with Latin-1 rules: bytes 0xC0-0xDE (not
   * 0xD7) become 0xE0-0xFE while the payload keeps them. Off by default: the reference code (libxt_layer7.c
   * pre_process) uses C-locale tolower, so the pattern means the bytes as written.
   */
  latin1Fold?: boolean;
}

/** A regex `\xHH` escape seen by the pre-processor (after string decoding). */
export interface HexEscape {
  /** Range in the winbox text. */
  winboxStart: number;
  winboxEnd: number;
  /** Document range. */
  span: Span;
  /** The byte as written (before lower-casing). */
  byte: number;
  /** The byte the regex compiler receives. */
  engineByte: number;
  engineIndex: number;
  /** True when a backslash precedes the escape in the winbox text (`\\xd5`), which then escapes the byte. */
  afterBackslash: boolean;
}

export interface L7CompileError extends Span {
  code: RegexErrorCode;
  message: string;
  /** Engine-text range of the error. */
  engineStart: number;
  engineEnd: number;
}

export interface L7Pattern {
  form: 'cli' | 'winbox';
  /** What the user wrote: the CLI string content (between the quotes) or the Winbox field. */
  raw: string;
  /** Document offset of raw[0]. */
  rawStart: number;
  /** The field content after string decoding (what Winbox would show). */
  winbox: string;
  /** Document range of each winbox char. */
  winboxSpans: Span[];
  /** The winbox text as the bytes RouterOS stores (chars above 0xFF in UTF-8), with the winbox index of each. */
  bytes: number[];
  byteSource: number[];
  /** Engine text: one char per byte (0..255), after `\xHH` conversion, lower-casing and NUL truncation. */
  engine: string;
  /** Document range of each engine byte. */
  engineSpans: Span[];
  /** Winbox-text range of each engine byte. */
  engineWinbox: { start: number; end: number }[];
  hexEscapes: HexEscape[];
  /** Set when a NUL byte ended the pattern early: where it is and how much of the pattern was lost. */
  truncated: { engineIndex: number; span: Span; droppedWinbox: string } | null;
  latin1Fold: boolean;
  /** Engine bytes the Latin-1 fold touches (0xC0-0xDE except 0xD7 before folding), by engine index. */
  latin1Bytes: { engineIndex: number; byte: number; folded: number; span: Span }[];
  regex: ParsedRegex;
  errors: L7CompileError[];
  unsupported: (Unsupported & { span: Span })[];
  /** Errors of the string decoder (CLI form only): invalid escapes and the like. */
  stringErrors: StringError[];
  /** True when the CLI string contains `$var` or `$(...)`: the value is only known at run time. */
  hasInterpolation: boolean;
  /** The compiled program, or null when the pattern does not compile (the matcher then never matches). */
  program: Program | null;
  /** The raw content of a CLI string that RouterOS decodes to this winbox text. */
  toCli(): string;
  toWinbox(): string;
}

const isHexDigit = (b: number): boolean =>
  (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);

/** Lower-cases one pattern byte as pre_process does (ASCII A-Z), plus Latin-1 under the opt-in assumption. */
export function lowerPatternByte(b: number, latin1Fold: boolean): number {
  if (b >= 0x41 && b <= 0x5a) return b + 0x20;
  if (latin1Fold && isLatin1Upper(b)) return b + 0x20;
  return b;
}

/** Bytes the kernel's Latin-1 ctype table calls upper case: 0xC0-0xDE except 0xD7 (the multiplication sign). */
export function isLatin1Upper(b: number): boolean {
  return b >= 0xc0 && b <= 0xde && b !== 0xd7;
}

const encoder = new TextEncoder();
function utf8(code: number): number[] {
  return [...encoder.encode(String.fromCodePoint(code))];
}

/**
 * Builds a pattern from winbox text whose chars have document ranges. `charIsByte(i)` says whether a char
 * in 0x80..0xFF stands for that byte (an escape, or Winbox input) rather than for a character to encode.
 */
function build(
  form: 'cli' | 'winbox',
  raw: string,
  rawStart: number,
  winbox: string,
  winboxSpans: Span[],
  charIsByte: (i: number) => boolean,
  stringErrors: StringError[],
  hasInterpolation: boolean,
  options: PatternOptions,
): L7Pattern {
  const latin1Fold = options.latin1Fold === true;
  // 1. Winbox text to bytes.
  const bytes: number[] = [];
  const byteSource: number[] = [];
  for (let i = 0; i < winbox.length; i++) {
    const code = winbox.codePointAt(i) as number;
    if (code < 0x80 || (code <= 0xff && charIsByte(i))) {
      bytes.push(code);
      byteSource.push(i);
    } else {
      for (const b of utf8(code)) {
        bytes.push(b);
        byteSource.push(i);
      }
      if (code > 0xffff) i++;
    }
  }
  const spanOfBytes = (from: number, to: number): Span => {
    const a = winboxSpans[byteSource[from]];
    const b = winboxSpans[byteSource[to - 1]];
    return { start: a.start, end: b.end };
  };

  // 2. l7-filter pre-processing. The scan mirrors the kernel's: a `\xHH` is recognised wherever it starts,
  // even right after another backslash, and every byte is lower-cased; a NUL ends the C string.
  let engine = '';
  const engineSpans: Span[] = [];
  const engineWinbox: { start: number; end: number }[] = [];
  const hexEscapes: HexEscape[] = [];
  const latin1Bytes: L7Pattern['latin1Bytes'] = [];
  let truncated: L7Pattern['truncated'] = null;
  let s = 0;
  while (s < bytes.length) {
    let byte: number;
    let width = 1;
    if (
      s + 3 < bytes.length &&
      bytes[s] === 0x5c &&
      bytes[s + 1] === 0x78 &&
      isHexDigit(bytes[s + 2]) &&
      isHexDigit(bytes[s + 3])
    ) {
      byte = parseInt(String.fromCharCode(bytes[s + 2], bytes[s + 3]), 16);
      width = 4;
    } else byte = bytes[s];
    const span = spanOfBytes(s, s + width);
    const wb = { start: byteSource[s], end: byteSource[s + width - 1] + 1 };
    if (byte === 0) {
      truncated = { engineIndex: engine.length, span, droppedWinbox: winbox.slice(wb.start) };
      break;
    }
    const lowered = lowerPatternByte(byte, latin1Fold);
    if (isLatin1Upper(byte)) {
      latin1Bytes.push({ engineIndex: engine.length, byte, folded: byte + 0x20, span });
    }
    if (width === 4) {
      hexEscapes.push({
        winboxStart: wb.start,
        winboxEnd: wb.end,
        span,
        byte,
        engineByte: lowered,
        engineIndex: engine.length,
        afterBackslash: s > 0 && bytes[s - 1] === 0x5c && !precededByEscapedBackslash(bytes, s - 1),
      });
    }
    engine += String.fromCharCode(lowered);
    engineSpans.push(span);
    engineWinbox.push(wb);
    s += width;
  }

  // 3. The regex compiler.
  const regex = parseRegex(engine);
  const docSpan = (a: number, b: number): Span => {
    if (engineSpans.length === 0) return { start: rawStart, end: rawStart + raw.length };
    const first = engineSpans[Math.min(a, engineSpans.length - 1)];
    const last = engineSpans[Math.min(Math.max(b - 1, a), engineSpans.length - 1)];
    return a >= engineSpans.length
      ? { start: last.end, end: last.end }
      : { start: first.start, end: Math.max(last.end, first.start) };
  };
  const errors: L7CompileError[] = regex.errors.map((e) => ({
    ...docSpan(e.start, e.end),
    code: e.code,
    message: e.message,
    engineStart: e.start,
    engineEnd: e.end,
  }));
  const unsupported = regex.unsupported.map((u) => ({ ...u, span: docSpan(u.start, u.end) }));
  const program = errors.length === 0 ? compileRegex(regex.ast) : null;

  return {
    form,
    raw,
    rawStart,
    winbox,
    winboxSpans,
    bytes,
    byteSource,
    engine,
    engineSpans,
    engineWinbox,
    hexEscapes,
    truncated,
    latin1Fold,
    latin1Bytes,
    regex,
    errors,
    unsupported,
    stringErrors,
    hasInterpolation,
    program,
    toCli: () => winboxToCli(winbox),
    toWinbox: () => winbox,
  };
}

/** True when bytes[i] is a backslash that is itself escaped by an odd run of backslashes before it. */
function precededByEscapedBackslash(bytes: number[], i: number): boolean {
  let k = i - 1;
  let run = 0;
  while (k >= 0 && bytes[k] === 0x5c) {
    run++;
    k--;
  }
  return run % 2 === 1;
}

/** The CLI string content (between the quotes) that RouterOS decodes to `winbox`. */
export function winboxToCli(winbox: string): string {
  return encodeStringContent(winbox, { binary: true });
}

/**
 * A pattern as written in a `.rsc` file: `raw` is the content between the quotes of `regexp="..."` and
 * `rawStart` the document offset of its first character. Never throws.
 */
export function fromCli(raw: string, rawStart = 0, options: PatternOptions = {}): L7Pattern {
  const decoded = decodeStringContent(raw, rawStart);
  const escapeEnd = new Map<number, number>();
  for (const e of decoded.escapes) if (e.kind === 'char' || e.kind === 'hex') escapeEnd.set(e.start, e.end);
  const spans: Span[] = [];
  for (let i = 0; i < decoded.value.length; i++) {
    const start = decoded.offsets[i];
    const esc = escapeEnd.get(start);
    const wide = decoded.value.charCodeAt(i) >= 0xd800 && decoded.value.charCodeAt(i) <= 0xdbff;
    spans.push({ start, end: esc ?? start + 1 });
    if (wide && i + 1 < decoded.value.length) {
      // The low surrogate shares the character's range.
      spans.push({ start, end: start + 2 });
      spans[i] = { start, end: start + 2 };
      i++;
    }
  }
  // A char 0x80..0xFF is a byte when it came from a `\XX` escape; typed as text it is UTF-8 in the file.
  const charIsByte = (i: number): boolean => escapeEnd.has(decoded.offsets[i]);
  return build(
    'cli',
    raw,
    rawStart,
    decoded.value,
    spans,
    charIsByte,
    decoded.errors,
    decoded.hasInterpolation,
    options,
  );
}

/**
 * A pattern as typed in Winbox (or shown by `print`): the regex field itself. Chars 0x80..0xFF are taken
 * as bytes. `textStart` is the document offset of text[0] when the text sits in a document.
 */
export function fromWinbox(text: string, options: PatternOptions = {}, textStart = 0): L7Pattern {
  const spans: Span[] = [];
  for (let i = 0; i < text.length; i++) spans.push({ start: textStart + i, end: textStart + i + 1 });
  return build('winbox', text, textStart, text, spans, () => true, [], false, options);
}

/**
 * Searches a byte buffer with a compiled pattern (no connection semantics; see connection.ts for those): a
 * lazily built DFA decides in one pass (cached by engine text), the Pike VM locates a match.
 */
export function searchBytes(
  pattern: L7Pattern,
  data: Uint8Array,
  length: number = data.length,
): SearchResult {
  if (pattern.program === null) return { match: null, steps: 0 };
  return searchFast(pattern.engine, pattern.program, data, length);
}

/** The engine text with non-printable bytes as `\xHH` (for display: hovers, the CLI). */
export function printableEngine(engine: string): string {
  let out = '';
  for (let i = 0; i < engine.length; i++) {
    const b = engine.charCodeAt(i);
    out += b >= 0x20 && b <= 0x7e ? engine[i] : '\\x' + b.toString(16).padStart(2, '0');
  }
  return out;
}
