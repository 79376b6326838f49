// What the RSC3nnn rules share beyond the values themselves (l7/script.ts finds and decodes every
// `regexp=` of the document): the "Written · regex receives · matches" line of every pattern diagnostic,
// and turning the layer-7 engine's findings into diagnostics.
import { describe, printableEngine, type L7Finding, type L7Pattern } from '../../l7';
import { layer7Regexps, type L7RegexpValue } from '../../l7/script';
import { memoOn } from '../../syntax';
import type { RuleContext } from '../types';

// Several rules may report on one value; the reading is computed once and kept on the value (see memoOn).
const LAYERS = Symbol('layersLine');

/**
 * The two layers of a value in one line, appended to every pattern diagnostic: what was written, what the
 * regex compiler receives after the string decoder and the l7-filter pre-processing, and what that matches.
 */
export function layersLine(v: L7RegexpValue): string {
  return memoOn(v, LAYERS, computeLayersLine);
}

function computeLayersLine(v: L7RegexpValue): string {
  const written = v.pattern.raw.replace(/\\\r?\n[ \t]*/g, '');
  if (v.rejected)
    return `Written: ${written} (RouterOS rejects this string, so nothing reaches the matcher).`;
  const d = describe(v.pattern);
  return `Written: ${written} · regex receives: ${printableEngine(v.pattern.engine)} · matches: ${d.reading[0]}.`;
}

/** Reports engine findings as diagnostics of the calling rule (same ranges and fixes). */
export function reportFindings(ctx: RuleContext, findings: readonly L7Finding[], suffix = ''): void {
  for (const f of findings) {
    ctx.report({
      start: f.start,
      end: f.end,
      message: suffix === '' ? f.message : `${f.message}\n${suffix}`,
      ...(f.severity !== undefined ? { severity: f.severity } : {}),
      ...(f.fix !== undefined
        ? {
            fix: {
              title: f.fix.title,
              edits: f.fix.edits,
              safe: f.fix.safe,
              ...(f.fix.command !== undefined ? { command: f.fix.command } : {}),
            },
          }
        : {}),
    });
  }
}

/**
 * Runs one engine finder over every regexp of the document. The escaping rules look at every value; the
 * others only at values RouterOS accepts (a rejected line never reaches the matcher; fix the escaping first).
 */
export function checkPatterns(
  ctx: RuleContext,
  finder: (p: L7Pattern) => L7Finding[],
  options: { includeRejected?: boolean } = {},
): void {
  for (const v of layer7Regexps(ctx.parse, ctx.text)) {
    if (v.rejected && options.includeRejected !== true) continue;
    const found = finder(v.pattern);
    if (found.length > 0) reportFindings(ctx, found, layersLine(v));
  }
}

/** The document text of a finding's range inside the value, as written (the bytes the message quotes). */
export function writtenAt(p: L7Pattern, s: { start: number; end: number }): string {
  return p.raw.slice(s.start - p.rawStart, s.end - p.rawStart).replace(/\\\r?\n[ \t]*/g, '');
}

/**
 * Gives each engine finding the lint message form: one line saying the problem, one saying what to do.
 * `lines` returns the two; the layers line ("Written · regex receives · matches") is added after them by
 * checkPatterns.
 */
export function twoLines(
  findings: readonly L7Finding[],
  lines: (f: L7Finding) => readonly [problem: string, todo: string],
): L7Finding[] {
  return findings.map((f) => {
    const [problem, todo] = lines(f);
    return { ...f, message: `${problem}\n${todo}` };
  });
}
