// Plain-language reading of a layer-7 pattern for hovers and `rsc l7 test`: the regex as the engine sees it
// (bytes as \xHH), what it matches in words, and the findings worth a warning.
import { allFindings, anchors, type L7Finding } from './analysis';
import { printableEngine, type L7Pattern } from './pattern';
import type { ClassItem, RegexNode } from './regex';

export interface L7Description {
  /** The engine text, printable: bytes outside 0x20-0x7E as \xHH. */
  engine: string;
  /** The same under the other Latin-1 reading, when that changes anything. */
  otherReading?: { latin1Fold: boolean; engine: string };
  /** Sentences, first the summary (e.g. "byte 0xD5 anywhere in the first 2 KB of the connection"). */
  reading: string[];
  warnings: L7Finding[];
}

const hx = (b: number): string => '0x' + b.toString(16).padStart(2, '0').toUpperCase();

/*
 * Literal pattern text in a reading (a byte such as `\`, a run such as `get /`) is wrapped in two marker
 * characters while the reading is built; `describe` turns them into double quotes (plain text: the CLI and
 * diagnostics), `describeMarkdown` into code spans with the rest escaped (hovers), so a backslash or a `*` in
 * the pattern shows as itself and never as markdown syntax.
 */
const OPEN = '\u0001';
const CLOSE = '\u0002';
const lit = (s: string): string => `${OPEN}${s}${CLOSE}`;
// eslint-disable-next-line no-control-regex -- the markers are control characters on purpose: no pattern text uses them
const MARKED = /\u0001([^\u0002]*)\u0002/g;

function plain(s: string): string {
  return s.replace(MARKED, (_, t: string) => `"${t}"`);
}

/** A CommonMark code span holding `t` exactly (a fence longer than any backtick run inside). */
export function codeSpan(t: string): string {
  let longest = 0;
  for (const m of t.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  const pad =
    t.startsWith('`') || t.endsWith('`') || (t.startsWith(' ') && t.endsWith(' ') && t.trim() !== '');
  return pad ? `${fence} ${t} ${fence}` : `${fence}${t}${fence}`;
}

/** Escapes every ASCII punctuation character CommonMark could read as syntax. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>~"&]/g, (c) => `\\${c}`);
}

function markdown(s: string): string {
  let out = '';
  let last = 0;
  for (const m of s.matchAll(MARKED)) {
    out += escapeMarkdown(s.slice(last, m.index)) + codeSpan(m[1]);
    last = (m.index ?? 0) + m[0].length;
  }
  return out + escapeMarkdown(s.slice(last));
}

function byteWord(b: number): string {
  if (b >= 0x61 && b <= 0x7a) return `${lit(String.fromCharCode(b))} (either case)`;
  if (b >= 0x21 && b <= 0x7e) return lit(String.fromCharCode(b));
  if (b === 0x20) return 'a space';
  return `byte ${hx(b)}`;
}

function itemWord(i: ClassItem): string {
  return i.kind === 'byte' ? byteWord(i.byte) : `${byteWord(i.from)} to ${byteWord(i.to)}`;
}

/** Words for a sequence of nodes, merging runs of "any byte" and of optional any bytes. */
function seqWords(items: RegexNode[]): string {
  const parts: string[] = [];
  let k = 0;
  while (k < items.length) {
    const n = items[k];
    if (n.type === 'any') {
      let run = 0;
      while (k < items.length && items[k].type === 'any') {
        run++;
        k++;
      }
      parts.push(run === 1 ? 'any byte' : `any ${run} bytes`);
      continue;
    }
    const optAny = (x: RegexNode): boolean => x.type === 'repeat' && x.op === '?' && x.body.type === 'any';
    if (optAny(n)) {
      let run = 0;
      while (k < items.length && optAny(items[k])) {
        run++;
        k++;
      }
      parts.push(`up to ${run} bytes of anything`);
      continue;
    }
    if (n.type === 'byte') {
      // A run of plain printable bytes reads better as a string.
      let s = '';
      let j = k;
      while (j < items.length) {
        const x = items[j];
        if (x.type !== 'byte' || x.byte < 0x20 || x.byte > 0x7e) break;
        s += String.fromCharCode(x.byte);
        j++;
      }
      if (s.length > 1) {
        parts.push(`the text ${lit(s)}${/[a-z]/.test(s) ? ' (any case)' : ''}`);
        k = j;
        continue;
      }
    }
    parts.push(words(n));
    k++;
  }
  return parts.filter((p) => p !== '').join(', then ');
}

function words(n: RegexNode): string {
  switch (n.type) {
    case 'empty':
      return 'nothing';
    case 'byte':
      return byteWord(n.byte);
    case 'any':
      return 'any byte';
    case 'class': {
      const list = n.items.map(itemWord);
      const uniq = [...new Set(list)];
      return n.negated ? `one byte that is not ${uniq.join(', ')}` : `one byte out of {${uniq.join(', ')}}`;
    }
    case 'bol':
      return '';
    case 'eol':
      return '';
    case 'group':
      return words(n.body);
    case 'concat':
      return seqWords(n.items);
    case 'alt':
      return `either ${n.alternatives.map((a) => `(${words(a)})`).join(' or ')}`;
    case 'repeat': {
      const w = words(n.body);
      if (n.op === '?') return `optionally ${w}`;
      if (n.op === '*') return `${w}, any number of times (or none)`;
      return `${w}, one or more times`;
    }
  }
}

/** Describes a pattern in words (plain text: literals in double quotes). Never throws. */
export function describe(pattern: L7Pattern): L7Description {
  const d = describeMarked(pattern);
  return { ...d, reading: d.reading.map(plain) };
}

/** The same, as markdown: literal pattern bytes in code spans, everything else escaped. */
export function describeMarkdown(pattern: L7Pattern): L7Description {
  const d = describeMarked(pattern);
  return { ...d, reading: d.reading.map(markdown) };
}

function describeMarked(pattern: L7Pattern): L7Description {
  const reading: string[] = [];
  const warnings = allFindings(pattern);
  const engine = printableEngine(pattern.engine);
  if (pattern.errors.length > 0) {
    reading.push('the regexp does not compile, so the matcher never matches (the data is still collected)');
  } else if (pattern.engine.length === 0) {
    reading.push('an empty pattern matches every connection as soon as it carries any payload');
  } else {
    const ast = pattern.regex.ast;
    const a = anchors(ast);
    const body = words(ast);
    if (a.start && a.end) {
      reading.push(
        `exactly ${body}: the whole data collected so far, from the connection's first payload to the end of the packet being matched`,
      );
    } else if (a.start) {
      reading.push(
        `${body} at the very start of the connection's first collected payload (usually the initiator's first packet)`,
      );
    } else if (a.end) {
      reading.push(`${body} at the end of the packet being matched (the end of the data collected so far)`);
    } else {
      reading.push(`${body} anywhere in the first 2 KB (10 packets) of the connection, both directions`);
    }
    if (/[a-z]/.test(pattern.engine))
      reading.push('letters match in either case (layer-7 matching is case-insensitive)');
  }
  if (pattern.truncated !== null) {
    reading.push(
      `a NUL byte ends the pattern: ${lit(printableEngine(pattern.truncated.droppedWinbox))} is ignored`,
    );
  }
  for (const l of pattern.latin1Bytes) {
    reading.push(
      pattern.latin1Fold
        ? `byte ${hx(l.byte)} is read as ${hx(l.folded)} under the Latin-1 fold assumption; the reference code (C-locale tolower) looks for ${hx(l.byte)}`
        : `byte ${hx(l.byte)} is taken as written (as the reference code does); only under the Latin-1 fold assumption would it look for ${hx(l.folded)}`,
    );
  }
  const result: L7Description = { engine, reading, warnings };
  if (pattern.latin1Bytes.length > 0) {
    // Only the Latin-1 bytes differ between the two readings.
    let other = '';
    const at = new Map(pattern.latin1Bytes.map((l) => [l.engineIndex, l]));
    for (let i = 0; i < pattern.engine.length; i++) {
      const l = at.get(i);
      other +=
        l === undefined ? pattern.engine[i] : String.fromCharCode(pattern.latin1Fold ? l.byte : l.folded);
    }
    result.otherReading = { latin1Fold: !pattern.latin1Fold, engine: printableEngine(other) };
  }
  return result;
}
