// LSP handlers for the editor features: each one looks up the cached analysis, converts the position to
// an offset, calls the plain function in features/ and converts the result back. No logic lives here.
import {
  CompletionItemKind,
  DocumentHighlightKind,
  FoldingRangeKind,
  InsertTextFormat,
  MarkupKind,
  ResponseError,
  SymbolKind as LspSymbolKind,
  type CompletionItem as LspCompletionItem,
  type DocumentHighlight,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type Location,
  type Position,
  type Range,
  type SelectionRange,
  type SemanticTokens,
  type SignatureHelp as LspSignatureHelp,
  type SymbolInformation,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { getCompletions, type CompletionKind } from '../features/completion';
import { formatText, getFormatEdits } from '../features/format';
import { getHover } from '../features/hover';
import { getDefinition, getHighlights, getReferences, prepareRename, rename } from '../features/navigation';
import { getSemanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES } from '../features/semantic-tokens';
import { getSelectionRanges, getSignatureHelp } from '../features/signature';
import {
  getDocumentSymbols,
  getFoldingRanges,
  getWorkspaceSymbols,
  matchesQuery,
  type DocSymbol,
  type SymbolKind,
} from '../features/symbols';
import type { Analysis } from './documents';
import { toRange } from './convert';

export const semanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

const doc = (a: Analysis) => ({ text: a.text, parse: a.lint.parse });
const off = (a: Analysis, p: Position) => a.lines.offsetAt(p);

const completionKinds: Record<CompletionKind, CompletionItemKind> = {
  menu: CompletionItemKind.Module,
  command: CompletionItemKind.Method,
  globalCommand: CompletionItemKind.Function,
  argument: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  variable: CompletionItemKind.Variable,
  function: CompletionItemKind.Function,
  name: CompletionItemKind.Constant,
  snippet: CompletionItemKind.Snippet,
};

export function completion(a: Analysis, p: Position, target: string): LspCompletionItem[] {
  const range = (s: number, e: number): Range => toRange(a.lines, s, e);
  return getCompletions(doc(a), off(a, p), { target }).map((i) => {
    const item: LspCompletionItem = {
      label: i.label,
      kind: completionKinds[i.kind],
      detail: i.detail,
      sortText: i.sortText,
      filterText: i.filterText,
      textEdit: { range: range(i.replaceStart, i.replaceEnd), newText: i.insertText },
    };
    if (i.documentation) item.documentation = { kind: MarkupKind.Markdown, value: i.documentation };
    if (i.snippet) item.insertTextFormat = InsertTextFormat.Snippet;
    if (i.deprecated) item.tags = [1];
    if (i.retrigger) item.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
    return item;
  });
}

export function hover(a: Analysis, p: Position, target: string, latin1Fold = false): Hover | null {
  const h = getHover(doc(a), off(a, p), { target, latin1Fold });
  if (!h) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: h.contents },
    range: toRange(a.lines, h.start, h.end),
  };
}

export function definition(a: Analysis, p: Position): Location[] {
  return getDefinition(doc(a), off(a, p)).map((s) => ({
    uri: a.uri,
    range: toRange(a.lines, s.start, s.end),
  }));
}

export function references(a: Analysis, p: Position, includeDeclaration: boolean): Location[] {
  return getReferences(doc(a), off(a, p), includeDeclaration).map((s) => ({
    uri: a.uri,
    range: toRange(a.lines, s.start, s.end),
  }));
}

export function highlights(a: Analysis, p: Position): DocumentHighlight[] {
  return getHighlights(doc(a), off(a, p)).map((h) => ({
    range: toRange(a.lines, h.start, h.end),
    kind: h.kind === 'write' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
  }));
}

export function prepare(a: Analysis, p: Position): { range: Range; placeholder: string } {
  const r = prepareRename(doc(a), off(a, p));
  // LSP reports a refused rename as an error response, which editors show as the reason.
  if ('error' in r) throw new ResponseError(-32803, r.error);
  return { range: toRange(a.lines, r.start, r.end), placeholder: r.placeholder };
}

export function doRename(a: Analysis, p: Position, newName: string): WorkspaceEdit {
  const r = rename(doc(a), off(a, p), newName);
  if ('error' in r) throw new ResponseError(-32803, r.error);
  return {
    changes: { [a.uri]: r.map((e) => ({ range: toRange(a.lines, e.start, e.end), newText: e.newText })) },
  };
}

const symbolKinds: Record<SymbolKind, LspSymbolKind> = {
  namespace: LspSymbolKind.Namespace,
  method: LspSymbolKind.Method,
  variable: LspSymbolKind.Variable,
  function: LspSymbolKind.Function,
  constant: LspSymbolKind.Constant,
};

export function documentSymbols(a: Analysis): DocumentSymbol[] {
  const conv = (s: DocSymbol): DocumentSymbol => ({
    name: s.name || '(unnamed)',
    detail: s.detail,
    kind: symbolKinds[s.kind],
    range: toRange(a.lines, s.start, s.end),
    selectionRange: toRange(a.lines, s.selectionStart, s.selectionEnd),
    children: s.children.map(conv),
  });
  return getDocumentSymbols(doc(a)).map(conv);
}

export function workspaceSymbols(analyses: Iterable<Analysis>, query: string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const a of analyses) {
    for (const s of getWorkspaceSymbols(doc(a))) {
      if (!matchesQuery(s.name, query)) continue;
      out.push({
        name: s.name,
        kind: symbolKinds[s.kind],
        location: { uri: a.uri, range: toRange(a.lines, s.start, s.end) },
        containerName: s.container,
      });
      if (out.length >= 1000) return out;
    }
  }
  return out;
}

export function foldingRanges(a: Analysis): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const r of getFoldingRanges(doc(a))) {
    const startLine = a.lines.positionAt(r.start).line;
    let endLine = a.lines.positionAt(r.end).line;
    // Keep the closing bracket visible: fold up to the line before it.
    if (r.kind === undefined && /[}\])]/.test(a.text[r.end - 1] ?? '') && endLine > startLine) endLine--;
    if (endLine <= startLine) continue;
    const f: FoldingRange = { startLine, endLine };
    if (r.kind === 'comment') f.kind = FoldingRangeKind.Comment;
    else if (r.kind === 'region') f.kind = FoldingRangeKind.Region;
    out.push(f);
  }
  return out;
}

/** The LSP delta encoding of semantic tokens. */
export function semanticTokens(a: Analysis, range?: Range): SemanticTokens {
  const r = range ? { start: a.lines.offsetAt(range.start), end: a.lines.offsetAt(range.end) } : undefined;
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  for (const t of getSemanticTokens(doc(a), r)) {
    const pos = a.lines.positionAt(t.start);
    const type = TOKEN_TYPES.indexOf(t.type);
    let mods = 0;
    for (const m of t.modifiers) mods |= 1 << TOKEN_MODIFIERS.indexOf(m);
    const dl = pos.line - prevLine;
    data.push(dl, dl === 0 ? pos.character - prevChar : pos.character, t.end - t.start, type, mods);
    prevLine = pos.line;
    prevChar = pos.character;
  }
  return { data };
}

export function formatting(
  a: Analysis,
  options: { tabSize: number; insertSpaces: boolean },
  range?: Range,
): TextEdit[] {
  const r = range ? { start: a.lines.offsetAt(range.start), end: a.lines.offsetAt(range.end) } : undefined;
  return getFormatEdits(doc(a), options, r).map((e) => ({
    range: toRange(a.lines, e.start, e.end),
    newText: e.newText,
  }));
}

export { formatText };

export function signatureHelp(a: Analysis, p: Position): LspSignatureHelp | null {
  const s = getSignatureHelp(doc(a), off(a, p));
  if (!s) return null;
  return {
    signatures: [
      {
        label: s.label,
        documentation: s.documentation ? { kind: MarkupKind.Markdown, value: s.documentation } : undefined,
        parameters: s.parameters.map((x) => ({
          label: x.label,
          documentation: x.documentation ? { kind: MarkupKind.Markdown, value: x.documentation } : undefined,
        })),
        activeParameter: s.activeParameter >= 0 ? s.activeParameter : undefined,
      },
    ],
    activeSignature: 0,
    activeParameter: s.activeParameter >= 0 ? s.activeParameter : undefined,
  };
}

export function selectionRanges(a: Analysis, positions: Position[]): SelectionRange[] {
  return positions.map((p) => {
    const ranges = getSelectionRanges(doc(a), off(a, p));
    let parent: SelectionRange | undefined;
    for (let i = ranges.length - 1; i >= 0; i--) {
      parent = { range: toRange(a.lines, ranges[i].start, ranges[i].end), parent };
    }
    return parent ?? { range: { start: p, end: p } };
  });
}
