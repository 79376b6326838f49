// Conversions between our offset-based data and LSP types. The only place (with cli/) where offsets
// become line/character.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic as LspDiagnostic,
  type Range,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { Diagnostic, Severity, TextEdit } from '../lint/types';
import type { LineIndex } from '../text/line-index';

export function toRange(lines: LineIndex, start: number, end: number): Range {
  return { start: lines.positionAt(start), end: lines.positionAt(end) };
}

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * Rule pages ship inside the package (docs/rules/RSCnnnn.md), so the link works offline and always
 * matches the installed version. dist/cli.js sits one folder below the package root.
 */
function findDocsRoot(): string | undefined {
  for (const candidate of [
    join(__dirname, '..', 'docs', 'rules'),
    join(__dirname, '..', '..', '..', 'docs', 'rules'),
  ]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}
const docsRoot = findDocsRoot();

export function ruleDocUri(code: string): string | undefined {
  if (!docsRoot) return undefined;
  const file = join(docsRoot, `${code}.md`);
  return existsSync(file) ? pathToFileURL(file).toString() : undefined;
}

export function toLspDiagnostic(lines: LineIndex, uri: string, d: Diagnostic): LspDiagnostic {
  const href = ruleDocUri(d.code);
  const out: LspDiagnostic = {
    range: toRange(lines, d.start, d.end),
    severity: severities[d.severity],
    code: d.code,
    source: 'routeros',
    message: d.message,
  };
  if (href) out.codeDescription = { href };
  if (d.related?.length) {
    out.relatedInformation = d.related.map((r) => ({
      location: { uri, range: toRange(lines, r.start, r.end) },
      message: r.message,
    }));
  }
  if (d.tags?.length) {
    out.tags = d.tags.map((t) =>
      t === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated,
    );
  }
  return out;
}

export function toLspEdits(lines: LineIndex, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: toRange(lines, e.start, e.end), newText: e.newText }));
}
