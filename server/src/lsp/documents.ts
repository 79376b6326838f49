// Per-document analysis cache: the text of one version is parsed and linted once, and every request
// (diagnostics, hover, code actions, ...) for that version reuses the result.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LintMemo, lintParsed, parseOptions, type LintResult } from '../lint';
import { parse, reparse, type ParseOptions, type ParseResult } from '../syntax';
import type { LintOptions } from '../lint/types';
import { LineIndex } from '../text/line-index';

export interface Analysis {
  uri: string;
  version: number;
  text: string;
  lines: LineIndex;
  lint: LintResult;
  /** Milliseconds the lint took; feeds the adaptive debounce. */
  elapsedMs: number;
}

/**
 * The incremental re-parse, with a full parse as the safety net: reparse is tested to equal a full parse
 * and not to throw, but a bug there must cost one slower keystroke, never the document's diagnostics.
 */
function reparseOrParse(previous: Parsed, text: string, options: ParseOptions): ParseResult {
  try {
    return reparse(previous.parse, previous.text, text, options);
  } catch {
    return parse(text, options);
  }
}

/** The newest parse of a document, linted or not yet. */
interface Parsed {
  version: number;
  text: string;
  parse: ParseResult;
}

export class AnalysisCache {
  private readonly cache = new Map<string, Analysis>();
  /** Per document: the newest parse; the next version is re-parsed from it (it is then spent). */
  private readonly parses = new Map<string, Parsed>();
  private options: LintOptions = {};

  /** Per document: findings of the statement-local rules on statements that survived edits. */
  private readonly memos = new Map<string, LintMemo>();

  setOptions(options: LintOptions): void {
    this.options = options;
    this.cache.clear();
    this.parses.clear();
    this.memos.clear();
  }

  /** The parse of this version, re-parsed incrementally from the newest one there is. */
  private parsed(doc: TextDocument): Parsed {
    const last = this.parses.get(doc.uri);
    if (last && last.version === doc.version) return last;
    const text = doc.getText();
    // After an edit, only the statements the edit can touch are parsed again (syntax/incremental.ts).
    // The previous parse is spent by that: its tree now belongs to the new one, at new offsets, so an
    // analysis built on it is dropped too.
    const options = parseOptions(this.options);
    const next: Parsed = {
      version: doc.version,
      text,
      parse: last ? reparseOrParse(last, text, options) : parse(text, options),
    };
    if (last && this.cache.get(doc.uri)?.lint.parse === last.parse) this.cache.delete(doc.uri);
    this.parses.set(doc.uri, next);
    return next;
  }

  get(doc: TextDocument): Analysis {
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit;
    const t0 = performance.now();
    const { text, parse: parsed } = this.parsed(doc);
    let memo = this.memos.get(doc.uri);
    if (!memo) this.memos.set(doc.uri, (memo = new LintMemo()));
    const lint = lintParsed(parsed, text, this.options, memo);
    const a: Analysis = {
      uri: doc.uri,
      version: doc.version,
      text,
      lines: LineIndex.of(text),
      lint,
      elapsedMs: performance.now() - t0,
    };
    this.cache.set(doc.uri, a);
    return a;
  }

  /**
   * For requests that read only the text and the tree (completion): the analysis of this version if it
   * is linted already, else its parse alone, with no diagnostics. While the user types, completion then
   * costs a re-parse, not a lint; the lint of that version reuses the parse.
   */
  getParsed(doc: TextDocument): Analysis {
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit;
    const p = this.parsed(doc);
    return {
      uri: doc.uri,
      version: doc.version,
      text: p.text,
      lines: LineIndex.of(p.text),
      lint: { parse: p.parse, diagnostics: [] },
      elapsedMs: 0,
    };
  }

  peek(uri: string): Analysis | undefined {
    return this.cache.get(uri);
  }

  delete(uri: string): void {
    this.cache.delete(uri);
    this.parses.delete(uri);
    this.memos.delete(uri);
  }
}
