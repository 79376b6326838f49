// Converts between string offsets (what every layer of the server uses) and line/character positions
// (what editors and the CLI show). Lines end at \n, \r\n or a lone \r, as RouterOS counts them.

import { commonPrefix, commonSuffix } from '../syntax/text-diff';

export interface LineCol {
  /** 0-based line. */
  line: number;
  /** 0-based column in UTF-16 code units (LSP's default encoding). */
  character: number;
}

export class LineIndex {
  /** lineStarts[i] = offset of the first character of line i. */
  private readonly lineStarts: number[];

  private static last: LineIndex | undefined;

  /**
   * The index of `text`, shared with the previous caller when the text is the same: the server and the
   * flow model both need one for every version of a document, and a 10,000-line file costs a scan each.
   * Only the last text is remembered, so at most one document's text outlives its use.
   */
  static of(text: string): LineIndex {
    const last = LineIndex.last;
    if (last && last.text === text) return last;
    return (LineIndex.last = (last && LineIndex.edited(last, text)) ?? new LineIndex(text));
  }

  /**
   * The index of `text` from that of a text it differs from in one region (a keystroke): the line starts
   * before the region are kept, those after it moved, and only the region is scanned. Undefined when
   * either text has a \r (a \r\n may straddle the region's edge): those are indexed whole.
   */
  private static edited(old: LineIndex, text: string): LineIndex | undefined {
    if (old.hasCr) return undefined;
    const limit = Math.min(old.text.length, text.length);
    const from = commonPrefix(old.text, text, limit);
    const tail = commonSuffix(old.text, text, limit - from);
    const oldTo = old.text.length - tail;
    const newTo = text.length - tail;
    const region = text.slice(from, newTo);
    if (region.indexOf('\r') >= 0) return undefined;
    const os = old.lineStarts;
    const starts: number[] = [];
    // Line starts after a \n before the region; then after each \n in it; then after each \n after it.
    let i = 0;
    while (i < os.length && os[i] <= from) starts.push(os[i++]);
    for (let j = region.indexOf('\n'); j >= 0; j = region.indexOf('\n', j + 1)) starts.push(from + j + 1);
    while (i < os.length && os[i] <= oldTo) i++;
    const delta = newTo - oldTo;
    while (i < os.length) starts.push(os[i++] + delta);
    return new LineIndex(text, starts);
  }

  /** True when the text has a \r (lines may end with \r\n or a lone \r). */
  private readonly hasCr: boolean;

  /** `known`: the line starts of `text`, when they are known already (LineIndex.of after an edit). */
  constructor(
    private readonly text: string,
    known?: number[],
  ) {
    if (known) {
      this.lineStarts = known;
      this.hasCr = false;
      return;
    }
    const starts = [0];
    this.hasCr = text.indexOf('\r') >= 0;
    if (!this.hasCr) {
      // The usual case: native indexOf finds each \n several times faster than a loop over the characters
      // (the index is rebuilt for every version of a document, so on every keystroke).
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): LineCol {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(o);
    return { line, character: o - this.lineStarts[line] };
  }

  /** The 0-based line of an offset: positionAt(offset).line without building the position object. */
  lineAt(offset: number): number {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  offsetAt(pos: LineCol): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[pos.line];
    const next = pos.line + 1 < this.lineStarts.length ? this.lineStarts[pos.line + 1] : this.text.length;
    return Math.min(start + Math.max(0, pos.character), next);
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }
}
