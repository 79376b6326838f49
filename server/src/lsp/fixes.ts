// Turns our fixes into LSP code actions: one quick fix per diagnostic, and "Fix all" for the safe ones.
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic as LspDiagnostic,
  type SnippetTextEdit,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { Diagnostic, TextEdit } from '../lint/types';
import type { Analysis } from './documents';
import { toLspDiagnostic, toLspEdits, toRange } from './convert';

export const fixAllKind = `${CodeActionKind.SourceFixAll}.routeros`;

function sameDiagnostic(a: Analysis, ours: Diagnostic, theirs: LspDiagnostic): boolean {
  if (theirs.code !== ours.code) return false;
  const s = a.lines.offsetAt(theirs.range.start);
  const e = a.lines.offsetAt(theirs.range.end);
  return s === ours.start && e === ours.end;
}

/**
 * A fix's edit. With `snippets` (the client announced `workspace.workspaceEdit.snippetEditSupport` and
 * `documentChanges`, LSP 3.18) edits that carry a snippet go out as snippet edits, so their tab stops
 * work; otherwise every client gets the plain text.
 */
function fixEdit(a: Analysis, edits: readonly TextEdit[], snippets: boolean): WorkspaceEdit {
  if (!snippets || !edits.some((e) => e.snippet !== undefined))
    return { changes: { [a.uri]: toLspEdits(a.lines, edits) } };
  const out: (LspTextEdit | SnippetTextEdit)[] = edits.map((e) =>
    e.snippet !== undefined
      ? { range: toRange(a.lines, e.start, e.end), snippet: { kind: 'snippet', value: e.snippet } }
      : { range: toRange(a.lines, e.start, e.end), newText: e.newText },
  );
  return { documentChanges: [{ textDocument: { uri: a.uri, version: a.version }, edits: out }] };
}

export function quickFixes(
  a: Analysis,
  requested: readonly LspDiagnostic[],
  rangeStart: number,
  rangeEnd: number,
  snippets = false,
): CodeAction[] {
  const out: CodeAction[] = [];
  const inRange = a.lint.diagnostics.filter((d) => d.fix && d.start <= rangeEnd && d.end >= rangeStart);
  for (const d of inRange) {
    const match = requested.find((r) => sameDiagnostic(a, d, r));
    const fix = d.fix!;
    if (fix.command !== undefined) {
      // A fix that asks first: the client's command prompts, then edits the range.
      const title = titleWithSafety(fix.title, fix.safe);
      out.push({
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [match ?? toLspDiagnostic(a.lines, a.uri, d)],
        command: {
          title,
          command: fix.command.name,
          arguments: [a.uri, toRange(a.lines, fix.command.start, fix.command.end), ...fix.command.args],
        },
      });
      continue;
    }
    out.push({
      title: titleWithSafety(fix.title, fix.safe),
      kind: CodeActionKind.QuickFix,
      diagnostics: [match ?? toLspDiagnostic(a.lines, a.uri, d)],
      isPreferred: fix.safe,
      edit: fixEdit(a, fix.edits, snippets),
      // A snippet whose first tab stop is empty: open completion there, which offers the values.
      ...(snippets && fix.edits.some((e) => e.snippet !== undefined && /\$1(?!\d)/.test(e.snippet))
        ? { command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } }
        : {}),
    });
  }
  return out;
}

/**
 * The lightbulb title says whether a fix is safe (cannot change what the router does; "Fix all" applies it)
 * or must be reviewed (it changes what the script does; the rule's own title says how).
 */
export function titleWithSafety(title: string, safe: boolean): string {
  return `${title} (${safe ? 'safe' : 'not safe: review, it changes what the script does'})`;
}

/** All safe fixes whose edits do not overlap, in document order (the first of two overlapping wins). */
export function safeEdits(diagnostics: readonly Diagnostic[]): TextEdit[] {
  const edits: TextEdit[] = [];
  let lastEnd = -1;
  const fixes = diagnostics.filter((d) => d.fix?.safe).map((d) => d.fix!);
  fixes.sort((x, y) => Math.min(...x.edits.map((e) => e.start)) - Math.min(...y.edits.map((e) => e.start)));
  for (const f of fixes) {
    const sorted = [...f.edits].sort((x, y) => x.start - y.start);
    if (sorted.length === 0 || sorted[0].start < lastEnd) continue;
    edits.push(...sorted);
    lastEnd = sorted[sorted.length - 1].end;
  }
  return edits;
}

/**
 * "Fix all": every safe fix. When there is none but some diagnostics have fixes that need review, the action
 * comes back disabled with the reason, so the editor tells the user why instead of "No fix all action
 * available".
 */
export function fixAll(a: Analysis, explainNone = false): CodeAction | undefined {
  const edits = safeEdits(a.lint.diagnostics);
  if (edits.length === 0) {
    const review = a.lint.diagnostics.filter((d) => d.fix && !d.fix.safe).length;
    if (!explainNone || review === 0) return undefined;
    return {
      title: 'Fix all safe RouterOS problems',
      kind: fixAllKind,
      disabled: {
        reason:
          `No safe fix in this file: ${review} fix${review === 1 ? '' : 'es'} would change what the script does. ` +
          'Review and apply them one by one from the lightbulb (Ctrl+.).',
      },
    };
  }
  return {
    title: 'Fix all safe RouterOS problems',
    kind: fixAllKind,
    edit: { changes: { [a.uri]: toLspEdits(a.lines, edits) } },
  };
}
