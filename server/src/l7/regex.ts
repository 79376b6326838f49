// Parser for the layer-7 regex dialect: the small POSIX-style extended regex library that the kernel
// l7-filter matcher compiles after pre-processing (see preprocess.ts). Input is the engine text (one char per
// byte, 0..255); output is an AST with engine-index ranges, compile errors and unsupported constructs.

/*
 * Decisions, stated once (they follow the kernel matcher's regex library, a V8-style regexp):
 * - A backslash outside brackets makes the next byte literal, whatever it is: `\.` is a dot, `\\` a
 *   backslash, and `\d` or `\n` are just the letters d and n (there are no class escapes). `\x` escapes
 *   never reach this parser: pre-processing already turned them into bytes.
 * - Inside `[...]` every byte is literal except `]` (literal in first position), `^` (negation in first
 *   position) and `-` (a range, literal first or last). A backslash is a literal backslash there, as POSIX
 *   says, so `[\|]` is a class of two bytes.
 * - `^` and `$` are anchors wherever they stand (start and end of the connection buffer).
 * - `{` and `}` are plain bytes: `a{2,3}` is parsed as literals (what the kernel library does) and reported as
 *   unsupported bounded repetition. `[[:alpha:]]` parses as the class `[:alph` followed by a literal `]`,
 *   again reported as unsupported.
 * - Errors (the reference compiler's, `regexp.c`: `reg`, `regpiece`, `regatom`): `*`/`+`/`?` with nothing
 *   before it ("?+* follows nothing"), a repetition right after another (`a**`, `a+?`: "nested *?+"),
 *   `*`/`+` on something that can match the empty string (`(a*)*`, `^*`: "*+ operand could be empty"),
 *   unbalanced brackets or parentheses, a trailing backslash, a reversed range (`[z-a]`), a 10th group
 *   ("too many ()": its match table has room for 9) and a compiled program of 32,767 bytes or more
 *   ("regexp too big"). A pattern with any of these never matches.
 * - An empty branch is an empty match (`regbranch` emits NOTHING): `a|`, `|a`, `(a|)` and `()` compile, and
 *   `a|` matches every connection. They are recorded in `emptyBranches` for RSC3015.
 */

export interface Range {
  /** Engine-text indices, end exclusive. */
  start: number;
  end: number;
}

export type ClassItem =
  ({ kind: 'byte'; byte: number } & Range) | ({ kind: 'range'; from: number; to: number } & Range);

export type RegexNode =
  | ({ type: 'empty' } & Range)
  | ({ type: 'byte'; byte: number; escaped: boolean } & Range)
  | ({ type: 'any' } & Range)
  | ({
      type: 'class';
      negated: boolean;
      items: ClassItem[];
      /** members[b] is true when byte b is listed (before negation). */
      members: boolean[];
    } & Range)
  | ({ type: 'bol' } & Range)
  | ({ type: 'eol' } & Range)
  | ({ type: 'group'; index: number; body: RegexNode } & Range)
  | ({ type: 'concat'; items: RegexNode[] } & Range)
  | ({ type: 'alt'; alternatives: RegexNode[] } & Range)
  | ({ type: 'repeat'; op: '*' | '+' | '?'; min: 0 | 1; max: 1 | typeof Infinity; body: RegexNode } & Range);

export type RegexErrorCode =
  | 'nothing-to-repeat'
  | 'nested-repetition'
  | 'empty-operand'
  | 'unmatched-bracket'
  | 'unmatched-open-paren'
  | 'unmatched-close-paren'
  | 'trailing-backslash'
  | 'invalid-range'
  | 'too-many-groups'
  | 'too-big';

export interface RegexError extends Range {
  code: RegexErrorCode;
  message: string;
}

export type UnsupportedKind = 'bounded-repetition' | 'posix-class' | 'class-escape';

/**
 * An empty branch: an empty side of `|` (`sep` is the engine index of that `|`) or an empty group `()`
 * (`sep` is the index of its `(`). Range: the group or the separator.
 */
export interface EmptyBranch extends Range {
  kind: 'alternative' | 'group';
  sep: number;
  /** Engine indices of the `(` and `)` of the group the branch lies in; -1 at the top level. */
  groupOpen: number;
  groupClose: number;
}

export interface Unsupported extends Range {
  kind: UnsupportedKind;
  message: string;
  /** Engine text that does what was probably meant, when there is one (e.g. `.?.?.?` for `.{0,3}`). */
  replacement?: string;
  /** For bounded repetition: the bounds and the engine range of the repeated atom (if any). */
  bound?: { min: number; max: number; atom?: Range };
}

export interface ParsedRegex {
  ast: RegexNode;
  errors: RegexError[];
  unsupported: Unsupported[];
  groupCount: number;
  emptyBranches: EmptyBranch[];
  /** Size of the reference compiler's program for this pattern (`regcomp`'s first pass), in bytes. */
  programSize: number;
}

/** Groups the kernel library can record: its match table has room for 9 parenthesised groups. */
export const MAX_GROUPS = 9;

/** `regcomp` refuses a program of this many bytes or more ("regexp too big"). */
export const MAX_PROGRAM_SIZE = 32767;

/** Parses engine text. Never throws; linear in the text length (nesting is tracked with an explicit stack). */
export function parseRegex(text: string): ParsedRegex {
  const errors: RegexError[] = [];
  const unsupported: Unsupported[] = [];
  const n = text.length;
  let groupCount = 0;

  // One frame per open parenthesis (plus the top level): finished alternatives and the current branch.
  interface Frame {
    open: number; // index of '(' or -1 at top level
    alternatives: RegexNode[];
    branch: RegexNode[];
    branchStart: number;
    groupIndex: number;
  }
  const stack: Frame[] = [{ open: -1, alternatives: [], branch: [], branchStart: 0, groupIndex: 0 }];

  const emptyBranches: EmptyBranch[] = [];
  const finishBranch = (f: Frame, end: number, sepAt: number): void => {
    if (f.branch.length === 0) {
      // An empty branch compiles to NOTHING (an empty match). The whole pattern being empty is not a branch
      // anyone wrote; every other empty branch is recorded for RSC3015.
      const lonely = f.open < 0 && f.alternatives.length === 0 && sepAt < 0;
      if (!lonely) {
        if (f.open >= 0 && f.alternatives.length === 0 && sepAt < 0) {
          emptyBranches.push({
            kind: 'group',
            sep: f.open,
            start: f.open,
            end: Math.min(end + 1, n),
            groupOpen: f.open,
            groupClose: end < n ? end : -1,
          });
        } else {
          // The `|` that made this branch: the one after it, or for a last branch the one before it.
          const at = sepAt >= 0 ? sepAt : Math.max(f.branchStart - 1, 0);
          emptyBranches.push({
            kind: 'alternative',
            sep: at,
            start: at,
            end: Math.min(at + 1, n),
            groupOpen: f.open,
            groupClose: -1,
          });
        }
      }
      f.alternatives.push({ type: 'empty', start: f.branchStart, end });
    } else if (f.branch.length === 1) f.alternatives.push(f.branch[0]);
    else f.alternatives.push({ type: 'concat', items: f.branch, start: f.branch[0].start, end });
    f.branch = [];
  };
  const frameNode = (f: Frame, end: number): RegexNode =>
    f.alternatives.length === 1
      ? f.alternatives[0]
      : { type: 'alt', alternatives: f.alternatives, start: f.alternatives[0].start, end };

  /** Whether a node can match without consuming a byte (for the `*`/`+` operand rule). */
  const hasWidth = (node: RegexNode): boolean => {
    switch (node.type) {
      case 'byte':
      case 'any':
      case 'class':
        return true;
      case 'empty':
      case 'bol':
      case 'eol':
        return false;
      case 'group':
        return hasWidth(node.body);
      case 'concat':
        return node.items.some(hasWidth);
      case 'alt':
        return node.alternatives.every(hasWidth);
      case 'repeat':
        return node.min > 0 && hasWidth(node.body);
    }
  };

  let i = 0;
  while (i < n) {
    const f = stack[stack.length - 1];
    const c = text.charCodeAt(i);
    const ch = text[i];
    if (ch === '|') {
      finishBranch(f, i, i);
      i++;
      f.branchStart = i;
      continue;
    }
    if (ch === '(') {
      groupCount++;
      if (groupCount === MAX_GROUPS + 1) {
        errors.push({
          code: 'too-many-groups',
          message: `a ${MAX_GROUPS + 1}th group: the library allows ${MAX_GROUPS} and refuses the pattern ("too many ()")`,
          start: i,
          end: i + 1,
        });
      }
      stack.push({ open: i, alternatives: [], branch: [], branchStart: i + 1, groupIndex: groupCount });
      i++;
      continue;
    }
    if (ch === ')') {
      if (stack.length === 1) {
        errors.push({
          code: 'unmatched-close-paren',
          message: 'unmatched ")" ("unmatched ()")',
          start: i,
          end: i + 1,
        });
        i++;
        continue;
      }
      finishBranch(f, i, -1);
      stack.pop();
      for (const e of emptyBranches) if (e.groupOpen === f.open && e.groupOpen >= 0) e.groupClose = i;
      const group: RegexNode = {
        type: 'group',
        index: f.groupIndex,
        body: frameNode(f, i),
        start: f.open,
        end: i + 1,
      };
      stack[stack.length - 1].branch.push(group);
      i++;
      continue;
    }
    if (ch === '*' || ch === '+' || ch === '?') {
      const prev = f.branch[f.branch.length - 1];
      if (prev === undefined) {
        errors.push({
          code: 'nothing-to-repeat',
          message: `"${ch}" follows nothing: escape it (\\${ch}) to match the byte ("?+* follows nothing")`,
          start: i,
          end: i + 1,
        });
      } else if (prev.type === 'repeat' && prev.end === i) {
        errors.push({
          code: 'nested-repetition',
          message: `"${ch}" right after "${prev.op}": a repetition cannot be repeated (nested *?+)`,
          start: i,
          end: i + 1,
        });
      } else {
        if (ch !== '?' && !hasWidth(prev)) {
          errors.push({
            code: 'empty-operand',
            message: `"${ch}" applies to something that can match the empty string ("*+ operand could be empty")`,
            start: prev.start,
            end: i + 1,
          });
        }
        f.branch[f.branch.length - 1] = {
          type: 'repeat',
          op: ch,
          min: ch === '+' ? 1 : 0,
          max: ch === '?' ? 1 : Infinity,
          body: prev,
          start: prev.start,
          end: i + 1,
        };
      }
      i++;
      continue;
    }
    if (ch === '^') {
      f.branch.push({ type: 'bol', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (ch === '$') {
      f.branch.push({ type: 'eol', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (ch === '.') {
      f.branch.push({ type: 'any', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (ch === '\\') {
      if (i + 1 >= n) {
        errors.push({
          code: 'trailing-backslash',
          message: 'the pattern ends with a lone backslash ("trailing \\")',
          start: i,
          end: i + 1,
        });
        i++;
        continue;
      }
      const d = text[i + 1];
      if ('dDwWsSbB'.includes(d)) {
        unsupported.push({
          kind: 'class-escape',
          message: `"\\${d}" is not a class here: the kernel matcher's regex library reads it as the letter "${d.toLowerCase()}"`,
          start: i,
          end: i + 2,
        });
      }
      f.branch.push({ type: 'byte', byte: text.charCodeAt(i + 1), escaped: true, start: i, end: i + 2 });
      i += 2;
      continue;
    }
    if (ch === '[') {
      i = parseClass(text, i, f.branch, errors, unsupported);
      continue;
    }
    if (ch === '{') {
      const bound = scanBound(text, i);
      const prev = f.branch[f.branch.length - 1];
      if (bound !== null) {
        unsupported.push({
          kind: 'bounded-repetition',
          message: `bounded repetition "${text.slice(i, bound.end)}" is not supported by the kernel matcher's regex library: it is read as literal bytes`,
          start: prev !== undefined && prev.end === i ? prev.start : i,
          end: bound.end,
          replacement:
            prev !== undefined && prev.end === i
              ? expandBound(text.slice(prev.start, prev.end), bound)
              : undefined,
          bound: {
            min: bound.min,
            max: bound.max,
            atom: prev !== undefined && prev.end === i ? { start: prev.start, end: prev.end } : undefined,
          },
        });
      }
    }
    f.branch.push({ type: 'byte', byte: c, escaped: false, start: i, end: i + 1 });
    i++;
  }
  while (stack.length > 1) {
    const f = stack.pop() as Frame;
    errors.push({
      code: 'unmatched-open-paren',
      message: 'unmatched "(": no ")" closes it ("unmatched ()")',
      start: f.open,
      end: f.open + 1,
    });
    finishBranch(f, n, -1);
    stack[stack.length - 1].branch.push({
      type: 'group',
      index: f.groupIndex,
      body: frameNode(f, n),
      start: f.open,
      end: n,
    });
  }
  const top = stack[0];
  finishBranch(top, n, -1);
  const ast = frameNode(top, n);
  const programSize = errors.length === 0 ? referenceProgramSize(ast) : 0;
  if (programSize >= MAX_PROGRAM_SIZE) {
    errors.push({
      code: 'too-big',
      message: `the compiled pattern needs ${programSize} bytes; the library refuses ${MAX_PROGRAM_SIZE} or more ("regexp too big")`,
      start: 0,
      end: n,
    });
  }
  errors.sort((a, b) => a.start - b.start);
  return { ast, errors, unsupported, groupCount, emptyBranches, programSize };
}

/**
 * The size `regcomp`'s first pass counts for a pattern that parses (regexp.c: 3 bytes per node, the operand
 * bytes of literals and classes with their NUL, 1 magic byte). A run of plain bytes is one EXACTLY node, less
 * its last byte when a `*`, `+` or `?` follows (that byte becomes a node of its own).
 */
function referenceProgramSize(ast: RegexNode): number {
  let size = 1;
  const node = (operand = -1): void => {
    size += 3 + (operand >= 0 ? operand + 1 : 0);
  };
  const unescapedPlain = (x: RegexNode): boolean => x.type === 'byte' && !x.escaped;
  const gen = (x: RegexNode, inRun: boolean): void => {
    switch (x.type) {
      case 'empty':
        node();
        return;
      case 'byte':
        if (x.escaped) node(1);
        else if (!inRun) node(1);
        return;
      case 'any':
      case 'bol':
      case 'eol':
        node();
        return;
      case 'class': {
        // Every listed byte is emitted, duplicates included; a range emits the bytes after its first.
        let bytes = 0;
        let prevEnd = -1;
        for (const it of x.items) {
          // A range whose first byte ended the previous range (`[a-c-e]`) does not emit that byte again.
          bytes += it.kind === 'byte' ? 1 : it.to - it.from + (it.start >= prevEnd ? 1 : 0);
          prevEnd = it.end;
        }
        node(bytes);
        return;
      }
      case 'group':
        node(); // OPEN
        branches(x.body);
        node(); // CLOSE
        return;
      case 'concat': {
        let k = 0;
        const items = x.items;
        while (k < items.length) {
          if (!unescapedPlain(items[k])) {
            gen(items[k], false);
            k++;
            continue;
          }
          let j = k;
          while (j < items.length && unescapedPlain(items[j])) j++;
          node(j - k);
          k = j;
        }
        return;
      }
      case 'alt':
        branchesOf(x.alternatives);
        return;
      case 'repeat': {
        gen(x.body, false);
        const simple = x.body.type === 'any' || x.body.type === 'class' || x.body.type === 'byte';
        if (x.op === '?') size += 9;
        else size += simple ? 3 : 12;
        return;
      }
    }
  };
  const branchesOf = (alts: readonly RegexNode[]): void => {
    for (const a of alts) {
      node(); // BRANCH
      gen(a, false);
    }
  };
  const branches = (body: RegexNode): void => branchesOf(body.type === 'alt' ? body.alternatives : [body]);
  // The top level: BRANCHes, then END.
  branches(ast);
  node();
  return size;
}

/** Parses `[...]` starting at `text[start] === '['`, pushes a class node; returns the index after it. */
function parseClass(
  text: string,
  start: number,
  branch: RegexNode[],
  errors: RegexError[],
  unsupported: Unsupported[],
): number {
  const n = text.length;
  let i = start + 1;
  let negated = false;
  if (text[i] === '^') {
    negated = true;
    i++;
  }
  const items: ClassItem[] = [];
  const members: boolean[] = new Array<boolean>(256).fill(false);
  const contentStart = i;
  // POSIX character classes: `[[:alpha:]]` and friends. Detect them for the report; parsing goes on as the
  // kernel library does (plain bytes).
  if (text[i] === '[' && (text[i + 1] === ':' || text[i + 1] === '.' || text[i + 1] === '=')) {
    const close = text.indexOf(text[i + 1] + ']', i + 2);
    if (close >= 0) {
      const name = text.slice(i + 2, close);
      const whole = text[close + 2] === ']' ? close + 3 : close + 2;
      unsupported.push({
        kind: 'posix-class',
        message: `"[${text.slice(i, close + 2)}]" (POSIX class ${name}) is not supported by the kernel matcher's regex library: it reads the bytes as a plain class`,
        start,
        end: whole,
        replacement: posixClassReplacement(name, negated),
      });
    }
  }
  let prevByte = -1;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (text[i] === ']' && i > contentStart) break;
    if (text[i] === '-' && i > contentStart && i + 1 < n && text[i + 1] !== ']' && prevByte >= 0) {
      const to = text.charCodeAt(i + 1);
      const from = prevByte;
      if (from > to) {
        errors.push({
          code: 'invalid-range',
          message: `range "${show(from)}-${show(to)}" runs backwards ("invalid [] range")`,
          start: i - 1,
          end: i + 2,
        });
      } else {
        // The range's first byte was already added as a single byte: replace that item by the range.
        const last = items[items.length - 1];
        if (last !== undefined && last.kind === 'byte' && last.byte === from && last.end === i) items.pop();
        items.push({ kind: 'range', from, to, start: i - 1, end: i + 2 });
        for (let b = from; b <= to; b++) members[b] = true;
      }
      prevByte = to;
      i += 2;
      continue;
    }
    items.push({ kind: 'byte', byte: c, start: i, end: i + 1 });
    members[c] = true;
    prevByte = c;
    i++;
  }
  if (i >= n) {
    errors.push({
      code: 'unmatched-bracket',
      message: 'unmatched "[": no "]" closes it ("unmatched []")',
      start,
      end: start + 1,
    });
    branch.push({ type: 'class', negated, items, members, start, end: n });
    return n;
  }
  branch.push({ type: 'class', negated, items, members, start, end: i + 1 });
  return i + 1;
}

function show(b: number): string {
  return b >= 0x21 && b <= 0x7e ? String.fromCharCode(b) : '\\x' + b.toString(16).padStart(2, '0');
}

/** Recognises `{n}`, `{n,}` and `{n,m}` at `text[i] === '{'`. */
function scanBound(text: string, i: number): { min: number; max: number; end: number } | null {
  const m = /^\{(\d{1,4})(,(\d{0,4}))?\}/.exec(text.slice(i, i + 12));
  if (m === null) return null;
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
  return { min, max, end: i + m[0].length };
}

/** The POSIX expansion of `atom{min,max}`: `a{2,4}` becomes `aaa?a?`; undefined when it would be huge. */
export function expandBound(atom: string, b: { min: number; max: number }): string | undefined {
  if (b.max < b.min || b.min > 64 || (b.max !== Infinity && b.max > 64)) return undefined;
  // A single byte, an escape, a class or a group repeats as it is; anything longer needs parentheses.
  const unit =
    atom.length === 1 || /^(\\x[0-9a-fA-F]{2}|\\.|\[[^\]]*\]|\(.*\))$/.test(atom) ? atom : `(${atom})`;
  if (b.max === Infinity) return b.min === 0 ? `${unit}*` : unit.repeat(b.min - 1) + `${unit}+`;
  return unit.repeat(b.min) + `${unit}?`.repeat(b.max - b.min);
}

const posixClasses: Readonly<Record<string, string>> = {
  alpha: 'a-z',
  upper: 'a-z',
  lower: 'a-z',
  digit: '0-9',
  alnum: '0-9a-z',
  xdigit: '0-9a-f',
  space: ' \t\n\r\v\f',
  blank: ' \t',
  punct: '!-/:-@[-`{-~',
};

function posixClassReplacement(name: string, negated: boolean): string | undefined {
  const body = posixClasses[name];
  return body === undefined ? undefined : `[${negated ? '^' : ''}${body}]`;
}

/** Whether a byte is a metacharacter of the dialect outside brackets. */
export function isMetaByte(b: number): boolean {
  return '\\.|[]()*+?^$'.includes(String.fromCharCode(b)) && b < 0x80;
}
