// Exact decoding of RouterOS double-quoted string content: escapes, `\XX` bytes, backslash-newline
// continuations and `$...` interpolations, with a map from every decoded character back to the source.
// Also the inverse (`encodeStringContent`) and the scanner the lexer uses to find where a string ends.

/*
 * Evidence for the escape rules (RouterOS 7.22.1, parse corpus in ../shared/data/parse-corpus):
 *
 * - `\XX` with two upper-case hex digits is one byte: all 256 forms `\00`..`\FF` occur in accepted scripts
 *   (e.g. the rextended character tables), and the manual says "hex number should use capital letters".
 * - The letter escapes win over hex: `\a` `\b` `\f` are BEL, BS, FF whatever follows, so `\ab` is BEL + "b"
 *   (manual's escape table; a lower-case letter is never read as a hex digit). Upper-case `\AB` is 0xAB.
 * - Lower-case hex that is not a letter escape (`\0a`, `\Fa`, `\e4`, `\c3`): no script in the corpus uses
 *   it, so we cannot tell whether RouterOS rejects it. We decode it as the byte the writer most likely
 *   meant and report RSC1002 as a *warning* (never an error: a false error is worse than a missed one).
 * - Any other character after a backslash is rejected by RouterOS: `input="AT!CUSTOM=\”GPSSEL\”,1"` fails
 *   with "expected input value" at the character after the backslash, and no accepted script contains an
 *   unknown escape. That is RSC1002 with severity error.
 * - `\?` is still accepted by 7.22.1 (the manual calls it removed since 7.1rc2): exports use it.
 * - Backslash-newline inside a string is a continuation: /export wraps long strings this way. The IL of
 *   `dst-p\` + newline + `    ath=` shows the pieces `dst-p` and `ath`, so the newline and the indentation
 *   (spaces and tabs) that follow are not part of the value.
 * - `$name`, `$"name"`, `$(expr)` and `$[cmd]` inside a string are substituted at run time (the IL shows the
 *   string as a `(. ...)` concatenation); nested strings inside `$(...)`/`$[...]` are allowed
 *   (`"$[:pick "0123" 1]"` occurs in accepted scripts), so the scanner balances brackets and quotes.
 */

export type StringErrorCode = 'RSC1001' | 'RSC1002' | 'RSC1003';
export type StringSeverity = 'error' | 'warning' | 'information';

export interface StringError {
  code: StringErrorCode;
  message: string;
  start: number;
  end: number;
  severity: StringSeverity;
}

/** How an interpolation is written: `$name`, `$"name"`, `$(expr)` or `$[cmd]`. */
export type InterpForm = 'var' | 'quotedVar' | 'expr' | 'cmd';

export type StringPart =
  | { kind: 'text'; value: string; start: number; end: number }
  | {
      kind: 'interp';
      form: InterpForm;
      /** Range of the whole interpolation, `$` included. */
      start: number;
      end: number;
      /** Range of what is inside: the name, or the text between the brackets (without them). */
      innerStart: number;
      innerEnd: number;
      /** The variable name for `var`/`quotedVar` (decoded for the quoted form). */
      name?: string;
      /** False when the closing bracket or quote is missing. */
      closed: boolean;
    };

export type EscapeKind = 'char' | 'hex' | 'continuation' | 'invalid';

export interface StringEscape {
  start: number;
  end: number;
  kind: EscapeKind;
  /** The decoded character(s): one char for char/hex, '' for continuation and invalid. */
  value: string;
}

export interface DecodedString {
  /** The source text between the quotes. */
  raw: string;
  /** Decoded value; `\XX` gives one char 0..255. Interpolations contribute nothing. */
  value: string;
  hasInterpolation: boolean;
  /** offsets[i] = absolute source offset of the first raw char that produced value[i]; length value.length + 1. */
  offsets: number[];
  parts: StringPart[];
  errors: StringError[];
  escapes: StringEscape[];
}

/** Single-character escapes and what they mean. `\_` is a space. */
const charEscapes: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  n: '\n',
  r: '\r',
  t: '\t',
  $: '$',
  '?': '?',
  _: ' ',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
};

const isUpperHex = (c: string): boolean => (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
const isAnyHex = (c: string): boolean => isUpperHex(c) || (c >= 'a' && c <= 'f');
/** Characters of a `$name` variable reference inside a string. */
export const isVarNameChar = (c: string): boolean =>
  (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_';

/**
 * Scans a quoted string starting at `text[start] === '"'`. Returns the offset just after the closing quote,
 * or `text.length` with `closed: false` when the string (or a bracket of an interpolation) never closes.
 * Nested strings inside `$(...)` and `$[...]` are followed; the work is linear in the scanned length.
 */
export function scanString(text: string, start: number): { end: number; closed: boolean } {
  // The stack holds the closing char we wait for: '"' for a string, ')' ']' '}' for brackets.
  const stack: string[] = ['"'];
  let i = start + 1;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (top === '"') {
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (c === '"') {
        stack.pop();
        i++;
        if (stack.length === 0) return { end: i, closed: true };
        continue;
      }
      if (c === '$' && (text[i + 1] === '(' || text[i + 1] === '[')) {
        stack.push(text[i + 1] === '(' ? ')' : ']');
        i += 2;
        continue;
      }
      i++;
      continue;
    }
    // Inside an interpolation's brackets: code, with its own strings and brackets.
    if (c === '"') stack.push('"');
    else if (c === '(') stack.push(')');
    else if (c === '[') stack.push(']');
    else if (c === '{') stack.push('}');
    else if (c === top) stack.pop();
    else if (c === '\\') {
      i += 2;
      continue;
    }
    i++;
  }
  return { end: n, closed: false };
}

/** Finds the end of a bracketed interpolation body starting at `i` (just after `$(` or `$[`) within `raw`. */
function scanInterpBody(raw: string, i: number, close: string): { end: number; closed: boolean } {
  const stack: string[] = [close];
  const n = raw.length;
  while (i < n) {
    const c = raw[i];
    const top = stack[stack.length - 1];
    if (top === '"') {
      if (c === '\\') i += 2;
      else if (c === '"') {
        stack.pop();
        i++;
      } else if (c === '$' && (raw[i + 1] === '(' || raw[i + 1] === '[')) {
        stack.push(raw[i + 1] === '(' ? ')' : ']');
        i += 2;
      } else i++;
      continue;
    }
    if (c === '"') stack.push('"');
    else if (c === '(') stack.push(')');
    else if (c === '[') stack.push(']');
    else if (c === '{') stack.push('}');
    else if (c === top) {
      stack.pop();
      if (stack.length === 0) return { end: i, closed: true };
    } else if (c === '\\') {
      i += 2;
      continue;
    }
    i++;
  }
  return { end: n, closed: false };
}

/**
 * Decodes the content of a string literal. `raw` is the text between the quotes, `rawStart` the absolute
 * offset of its first character. Never throws; linear in `raw.length`.
 */
export function decodeStringContent(raw: string, rawStart: number): DecodedString {
  // Most strings (comments, names) hold no escape and no interpolation: their value is the raw text and
  // the offsets map is the identity, built only if a caller asks. This keeps big exports cheap to parse.
  if (raw.indexOf('\\') < 0 && raw.indexOf('$') < 0) return new PlainString(raw, rawStart);
  let value = '';
  const offsets: number[] = [];
  const parts: StringPart[] = [];
  const errors: StringError[] = [];
  const escapes: StringEscape[] = [];
  let hasInterpolation = false;
  let textValue = '';
  let textStart = -1;
  let textEnd = 0;
  const n = raw.length;

  const emit = (s: string, at: number, endAt: number): void => {
    for (let k = 0; k < s.length; k++) offsets.push(rawStart + at);
    value += s;
    if (textStart < 0) textStart = at;
    textValue += s;
    textEnd = endAt;
  };
  const flushText = (): void => {
    if (textStart >= 0) {
      parts.push({ kind: 'text', value: textValue, start: rawStart + textStart, end: rawStart + textEnd });
    }
    textStart = -1;
    textValue = '';
  };

  let i = 0;
  while (i < n) {
    const c = raw[i];
    if (c === '\\') {
      const d = raw[i + 1];
      if (d === undefined) {
        // A lone backslash at the very end can only happen when the closing quote is missing: the lexer
        // already reports the unterminated string, so only record the escape.
        escapes.push({ start: rawStart + i, end: rawStart + n, kind: 'invalid', value: '' });
        if (textStart < 0) textStart = i;
        textEnd = n;
        i = n;
        continue;
      }
      if (d === '\n' || d === '\r') {
        // Continuation: drop the newline (CRLF too) and the indentation that follows.
        let j = i + 2;
        if (d === '\r' && raw[j] === '\n') j++;
        while (j < n && (raw[j] === ' ' || raw[j] === '\t')) j++;
        escapes.push({ start: rawStart + i, end: rawStart + j, kind: 'continuation', value: '' });
        if (textStart < 0) textStart = i;
        textEnd = j;
        i = j;
        continue;
      }
      const simple = charEscapes[d];
      if (simple !== undefined) {
        escapes.push({ start: rawStart + i, end: rawStart + i + 2, kind: 'char', value: simple });
        emit(simple, i, i + 2);
        i += 2;
        continue;
      }
      const e = raw[i + 2];
      if (isUpperHex(d) && e !== undefined && isUpperHex(e)) {
        const byte = String.fromCharCode(parseInt(d + e, 16));
        escapes.push({ start: rawStart + i, end: rawStart + i + 3, kind: 'hex', value: byte });
        emit(byte, i, i + 3);
        i += 3;
        continue;
      }
      if (isAnyHex(d) && e !== undefined && isAnyHex(e)) {
        // Lower-case hex (see the evidence note at the top): decode, but ask for capitals.
        const byte = String.fromCharCode(parseInt(d + e, 16));
        const upper = (d + e).toUpperCase();
        escapes.push({ start: rawStart + i, end: rawStart + i + 3, kind: 'hex', value: byte });
        errors.push({
          code: 'RSC1002',
          message: `lower-case hex escape \\${d}${e}: RouterOS expects capital hex digits (\\${upper})`,
          start: rawStart + i,
          end: rawStart + i + 3,
          severity: 'warning',
        });
        emit(byte, i, i + 3);
        i += 3;
        continue;
      }
      // Unknown escape: RouterOS rejects the script. The backslash is dropped from the value and the
      // character after it is kept as text, which is the least surprising value for later layers.
      escapes.push({ start: rawStart + i, end: rawStart + i + 1, kind: 'invalid', value: '' });
      errors.push({
        code: 'RSC1002',
        message: `unknown escape sequence \\${d}: RouterOS expects one of \\" \\\\ \\n \\r \\t \\$ \\? \\_ \\a \\b \\f \\v or \\XX (two capital hex digits)`,
        start: rawStart + i,
        end: rawStart + i + 1 + (d.length > 0 ? 1 : 0),
        severity: 'error',
      });
      if (textStart < 0) textStart = i;
      textEnd = i + 1;
      i += 1;
      continue;
    }
    if (c === '$') {
      const d = raw[i + 1];
      if (d === '(' || d === '[') {
        const body = scanInterpBody(raw, i + 2, d === '(' ? ')' : ']');
        flushText();
        hasInterpolation = true;
        const end = body.closed ? body.end + 1 : n;
        parts.push({
          kind: 'interp',
          form: d === '(' ? 'expr' : 'cmd',
          start: rawStart + i,
          end: rawStart + end,
          innerStart: rawStart + i + 2,
          innerEnd: rawStart + body.end,
          closed: body.closed,
        });
        if (!body.closed) {
          errors.push({
            code: 'RSC1003',
            message: `expected closing ${d === '(' ? 'parenthesis' : 'bracket'} of the $${d}...${d === '(' ? ')' : ']'} substitution`,
            start: rawStart + i,
            end: rawStart + n,
            severity: 'error',
          });
        }
        i = end;
        continue;
      }
      if (d === '"') {
        // `$"name with-dash"`: the name is itself a (simple) quoted string inside the string.
        let j = i + 2;
        let name = '';
        while (j < n && raw[j] !== '"') {
          if (raw[j] === '\\' && j + 1 < n) {
            name += charEscapes[raw[j + 1]] ?? raw[j + 1];
            j += 2;
          } else name += raw[j++];
        }
        const closed = j < n;
        flushText();
        hasInterpolation = true;
        const end = closed ? j + 1 : n;
        parts.push({
          kind: 'interp',
          form: 'quotedVar',
          start: rawStart + i,
          end: rawStart + end,
          innerStart: rawStart + i + 2,
          innerEnd: rawStart + j,
          name,
          closed,
        });
        i = end;
        continue;
      }
      if (d !== undefined && isVarNameChar(d)) {
        let j = i + 1;
        while (j < n && isVarNameChar(raw[j])) j++;
        flushText();
        hasInterpolation = true;
        parts.push({
          kind: 'interp',
          form: 'var',
          start: rawStart + i,
          end: rawStart + j,
          innerStart: rawStart + i + 1,
          innerEnd: rawStart + j,
          name: raw.slice(i + 1, j),
          closed: true,
        });
        i = j;
        continue;
      }
      // A `$` that starts no substitution: RouterOS's verdict is unknown (no corpus case), so it stays
      // literal text with a hint to write `\$`.
      errors.push({
        code: 'RSC1002',
        message: 'a "$" that starts no variable is ambiguous: write \\$ for a literal dollar sign',
        start: rawStart + i,
        end: rawStart + i + 1,
        severity: 'warning',
      });
      emit('$', i, i + 1);
      i++;
      continue;
    }
    emit(c, i, i + 1);
    i++;
  }
  flushText();
  offsets.push(rawStart + n);
  return { raw, value, hasInterpolation, offsets, parts, errors, escapes };
}

const NO_ERRORS = Object.freeze([]) as unknown as StringError[];
const NO_ESCAPES = Object.freeze([]) as unknown as StringEscape[];

/** A string literal without escapes or interpolation: value === raw, offsets computed on first use. */
class PlainString implements DecodedString {
  readonly hasInterpolation = false;
  // Shared and frozen: a big export has a plain string on every line, and two empty arrays each were a
  // measurable share of the parse's memory.
  readonly errors: StringError[] = NO_ERRORS;
  readonly escapes: StringEscape[] = NO_ESCAPES;
  private lazyOffsets: number[] | undefined;
  private lazyParts: StringPart[] | undefined;

  constructor(
    readonly raw: string,
    private rawStart: number,
  ) {}

  /** Moves the string's source offsets by `delta` (see moveDecodedString). */
  move(delta: number): void {
    this.rawStart += delta;
    if (this.lazyOffsets) for (let i = 0; i < this.lazyOffsets.length; i++) this.lazyOffsets[i] += delta;
    if (this.lazyParts) {
      for (const p of this.lazyParts) {
        p.start += delta;
        p.end += delta;
      }
    }
  }

  get value(): string {
    return this.raw;
  }

  get offsets(): number[] {
    if (!this.lazyOffsets) {
      const o = new Array<number>(this.raw.length + 1);
      for (let i = 0; i <= this.raw.length; i++) o[i] = this.rawStart + i;
      this.lazyOffsets = o;
    }
    return this.lazyOffsets;
  }

  get parts(): StringPart[] {
    if (!this.lazyParts) {
      this.lazyParts = this.raw.length
        ? [{ kind: 'text', value: this.raw, start: this.rawStart, end: this.rawStart + this.raw.length }]
        : [];
    }
    return this.lazyParts;
  }
}

/**
 * Moves every source offset of a decoded string by `delta`, in place: the incremental parser reuses the
 * literals after an edit at their new offsets.
 */
export function moveDecodedString(d: DecodedString, delta: number): void {
  if (d instanceof PlainString) {
    d.move(delta);
    return;
  }
  const offsets = d.offsets;
  for (let i = 0; i < offsets.length; i++) offsets[i] += delta;
  for (const p of d.parts) {
    p.start += delta;
    p.end += delta;
    if (p.kind === 'interp') {
      p.innerStart += delta;
      p.innerEnd += delta;
    }
  }
  for (const e of d.errors) {
    e.start += delta;
    e.end += delta;
  }
  for (const e of d.escapes) {
    e.start += delta;
    e.end += delta;
  }
}

export interface EncodeOptions {
  /**
   * Treat chars 0x80..0xFF as bytes and write them as `\XX` (right for layer-7 patterns and other binary
   * values). By default they are written literally, which suits text such as comments.
   */
  binary?: boolean;
}

const encodeNamed: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  $: '\\$',
  '?': '\\?',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** Inverse of `decodeStringContent` for a plain value: the raw content RouterOS reads back as `value`. */
export function encodeStringContent(value: string, options: EncodeOptions = {}): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    const named = encodeNamed[c];
    if (named !== undefined) {
      out += named;
      continue;
    }
    const code = c.charCodeAt(0);
    if (code < 0x20 || code === 0x7f || (options.binary === true && code >= 0x80 && code <= 0xff)) {
      out += '\\' + code.toString(16).toUpperCase().padStart(2, '0');
    } else out += c;
  }
  return out;
}
