// Reads argument values out of the syntax tree the way the firewall analysis needs them: a literal text
// (decoded for strings), a `!` negation, or "computed" when the value only exists at run time.
import type { Expression, NamedArg } from '../syntax';

/** A value written in the file. `computed` values (`$var`, `[...]`, `"a$b"`) are never findings. */
export type ArgValue =
  | { computed: false; text: string; negated: boolean; start: number; end: number }
  | { computed: true; start: number; end: number };

/** Literal text of an expression, or undefined when any part of it is computed at run time. */
export function literalText(e: Expression | undefined): string | undefined {
  if (!e) return undefined;
  switch (e.kind) {
    case 'literal':
      if (e.type === 'string') return e.string && !e.string.hasInterpolation ? e.string.value : undefined;
      return e.text;
    case 'concat': {
      let out = '';
      for (const p of e.parts) {
        const t = literalText(p);
        if (t === undefined) return undefined;
        out += t;
      }
      return out;
    }
    case 'unary': {
      // `!name` may reach us as a unary operator in expression contexts.
      if (e.operator !== '!') return undefined;
      const t = literalText(e.operand);
      return t === undefined ? undefined : `!${t}`;
    }
    case 'binary': {
      // A comma list written with spaces around nothing still parses as one word; a binary `,` only
      // appears inside expressions, and its parts are literal lists.
      if (e.operator !== ',') return undefined;
      const l = literalText(e.left);
      const r = literalText(e.right);
      return l === undefined || r === undefined ? undefined : `${l},${r}`;
    }
    default:
      return undefined;
  }
}

/** The value of `name=value`; a missing value reads as the empty literal (RouterOS "unset"). */
export function argValue(arg: NamedArg): ArgValue {
  const e = arg.value;
  if (!e) return { computed: false, text: '', negated: false, start: arg.end, end: arg.end };
  const t = literalText(e);
  if (t === undefined) return { computed: true, start: e.start, end: e.end };
  const negated = t.startsWith('!');
  return { computed: false, text: negated ? t.slice(1) : t, negated, start: e.start, end: e.end };
}

/** Splits a literal comma list (`a,b`), dropping empty parts. */
export function splitList(text: string): string[] {
  // Most values name one thing: skip the three intermediate arrays of the general case.
  if (!text.includes(',')) {
    const t = text.trim();
    return t.length > 0 ? [t] : [];
  }
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** RouterOS yes/no (also true/false) as a boolean, undefined for anything else. */
export function yesNo(text: string): boolean | undefined {
  const t = text.toLowerCase();
  if (t === 'yes' || t === 'true') return true;
  if (t === 'no' || t === 'false') return false;
  return undefined;
}
