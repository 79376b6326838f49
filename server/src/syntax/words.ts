// Character classes and word classification: which characters make command words, argument names and
// value words, and what type of literal (number, address, time ...) a bare word is.
import type { LiteralType } from './ast';

export const enum Ch {
  Tab = 9,
  LF = 10,
  CR = 13,
  Space = 32,
}

export const isLower = (c: number): boolean => c >= 97 && c <= 122;
const isUpper = (c: number): boolean => c >= 65 && c <= 90;
export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
export const isAlnum = (c: number): boolean => isLower(c) || isUpper(c) || isDigit(c);
/** Characters of a command or menu word. */
export const isCmdChar = (c: number): boolean => isLower(c) || isDigit(c) || c === 45 || c === 46 || c === 95;
/** Characters of an argument name (`src-address`, `.id`, `.proplist`). */
export const isArgNameChar = (c: number): boolean => isAlnum(c) || c === 45 || c === 46 || c === 95;
export const isSpace = (c: number): boolean => c === Ch.Space || c === Ch.Tab;
export const isNewline = (c: number): boolean => c === Ch.LF || c === Ch.CR;

/** Characters that end a bare value word in an argument. */
const VALUE_STOP = new Set([' ', '\t', '\n', '\r', ';', '"', '$', '[', ']', '(', ')', '{', '}']);
/** VALUE_STOP as a table indexed by char code, for the per-character loop in value(). */
export const VALUE_STOP_CODE = new Uint8Array(128);
for (const c of VALUE_STOP) VALUE_STOP_CODE[c.charCodeAt(0)] = 1;
/** Characters that may not start an argument: RouterOS stops with a syntax error there. */
const BAD_ARG_START = new Set(['=', '@', '<', '>', '`', "'", '|', '&', ':', '^', '~', ',', '?']);
/** BAD_ARG_START as a table indexed by char code. */
const BAD_ARG_START_CODE = new Uint8Array(128);
for (const c of BAD_ARG_START) BAD_ARG_START_CODE[c.charCodeAt(0)] = 1;
/** True when the char code `c` may not start an argument. */
export const isBadArgStart = (c: number): boolean => c >= 0 && c < 128 && BAD_ARG_START_CODE[c] === 1;

/**
 * Characters of a bare word inside an expression. Letters, digits, `_`, `*` (ids), `:` (times, IPv6) always;
 * `.` `-` `/` only between word characters of a literal (`10.0.0.1/24`, `mark-connection`, `1.1.1.1-1.1.1.9`),
 * so that `$a.$b`, `5-3` and `8/2` stay operators.
 */
export function isExprWordChar(text: string, p: number, start: number): boolean {
  const c = text.charCodeAt(p);
  if (isAlnum(c) || c === 95 || c === 58 || (c === 42 && p === start)) return true;
  const next = p + 1 < text.length ? text.charCodeAt(p + 1) : -1;
  if (p === start || !isAlnum(next)) return false;
  // The tests below read the word so far, text[start, p), char by char (no slice, no regular expression).
  if (c === 46) {
    // `.`: after a word that starts with [0-9A-Za-z_:] (and is not only digits), or one of only digits and dots.
    const c0 = text.charCodeAt(start);
    if (isAlnum(c0) || c0 === 95 || c0 === 58) return true;
    for (let i = start; i < p; i++) {
      const d = text.charCodeAt(i);
      if (!isDigit(d) && d !== 46) return false;
    }
    return true;
  }
  if (c === 45) {
    // `-`: after a word with a letter or dot that is not only letters and `_`, or one like `[A-Za-z][A-Za-z0-9-]*`.
    let letterOrDot = false;
    let onlyLetters = true;
    for (let i = start; i < p; i++) {
      const d = text.charCodeAt(i);
      if (isLower(d) || isUpper(d)) continue;
      if (d === 46) letterOrDot = true;
      if (d !== 95) onlyLetters = false;
    }
    for (let i = start; i < p && !letterOrDot; i++) {
      const d = text.charCodeAt(i);
      if (isLower(d) || isUpper(d)) letterOrDot = true;
    }
    if (letterOrDot && !onlyLetters) return true;
    const c0 = text.charCodeAt(start);
    if (!isLower(c0) && !isUpper(c0)) return false;
    for (let i = start + 1; i < p; i++) {
      const d = text.charCodeAt(i);
      if (!isAlnum(d) && d !== 45) return false;
    }
    return true;
  }
  if (c === 47) {
    // `/`: after a word with a `.` or `:` (an address), before a digit (the prefix length).
    if (!isDigit(next)) return false;
    for (let i = start; i < p; i++) {
      const d = text.charCodeAt(i);
      if (d === 46 || d === 58) return true;
    }
    return false;
  }
  return false;
}

const TIME_RE = /^(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?(\d+us)?(\d+ns)?$/;

/**
 * Fast path of classifyWord for words of digits, dots and at most one `/` (numbers, IPv4 addresses and
 * prefixes, the bulk of address lists), without regular expressions: their `test` allocated on every call.
 * Gives the same answer as the regular expressions below, or undefined for any other word.
 */
function classifyNumeric(text: string): LiteralType | undefined {
  const n = text.length;
  if (n === 0) return undefined;
  // Groups of digits between dots; `slash` is where a `/` stands (-1 if none).
  let dots = 0;
  let run = 0;
  let maxRun = 0;
  let emptyRun = false;
  let slash = -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      run++;
      continue;
    }
    if (c === 46 && slash < 0) {
      if (run === 0) emptyRun = true;
      if (run > maxRun) maxRun = run;
      run = 0;
      dots++;
      continue;
    }
    if (c === 47 && slash < 0) {
      if (run === 0) emptyRun = true;
      if (run > maxRun) maxRun = run;
      run = 0;
      slash = i;
      continue;
    }
    return undefined;
  }
  if (slash < 0) {
    if (dots === 0) return 'number';
    if (run === 0) emptyRun = true;
    if (run > maxRun) maxRun = run;
    // `^\d{1,3}(\.\d{1,3}){3}$`; any other mix of digits and dots is no number, id, MAC, range or time.
    return dots === 3 && !emptyRun && maxRun <= 3 ? 'ip' : 'word';
  }
  // `^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$` (`run` is now the digits after the slash); without a `:` nothing
  // else matches digits, dots and a slash.
  return dots === 3 && !emptyRun && maxRun <= 3 && run >= 1 && run <= 2 ? 'ipPrefix' : 'word';
}

/** Classifies a bare word the way RouterOS would read it as a value. */
export function classifyWord(text: string): LiteralType {
  // Fast path for the common case, names like `blocklist` or `forward`: a word that starts with a letter
  // and has no ':' cannot be a number, id, address, MAC, range or time.
  const c0 = text.charCodeAt(0) | 32;
  if (c0 >= 97 && c0 <= 122 && text.indexOf(':') < 0) {
    return text === 'true' || text === 'false' || text === 'yes' || text === 'no' ? 'bool' : 'word';
  }
  const numeric = classifyNumeric(text);
  if (numeric !== undefined) return numeric;
  if (/^-?\d+$/.test(text) || /^0x[0-9A-Fa-f]+$/.test(text)) return 'number';
  if (text === 'true' || text === 'false' || text === 'yes' || text === 'no') return 'bool';
  if (/^\*[0-9A-Fa-f]+$/.test(text)) return 'id';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) return 'ip';
  if (/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(text)) return 'ipPrefix';
  if (/^\d{1,3}(\.\d{1,3}){3}-\d{1,3}(\.\d{1,3}){3}$/.test(text)) return 'range';
  if (/^\d+-\d+$/.test(text)) return 'range';
  if (/^([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}$/.test(text)) return 'mac';
  if (/^[0-9A-Fa-f:]*::?[0-9A-Fa-f:.]*\/\d{1,3}$/.test(text) && text.includes(':')) return 'ip6Prefix';
  if (/^[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}$/.test(text) && !/^\d+:\d+(:\d+)?$/.test(text)) return 'ip6';
  if (/^\d+:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) return 'time';
  if (/\d/.test(text) && TIME_RE.test(text)) return 'time';
  return 'word';
}
