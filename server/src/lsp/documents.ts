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
function reparseOrParse(previous: Analysis, text: string, options: ParseOptions): ParseResult {
  try {
    return reparse(previous.lint.parse, previous.text, text, options);
  } catch {
    return parse(text, options);
  }
}

export class AnalysisCache {
  private readonly cache = new Map<string, Analysis>();
  private options: LintOptions = {};

  /** Per document: findings of the statement-local rules on statements that survived edits. */
  private readonly memos = new Map<string, LintMemo>();

  setOptions(options: LintOptions): void {
    this.options = options;
    this.cache.clear();
    this.memos.clear();
  }

  get(doc: TextDocument): Analysis {
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit;
    const text = doc.getText();
    const t0 = performance.now();
    // After an edit, only the statements the edit can touch are parsed again (syntax/incremental.ts). The
    // previous analysis is replaced below: its tree now belongs to the new one, at new offsets.
    const options = parseOptions(this.options);
    const parsed = hit ? reparseOrParse(hit, text, options) : parse(text, options);
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

  peek(uri: string): Analysis | undefined {
    return this.cache.get(uri);
  }

  delete(uri: string): void {
    this.cache.delete(uri);
    this.memos.delete(uri);
  }
}
