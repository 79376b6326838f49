// Keystroke -> diagnostics by kind of edit, on a 10,000-line document of scripts and an export (and a
// 50,000-line one): what the server does for one didChange (incremental re-parse, lint with the memo,
// conversion to LSP diagnostics), through the same AnalysisCache the server uses. Each kind is timed on
// seeded positions; an edit is undone (also timed) before the next, so the document stays the same.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from '../server/src/lsp/documents';
import { toLspDiagnostic } from '../server/src/lsp/convert';
import { prng as rng } from '../test/prng';
import { firewallExport, realShapedScript } from './inputs';
import { median } from './util';

/**
 * `lines` lines, well formed: half the real-shaped script cut at a block boundary (a document cut inside
 * an unclosed `{`, as bench/interactive.ts's is, puts the rest of the file in one statement, which every
 * keystroke in it then re-parses and re-lints whole), half a firewall/QoS export.
 */
export function typingDocument(lines = 10_000): string {
  const half = Math.floor(lines / 2);
  const script = realShapedScript(half * 60).split('\n');
  let cut = Math.min(half, script.length);
  while (cut > 0 && !script[cut].startsWith('# ')) cut--; // each block starts with its comment
  const fw = firewallExport(lines * 2).split('\n');
  return [...script.slice(0, cut), ...fw.slice(0, lines - cut)].join('\n');
}

/** What is typed: an insertion at a random line start or inside a line. */
export const EDIT_KINDS: Readonly<Record<string, string>> = {
  plain: 'x',
  quote: '"',
  'quote pair': '""',
  bracket: '[',
  'bracket pair': '[]',
  brace: '{',
  paren: '(',
  continuation: '\\\n',
};

export interface TypingResult {
  kind: string;
  /** Median milliseconds per keystroke (the edit and its undo). */
  median: number;
}

export function typingMedians(
  text: string,
  kinds: readonly string[],
  edits: number,
  seed: number,
): TypingResult[] {
  const cache = new AnalysisCache();
  let doc = TextDocument.create('file:///typing.rsc', 'routeros', 1, text);
  cache.get(doc);
  const lines = text.split('\n');
  const out: TypingResult[] = [];
  const apply = (
    range: { start: { line: number; character: number }; end: { line: number; character: number } },
    t: string,
  ) => {
    const t0 = performance.now();
    doc = TextDocument.update(doc, [{ range, text: t }], doc.version + 1);
    const a = cache.get(doc);
    a.lint.diagnostics.map((d) => toLspDiagnostic(a.lines, doc.uri, d));
    return performance.now() - t0;
  };
  // Kinds alternate edit by edit, so a slow phase of the machine hits them all alike.
  const times = new Map<string, number[]>(kinds.map((k) => [k, []]));
  const r = rng(seed);
  for (let i = 0; i < edits; i++) {
    for (const kind of kinds) {
      const typed = EDIT_KINDS[kind];
      const line = 1 + Math.floor(r() * (lines.length - 2));
      const character = Math.floor(r() * (lines[line].length + 1));
      const start = { line, character };
      times.get(kind)?.push(apply({ start, end: start }, typed));
      const endLine = typed.includes('\n') ? line + 1 : line;
      const endChar = typed.includes('\n') ? 0 : character + typed.length;
      times.get(kind)?.push(apply({ start, end: { line: endLine, character: endChar } }, ''));
    }
  }
  for (const kind of kinds) out.push({ kind, median: median(times.get(kind) ?? []) });
  return out;
}
