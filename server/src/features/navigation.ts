// Navigation over variables, functions and config names: go to definition, find references, document
// highlights and rename (with prepareRename). Variables follow RouterOS scoping; config names (address
// lists, marks, queues, ...) are file-wide. RouterOS's own names (menus, commands, arguments) never rename.
import { NAME_KIND_LABEL, nameSiteAt, sitesOf, type NameSite } from '../analysis/names';
import { occurrences, symbolAt, type Declaration, type ScopeModel } from '../analysis/scopes';
import { findNodeAt, isVarNameChar } from '../syntax';
import { namesOf, scopesOf, type FeatureDoc } from './context';

export interface Span {
  start: number;
  end: number;
}

export interface Highlight extends Span {
  kind: 'read' | 'write' | 'text';
}

export interface TextEdit extends Span {
  newText: string;
}

type Target =
  | { kind: 'variable'; name: string; span: Span; decl?: Declaration; model: ScopeModel }
  | { kind: 'name'; site: NameSite; span: Span };

function targetAt(doc: FeatureDoc, offset: number): Target | undefined {
  const model = scopesOf(doc);
  const sym = symbolAt(model, offset);
  if (sym) return { kind: 'variable', name: sym.name, span: sym, decl: sym.declaration, model };
  const site = nameSiteAt(namesOf(doc), offset);
  if (site) return { kind: 'name', site, span: site };
  return undefined;
}

/** Every occurrence of the target, declarations flagged. */
function allOccurrences(doc: FeatureDoc, t: Target): (Span & { isDeclaration: boolean; write?: boolean })[] {
  if (t.kind === 'name') {
    return sitesOf(namesOf(doc), t.site.kind, t.site.name).map((s) => ({
      start: s.start,
      end: s.end,
      isDeclaration: s.role === 'definition',
      write: s.role === 'definition',
    }));
  }
  if (t.decl) {
    return occurrences(t.model, t.decl).map((o) => ({ ...o, write: o.isDeclaration || o.kind === 'write' }));
  }
  // Undeclared: every undeclared use of the same name is the same run-time lookup.
  return t.model.references
    .filter((r) => r.name === t.name && !r.declaration && r.status === 'undeclared')
    .map((r) => ({ start: r.start, end: r.end, isDeclaration: false, write: r.kind === 'write' }));
}

export function getDefinition(doc: FeatureDoc, offset: number): Span[] {
  const t = targetAt(doc, offset);
  if (!t) return [];
  return allOccurrences(doc, t)
    .filter((o) => o.isDeclaration)
    .map(({ start, end }) => ({ start, end }));
}

export function getReferences(doc: FeatureDoc, offset: number, includeDeclaration = true): Span[] {
  const t = targetAt(doc, offset);
  if (!t) return [];
  return allOccurrences(doc, t)
    .filter((o) => includeDeclaration || !o.isDeclaration)
    .map(({ start, end }) => ({ start, end }));
}

export function getHighlights(doc: FeatureDoc, offset: number): Highlight[] {
  const t = targetAt(doc, offset);
  if (!t) return [];
  return allOccurrences(doc, t).map((o) => ({
    start: o.start,
    end: o.end,
    kind: o.write ? 'write' : 'read',
  }));
}

export type PrepareRenameResult = { start: number; end: number; placeholder: string } | { error: string };

export function prepareRename(doc: FeatureDoc, offset: number): PrepareRenameResult {
  const t = targetAt(doc, offset);
  if (!t) {
    const path = findNodeAt(doc.parse.root, offset);
    const inner = path[path.length - 1];
    if (
      inner.kind === 'command' ||
      inner.kind === 'path' ||
      inner.kind === 'namedArg' ||
      inner.kind === 'literal'
    ) {
      return { error: 'RouterOS names (menus, commands, arguments, values) cannot be renamed' };
    }
    return { error: 'Nothing to rename here' };
  }
  if (t.kind === 'variable') {
    if (/^[0-9]$/.test(t.name))
      return { error: `$${t.name} is a positional argument and has no name to change` };
  } else if (t.site.kind === 'interface') {
    const defined = sitesOf(namesOf(doc), 'interface', t.site.name).some((s) => s.role === 'definition');
    if (!defined)
      return { error: `${t.site.name} is an interface of the router, not a name this file defines` };
  }
  const name = t.kind === 'variable' ? t.name : t.site.name;
  return { start: t.span.start, end: t.span.end, placeholder: name };
}

/** Edits that rename the symbol at `offset` to `newName`, or an error message. */
export function rename(doc: FeatureDoc, offset: number, newName: string): TextEdit[] | { error: string } {
  const p = prepareRename(doc, offset);
  if ('error' in p) return p;
  const t = targetAt(doc, offset);
  if (!t) return { error: 'Nothing to rename here' };
  if (t.kind === 'variable') {
    // A plain name works everywhere: after `$`, in `"$name"`, in `:local name`, and inside `$"..."`.
    if (newName.length === 0 || ![...newName].every(isVarNameChar)) {
      return { error: `"${newName}" is not a plain variable name (letters, digits, _)` };
    }
  } else if (!/^[A-Za-z0-9_.:@+-][A-Za-z0-9_.:@+ -]*$/.test(newName) || newName.endsWith(' ')) {
    return { error: `"${newName}" is not a usable ${NAME_KIND_LABEL[t.site.kind]} name` };
  }
  const edits: TextEdit[] = [];
  const seen = new Set<number>();
  for (const o of allOccurrences(doc, t)) {
    if (seen.has(o.start)) continue;
    seen.add(o.start);
    let text = newName;
    // A bare word with a space must become a quoted string; inside quotes it stays as it is.
    if (t.kind === 'name' && newName.includes(' ') && doc.text[o.start - 1] !== '"') text = `"${newName}"`;
    edits.push({ start: o.start, end: o.end, newText: text });
  }
  return edits.sort((a, b) => a.start - b.start);
}
