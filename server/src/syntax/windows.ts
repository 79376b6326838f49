// A parse of a big text in windows of top-level statements, for a one-shot lint (the CLI) that must not
// hold the tree of a whole 50 MB script at once (issue 22's memory). Each window is the parse a whole
// parse would make of those statements: the parser is resumed where the last window stopped, with the
// state it recorded there (the current menu, the top-level variables, the interned menus), exactly as an
// incremental re-parse resumes it (incremental.ts relies on the same determinism and tests it).
import type { ScriptNode } from './ast';
import type { ParseOptions } from './command-oracle';
import { resumeParse } from './parser';
import { makeParseResult, type ParseResult } from './tokens';
import type { ResumeFrom } from './trace';

/**
 * Parses `text` in windows of about `windowChars` characters, each ending at a top-level statement
 * boundary, and hands each window to `visit` in order; once `visit` returns, nothing keeps the window.
 * A window is a ParseResult whose root holds that window's top-level statements (at their offsets in the
 * whole text) and spans `root.start`..`root.end` (the first window starts at 0, the last ends at the end
 * of the text); its tokens and errors are those of its statements. It has no `trace` (it is not for
 * incremental re-parsing). The windows' statements, tokens and errors, put together, are those of
 * `parse(text, options)`; `isLast` tells the visitor that no window follows.
 */
export function parseWindows(
  text: string,
  options: ParseOptions,
  windowChars: number,
  visit: (window: ParseResult, isLast: boolean) => void,
): void {
  const size = Math.max(1, Math.floor(windowChars));
  const rootMenu: string[] = [];
  let resume: ResumeFrom = {
    pos: 0,
    menu: rootMenu,
    scope: new Set(),
    rootMenu,
    menuChildren: new Map(),
    source: { text },
    stopAt: () => false,
  };
  for (;;) {
    const from = resume.pos;
    const limit = from + size;
    // Stop before the first top-level statement that starts at or after the limit; a window holds at
    // least one statement, so the parse always moves on.
    resume.stopAt = (pos) => pos >= limit && pos > from;
    // Sized for the window (a statement may run past the limit; the store grows then).
    resume.expectChars = Math.min(text.length - from, size + 4096);
    const part = resumeParse(text, options, resume);
    const stopped = part.stoppedAt;
    const end = stopped ?? text.length;
    const root: ScriptNode = { kind: 'script', start: from, end, statements: part.statements };
    const t = part.trace;
    const window = makeParseResult(root, part.errors, part.steps, t);
    // The state to resume from, taken before the window goes (the scope Set is shared with the parser
    // that made it, so the next window gets a copy).
    const count = t.statements.length;
    const next: ResumeFrom | undefined =
      stopped === undefined
        ? undefined
        : {
            pos: stopped,
            menu: count > 0 ? t.statements.menu(count - 1) : resume.menu,
            scope: new Set(t.scope),
            rootMenu: t.rootMenu,
            menuChildren: t.menuChildren,
            source: t.source,
            stopAt: () => false,
          };
    window.trace = undefined;
    visit(window, next === undefined);
    if (next === undefined) return;
    resume = next;
  }
}
