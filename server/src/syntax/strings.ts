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

// Shared and frozen: most strings have no errors or escapes, and a big export has one on every line.
const NO_ERRORS = Object.freeze([]) as unknown as StringError[];
const NO_ESCAPES = Object.freeze([]) as unknown as StringEscape[];

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
  return decode(raw, rawStart, undefined);
}

/**
 * The decoder. The offsets map (one number per decoded character) is filled only when `offsets` is given:
 * a DecodedString builds it on first use by decoding again, which gives the same result.
 */
function decode(raw: string, rawStart: number, offsets: number[] | undefined): DecodedString {
  return new Decoder(raw, rawStart, offsets).run();
}

/**
 * The state of one decode. A class rather than closures: a big export decodes a string with a continuation
 * on every line, and five closures per string were most of the garbage.
 */
class Decoder {
  private parts: StringPart[] | undefined;
  private errors: StringError[] = NO_ERRORS;
  private escapes: StringEscape[] = NO_ESCAPES;
  private hasInterpolation = false;
  /** The value of the text part being built, and where it starts and ends in `raw` (-1: none open). */
  private textValue = '';
  private textStart = -1;
  private textEnd = 0;

  constructor(
    private readonly raw: string,
    private readonly rawStart: number,
    private readonly offsets: number[] | undefined,
  ) {}

  private addError(e: StringError): void {
    if (this.errors === NO_ERRORS) this.errors = [e];
    else this.errors.push(e);
  }

  private addEscape(e: StringEscape): void {
    if (this.escapes === NO_ESCAPES) this.escapes = [e];
    else this.escapes.push(e);
  }

  private addPart(p: StringPart): void {
    if (this.parts) this.parts.push(p);
    else this.parts = [p];
  }

  private emit(s: string, at: number, endAt: number): void {
    if (this.offsets) for (let k = 0; k < s.length; k++) this.offsets.push(this.rawStart + at);
    if (this.textStart < 0) this.textStart = at;
    this.textValue += s;
    this.textEnd = endAt;
  }

  /** Plain characters raw[at, end): each decodes to itself, so they go in as one slice. */
  private emitRun(at: number, end: number): void {
    if (this.offsets) for (let k = at; k < end; k++) this.offsets.push(this.rawStart + k);
    if (this.textStart < 0) this.textStart = at;
    this.textValue += this.raw.slice(at, end);
    this.textEnd = end;
  }

  private flushText(): void {
    if (this.textStart >= 0) {
      this.addPart({
        kind: 'text',
        value: this.textValue,
        start: this.rawStart + this.textStart,
        end: this.rawStart + this.textEnd,
      });
    }
    this.textStart = -1;
    this.textValue = '';
  }

  run(): DecodedString {
    const raw = this.raw;
    const rawStart = this.rawStart;
    const n = raw.length;
    let i = 0;
    while (i < n) {
      const c = raw[i];
      if (c === '\\') {
        const d = raw[i + 1];
        if (d === undefined) {
          // A lone backslash at the very end can only happen when the closing quote is missing: the lexer
          // already reports the unterminated string, so only record the escape.
          this.addEscape({ start: rawStart + i, end: rawStart + n, kind: 'invalid', value: '' });
          if (this.textStart < 0) this.textStart = i;
          this.textEnd = n;
          i = n;
          continue;
        }
        if (d === '\n' || d === '\r') {
          // Continuation: drop the newline (CRLF too) and the indentation that follows.
          let j = i + 2;
          if (d === '\r' && raw[j] === '\n') j++;
          while (j < n && (raw[j] === ' ' || raw[j] === '\t')) j++;
          this.addEscape({ start: rawStart + i, end: rawStart + j, kind: 'continuation', value: '' });
          if (this.textStart < 0) this.textStart = i;
          this.textEnd = j;
          i = j;
          continue;
        }
        const simple = charEscapes[d];
        if (simple !== undefined) {
          this.addEscape({ start: rawStart + i, end: rawStart + i + 2, kind: 'char', value: simple });
          this.emit(simple, i, i + 2);
          i += 2;
          continue;
        }
        const e = raw[i + 2];
        if (isUpperHex(d) && e !== undefined && isUpperHex(e)) {
          const byte = String.fromCharCode(parseInt(d + e, 16));
          this.addEscape({ start: rawStart + i, end: rawStart + i + 3, kind: 'hex', value: byte });
          this.emit(byte, i, i + 3);
          i += 3;
          continue;
        }
        if (isAnyHex(d) && e !== undefined && isAnyHex(e)) {
          // Lower-case hex (see the evidence note at the top): decode, but ask for capitals.
          const byte = String.fromCharCode(parseInt(d + e, 16));
          const upper = (d + e).toUpperCase();
          this.addEscape({ start: rawStart + i, end: rawStart + i + 3, kind: 'hex', value: byte });
          this.addError({
            code: 'RSC1002',
            message: `lower-case hex escape \\${d}${e}: RouterOS expects capital hex digits (\\${upper})`,
            start: rawStart + i,
            end: rawStart + i + 3,
            severity: 'warning',
          });
          this.emit(byte, i, i + 3);
          i += 3;
          continue;
        }
        // Unknown escape: RouterOS rejects the script. The backslash is dropped from the value and the
        // character after it is kept as text, which is the least surprising value for later layers.
        this.addEscape({ start: rawStart + i, end: rawStart + i + 1, kind: 'invalid', value: '' });
        this.addError({
          code: 'RSC1002',
          message: `unknown escape sequence \\${d}: RouterOS expects one of \\" \\\\ \\n \\r \\t \\$ \\? \\_ \\a \\b \\f \\v or \\XX (two capital hex digits)`,
          start: rawStart + i,
          end: rawStart + i + 1 + (d.length > 0 ? 1 : 0),
          severity: 'error',
        });
        if (this.textStart < 0) this.textStart = i;
        this.textEnd = i + 1;
        i += 1;
        continue;
      }
      if (c === '$') {
        const d = raw[i + 1];
        if (d === '(' || d === '[') {
          const body = scanInterpBody(raw, i + 2, d === '(' ? ')' : ']');
          this.flushText();
          this.hasInterpolation = true;
          const end = body.closed ? body.end + 1 : n;
          this.addPart({
            kind: 'interp',
            form: d === '(' ? 'expr' : 'cmd',
            start: rawStart + i,
            end: rawStart + end,
            innerStart: rawStart + i + 2,
            innerEnd: rawStart + body.end,
            closed: body.closed,
          });
          if (!body.closed) {
            this.addError({
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
          this.flushText();
          this.hasInterpolation = true;
          const end = closed ? j + 1 : n;
          this.addPart({
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
          this.flushText();
          this.hasInterpolation = true;
          this.addPart({
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
        this.addError({
          code: 'RSC1002',
          message: 'a "$" that starts no variable is ambiguous: write \\$ for a literal dollar sign',
          start: rawStart + i,
          end: rawStart + i + 1,
          severity: 'warning',
        });
        this.emit('$', i, i + 1);
        i++;
        continue;
      }
      let j = i + 1;
      while (j < n && raw.charCodeAt(j) !== 92 && raw.charCodeAt(j) !== 36) j++;
      this.emitRun(i, j);
      i = j;
    }
    this.flushText();
    // The value is the text parts joined (interpolations contribute nothing); usually there is one.
    const parts = this.parts ?? [];
    let value = '';
    for (let k = 0; k < parts.length; k++) {
      const p = parts[k];
      if (p.kind === 'text') value = value === '' ? p.value : value + p.value;
    }
    const { hasInterpolation, errors, escapes, offsets } = this;
    if (offsets) {
      offsets.push(rawStart + n);
      return { raw, value, hasInterpolation, offsets, parts, errors, escapes };
    }
    return new DecodedWithEscapes(raw, rawStart, value, hasInterpolation, parts, errors, escapes);
  }
}

/**
 * Offsets and parts of plain strings, made on first use; most strings of a big export never need them.
 * A WeakMap keyed by the string despite the memoOn rule (syntax/index.ts): only the few strings a reader
 * asks about (layer-7 values, semantic tokens) get an entry, each holding numbers or one small part of that
 * string alone, and a field or hidden slot would change the layout every plain string of an export shares.
 */
const plainOffsets = new WeakMap<PlainDecoded, number[]>();
const plainParts = new WeakMap<PlainDecoded, StringPart[]>();

/**
 * What every string without escapes or interpolation decodes to: value === raw, no errors, offsets the
 * identity from `rawStart`, computed on first use. Subclasses hold only the text and position (everything
 * else is a prototype getter): a big export has a plain string on every line, and each field was 8 bytes
 * times 100,000 kept alive with the tree.
 */
abstract class PlainDecoded implements DecodedString {
  abstract readonly raw: string;
  /** Source offset of raw[0]. */
  protected abstract readonly rawStart: number;

  get value(): string {
    return this.raw;
  }

  get hasInterpolation(): boolean {
    return false;
  }

  // Shared and frozen: no plain string has errors or escapes.
  get errors(): StringError[] {
    return NO_ERRORS;
  }

  get escapes(): StringEscape[] {
    return NO_ESCAPES;
  }

  get offsets(): number[] {
    let o = plainOffsets.get(this);
    if (!o) {
      const n = this.raw.length;
      const at = this.rawStart;
      o = new Array<number>(n + 1);
      for (let i = 0; i <= n; i++) o[i] = at + i;
      plainOffsets.set(this, o);
    }
    return o;
  }

  get parts(): StringPart[] {
    let p = plainParts.get(this);
    if (!p) {
      const raw = this.raw;
      p = raw.length
        ? [{ kind: 'text', value: raw, start: this.rawStart, end: this.rawStart + raw.length }]
        : [];
      plainParts.set(this, p);
    }
    return p;
  }

  /** Moves what was computed from the old position by `delta` (see moveDecodedString). */
  move(delta: number): void {
    const o = plainOffsets.get(this);
    if (o) for (let i = 0; i < o.length; i++) o[i] += delta;
    for (const p of plainParts.get(this) ?? []) {
      p.start += delta;
      p.end += delta;
    }
  }
}

/** Plain content decoded on its own (decodeStringContent): the text and where it starts. */
class PlainString extends PlainDecoded {
  constructor(
    readonly raw: string,
    protected rawStart: number,
  ) {
    super();
  }

  override move(delta: number): void {
    this.rawStart += delta;
    super.move(delta);
  }
}

/**
 * A closed string literal without `\` and `$` (the parser's fast path, and most strings of an export:
 * comments, names): one object that is both the tree's literal node and its own decoded form, so
 * `lit.string === lit`. Its own fields are start, end and text; kind and type are prototype properties,
 * and the decoded form is derived from the fields. The separate decoded object and content string it
 * replaces were two of the dozen objects per line that a 100,000-line file keeps alive. Its start is
 * moved by whoever moves the node (incremental.ts), as for every other node; its end follows from its start
 * and text, and `move` moves the rest.
 */
export class PlainStringLiteral extends PlainDecoded {
  // On the prototype (below), like everything else that does not vary between instances.
  declare readonly kind: 'literal';
  declare readonly type: 'string';
  constructor(
    public start: number,
    /** Source text, quotes included (the source from start to end). */
    public text: string,
  ) {
    super();
  }

  get end(): number {
    return this.start + this.text.length;
  }

  get string(): DecodedString {
    return this;
  }

  get raw(): string {
    return this.text.slice(1, -1);
  }

  protected get rawStart(): number {
    return this.start + 1;
  }
}
Object.defineProperty(PlainStringLiteral.prototype, 'kind', { value: 'literal', enumerable: true });
Object.defineProperty(PlainStringLiteral.prototype, 'type', { value: 'string', enumerable: true });

/**
 * A closed string literal with escapes or interpolations that decodes without errors (the parser's
 * choice; the others keep a literal object and a DecodedWithEscapes): one object that is both the tree's
 * literal node and its own decoded form (`lit.string === lit`), as PlainStringLiteral is. It keeps its
 * range, the parse's shared source (see SourceText in nodes.ts), the decoded value and whether it
 * interpolates; its text, raw content, parts, escapes and offsets are made from the source on each read
 * (decoding again for the parts, escapes and offsets), so read them once per use. A big script has a
 * string with escapes on most lines, and its literal, decoded object, parts, escapes and text slices were
 * about 600 bytes each, kept alive with the tree. Its start is moved by whoever moves the node
 * (incremental.ts); everything else follows from it.
 */
export class EscapedStringLiteral implements DecodedString {
  declare readonly kind: 'literal';
  declare readonly type: 'string';
  constructor(
    public start: number,
    public end: number,
    private readonly source: { readonly text: string },
    readonly value: string,
    readonly hasInterpolation: boolean,
  ) {}

  /** Source text, quotes included. */
  get text(): string {
    return this.source.text.slice(this.start, this.end);
  }

  get string(): DecodedString {
    return this;
  }

  get raw(): string {
    return this.source.text.slice(this.start + 1, this.end - 1);
  }

  get errors(): StringError[] {
    return NO_ERRORS;
  }

  get parts(): StringPart[] {
    return decode(this.raw, this.start + 1, undefined).parts;
  }

  get escapes(): StringEscape[] {
    return decode(this.raw, this.start + 1, undefined).escapes;
  }

  get offsets(): number[] {
    const o: number[] = [];
    decode(this.raw, this.start + 1, o);
    return o;
  }
}
Object.defineProperty(EscapedStringLiteral.prototype, 'kind', { value: 'literal', enumerable: true });
Object.defineProperty(EscapedStringLiteral.prototype, 'type', { value: 'string', enumerable: true });

/** Offsets of decoded strings with escapes, made on first use (by decoding again; WeakMap: as plainOffsets). */
const escapedOffsets = new WeakMap<DecodedWithEscapes, number[]>();

/** A decoded string with escapes or interpolations; `offsets` is computed on first use. */
class DecodedWithEscapes implements DecodedString {
  constructor(
    readonly raw: string,
    private rawStart: number,
    readonly value: string,
    readonly hasInterpolation: boolean,
    readonly parts: StringPart[],
    readonly errors: StringError[],
    readonly escapes: StringEscape[],
  ) {}

  get offsets(): number[] {
    let o = escapedOffsets.get(this);
    if (!o) {
      o = [];
      decode(this.raw, this.rawStart, o);
      escapedOffsets.set(this, o);
    }
    return o;
  }

  /** Moves the string's source offsets by `delta` (see moveDecodedString). */
  move(delta: number): void {
    this.rawStart += delta;
    const o = escapedOffsets.get(this);
    if (o) for (let i = 0; i < o.length; i++) o[i] += delta;
    moveParts(this, delta);
  }
}

/**
 * Moves every source offset of a decoded string by `delta`, in place: the incremental parser reuses the
 * literals after an edit at their new offsets.
 */
export function moveDecodedString(d: DecodedString, delta: number): void {
  if (d instanceof EscapedStringLiteral) return; // everything follows from its start
  if (d instanceof PlainDecoded || d instanceof DecodedWithEscapes) {
    d.move(delta);
    return;
  }
  const offsets = d.offsets;
  for (let i = 0; i < offsets.length; i++) offsets[i] += delta;
  moveParts(d, delta);
}

/** Moves the parts, errors and escapes of a decoded string (the offsets are the caller's). */
function moveParts(d: DecodedString, delta: number): void {
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
