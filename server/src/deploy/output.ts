// Reads what RouterOS printed for `/import ... verbose=yes` (or `:parse`) and maps each error back to a
// range of the local file: by the "(line N column M)" RouterOS reports, else by the last echoed script
// line (verbose mode echoes each line as it runs). Pure, linear in the output and the file.

export const SUCCESS_TEXT = 'Script file loaded and executed successfully';

export interface RouterError {
  /** RouterOS's message, verbatim (without ANSI codes). */
  message: string;
  /** Offsets into the local file text. */
  start: number;
  end: number;
  /** 0-based line in the local file. */
  line: number;
  /** How the position was found: RouterOS said it, the echo told it, or unknown (start of file). */
  located: 'reported' | 'echo' | 'none';
}

export interface ImportAnalysis {
  /** True only when RouterOS printed the success sentence and no error. */
  success: boolean;
  errors: RouterError[];
  /** 0-based local line of the last echoed command, when verbose echo was seen. */
  lastEchoLine?: number;
}

// Messages RouterOS prints for failing scripts. Checked only on lines that are not an echo of the
// script itself, so a script that logs "failure: x" is not mistaken for an error.
const ERROR_PATTERNS: RegExp[] = [
  /\(line \d+ column \d+\)/,
  /^\s*failure:/i,
  /^\s*script error:/i,
  /^\s*syntax error\b/i,
  /^\s*expected\b/i,
  /^\s*bad command name\b/i,
  /\bno such item\b/i,
  /\binput does not match any value of\b/i,
  /^\s*invalid value\b/i,
  /^\s*ambiguous value\b/i,
  /^\s*value of \S+ (?:out of range|must)\b/i,
  /^\s*(?:error|interrupted)\b/i,
  /^\s*no such command\b/i,
  /^\s*already have\b/i,
];

// eslint-disable-next-line no-control-regex -- ANSI escape sequences are control characters by nature.
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\r/g;

export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

interface LineIndex {
  starts: number[];
  /** trimmed text -> ascending 0-based line numbers */
  byText: Map<string, number[]>;
}

function indexLines(text: string): LineIndex {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  const byText = new Map<string, number[]>();
  for (let l = 0; l < starts.length; l++) {
    const t = lineText(text, starts, l).trim();
    if (t === '') continue;
    const arr = byText.get(t);
    if (arr) arr.push(l);
    else byText.set(t, [l]);
  }
  return { starts, byText };
}

function lineText(text: string, starts: number[], l: number): string {
  const end = l + 1 < starts.length ? starts[l + 1] - 1 : text.length;
  return text.slice(starts[l], end).replace(/\r$/, '');
}

/** First element >= min in an ascending array, by binary search. */
function firstAtLeast(arr: number[], min: number): number | undefined {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid] < min) lo = mid + 1;
    else hi = mid;
  }
  return lo < arr.length ? arr[lo] : undefined;
}

function rangeOfLine(text: string, idx: LineIndex, l: number): { start: number; end: number } {
  const t = lineText(text, idx.starts, l);
  const lead = t.length - t.trimStart().length;
  return { start: idx.starts[l] + lead, end: idx.starts[l] + t.length };
}

/** Turns RouterOS's 1-based line/column into a range: from the column to the end of that word. */
function rangeAt(
  text: string,
  idx: LineIndex,
  line1: number,
  col1: number,
): { start: number; end: number; line: number } {
  const l = Math.min(Math.max(line1 - 1, 0), idx.starts.length - 1);
  const t = lineText(text, idx.starts, l);
  const c = Math.min(Math.max(col1 - 1, 0), t.length);
  let e = c;
  while (e < t.length && !/\s/.test(t[e])) e++;
  if (e === c) return { ...rangeOfLine(text, idx, l), line: l };
  return { start: idx.starts[l] + c, end: idx.starts[l] + e, line: l };
}

/** Analyses the full output of an import (or a `:parse` check) against the local file's text. */
export function analyzeOutput(output: string, localText: string): ImportAnalysis {
  const idx = indexLines(localText);
  const errors: RouterError[] = [];
  let sawSuccess = false;
  let nextLine = 0;
  let lastEcho: number | undefined;
  for (const rawLine of stripAnsi(output).split('\n')) {
    const line = rawLine.trim();
    if (line === '') continue;
    if (line.includes(SUCCESS_TEXT)) {
      sawSuccess = true;
      continue;
    }
    // An echo of the next script line: verbose mode prints each command before running it.
    const candidates = idx.byText.get(line);
    const echoed = candidates ? firstAtLeast(candidates, nextLine) : undefined;
    if (echoed !== undefined) {
      lastEcho = echoed;
      nextLine = echoed + 1;
      continue;
    }
    // An echo carrying its line number ("12: add ...", "#12 add ...", "line 12: add ..."): accepted only
    // when the rest is exactly that line of the file, so a number in ordinary output is never misread.
    const numbered = /^(?:#|line\s+)?(\d{1,7})[:.)]?\s+(.+)$/i.exec(line);
    if (numbered) {
      const l = Number(numbered[1]) - 1;
      if (
        l >= 0 &&
        l < idx.starts.length &&
        lineText(localText, idx.starts, l).trim() === numbered[2].trim()
      ) {
        lastEcho = l;
        nextLine = l + 1;
        continue;
      }
    }
    if (!ERROR_PATTERNS.some((re) => re.test(line))) continue;
    const pos = /\(line (\d+) column (\d+)\)/.exec(line);
    if (pos) {
      const r = rangeAt(localText, idx, Number(pos[1]), Number(pos[2]));
      errors.push({ message: line, ...r, located: 'reported' });
    } else if (lastEcho !== undefined) {
      errors.push({
        message: line,
        ...rangeOfLine(localText, idx, lastEcho),
        line: lastEcho,
        located: 'echo',
      });
    } else {
      errors.push({ message: line, start: 0, end: 0, line: 0, located: 'none' });
    }
  }
  return { success: sawSuccess && errors.length === 0, errors, lastEchoLine: lastEcho };
}
