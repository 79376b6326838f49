// Formatting: indents blocks by bracket depth, gives `\` continuation lines the /export style (statement
// indent plus four spaces), collapses runs of spaces between arguments and trims line ends. It only ever
// changes white space outside strings, so the meaning cannot change; a test re-parses the output and
// compares the token streams.
import type { Token } from '../syntax';
import type { FeatureDoc } from './context';

export interface FormatOptions {
  tabSize?: number;
  insertSpaces?: boolean;
}

export interface FormatEdit {
  start: number;
  end: number;
  newText: string;
}

interface Line {
  /** Offset of the first character and of the line break (or text end). */
  start: number;
  end: number;
  /** Index of the first token starting on or after `start`. */
  firstToken: number;
}

/** The formatted text of a whole document. */
export function formatText(doc: FeatureDoc, options: FormatOptions = {}): string {
  const edits = getFormatEdits(doc, options);
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += doc.text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + doc.text.slice(at);
}

/**
 * Edits that format the document (or only the lines touching `range`). One edit per changed line, so
 * an editor keeps the cursor and undo history where nothing changed.
 */
export function getFormatEdits(
  doc: FeatureDoc,
  options: FormatOptions = {},
  range?: { start: number; end: number },
): FormatEdit[] {
  const text = doc.text;
  const tokens = doc.parse.tokens;
  const unit = options.insertSpaces === false ? '\t' : ' '.repeat(Math.max(1, options.tabSize ?? 4));
  const contIndent = options.insertSpaces === false ? '\t' : '    ';
  const edits: FormatEdit[] = [];

  // Lines as the token stream sees them: a line starts after a newline token (never inside a string,
  // whose continuations belong to the string token).
  const lines: Line[] = [];
  let lineStart = 0;
  let first = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].kind === 'newline') {
      lines.push({ start: lineStart, end: tokens[i].start, firstToken: first });
      lineStart = tokens[i].end;
      first = i + 1;
    }
  }
  lines.push({ start: lineStart, end: text.length, firstToken: first });

  let depth = 0;
  let continued = false; // The previous physical line ended with a `\` continuation.
  let statementIndent = '';
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li];
    const lineTokens: Token[] = [];
    for (let k = line.firstToken; k < tokens.length && tokens[k].start < line.end; k++)
      lineTokens.push(tokens[k]);
    // A continuation token inside the line splits it into physical lines: handle them as one logical
    // line whose inner line starts get the continuation indent.
    const lead = lineTokens[0]?.kind === 'whitespace' ? lineTokens[0] : undefined;
    const body = lead ? lineTokens.slice(1) : lineTokens;

    // Depth for this line: leading closers dedent it.
    let closers = 0;
    for (const t of body) {
      const s = text.slice(t.start, t.end);
      if (t.kind === 'punct' && (s === '}' || s === ']' || s === ')')) closers++;
      else break;
    }
    const indentDepth = Math.max(0, depth - closers);
    let indent: string;
    if (body.length === 0) indent = '';
    else if (continued) indent = statementIndent + contIndent;
    else {
      indent = unit.repeat(indentDepth);
      statementIndent = indent;
    }

    // Rebuild the line: new indent, then tokens with space runs collapsed; continuation lines inside the
    // logical line keep their breaks and get the continuation indent.
    let out = indent;
    for (let k = 0; k < body.length; k++) {
      const t = body[k];
      const s = text.slice(t.start, t.end);
      if (t.kind === 'whitespace') {
        const next = body[k + 1];
        if (!next) continue; // Trailing white space.
        if (next.kind === 'continuation') {
          out += ' ';
          continue;
        }
        const prev = body[k - 1];
        if (prev && prev.kind === 'continuation') {
          out += statementIndent + contIndent;
          continue;
        }
        out += ' ';
        continue;
      }
      if (t.kind === 'continuation') {
        // `\` then the line break; the next token's indentation is handled above.
        out += s.replace(/[ \t]+$/, '');
        // With no white space after the break in the source, none is added: it could split a word.
        continue;
      }
      if (t.kind === 'punct') {
        if (s === '{' || s === '[' || s === '(') depth++;
        else if (s === '}' || s === ']' || s === ')') depth = Math.max(0, depth - 1);
      }
      out += s;
    }
    const lastTok = body[body.length - 1];
    const endsContinued = !!lastTok && lastTok.kind === 'continuation';
    continued = endsContinued;

    const original = text.slice(line.start, line.end);
    if (out !== original && (!range || (line.end >= range.start && line.start <= range.end))) {
      edits.push({ start: line.start, end: line.end, newText: out });
    }
  }
  return edits;
}
